using TheoryLab.Analysis;
using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Tables;
using TheoryLab.Text;

namespace TheoryLab.Experiments.Landscape;

/// <summary>
/// How <see cref="BatchNormLandscape"/> shows its <see cref="Measurement"/>: the sweep's final losses and stable rates,
/// the training curves, the landscape along each probe run, the findings and the figures, naming columns through
/// <see cref="Columns"/>.
/// </summary>
public sealed partial class BatchNormLandscape
{
    /// <summary>The columns of the sweep, training-curve, landscape and stability-threshold tables; a network's column is named by its key.</summary>
    private static class Columns
    {
        public static readonly Column LearningRate = new("learning_rate");
        public static readonly Column Step = new("step");
        public static readonly Column Loss = new("loss");

        public static Column FinalLoss(string network) => new($"final_loss_{network}");
        public static Column Stable(string network) => new($"stable_{network}");
        public static Column Diverged(string network) => new($"diverged_{network}");
        public static Column DivergedAtStep(string network) => new($"diverged_at_step_{network}");
        public static Column DivergedDrawn(string network) => new($"diverged_drawn_{network}");

        /// <summary>The training curve of the network at the learning rate of this index in the sweep.</summary>
        public static Column Curve(string network, int rate) => new($"loss_{network}_{rate}");

        public static Column Probed(string network) => new($"probed_{network}");
        public static Column ProbeLoss(string network) => new($"loss_{network}");
        public static Column LossMin(string network) => new($"loss_min_{network}");
        public static Column LossMax(string network) => new($"loss_max_{network}");
        public static Column GradientNorm(string network) => new($"gradient_norm_{network}");
        public static Column GradientChangeMin(string network) => new($"gradient_change_min_{network}");
        public static Column GradientChangeMax(string network) => new($"gradient_change_max_{network}");
        public static Column EffectiveSmoothness(string network) => new($"effective_smoothness_{network}");
    }

    private static ExperimentResult Present(BatchNormLandscapeOptions o, Measurement measured)
    {
        double threshold = o.StableLossFraction * Math.Log(measured.Classes);
        var result = new ExperimentResult();
        var sweep = AddSweep(result, o, measured.Rates, measured.Sweeps, threshold);
        var curves = AddCurves(result, o, measured.Rates, measured.Sweeps);
        var landscape = AddLandscape(result, o, measured.Probes, measured.Sweeps);
        AddFigures(result, o, measured.Architecture, measured.Rates, threshold, sweep, curves, landscape);
        return result;
    }

    /// <returns>The sweep's table: final losses and divergences by learning rate, which its figure draws.</returns>
    private static Table AddSweep(ExperimentResult result, BatchNormLandscapeOptions o, double[] rates, Dictionary<string, List<RunRecord>> sweeps, double threshold)
    {
        var table = new Table("sweep").Add(Columns.LearningRate, rates);
        var largest = new Dictionary<string, double>();
        foreach (var (key, label, _) in Networks)
        {
            var runs = sweeps[key];
            var finals = runs.Select(r => r.FinalLoss(o.Steps)).ToArray();
            var stable = finals.Select(f => double.IsFinite(f) && f < threshold).ToArray();
            table.Add(Columns.FinalLoss(key), finals)
                .Add(Columns.Stable(key), stable.Select(s => s ? 1.0 : 0.0))
                .Add(Columns.Diverged(key), runs.Select(r => r.Diverged ? 1.0 : 0.0))
                .Add(Columns.DivergedAtStep(key), runs.Select(r => r.DivergedAtStep is { } step ? (double)step : double.NaN))
                .Add(Columns.DivergedDrawn(key), runs.Select(r => r.Diverged ? DivergedDrawnAt(o, threshold) : double.NaN));
            largest[key] = rates.Where((_, i) => stable[i]).DefaultIfEmpty(0).Max();
            result.Add(new Finding($"largest_stable_lr_{key}", largest[key], "η",
                $"Largest learning rate of the sweep at which the network {label} trained stably: every batch loss finite and the mean over the last " +
                $"tenth of the {o.Steps} steps below {o.StableLossFraction} ln(classes) = {threshold:F3} (0 when none did)."));
            var diverged = runs.Where(r => r.Diverged).ToList();
            result.Add(new Finding($"diverged_runs_{key}", diverged.Count, "runs",
                $"Learning rates of the sweep at which the training of the network {label} diverged (a batch loss stopped being finite)" +
                (diverged.Count == 0 ? ": none." : ": " + string.Join(", ", diverged.Select(r => $"η = {NumberText.Short(r.LearningRate, 3)} at step {r.DivergedAtStep}")) + ".")));
        }
        result.Add(table);
        if (largest["plain"] > 0)
        {
            result.Add(new Finding("stable_lr_ratio", largest["batch_norm"] / largest["plain"], "1",
                "Largest stable learning rate with batch norm over that without (quantised by the sweep's grid). Ioffe and Szegedy trained " +
                "BN-Inception at 5 and 30 times Inception's learning rate; Santurkar et al. compare VGG at 0.1 and 0.5."));
        }
        return table;
    }

    /// <returns>The training curves' table, which their figures draw.</returns>
    private static Table AddCurves(ExperimentResult result, BatchNormLandscapeOptions o, double[] rates, Dictionary<string, List<RunRecord>> sweeps)
    {
        int length = o.Steps / o.CurvePoints;
        var table = new Table("training-curves").Add(Columns.Step, Enumerable.Range(1, o.CurvePoints).Select(k => (double)(k == o.CurvePoints ? o.Steps : k * length)));
        foreach (var (key, _, _) in Networks)
            for (int i = 0; i < rates.Length; i++)
                table.Add(Columns.Curve(key, i), sweeps[key][i].Curve(o.Steps, o.CurvePoints));
        result.Add(table);
        return table;
    }

    /// <summary>
    /// The landscape along each network's probe run, at the scheduled probe steps; where that run diverged, the steps
    /// after it have no probe (NaN, <c>probed_*</c> 0) and the findings say it diverged rather than average a truncated run.
    /// </summary>
    /// <returns>The landscape's table, which its figures draw.</returns>
    private static Table AddLandscape(ExperimentResult result, BatchNormLandscapeOptions o, Dictionary<string, List<(long Step, GradientStepProfile Profile)>> probes,
        Dictionary<string, List<RunRecord>> sweeps)
    {
        var steps = ProbeSteps(o).ToArray();
        var table = new Table("landscape").Add(Columns.Step, steps.Select(s => (double)s));
        foreach (var (key, label, _) in Networks)
        {
            var profiles = probes[key].Select(p => p.Profile).ToArray();
            IEnumerable<double> Column(Func<GradientStepProfile, double> pick) =>
                steps.Select((_, i) => i < profiles.Length ? pick(profiles[i]) : double.NaN);
            table.Add(Columns.Probed(key), steps.Select((_, i) => i < profiles.Length ? 1.0 : 0.0))
                .Add(Columns.ProbeLoss(key), Column(p => p.Loss))
                .Add(Columns.LossMin(key), Column(p => p.LossRange.Min))
                .Add(Columns.LossMax(key), Column(p => p.LossRange.Max))
                .Add(Columns.GradientNorm(key), Column(p => p.GradientNorm))
                .Add(Columns.GradientChangeMin(key), Column(p => p.GradientChangeRange.Min))
                .Add(Columns.GradientChangeMax(key), Column(p => p.GradientChangeRange.Max))
                .Add(Columns.EffectiveSmoothness(key), Column(p => p.EffectiveSmoothness));
            string along = $"along the gradient step (η' from {o.ProbeStepSizes.Min()} to {o.ProbeStepSizes.Max()}) at {steps.Length} points of the η = {o.ProbeLearningRate} run {label}";
            (string Name, string Unit, string Meaning, Func<GradientStepProfile, double> Measure)[] quantities =
            [
                ($"mean_loss_range_{key}", "nats", $"Mean spread max − min of the batch loss L(x − η'∇L) {along} (Santurkar et al.'s loss variation: smaller is a more Lipschitz loss).",
                    p => p.LossRange.Max - p.LossRange.Min),
                ($"mean_gradient_change_{key}", "1", $"Mean of the largest gradient change ‖∇L(x) − ∇L(x − η'∇L)‖ {along} (gradient predictiveness: smaller is more predictive).",
                    p => p.GradientChangeRange.Max),
                ($"mean_effective_smoothness_{key}", "1", $"Mean effective β-smoothness, max over η' of ‖∇L(x) − ∇L(x − η'∇L)‖ / (η'‖∇L(x)‖), {along}.",
                    p => p.EffectiveSmoothness),
            ];
            var probeRun = sweeps[key].Single(r => r.LearningRate == o.ProbeLearningRate);
            foreach (var (name, unit, meaning, measure) in quantities)
                result.Add(probeRun.DivergedAtStep is { } step
                    ? Finding.Diverged(name, unit, $"{meaning} The run diverged at step {step}, after {profiles.Length} of the points.")
                    : new Finding(name, profiles.Average(measure), unit, meaning));
        }
        result.Add(table);
        return table;
    }

    private static void AddFigures(ExperimentResult result, BatchNormLandscapeOptions o, string architecture, double[] rates, double threshold,
        Table sweep, Table curves, Table landscape)
    {
        string setting = $"{architecture.Replace(" with batch norm", "", StringComparison.Ordinal)} on {o.Dataset}, SGD with batch {o.BatchSize}" +
            $"{(o.Momentum > 0 ? $" and momentum {o.Momentum}" : "")}, {o.Steps} steps";
        foreach (var (key, label, _) in Networks)
        {
            result.Add(new Figure($"training-curves-{key.Replace('_', '-')}",
                $"Training loss (mean batch loss over stretches of {o.Steps / o.CurvePoints} steps) of the network {label} at each learning rate; a curve that stops has diverged. {setting}.",
                new Axis("step"), new Axis("training loss (nats)", Log: true),
                [.. rates.Select((r, i) => new Line(curves.Name, Columns.Step, Columns.Curve(key, i), $"η = {NumberText.Short(r, 3)}"))])
            { Legend = LegendPlace.LowerLeft });
        }
        var stability = new Table("stability-threshold").Add(Columns.LearningRate, [rates[0], rates[^1]]).Add(Columns.Loss, [threshold, threshold]);
        result.Add(stability);
        result.Add(new Figure("final-loss-vs-learning-rate",
                $"Final training loss (mean over the last tenth of the steps) against the learning rate, with and without batch norm; runs below the dashed line ({o.StableLossFraction} ln(classes)) are stable; runs that diverged have no final loss and are drawn apart, at 2 ln(classes). {setting}.",
                new Axis("learning rate η", Log: true), new Axis("final training loss (nats)", Log: true),
                [new Markers(sweep.Name, Columns.LearningRate, Columns.FinalLoss("plain"), "without batch norm"), new Markers(sweep.Name, Columns.LearningRate, Columns.FinalLoss("batch_norm"), "with batch norm"),
                 new Line(stability.Name, Columns.LearningRate, Columns.Loss, "stability threshold", Dashed: true),
                 .. Networks.Where(n => sweep.Numbers(Columns.Diverged(n.Key)).Contains(1))
                     .Select(n => new Markers(sweep.Name, Columns.LearningRate, Columns.DivergedDrawn(n.Key), $"diverged, {n.Label}"))])
        { Legend = LegendPlace.LowerRight });
        string probe = $"along the gradient, η' from {o.ProbeStepSizes.Min()} to {o.ProbeStepSizes.Max()}, during training at η = {o.ProbeLearningRate}; {setting}";
        result.Add(new Figure("loss-landscape", $"Loss landscape: the range of the batch loss L(x − η'∇L) {probe} (Santurkar et al.'s Fig. 4a).",
                new Axis("step"), new Axis("loss (nats)", Log: true),
                [new Band(landscape.Name, Columns.Step, Columns.LossMin("plain"), Columns.LossMax("plain"), "without batch norm"),
                 new Band(landscape.Name, Columns.Step, Columns.LossMin("batch_norm"), Columns.LossMax("batch_norm"), "with batch norm")]))
            .Add(new Figure("gradient-predictiveness", $"Gradient predictiveness: the range of ‖∇L(x) − ∇L(x − η'∇L)‖ {probe} (Santurkar et al.'s Fig. 4b).",
                new Axis("step"), new Axis("gradient change (ℓ2)", Log: true),
                [new Band(landscape.Name, Columns.Step, Columns.GradientChangeMin("plain"), Columns.GradientChangeMax("plain"), "without batch norm"),
                 new Band(landscape.Name, Columns.Step, Columns.GradientChangeMin("batch_norm"), Columns.GradientChangeMax("batch_norm"), "with batch norm")]))
            .Add(new Figure("effective-smoothness", $"Effective β-smoothness, max over η' of ‖∇L(x) − ∇L(x − η'∇L)‖ / (η'‖∇L‖), {probe} (Santurkar et al.'s Fig. 4c).",
                new Axis("step"), new Axis("effective β-smoothness", Log: true),
                [new Line(landscape.Name, Columns.Step, Columns.EffectiveSmoothness("plain"), "without batch norm"),
                 new Line(landscape.Name, Columns.Step, Columns.EffectiveSmoothness("batch_norm"), "with batch norm")]));
    }

    /// <summary>Where the final-loss figure draws a diverged run, which has no final loss: at 2 ln(classes), twice a uniform guess's loss.</summary>
    private static double DivergedDrawnAt(BatchNormLandscapeOptions o, double threshold) => 2 * threshold / o.StableLossFraction;
}

using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Numerics.Fits;
using TheoryLab.Numerics.Statistics;
using TheoryLab.Tables;
using TheoryLab.Text;

namespace TheoryLab.Experiments.Optimization;

/// <summary>
/// How <see cref="AdaGradNormRobustness"/> shows its <see cref="Measurement"/>: every run, the sweep of each
/// dataset–network pair and its robust ranges, the quadratic's plateau beside its theory, the findings and the figures,
/// naming every column through <see cref="Columns"/>.
/// </summary>
public sealed partial class AdaGradNormRobustness
{
    /// <summary>The columns of every table; a method's columns in the sweep tables start with its key.</summary>
    private static class Columns
    {
        public static readonly Column Dataset = new("dataset");
        public static readonly Column Model = new("model");
        public static readonly Column Method = new("method");
        public static readonly Column B0 = new("b0");
        public static readonly Column Replicate = new("replicate");
        public static readonly Column TrainLoss = new("train_loss");
        public static readonly Column TestAccuracy = new("test_accuracy");
        public static readonly Column DivergedRun = new("diverged");
        public static readonly Column DecadesAccuracy = new("decades_accuracy");
        public static readonly Column DecadesLoss = new("decades_loss");
        public static readonly Column BestAccuracy = new("best_accuracy");
        public static readonly Column BestAccuracyB0 = new("best_accuracy_b0");
        public static readonly Column BestLoss = new("best_loss");
        public static readonly Column Steps = new("steps");
        public static readonly Column Converged = new("converged");
        public static readonly Column AdaGradNormFinalB = new("adagrad_norm_b_final");
        public static readonly Column FinalB = new("b_final");
        public static readonly Column Threshold = new("threshold");
        public static readonly Column EtaL = new("eta_l");
        public static readonly Column Bound = new("bound");

        public static Column Loss(string method) => new($"{method}_loss");
        public static Column LossError(string method) => new($"{method}_loss_se");
        public static Column Accuracy(string method) => new($"{method}_accuracy");
        public static Column AccuracyError(string method) => new($"{method}_accuracy_se");
        public static Column Diverged(string method) => new($"{method}_diverged");
    }

    private static ExperimentResult Present(AdaGradNormOptions o, Measurement measured)
    {
        var (runs, methods, scales, quadratic) = measured;
        var result = new ExperimentResult();
        result.Add(RunsTable(runs));
        var sweeps = new List<Table>();
        var ranges = new List<RangeRecord>();
        foreach (var config in runs.Select(r => (r.Setting.Dataset, r.Setting.Model)).Distinct())
        {
            var sweep = Sweep(runs.Where(r => r.Setting.Dataset == config.Dataset && r.Setting.Model == config.Model).ToList(), methods, scales);
            result.Add(sweep);
            sweeps.Add(sweep);
            foreach (string method in methods) ranges.Add(Range(config.Dataset, config.Model, method, sweep, scales, o));
            AddSweepFigures(result, sweep, config.Dataset, config.Model, methods, o);
        }
        result.Add(RangeTable(ranges));
        if (methods.Contains("adagrad-norm")) AddFinalScaleFigure(result, o, sweeps);
        AddRangeFindings(result, ranges, methods, scales, o);
        AddQuadratic(result, quadratic);
        return result;
    }

    private static Table RunsTable(List<RunRecord> runs) => new Table("runs")
        .AddText(Columns.Dataset, runs.Select(r => r.Setting.Dataset))
        .AddText(Columns.Model, runs.Select(r => r.Setting.Model))
        .AddText(Columns.Method, runs.Select(r => r.Setting.Method))
        .Add(Columns.B0, runs.Select(r => r.Setting.B0))
        .Add(Columns.Replicate, runs.Select(r => (double)r.Setting.Replicate))
        .Add(Columns.TrainLoss, runs.Select(r => r.TrainLoss))
        .Add(Columns.TestAccuracy, runs.Select(r => r.TestAccuracy))
        .Add(Columns.DivergedRun, runs.Select(r => r.Diverged ? 1.0 : 0.0));

    private static string ConfigName(string dataset, string model) => $"{dataset}-{model}";

    /// <summary>Per b₀, each method's mean and standard error over replicates of loss and accuracy, and the fraction diverged.</summary>
    private static Table Sweep(List<RunRecord> runs, string[] methods, double[] scales)
    {
        var first = runs[0].Setting;
        var table = new Table($"sweep-{ConfigName(first.Dataset, first.Model)}").Add(Columns.B0, scales);
        foreach (string method in methods)
        {
            string key = InitialStepScale.Key(method);
            var groups = scales.Select(b0 => runs.Where(r => r.Setting.Method == method && r.Setting.B0 == b0).ToList()).ToList();
            table.Add(Columns.Loss(key), groups.Select(g => g.Average(r => r.TrainLoss)))
                .Add(Columns.LossError(key), groups.Select(g => Moments.StandardError([.. g.Select(r => r.TrainLoss)])))
                .Add(Columns.Accuracy(key), groups.Select(g => g.Average(r => r.TestAccuracy)))
                .Add(Columns.AccuracyError(key), groups.Select(g => Moments.StandardError([.. g.Select(r => r.TestAccuracy)])))
                .Add(Columns.Diverged(key), groups.Select(g => g.Average(r => r.Diverged ? 1.0 : 0.0)));
            if (method == "adagrad-norm") table.Add(Columns.AdaGradNormFinalB, groups.Select(g => g.Average(r => r.FinalB)));
        }
        return table;
    }

    private static RangeRecord Range(string dataset, string model, string method, Table sweep, double[] scales, AdaGradNormOptions o)
    {
        string key = InitialStepScale.Key(method);
        var accuracy = sweep.Numbers(Columns.Accuracy(key));
        var loss = sweep.Numbers(Columns.Loss(key));
        var byAccuracy = RobustRange.Decades(scales, accuracy, higherIsBetter: true, (a, best) => a >= best - o.AccuracyMargin);
        var byLoss = RobustRange.Decades(scales, loss, higherIsBetter: false, (l, best) => l <= best + o.LossMargin);
        return new RangeRecord(dataset, model, method, byAccuracy.Decades, byLoss.Decades, accuracy[byAccuracy.Best], scales[byAccuracy.Best], loss[byLoss.Best]);
    }

    private static Table RangeTable(List<RangeRecord> ranges) => new Table("robust-range")
        .AddText(Columns.Dataset, ranges.Select(r => r.Dataset))
        .AddText(Columns.Model, ranges.Select(r => r.Model))
        .AddText(Columns.Method, ranges.Select(r => r.Method))
        .Add(Columns.DecadesAccuracy, ranges.Select(r => r.AccuracyDecades))
        .Add(Columns.DecadesLoss, ranges.Select(r => r.LossDecades))
        .Add(Columns.BestAccuracy, ranges.Select(r => r.BestAccuracy))
        .Add(Columns.BestAccuracyB0, ranges.Select(r => r.BestAccuracyB0))
        .Add(Columns.BestLoss, ranges.Select(r => r.BestLoss));

    private static void AddRangeFindings(ExperimentResult result, List<RangeRecord> ranges, string[] methods, double[] scales, AdaGradNormOptions o)
    {
        double span = Math.Log10(scales[^1] / scales[0]);
        int configs = ranges.Select(r => (r.Dataset, r.Model)).Distinct().Count();
        foreach (string method in methods)
        {
            var mine = ranges.Where(r => r.Method == method).ToList();
            result.Add(new Finding($"decades_{InitialStepScale.Key(method)}", mine.Average(r => r.AccuracyDecades), "decades",
                $"{InitialStepScale.Describe(method)}: width in decades of the contiguous range of b₀ (of the {span:G3} swept) whose mean test accuracy is within {o.AccuracyMargin:G3} of its best, averaged over the {configs} dataset–network pairs (each in table robust-range)."));
            result.Add(new Finding($"loss_decades_{InitialStepScale.Key(method)}", mine.Average(r => r.LossDecades), "decades",
                $"The same range for the mean final training loss within {o.LossMargin:G3} nats of the method's best."));
        }
        if (methods.Contains("adagrad-norm") && methods.Contains("sgd"))
        {
            var gains = ranges.Where(r => r.Method == "adagrad-norm")
                .Select(n => n.AccuracyDecades - ranges.Single(s => s.Method == "sgd" && s.Dataset == n.Dataset && s.Model == n.Model).AccuracyDecades).ToList();
            result.Add(new Finding("adagrad_norm_gain_min", gains.Min(), "decades",
                "Smallest, over dataset–network pairs, of AdaGrad-Norm's accuracy range minus SGD's (η/b₀): the decades of b₀ AdaGrad-Norm tolerates beyond SGD (Ward et al.: positive, AdaGrad-Norm is robust to b₀ where SGD is not)."));
        }
    }

    private static void AddSweepFigures(ExperimentResult result, Table sweep, string dataset, string model, string[] methods, AdaGradNormOptions o)
    {
        string config = ConfigName(dataset, model);
        string budget = $"{o.Steps} steps of {o.BatchSize}, η = {NumberText.Short(o.LearningRate, 3)}, {o.Replicates} replicate{(o.Replicates == 1 ? "" : "s")}";
        var lossSeries = methods.Select(m => (Series)new Markers(sweep.Name, Columns.B0, Columns.Loss(InitialStepScale.Key(m)), InitialStepScale.Describe(m), Columns.LossError(InitialStepScale.Key(m)))).ToList();
        var accuracySeries = methods.Select(m => (Series)new Markers(sweep.Name, Columns.B0, Columns.Accuracy(InitialStepScale.Key(m)), InitialStepScale.Describe(m), Columns.AccuracyError(InitialStepScale.Key(m)))).ToList();
        result.Add(new Figure($"loss-{config}",
            $"Final training loss on {dataset} ({model}) after {budget}, against the initial scale b₀ (mean ± 1 s.e. over replicates); diverged runs are drawn at {DivergedLoss} nats. " +
            "Where methods coincide (SGD, AdaGrad-Norm and AdaGrad at large b₀) the last marker drawn hides the others.",
            new Axis("initial scale b₀", Log: true), new Axis("final training loss (nats)", Log: true, Max: 6 * DivergedLoss), lossSeries)
        { Legend = LegendPlace.UpperRight });
        result.Add(new Figure($"accuracy-{config}",
            $"Test accuracy on {dataset} ({model}) after {budget}, against the initial scale b₀ (mean ± 1 s.e. over replicates); coinciding markers hide each other.",
            new Axis("initial scale b₀", Log: true), Axis.Fraction("test accuracy") with { Min = 0 }, accuracySeries)
        { Legend = LegendPlace.UpperRight });
    }

    private static void AddFinalScaleFigure(ExperimentResult result, AdaGradNormOptions o, List<Table> sweeps)
    {
        var series = sweeps.Select(t => (Series)new Markers(t.Name, Columns.B0, Columns.AdaGradNormFinalB, t.Name["sweep-".Length..])).ToList();
        series.Add(new Line(sweeps[0].Name, Columns.B0, Columns.B0, "b = b₀", Dashed: true));
        result.Add(new Figure("b-final",
            $"AdaGrad-Norm's final b after {o.Steps} steps against b₀ (mean over replicates), for each dataset and network.",
            new Axis("initial scale b₀", Log: true), new Axis("final b", Log: true), series)
        { Legend = LegendPlace.UpperLeft });
    }

    private static void AddQuadratic(ExperimentResult result, QuadraticMeasurement q)
    {
        var (d, l, eta, gap, scales, outcomes) = q;
        double threshold = AdaGradNormPlateau.StabilityThreshold(eta, l);
        var table = new Table("b-plateau")
            .Add(Columns.B0, scales)
            .Add(Columns.FinalB, outcomes.Select(x => x.FinalB))
            .Add(Columns.Threshold, scales.Select(_ => threshold))
            .Add(Columns.EtaL, scales.Select(_ => eta * l))
            .Add(Columns.Bound, scales.Select(b0 => AdaGradNormPlateau.UpperBound(eta, l, gap, b0)))
            .Add(Columns.Steps, outcomes.Select(x => (double)x.Steps))
            .Add(Columns.Converged, outcomes.Select(x => x.Converged ? 1.0 : 0.0));
        result.Add(table);
        // The theory lines on a fine grid, so that the bound's kink at b₀ = ηL shows.
        var fine = Enumerable.Range(0, TheoryPoints).Select(j => scales[0] * Math.Pow(scales[^1] / scales[0], j / (TheoryPoints - 1.0))).ToArray();
        var theory = new Table("b-plateau-theory")
            .Add(Columns.B0, fine)
            .Add(Columns.Threshold, fine.Select(_ => threshold))
            .Add(Columns.EtaL, fine.Select(_ => eta * l))
            .Add(Columns.Bound, fine.Select(b0 => AdaGradNormPlateau.UpperBound(eta, l, gap, b0)));
        result.Add(theory);

        var below = outcomes.Where(x => x.InitialB < threshold).ToList();
        if (below.Count > 0)
        {
            result.Add(new Finding("plateau_over_threshold_min", below.Min(x => x.FinalB) / threshold, "1",
                $"Smallest final b over ηL/2 = {NumberText.Short(threshold, 4)} among the b₀ below it (η = {NumberText.Short(eta, 3)}, L = {NumberText.Short(l, 3)}); theory: at least 1, since gradient descent with step η/b is stable on the top eigen-direction only if η/b ≤ 2/L."));
            result.Add(new Finding("plateau_spread_below_threshold", below.Max(x => x.FinalB) / below.Min(x => x.FinalB), "1",
                "Largest over smallest final b among the b₀ below ηL/2: near 1 when b forgets where it started."));
        }
        result.Add(new Finding("growth_over_bound_max", outcomes.Zip(scales, (x, b0) => (x.FinalB - b0) / (AdaGradNormPlateau.UpperBound(eta, l, gap, b0) - b0)).Max(), "1",
            $"Largest ratio of b's growth b_∞ − b₀ to the growth Ward et al.'s two-phase bound allows (2(F(x₀) − F*)/η once b₀ ≥ ηL, more with the ln(ηL/b₀) phase below), F(x₀) − F* = {gap:G4}: at most 1."));
        result.Add(new Finding("quadratic_converged", outcomes.Count(x => x.Converged), "runs",
            $"Quadratic runs (of {outcomes.Count}) that reached ‖∇f‖ ≤ {NumberText.Short(QuadraticTolerance)} ‖∇f(x₀)‖."));

        result.Add(new Figure("b-plateau",
            $"AdaGrad-Norm with exact gradients on a quadratic (d = {d}, eigenvalues from 1 to L = {NumberText.Short(l, 3)}, η = {NumberText.Short(eta, 3)}): the final b against b₀ (markers), " +
            "the stability threshold ηL/2 below which b cannot settle, ηL, and Ward et al.'s upper bound (dashed).",
            new Axis("initial scale b₀", Log: true), new Axis("final b", Log: true, Min: threshold / 8),
            [
                new Markers(table.Name, Columns.B0, Columns.FinalB, "measured final b"),
                new Line(theory.Name, Columns.B0, Columns.Threshold, "ηL/2"),
                new Line(theory.Name, Columns.B0, Columns.EtaL, "ηL", Dashed: true),
                new Line(theory.Name, Columns.B0, Columns.Bound, "Ward et al.'s bound", Dashed: true),
            ])
        { Legend = LegendPlace.LowerRight });
    }

}

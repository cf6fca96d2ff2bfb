using TheoryLab.Analysis;
using TheoryLab.Data;
using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Models.ConvNets;
using TheoryLab.Models.MeanField;
using TheoryLab.Options;
using TheoryLab.Tables;
using TheoryLab.Text;
using TheoryLab.Torch;
using TheoryLab.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Experiments.Landscape;

/// <summary>The network <see cref="BatchNormLandscape"/> trains with and without batch norm.</summary>
public enum BatchNormNetwork
{
    /// <summary>A small VGG-style CNN (<see cref="Vgg.Small"/>), batch norm after every convolution.</summary>
    Vgg,
    /// <summary>A ReLU MLP, batch norm after every hidden affine layer.</summary>
    Mlp,
}

/// <summary>
/// Options of <see cref="BatchNormLandscape"/>. Santurkar et al. trained VGG on CIFAR-10 with and without batch norm at
/// learning rates 0.1 and 0.5 (batch 128) and probed the landscape along the gradient up to 0.4 times the gradient. The
/// defaults scale this to a 2-core CPU: a six-convolution VGG-style network (8, 16, 32 channels) on MNIST's test split
/// cut 8,000 / 2,000 (mnist-t10k), 200 SGD steps of 128 (3.2 epochs) at each of seven learning rates from 0.01 to 10.
/// </summary>
public sealed record BatchNormLandscapeOptions
{
    [Option("Dataset: 28×28 images (mnist-t10k and its kin: a test split cut 8,000 / 2,000; or the full sets) or MNIST-1D sequences.",
        ChoicesFrom = typeof(BenchmarkDatasets))]
    public string Dataset { get; init; } = "mnist-t10k";

    [Option("Network: vgg (blocks of 3-wide convolutions, each followed by batch norm in the normalised twin, ReLU and 2-pooling) or mlp.")]
    public BatchNormNetwork Network { get; init; } = BatchNormNetwork.Vgg;

    [Option("VGG: channels of each block's convolutions.", Min = 1, Max = 4096)]
    public int[] Channels { get; init; } = [8, 16, 32];

    [Option("VGG: convolutions per block (before each pooling).", Min = 1, Max = 16)]
    public int ConvolutionsPerBlock { get; init; } = 2;

    [Option("MLP: units in each hidden layer.", Min = 1, Max = 65_536)]
    public int HiddenUnits { get; init; } = 128;

    [Option("MLP: hidden layers.", Min = 1, Max = 100)]
    public int HiddenLayers { get; init; } = 6;

    [Option("Draw convolution weights as He et al. (2015) do, N(0, 2/fan-in), as VGG implementations do; false keeps torch's default, under which the deep network without batch norm hardly trains at any rate (its signal shrinks layer by layer).")]
    public bool HeInitialization { get; init; } = true;

    [Option("Learning rates of the sweep (plain SGD steps).", Min = 1e-6, Max = 1000, Unit = "η")]
    public double[] LearningRates { get; init; } = [0.01, 0.03, 0.1, 0.3, 1, 3, 10];

    [Option("SGD steps of every run.", Min = 10, Max = 10_000_000, Unit = "steps")]
    public int Steps { get; init; } = 200;

    [Option("Examples per mini-batch (Santurkar et al.: 128).", Min = 2, Max = 65_536)]
    public int BatchSize { get; init; } = 128;

    [Option("Heavy-ball momentum (0: plain SGD, whose steps are the gradient steps the landscape measures follow).", Min = 0, Max = 0.999, Unit = "μ")]
    public double Momentum { get; init; } = 0;

    [Option("A run is stable when every batch loss is finite and the mean batch loss over its last tenth of steps is below this fraction of ln(classes), the loss of a uniform guess (a network that learnt nothing, or died, stays near 1).", Min = 0.01, Max = 1)]
    public double StableLossFraction { get; init; } = 0.8;

    [Option("Learning rate of the runs along which the landscape is probed (both networks; added to the sweep if absent).", Min = 1e-6, Max = 1000, Unit = "η")]
    public double ProbeLearningRate { get; init; } = 0.1;

    [Option("Step sizes η' of the probe: the loss L(x − η'∇L) and the gradient change ‖∇L(x) − ∇L(x − η'∇L)‖ are measured at each (Santurkar et al. go up to 0.4).", Min = -100, Max = 100)]
    public double[] ProbeStepSizes { get; init; } = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4];

    [Option("Points along training at which the landscape is probed (each on a fresh training batch), the first before training and the last at its end.", Min = 2, Max = 10_000,
        Derived = "30, or one per step when there are fewer steps")]
    public int ProbePoints { get => _probePoints ?? Math.Min(30, Steps); init => _probePoints = value; }

    private readonly int? _probePoints;

    [Option("Points of each training curve (the mean batch loss over each of this many equal stretches of steps).", Min = 2, Max = 10_000,
        Derived = "30, or one per step when there are fewer steps")]
    public int CurvePoints { get => _curvePoints ?? Math.Min(30, Steps); init => _curvePoints = value; }

    private readonly int? _curvePoints;

    [OptionGroup]
    public ThreadOptions Runtime { get; init; } = new();
}

/// <summary>
/// Batch normalisation (Ioffe and Szegedy 2015) and the landscape (Santurkar, Tsipras, Ilyas and Mądry 2018): the same
/// network with and without batch norm trained by SGD over a sweep of learning rates gives each network's largest
/// stable learning rate; along one trajectory of each, the loss and gradient measured along the gradient step show how
/// much smoother the normalised network's landscape is.
/// </summary>
public sealed class BatchNormLandscape : Experiment<BatchNormLandscapeOptions>
{
    private static readonly (string Key, string Label, bool Normalised)[] Networks =
        [("plain", "without batch norm", false), ("batch_norm", "with batch norm", true)];

    public override string Id => "batch-norm";
    public override string Title => "Batch norm: larger stable learning rates and a smoother landscape";
    public override Topic Topic => Topic.Landscape;
    public override IReadOnlyList<string> Papers => ["ioffe2015batch", "santurkar2018how", "he2015delving"];

    public override string Summary =>
        "Trains one network with and without batch norm (after every convolution or hidden layer) by SGD at each learning rate " +
        "of a sweep: training curves, the final loss, and the largest learning rate at which training is stable (finite, and the " +
        "final loss below a fraction of ln(classes)). Along one trajectory of each network it measures Santurkar et al.'s (2018) " +
        "landscape quantities on each probe batch: the range of L(x − η'∇L) over step sizes η' (loss Lipschitzness), the range " +
        "of ‖∇L(x) − ∇L(x − η'∇L)‖ (gradient predictiveness) and the effective β-smoothness. Defaults: a six-convolution " +
        "VGG-style network on mnist-t10k, 200 steps of 128 per learning rate.";

    public override BatchNormLandscapeOptions Quick => Defaults with
    {
        Dataset = "mnist1d",
        LearningRates = [0.1, 0.3, 1, 3],
        Steps = 250,
        BatchSize = 50,
        ProbeLearningRate = 0.1,
        ProbeStepSizes = [0.1, 0.2, 0.3, 0.4],
    };

    protected override IEnumerable<string> Inconsistencies(BatchNormLandscapeOptions o)
    {
        if (o.CurvePoints > o.Steps) yield return $"curve_points ({o.CurvePoints}) exceeds the steps ({o.Steps}); use at most one point per step.";
        if (o.ProbePoints > o.Steps) yield return $"probe_points ({o.ProbePoints}) exceeds the steps ({o.Steps}); use at most one probe per step.";
        if (o.LearningRates.Length == 0) yield return "give at least one learning rate to sweep.";
    }

    public override CostEstimate EstimateCost(BatchNormLandscapeOptions o)
    {
        bool oneDimensional = o.Dataset.StartsWith("mnist1d", StringComparison.Ordinal);
        int[] shape = oneDimensional ? [40] : [1, 28, 28];
        var spec = Network(o, shape, 10, normalised: true);
        double perStep = 3.0 * spec.MultiplyAddsPerExample * o.BatchSize / CostCalibration.BatchNorm.MultiplyAddsPerSecond + CostCalibration.BatchNorm.SecondsPerStepOverhead;
        int runs = 2 * o.LearningRates.Append(o.ProbeLearningRate).Distinct().Count();
        long steps = (long)runs * o.Steps + 2L * o.ProbePoints * (o.ProbeStepSizes.Length + 1);
        return CostEstimate.FromCalibration(steps, "SGD steps and probe gradients", perStep, 1);
    }

    public override ExperimentResult Run(BatchNormLandscapeOptions o, RunContext context)
    {
        var device = TorchSetup.Prepare(context.Device);
        var data = Datasets.Load(o.Dataset, context.Data, context.Seed);
        using var threads = IntraOpThreads.Use(o.Runtime.Threads);
        using var scope = NewDisposeScope();
        var (inputs, labels) = data.Train.Standardised(data.Train, device);
        double[] rates = [.. o.LearningRates.Append(o.ProbeLearningRate).Distinct().Order()];
        double threshold = o.StableLossFraction * Math.Log(data.Train.Classes);
        int weightSeed = Seeds.Derive(context.Seed, "initial weights");

        var sweeps = new Dictionary<string, List<RunRecord>>();
        var probes = new Dictionary<string, List<(long Step, GradientStepProfile Profile)>>();
        SequentialSpec? described = null;
        using (var task = context.Progress.Start("SGD runs with and without batch norm", 2L * rates.Length * o.Steps))
        {
            foreach (var (key, label, normalised) in Networks)
            {
                var spec = Network(o, data.Train.ExampleShape, data.Train.Classes, normalised);
                described ??= spec;
                sweeps[key] = [];
                foreach (double rate in rates)
                {
                    var probed = rate == o.ProbeLearningRate ? new List<(long, GradientStepProfile)>() : null;
                    sweeps[key].Add(Train(o, spec, rate, inputs, labels, weightSeed, context, task, label, probed));
                    if (probed is not null) probes[key] = probed;
                }
            }
        }

        var result = new ExperimentResult();
        var sweep = AddSweep(result, o, rates, sweeps, threshold);
        AddCurves(result, o, rates, sweeps);
        AddLandscape(result, o, probes, sweeps);
        AddFigures(result, o, described!, rates, threshold, sweep);
        return result;
    }

    /// <summary>The network with or without batch norm; the two differ only in the normalisation layers.</summary>
    private static SequentialSpec Network(BatchNormLandscapeOptions o, int[] shape, int classes, bool normalised)
    {
        if (o.Network == BatchNormNetwork.Vgg) return Vgg.Small(shape, o.Channels, normalised, o.ConvolutionsPerBlock, classes);
        var layers = new List<LayerSpec>();
        for (int k = 0; k < o.HiddenLayers; k++)
        {
            layers.Add(new Dense(o.HiddenUnits));
            if (normalised) layers.Add(new BatchNorm());
            layers.Add(new ActivationLayer(Activations.Relu));
        }
        layers.Add(new Dense(classes));
        return new SequentialSpec($"MLP {o.HiddenLayers}×{o.HiddenUnits}{(normalised ? " with batch norm" : "")}", shape, layers);
    }

    /// <summary>
    /// One SGD run from the shared initial weights: every batch loss up to the first non-finite one, where the trainer
    /// stops and records the divergence (later steps would say nothing), and the landscape probes when
    /// <paramref name="probes"/> is given.
    /// </summary>
    private static RunRecord Train(BatchNormLandscapeOptions o, SequentialSpec spec, double rate, Tensor inputs, Tensor labels, int weightSeed,
        RunContext context, IProgressTask task, string label, List<(long, GradientStepProfile)>? probes)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)weightSeed);
        var model = spec.Build(generator);
        if (o.HeInitialization) HeInitialization.Convolutions(model, generator);
        model.to(inputs.device);
        var problem = new Problem(model, new TensorBatches(inputs, labels, o.BatchSize, shuffle: true, context.Seed), Classification.CrossEntropy);
        var losses = new List<double>(o.Steps);
        var callbacks = new List<TrainingCallback>
        {
            moment =>
            {
                if (moment.BatchLoss is not { } loss) return;
                losses.Add(loss);
                task.Advance(1, $"{label}, η = {rate:G3}: loss {loss:F3}");
            },
        };
        using var probeBatches = probes is null ? null
            : Batches(new TensorBatches(inputs, labels, o.BatchSize, shuffle: true, Seeds.Derive(context.Seed, "probe batches"))).GetEnumerator();
        if (probeBatches is not null)
        {
            callbacks.Add(TrainingCallbacks.At(ProbeSteps(o), moment =>
            {
                using var probeScope = NewDisposeScope();
                probeBatches.MoveNext();
                probes!.Add((moment.Step, GradientStepProfile.Measure(problem, probeBatches.Current, o.ProbeStepSizes)));
            }));
        }
        var summary = Trainer.Train(problem, new SgdSettings(rate, o.Momentum), o.Steps, callbacks, context.Cancellation, DivergencePolicy.Record);
        if (summary.Divergence is { } divergence) task.Advance(o.Steps - losses.Count, $"{label}, η = {rate:G3}: diverged at step {divergence.Step}");
        return new RunRecord(rate, losses, summary.Divergence?.Step);
    }

    private static IReadOnlySet<long> ProbeSteps(BatchNormLandscapeOptions o) => TrainingCallbacks.EvenlySpaced(o.Steps, o.ProbePoints - 1);

    /// <summary>The batches of epoch 0, 1, 2, … of <paramref name="source"/>, without end.</summary>
    private static IEnumerable<Batch> Batches(IBatchSource source)
    {
        for (int epoch = 0; ; epoch++)
            foreach (var batch in source.Epoch(epoch)) yield return batch;
    }

    /// <returns>The sweep's table: final losses and divergences by learning rate, which its figure draws.</returns>
    private static Table AddSweep(ExperimentResult result, BatchNormLandscapeOptions o, double[] rates, Dictionary<string, List<RunRecord>> sweeps, double threshold)
    {
        var table = new Table("sweep").Add("learning_rate", rates);
        var largest = new Dictionary<string, double>();
        foreach (var (key, label, _) in Networks)
        {
            var runs = sweeps[key];
            var finals = runs.Select(r => r.FinalLoss(o.Steps)).ToArray();
            var stable = finals.Select(f => double.IsFinite(f) && f < threshold).ToArray();
            table.Add($"final_loss_{key}", finals)
                .Add($"stable_{key}", stable.Select(s => s ? 1.0 : 0.0))
                .Add($"diverged_{key}", runs.Select(r => r.Diverged ? 1.0 : 0.0))
                .Add($"diverged_at_step_{key}", runs.Select(r => r.DivergedAtStep is { } step ? (double)step : double.NaN))
                .Add($"diverged_drawn_{key}", runs.Select(r => r.Diverged ? DivergedDrawnAt(o, threshold) : double.NaN));
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

    private static void AddCurves(ExperimentResult result, BatchNormLandscapeOptions o, double[] rates, Dictionary<string, List<RunRecord>> sweeps)
    {
        int length = o.Steps / o.CurvePoints;
        var table = new Table("training-curves").Add("step", Enumerable.Range(1, o.CurvePoints).Select(k => (double)(k == o.CurvePoints ? o.Steps : k * length)));
        foreach (var (key, _, _) in Networks)
            for (int i = 0; i < rates.Length; i++)
                table.Add($"loss_{key}_{i}", sweeps[key][i].Curve(o.Steps, o.CurvePoints));
        result.Add(table);
    }

    /// <summary>
    /// The landscape along each network's probe run, at the scheduled probe steps; where that run diverged, the steps
    /// after it have no probe (NaN, <c>probed_*</c> 0) and the findings say it diverged rather than average a truncated run.
    /// </summary>
    private static void AddLandscape(ExperimentResult result, BatchNormLandscapeOptions o, Dictionary<string, List<(long Step, GradientStepProfile Profile)>> probes,
        Dictionary<string, List<RunRecord>> sweeps)
    {
        var steps = ProbeSteps(o).ToArray();
        var table = new Table("landscape").Add("step", steps.Select(s => (double)s));
        foreach (var (key, label, _) in Networks)
        {
            var profiles = probes[key].Select(p => p.Profile).ToArray();
            IEnumerable<double> Column(Func<GradientStepProfile, double> pick) =>
                steps.Select((_, i) => i < profiles.Length ? pick(profiles[i]) : double.NaN);
            table.Add($"probed_{key}", steps.Select((_, i) => i < profiles.Length ? 1.0 : 0.0))
                .Add($"loss_{key}", Column(p => p.Loss))
                .Add($"loss_min_{key}", Column(p => p.LossRange.Min))
                .Add($"loss_max_{key}", Column(p => p.LossRange.Max))
                .Add($"gradient_norm_{key}", Column(p => p.GradientNorm))
                .Add($"gradient_change_min_{key}", Column(p => p.GradientChangeRange.Min))
                .Add($"gradient_change_max_{key}", Column(p => p.GradientChangeRange.Max))
                .Add($"effective_smoothness_{key}", Column(p => p.EffectiveSmoothness));
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
    }

    private static void AddFigures(ExperimentResult result, BatchNormLandscapeOptions o, SequentialSpec spec, double[] rates, double threshold, Table sweep)
    {
        string setting = $"{spec.Name.Replace(" with batch norm", "", StringComparison.Ordinal)} on {o.Dataset}, SGD with batch {o.BatchSize}" +
            $"{(o.Momentum > 0 ? $" and momentum {o.Momentum}" : "")}, {o.Steps} steps";
        foreach (var (key, label, _) in Networks)
        {
            result.Add(new Figure($"training-curves-{key.Replace('_', '-')}",
                $"Training loss (mean batch loss over stretches of {o.Steps / o.CurvePoints} steps) of the network {label} at each learning rate; a curve that stops has diverged. {setting}.",
                new Axis("step"), new Axis("training loss (nats)", Log: true),
                [.. rates.Select((r, i) => new Line("training-curves", "step", $"loss_{key}_{i}", $"η = {NumberText.Short(r, 3)}"))])
            { Legend = LegendPlace.LowerLeft });
        }
        result.Add(new Table("stability-threshold").Add("learning_rate", [rates[0], rates[^1]]).Add("loss", [threshold, threshold]));
        result.Add(new Figure("final-loss-vs-learning-rate",
                $"Final training loss (mean over the last tenth of the steps) against the learning rate, with and without batch norm; runs below the dashed line ({o.StableLossFraction} ln(classes)) are stable; runs that diverged have no final loss and are drawn apart, at 2 ln(classes). {setting}.",
                new Axis("learning rate η", Log: true), new Axis("final training loss (nats)", Log: true),
                [new Markers(sweep.Name, "learning_rate", "final_loss_plain", "without batch norm"), new Markers(sweep.Name, "learning_rate", "final_loss_batch_norm", "with batch norm"),
                 new Line("stability-threshold", "learning_rate", "loss", "stability threshold", Dashed: true),
                 .. Networks.Where(n => sweep.Numbers($"diverged_{n.Key}").Contains(1))
                     .Select(n => new Markers(sweep.Name, "learning_rate", $"diverged_drawn_{n.Key}", $"diverged, {n.Label}"))])
        { Legend = LegendPlace.LowerRight });
        string probe = $"along the gradient, η' from {o.ProbeStepSizes.Min()} to {o.ProbeStepSizes.Max()}, during training at η = {o.ProbeLearningRate}; {setting}";
        result.Add(new Figure("loss-landscape", $"Loss landscape: the range of the batch loss L(x − η'∇L) {probe} (Santurkar et al.'s Fig. 4a).",
                new Axis("step"), new Axis("loss (nats)", Log: true),
                [new Band("landscape", "step", "loss_min_plain", "loss_max_plain", "without batch norm"), new Band("landscape", "step", "loss_min_batch_norm", "loss_max_batch_norm", "with batch norm")]))
            .Add(new Figure("gradient-predictiveness", $"Gradient predictiveness: the range of ‖∇L(x) − ∇L(x − η'∇L)‖ {probe} (Santurkar et al.'s Fig. 4b).",
                new Axis("step"), new Axis("gradient change (ℓ2)", Log: true),
                [new Band("landscape", "step", "gradient_change_min_plain", "gradient_change_max_plain", "without batch norm"),
                 new Band("landscape", "step", "gradient_change_min_batch_norm", "gradient_change_max_batch_norm", "with batch norm")]))
            .Add(new Figure("effective-smoothness", $"Effective β-smoothness, max over η' of ‖∇L(x) − ∇L(x − η'∇L)‖ / (η'‖∇L‖), {probe} (Santurkar et al.'s Fig. 4c).",
                new Axis("step"), new Axis("effective β-smoothness", Log: true),
                [new Line("landscape", "step", "effective_smoothness_plain", "without batch norm"), new Line("landscape", "step", "effective_smoothness_batch_norm", "with batch norm")]));
    }

    /// <summary>Where the final-loss figure draws a diverged run, which has no final loss: at 2 ln(classes), twice a uniform guess's loss.</summary>
    private static double DivergedDrawnAt(BatchNormLandscapeOptions o, double threshold) => 2 * threshold / o.StableLossFraction;

    /// <summary>The batch losses of one run, all finite, and the step at which it diverged if it did.</summary>
    private sealed record RunRecord(double LearningRate, List<double> Losses, long? DivergedAtStep)
    {
        public bool Diverged => DivergedAtStep is not null;

        /// <summary>The mean batch loss over each of <paramref name="points"/> equal stretches of the steps (NaN after divergence).</summary>
        public double[] Curve(int steps, int points)
        {
            var curve = new double[points];
            int length = steps / points;
            for (int k = 0; k < points; k++)
            {
                int start = k * length, end = k == points - 1 ? steps : start + length;
                curve[k] = end <= Losses.Count ? Losses.Skip(start).Take(end - start).Average() : double.NaN;
            }
            return curve;
        }

        /// <summary>The mean batch loss over the last tenth of the steps (NaN when the run diverged).</summary>
        public double FinalLoss(int steps)
        {
            int tail = Math.Max(1, steps / 10);
            return Losses.Count == steps && !Diverged ? Losses.Skip(steps - tail).Average() : double.NaN;
        }
    }
}

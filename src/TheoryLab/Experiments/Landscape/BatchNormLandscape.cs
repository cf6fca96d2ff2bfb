using TheoryLab.Analysis;
using TheoryLab.Data;
using TheoryLab.Kernel;
using TheoryLab.Models.ConvNets;
using TheoryLab.Models.MeanField;
using TheoryLab.Options;
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
public sealed partial class BatchNormLandscape : Experiment<BatchNormLandscapeOptions>
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
        var shape = Datasets.Shape(o.Dataset);
        var spec = Network(o, shape.Example, shape.Classes, normalised: true);
        double perStep = 3.0 * spec.MultiplyAddsPerExample * o.BatchSize / CostCalibration.BatchNorm.MultiplyAddsPerSecond + CostCalibration.BatchNorm.SecondsPerStepOverhead;
        int runs = 2 * o.LearningRates.Append(o.ProbeLearningRate).Distinct().Count();
        long steps = (long)runs * o.Steps + 2L * o.ProbePoints * (o.ProbeStepSizes.Length + 1);
        return CostEstimate.FromCalibration(steps, "SGD steps and probe gradients", perStep, 1);
    }

    public override ExperimentResult Run(BatchNormLandscapeOptions o, RunContext context) => Present(o, Measure(o, context));

    /// <summary>
    /// What the experiment measures, before any table or figure: the name of the network without batch norm, the
    /// dataset's classes, the swept learning rates (the probe rate among them), every run of each network by key in the
    /// order of the rates, and the landscape probes of each network's run at the probe rate.
    /// </summary>
    private sealed record Measurement(string Architecture, int Classes, double[] Rates, Dictionary<string, List<RunRecord>> Sweeps,
        Dictionary<string, List<(long Step, GradientStepProfile Profile)>> Probes);

    private static Measurement Measure(BatchNormLandscapeOptions o, RunContext context)
    {
        var device = TorchSetup.Prepare(context.Device);
        var data = Datasets.Load(o.Dataset, context.Data, context.Seed);
        using var threads = IntraOpThreads.Use(o.Runtime.Threads);
        using var scope = NewDisposeScope();
        var (inputs, labels) = data.Train.Standardised(data.Train, device);
        double[] rates = [.. o.LearningRates.Append(o.ProbeLearningRate).Distinct().Order()];
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
        return new Measurement(described!.Name, data.Train.Classes, rates, sweeps, probes);
    }

    /// <summary>The network with or without batch norm; the two differ only in the normalisation layers.</summary>
    private static SequentialSpec Network(BatchNormLandscapeOptions o, int[] shape, int classes, bool normalised)
    {
        if (o.Network == BatchNormNetwork.Vgg) return Vgg.Small(shape, o.Channels, normalised, o.ConvolutionsPerBlock, classes);
        return Perceptron.Classifier($"MLP {o.HiddenLayers}×{o.HiddenUnits}{(normalised ? " with batch norm" : "")}", shape,
            Enumerable.Repeat(o.HiddenUnits, o.HiddenLayers).ToArray(), classes, Activations.Relu, batchNorm: normalised);
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

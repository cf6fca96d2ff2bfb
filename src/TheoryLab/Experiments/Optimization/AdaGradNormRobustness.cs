using TheoryLab.Data;
using TheoryLab.Kernel;
using TheoryLab.Models.ConvNets;
using TheoryLab.Models.MeanField;
using TheoryLab.Numerics.Statistics;
using TheoryLab.Options;
using TheoryLab.Torch;
using TheoryLab.Training;
using TheoryLab.Training.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Experiments.Optimization;

/// <summary>
/// Options of <see cref="AdaGradNormRobustness"/>. Ward, Wu and Bottou fix η = 1 and sweep b₀ over many decades on
/// MNIST and CIFAR-10/ImageNet networks for many epochs; here the sweep is b₀ = 10⁻⁴ … 10⁴ (one point per decade) on
/// MNIST-1D and MNIST (its 10,000 test images cut 8,000 / 2,000), with an MLP and a small CNN each, for a budget of
/// 600 steps of 128 (19 epochs of MNIST-1D, 10 of the 8,000 images), three replicates: scaled to a 2-core CPU.
/// </summary>
public sealed record AdaGradNormOptions
{
    [Option("datasets: mnist1d (generated, Greydanus 2020), mnist-t10k (MNIST's 10,000 test images cut 8,000 / 2,000 by the seed), or another registered classification set",
        ChoicesFrom = typeof(BenchmarkDatasets))]
    public string[] Datasets { get; init; } = ["mnist1d", "mnist-t10k"];

    [Option("networks: mlp (two hidden ReLU layers of hidden_width) and cnn (Greydanus's 1-D CNN on sequences, LeNet-5 on 28×28 images)", Choices = ["mlp", "cnn"])]
    public string[] Models { get; init; } = ["mlp", "cnn"];

    [Option("methods, all started at the step η/b₀: sgd (keeps it), adagrad-norm (grows b from b₀), adagrad (accumulators start at b₀²), adam (step η/b₀)",
        ChoicesFrom = typeof(InitialStepScale))]
    public string[] Methods { get; init; } = [.. InitialStepScale.Choices];

    [Option("initial scales b₀ swept (log-spaced in the defaults; the robust ranges are measured along this grid)", Min = 1e-12, Max = 1e12, Unit = "b₀")]
    public double[] InitialScales { get; init; } = [1e-4, 1e-3, 1e-2, 1e-1, 1, 1e1, 1e2, 1e3, 1e4];

    [Option("global step η (Ward et al. fix η = 1)", Min = 1e-6, Max = 1e6, Unit = "η")]
    public double LearningRate { get; init; } = 1;

    [Option("training steps per run: the fixed budget after which loss and accuracy are read", Min = 1, Max = 1_000_000, Unit = "steps")]
    public int Steps { get; init; } = 600;

    [Option("examples per mini-batch", Min = 1, Max = 65_536)]
    public int BatchSize { get; init; } = 128;

    [Option("units in each of the MLP's two hidden layers (Greydanus's MNIST-1D MLP has 100)", Min = 1, Max = 10_000)]
    public int HiddenWidth { get; init; } = 100;

    [Option("independent replicates (weight initialisation and batch order) per setting; every method and b₀ of one replicate starts from the same weights", Min = 1, Max = 100)]
    public int Replicates { get; init; } = 3;

    [Option("a b₀ is in a method's robust range when its mean test accuracy is within this of the method's best", Min = 0, Max = 1)]
    public double AccuracyMargin { get; init; } = 0.03;

    [Option("… and, for the loss range, when its mean final training loss is within this many nats of the method's best", Min = 0, Max = 10, Unit = "nats")]
    public double LossMargin { get; init; } = 0.1;

    [Option("quadratic check: eigenvalues log-spaced from L/κ to L = κ, with this κ", Min = 1, Max = 1e6)]
    public double QuadraticConditionNumber { get; init; } = 10;

    [Option("quadratic check: dimension", Min = 1, Max = 10_000)]
    public int QuadraticDimension { get; init; } = 20;

    [Option("quadratic check: AdaGrad-Norm's η, large enough that b is driven by the instability at ηL/2 rather than by the first gradient", Min = 1e-6, Max = 1e8, Unit = "η")]
    public double QuadraticLearningRate { get; init; } = 100;

    [Option("quadratic check: initial scales b₀", Min = 1e-12, Max = 1e12, Unit = "b₀")]
    public double[] QuadraticInitialScales { get; init; } = [1e-4, 1e-3, 1e-2, 1e-1, 1, 1e1, 1e2, 3e2, 1e3, 3e3, 1e4, 1e5];
}

/// <summary>
/// Ward, Wu and Bottou's (2019) robustness study: final training loss and test accuracy after a fixed budget against
/// the initial scale b₀ over eight decades, for SGD with step η/b₀, AdaGrad-Norm (η, b₀), diagonal AdaGrad with
/// accumulators from b₀² and Adam with step η/b₀, on MNIST-1D and MNIST with an MLP and a small CNN; and, on a
/// quadratic of known L, the value at which AdaGrad-Norm's b stops growing, against ηL/2 and their bound.
/// </summary>
public sealed partial class AdaGradNormRobustness : Experiment<AdaGradNormOptions>
{
    /// <summary>A training whose final loss exceeds this (chance is ln 10 ≈ 2.3 nats) or is not finite has diverged; it is recorded at this value.</summary>
    public const double DivergedLoss = 10;

    private const int TheoryPoints = 200;
    private readonly Func<string, DataStore, int, TrainTest> _load;

    /// <summary>The experiment on the datasets of <see cref="Data.Datasets"/>.</summary>
    public AdaGradNormRobustness() : this(Data.Datasets.Load) { }

    /// <summary>The experiment on data of one's own: <paramref name="load"/> takes the place of <see cref="Data.Datasets.Load"/>.</summary>
    public AdaGradNormRobustness(Func<string, DataStore, int, TrainTest> load) => _load = load;

    public override string Id => "adagrad-norm";
    public override string Title => "AdaGrad-Norm's robustness to the initial step scale b₀";
    public override Topic Topic => Topic.Optimization;
    public override IReadOnlyList<string> Papers => ["ward2019adagrad", "duchi2011adaptive", "kingma2015adam", "greydanus2020scaling"];

    public override string Summary =>
        "Trains an MLP and a small CNN on MNIST-1D and MNIST (its test split cut 8,000 / 2,000) for a fixed budget with " +
        "SGD (step η/b₀), AdaGrad-Norm (η, b₀), AdaGrad (accumulators from b₀²) and Adam (step η/b₀), for b₀ from 10⁻⁴ to 10⁴, " +
        "and measures over how many decades of b₀ each reaches its best accuracy and loss within a margin: AdaGrad-Norm " +
        "tolerates every b₀ below the best one, where SGD diverges. On a quadratic of known L, AdaGrad-Norm's b stops " +
        "growing just above ηL/2, whatever b₀ below it, and below Ward et al.'s bound. Defaults are scaled to a 2-core CPU " +
        "(one b₀ per decade, 600 steps, three replicates).";

    public override AdaGradNormOptions Quick => new()
    {
        Datasets = ["mnist1d"],
        Models = ["mlp"],
        InitialScales = [1e-4, 1e-2, 1, 1e2, 1e4],
        Steps = 300,
        Replicates = 2,
        QuadraticInitialScales = [1e-4, 1e-2, 1, 1e2, 1e3, 1e4],
    };

    /// <summary>A loader of one's own reads what it likes, so only the datasets of <see cref="Data.Datasets"/> are prepared.</summary>
    public override void PrepareData(AdaGradNormOptions options, DataStore store)
    {
        if (_load == Data.Datasets.Load) base.PrepareData(options, store);
    }

    public override CostEstimate EstimateCost(AdaGradNormOptions o)
    {
        double seconds = 0;
        foreach (string dataset in o.Datasets)
            foreach (string model in o.Models)
            {
                (double step, double evaluation) = CostCalibration.AdaGradNorm.Seconds(sequences: Datasets.Shape(dataset).Example.Length == 1, mlp: model == "mlp");
                seconds += o.Replicates * o.Methods.Length * o.InitialScales.Length * (step * o.Steps * o.BatchSize / 128.0 + evaluation);
            }
        long trainings = (long)o.Datasets.Length * o.Models.Length * o.Replicates * o.Methods.Length * o.InitialScales.Length;
        return new CostEstimate(trainings, "trainings", TimeSpan.FromSeconds(seconds + 2));
    }

    public override ExperimentResult Run(AdaGradNormOptions o, RunContext context) => Present(o, Measure(o, context));

    /// <summary>What a run measures: every training of the sweep, and AdaGrad-Norm's final b on the quadratic.</summary>
    private sealed record Measurement(List<RunRecord> Runs, string[] Methods, double[] Scales, QuadraticMeasurement Quadratic);

    /// <summary>
    /// The quadratic of eigenvalues 1 … L in d dimensions: F(x₀) − F* from the start, and AdaGrad-Norm's outcome from
    /// each b₀ with exact gradients at step η.
    /// </summary>
    private sealed record QuadraticMeasurement(int Dimension, double L, double Eta, double Gap, double[] Scales, List<AdaGradNormPlateau.Outcome> Outcomes);

    private Measurement Measure(AdaGradNormOptions o, RunContext context)
    {
        var device = TorchSetup.Prepare(context.Device);
        var scales = o.InitialScales.Distinct().Order().ToArray();
        var methods = o.Methods.Distinct().ToArray();
        var runs = new List<RunRecord>();
        // Progress counts training steps, a member's step at a time, so that a LeNet-5 replicate (minutes) moves the bar.
        long trainings = (long)o.Datasets.Distinct().Count() * o.Models.Distinct().Count() * o.Replicates * methods.Length * scales.Length;
        using (var threads = IntraOpThreads.Use(1))
        using (var task = context.Progress.Start("training steps", trainings * o.Steps))
        {
            foreach (string dataset in o.Datasets.Distinct())
            {
                var data = _load(dataset, context.Data, context.Seed);
                using var scope = NewDisposeScope();
                var sets = new ClassificationSets(data, device);
                foreach (string model in o.Models.Distinct())
                {
                    var spec = Network(model, data.Train, o.HiddenWidth);
                    for (int r = 0; r < o.Replicates; r++)
                    {
                        var settings = methods.SelectMany(method => scales.Select(b0 => new Setting(dataset, model, method, b0, r))).ToArray();
                        string label = $"{dataset} {model} replicate {r + 1}";
                        runs.AddRange(TrainReplicate(settings, spec, sets, o, device, context, memberSteps => task.Advance(memberSteps, label)));
                        task.Advance(0, $"{label}: best accuracy {runs.TakeLast(settings.Length).Max(run => run.TestAccuracy):F3}");
                    }
                }
            }
        }
        return new Measurement(runs, methods, scales, MeasureQuadratic(o, context));
    }

    /// <summary>The MLP or CNN for the dataset's example shape.</summary>
    private static SequentialSpec Network(string model, LabeledData train, int width) => (model, train.ExampleShape) switch
    {
        ("mlp", var shape) => Perceptron.Classifier($"MLP {width}-{width}", shape, [width, width], train.Classes, Activations.Relu),
        ("cnn", [int length]) => LeNet.OneDimensional(length, classes: train.Classes),
        ("cnn", [1, 28, 28]) => LeNet.Five(classes: train.Classes),
        (_, var shape) => throw new TheoryLabException($"{train.Name} has examples of shape {string.Join("×", shape)}; the cnn takes sequences (MNIST-1D) or 1×28×28 images, the mlp any shape."),
    };

    private sealed record Setting(string Dataset, string Model, string Method, double B0, int Replicate);

    private sealed record RunRecord(Setting Setting, double TrainLoss, double TestAccuracy, bool Diverged, double FinalB);

    private sealed record RangeRecord(string Dataset, string Model, string Method, double AccuracyDecades, double LossDecades, double BestAccuracy, double BestAccuracyB0, double BestLoss);

    /// <summary>
    /// The largest activation tensor one ensemble may make, in bytes. glibc serves freed blocks of up to 32 MiB again from
    /// its heap, but larger ones come fresh from the kernel at every step, page-faulted and zeroed: LeNet-5 stacked 36
    /// times (86 MB maps at batch 128) spent a third of its time in the kernel. Larger groups are split.
    /// </summary>
    private const long ActivationBytes = 32L << 20;

    /// <summary>
    /// The trainings of one replicate, every method and b₀, from the replicate's initial weights and batch order, as
    /// stacked ensembles whose member g is moved by setting g's optimiser (as many members per ensemble as
    /// <see cref="ActivationBytes"/> allows). A member stops at its first non-finite batch loss, as a training alone
    /// does, and records the divergence; that, or a final training loss above <see cref="DivergedLoss"/> or not finite,
    /// counts as diverged and is recorded as <see cref="DivergedLoss"/>.
    /// </summary>
    /// <paramref name="advance"/> is told of every member-step, and of the steps a member that stopped early will not take.
    private static List<RunRecord> TrainReplicate(Setting[] settings, SequentialSpec spec, ClassificationSets sets, AdaGradNormOptions o, Device device, RunContext context,
        Action<long> advance)
    {
        var first = settings[0];
        using var scope = NewDisposeScope();
        using var generator = context.TorchGenerator($"{first.Dataset}/{first.Model}/weights/{first.Replicate}");
        using var start = spec.Build(generator).to(device);
        long bytesPerExample = 4 * spec.Costs.Max(c => LayerSpec.Product(c.OutputShape));
        int perEnsemble = (int)Math.Clamp(ActivationBytes / (o.BatchSize * bytesPerExample), 1, settings.Length);
        int ensembles = (settings.Length + perEnsemble - 1) / perEnsemble;
        perEnsemble = (settings.Length + ensembles - 1) / ensembles;
        var runs = new List<RunRecord>(settings.Length);
        foreach (var group in settings.Chunk(perEnsemble))
            runs.AddRange(TrainEnsemble(group, spec, start, sets, o, bytesPerExample, context, advance));
        return runs;
    }

    /// <summary>One ensemble of <paramref name="settings"/>, trained and then evaluated on both parts in batches within <see cref="ActivationBytes"/>.</summary>
    private static List<RunRecord> TrainEnsemble(Setting[] settings, SequentialSpec spec, nn.Module<Tensor, Tensor> start, ClassificationSets sets, AdaGradNormOptions o,
        long bytesPerExample, RunContext context, Action<long> advance)
    {
        var first = settings[0];
        using var scope = NewDisposeScope();
        using var ensemble = new SequentialEnsemble(spec, [.. settings.Select(_ => start)]);
        var batches = sets.TrainingBatches(o.BatchSize, Seeds.Derive(context.Seed, $"{first.Dataset}/{first.Model}/order/{first.Replicate}"));
        var optimizers = settings.Select(s => InitialStepScale.Create(s.Method, o.LearningRate, s.B0)).ToArray();
        try
        {
            var outcomes = EnsembleTrainer.Train(ensemble, batches, optimizers, o.Steps, context.Cancellation, (_, active) => advance(active));
            advance(outcomes.Sum(outcome => o.Steps - outcome.Steps));
            int evaluationBatch = (int)Math.Clamp(ActivationBytes / (settings.Length * bytesPerExample), 1, ClassificationSets.EvaluationBatch);
            var train = Classification.EvaluateEnsemble(ensemble, new TensorBatches(sets.TrainInputs, sets.TrainLabels, evaluationBatch, shuffle: false));
            var test = Classification.EvaluateEnsemble(ensemble, new TensorBatches(sets.TestInputs, sets.TestLabels, evaluationBatch, shuffle: false));
            return [.. settings.Select((s, g) =>
            {
                bool diverged = outcomes[g].Diverged || !(train[g].Loss <= DivergedLoss);
                return new RunRecord(s, diverged ? DivergedLoss : train[g].Loss, test[g].Accuracy, diverged, optimizers[g] is AdaGradNorm norm ? norm.B : double.NaN);
            })];
        }
        finally
        {
            foreach (var optimizer in optimizers) optimizer.Dispose();
        }
    }

    /// <summary>The quadratic runs stop once ‖∇f‖ falls to this fraction of ‖∇f(x₀)‖.</summary>
    private const double QuadraticTolerance = 1e-10;

    private static QuadraticMeasurement MeasureQuadratic(AdaGradNormOptions o, RunContext context)
    {
        int d = o.QuadraticDimension;
        double l = o.QuadraticConditionNumber, eta = o.QuadraticLearningRate;
        var eigenvalues = Enumerable.Range(0, d).Select(i => d == 1 ? l : Math.Pow(l, i / (d - 1.0))).ToArray();
        var random = context.Random("quadratic start");
        var start = Enumerable.Range(0, d).Select(_ => StandardNormal.Next(random)).ToArray();
        double gap = 0.5 * eigenvalues.Zip(start, (lambda, x) => lambda * x * x).Sum();
        var scales = o.QuadraticInitialScales.Distinct().Order().ToArray();
        // Steps enough to reach the tolerance from the largest b₀: about (b/(ημ)) ln(1/tolerance) with μ = 1.
        int maxSteps = (int)Math.Min(5_000_000, 40 * Math.Max(scales[^1], eta * l) / eta * Math.Log(1 / QuadraticTolerance) + 10_000);
        var outcomes = scales.Select(b0 => AdaGradNormPlateau.Run(eigenvalues, start, eta, b0, QuadraticTolerance, maxSteps, context.Cancellation)).ToList();
        return new QuadraticMeasurement(d, l, eta, gap, scales, outcomes);
    }
}

using System.Diagnostics;
using TheoryLab.Data;
using TheoryLab.Kernel;
using TheoryLab.Models.MeanField;
using TheoryLab.Options;
using TheoryLab.Torch;
using TheoryLab.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Experiments.SignalPropagation;

/// <summary>
/// Options of <see cref="TrainableDepth"/>. Defaults: Schoenholz et al.'s (2017) tanh networks at σ_b² = 0.05 over
/// σ_w² from 1 to 4, on MNIST-1D, scaled to a 2-core CPU: width 100, depths 10 to 160, 2000 SGD steps of 32 (the paper went to
/// depth 300 and about 10⁴ steps).
/// </summary>
public sealed record TrainableDepthOptions
{
    [Option("Dataset: mnist1d (generated, 40-point sequences), mnist1d-published, or an MNIST-family set (28×28 images, flattened); the -t10k sets need only the test files.",
        ChoicesFrom = typeof(BenchmarkDatasets))]
    public string Dataset { get; init; } = "mnist1d";

    [Option("smallest σ_w² of the grid (the paper's range is 1 to 4)", Min = 0.01, Max = 100, Unit = "σ_w²")]
    public double SigmaW2Min { get; init; } = 1;

    [Option("largest σ_w² of the grid", Min = 0.01, Max = 100, Unit = "σ_w²")]
    public double SigmaW2Max { get; init; } = 4;

    [Option("σ_w² values of the grid, evenly spaced from sigma_w2_min to sigma_w2_max", Min = 1, Max = 1000, Unit = "points",
        Derived = "13, or 1 when sigma_w2_min equals sigma_w2_max")]
    public int SigmaW2Points { get => _sigmaW2Points ?? (SigmaW2Min == SigmaW2Max ? 1 : 13); init => _sigmaW2Points = value; }

    private readonly int? _sigmaW2Points;

    [Option("bias variance σ_b² of every layer (Schoenholz et al. use 0.05)", Min = 0, Max = 100, Unit = "σ_b²")]
    public double SigmaB2 { get; init; } = 0.05;

    [Option("deepest network of the grid: depths are max_depth/depth_points, 2·max_depth/depth_points, …, max_depth hidden layers", Min = 1, Max = 10_000, Unit = "layers")]
    public int MaxDepth { get; init; } = 160;

    [Option("depths of the grid (max_depth must be a multiple of it)", Min = 1, Max = 10_000, Unit = "points",
        Derived = "the largest divisor of max_depth up to 16")]
    public int DepthPoints { get => _depthPoints ?? Enumerable.Range(1, 16).Last(points => MaxDepth % points == 0); init => _depthPoints = value; }

    private readonly int? _depthPoints;

    [Option("neurons per hidden layer", Min = 2, Max = 10_000, Unit = "neurons")]
    public int Width { get; init; } = 100;

    [Option("SGD steps per network: the fixed training budget", Min = 1, Max = 10_000_000, Unit = "steps")]
    public int Steps { get; init; } = 2000;

    [Option("examples per mini-batch", Min = 1, Max = 65_536)]
    public int BatchSize { get; init; } = 32;

    [Option("SGD learning rate η (plain SGD, no momentum)", Min = 1e-6, Max = 10, Unit = "η")]
    public double LearningRate { get; init; } = 0.01;

    [Option("a network counts as trained when its accuracy is at least this fraction of the way from chance to the best accuracy on the grid (0.5: midway)", Min = 0.01, Max = 0.99)]
    public double TrainedFraction { get; init; } = 0.5;

    [Option("evaluations along training, at steps/4^(k−1) for k = checkpoints … 1 (the last at the end): how the trainable depth grows with training time", Min = 1, Max = 10)]
    public int Checkpoints { get; init; } = 3;

    [OptionGroup]
    public ThreadOptions Runtime { get; init; } = new() { Threads = 0 };
}

/// <summary>
/// Which random tanh networks can be trained (Schoenholz, Gilmer, Ganguli and Sohl-Dickstein 2017, Figs. 5–6): trains
/// fully connected networks over a (σ_w², depth) grid for a fixed budget of SGD steps and compares where training
/// fails with the mean-field prediction that signals, and so gradients, survive only about 6ξ_c layers.
/// </summary>
public sealed partial class TrainableDepth : Experiment<TrainableDepthOptions>
{
    /// <summary>Schoenholz et al.'s empirical maximal trainable depth, in units of ξ_c.</summary>
    public const double PaperMultiple = 6;

    /// <summary>
    /// The transition of a column runs from the last depth within this fraction of the best accuracy (measured from
    /// chance) to the first depth within it of chance.
    /// </summary>
    public const double TransitionMargin = 0.1;

    private const int TheoryCurvePoints = 241;

    public override string Id => "trainable-depth";
    public override string Title => "Trainable depth and the correlation depth scale ξ_c";
    public override Topic Topic => Topic.SignalPropagation;
    public override IReadOnlyList<string> Papers => ["schoenholz2017deep", "greydanus2020scaling"];

    public override string Summary =>
        "Trains fully connected tanh networks (σ_b² fixed) over a grid of σ_w² and depths with a fixed budget of SGD steps, " +
        "and draws training and test accuracy as heatmaps over (σ_w², depth) with the mean-field curve 6ξ_c, beyond which " +
        "Schoenholz et al. found networks untrainable. Reports where each σ_w² stops training, the fraction of grid points " +
        "the 6ξ_c rule classifies correctly, and the multiple of ξ_c that separates them best.";

    public override TrainableDepthOptions Quick => new()
    {
        SigmaW2Min = 0.5,
        SigmaW2Max = 4,
        SigmaW2Points = 8,
        // Deep enough that most columns reach chance inside the grid (the chaotic σ_w² = 2.5 to 3.5 do between 56 and 64
        // layers), so the test that 6ξ_c lies in each column's transition has transitions to test.
        MaxDepth = 64,
        DepthPoints = 8,
        Width = 48,
        Steps = 1600,
        Checkpoints = 1,
    };

    protected override IEnumerable<string> Inconsistencies(TrainableDepthOptions o)
    {
        if (o.SigmaW2Max < o.SigmaW2Min) yield return $"sigma_w2_max ({o.SigmaW2Max}) is below sigma_w2_min ({o.SigmaW2Min}); swap them.";
        if (o.SigmaW2Points > 1 && o.SigmaW2Max == o.SigmaW2Min) yield return "sigma_w2_min equals sigma_w2_max: set sigma_w2_points=1 or widen the range.";
        if (o.MaxDepth % o.DepthPoints != 0)
            yield return $"max_depth ({o.MaxDepth}) is not a multiple of depth_points ({o.DepthPoints}): the depths must be evenly spaced for the heatmap; " +
                $"set depth_points to a divisor of {o.MaxDepth} ({string.Join(", ", Enumerable.Range(1, Math.Min(o.MaxDepth, 32)).Where(d => o.MaxDepth % d == 0))}, …).";
    }

    public override CostEstimate EstimateCost(TrainableDepthOptions o)
    {
        var shape = Datasets.Shape(o.Dataset);
        var (perStep, perLayerStep) = CalibrateStep(o, shape.Inputs);
        var depths = Depths(o);
        double stepsSeconds = depths.Sum(depth => o.Steps * (perStep + perLayerStep * depth));
        // An evaluation is a forward pass, about a third of a training step per example.
        double evaluationSeconds = depths.Sum(depth => o.Checkpoints * (shape.Train + shape.Test) / 3.0 / o.BatchSize * (perStep + perLayerStep * depth));
        long networks = (long)o.SigmaW2Points * depths.Length;
        return CostEstimate.FromCalibration(networks, "trained networks", (stepsSeconds + evaluationSeconds) / networks, fixedSeconds: 2);
    }

    public override ExperimentResult Run(TrainableDepthOptions o, RunContext context) => Present(o, Measure(o, context));

    /// <summary>
    /// The grid's axes, the steps of the checkpoints, every point's accuracies at each, and what the findings say of the
    /// data and the machine.
    /// </summary>
    private sealed record Measurement(double[] SigmaW2, int[] Depths, long[] Checkpoints, PointCurves[,] Points, double Chance,
        string Dataset, double Seconds);

    /// <summary>Training and test accuracy (and training loss) of one grid point at each checkpoint.</summary>
    private sealed record PointCurves(double[] Train, double[] Test, double[] TrainLoss);

    private static Measurement Measure(TrainableDepthOptions o, RunContext context)
    {
        TorchSetup.Prepare(context.Device);
        var data = Datasets.Load(o.Dataset, context.Data, context.Seed);
        var sigmaW2 = SigmaW2(o);
        var depths = Depths(o);
        var checkpoints = CheckpointSteps(o);

        using var scope = NewDisposeScope();
        var sets = new ClassificationSets(data, asVectors: true);
        var points = new PointCurves[sigmaW2.Length, depths.Length];
        var clock = Stopwatch.StartNew();
        using (var threads = IntraOpThreads.Use(o.Runtime.Threads))
        using (var task = context.Progress.Start($"tanh networks on {o.Dataset} ({sigmaW2.Length} at a time), in layer-steps", o.Steps * depths.Sum(d => (long)d)))
        {
            for (int j = 0; j < depths.Length; j++)
            {
                var byMember = TrainDepth(o, sigmaW2, depths[j], checkpoints, sets, task, context);
                for (int i = 0; i < sigmaW2.Length; i++) points[i, j] = byMember[i];
            }
        }
        return new Measurement(sigmaW2, depths, checkpoints, points, 1.0 / data.Train.Classes, data.Train.Name, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Trains the networks of one depth, one per σ_w², as one <see cref="MlpEnsemble"/> with plain SGD in float32 on one
    /// sum of their mean losses, so each network follows its own gradient. Each network is drawn from Schoenholz et
    /// al.'s distributions (W ~ N(0, σ_w²/fan-in), b ~ N(0, σ_b²), readout alike) by a generator seeded by the run's seed
    /// and the point's coordinates, and all see the mini-batches in an order seeded by the run's seed and the depth:
    /// a point's numbers do not depend on which other σ_w² the grid holds.
    /// </summary>
    private static PointCurves[] TrainDepth(TrainableDepthOptions o, double[] sigmaW2, int depth, long[] checkpoints,
        ClassificationSets sets, IProgressTask task, RunContext context)
    {
        using var scope = NewDisposeScope();
        var generators = sigmaW2.Select(s => context.TorchGenerator($"trainable-depth network σ_w²={s:R} depth={depth}")).ToArray();
        try
        {
            var specs = sigmaW2.Select(s => new MlpSpec(Activations.Tanh, s, o.SigmaB2, depth, o.Width)).ToArray();
            using var model = new MlpEnsemble(specs, (int)sets.TrainInputs.shape[1], sets.Classes, generators);
            model.to(ScalarType.Float32);
            var batches = sets.TrainingBatches(o.BatchSize, Seeds.Derive(context.Seed, $"trainable-depth batches depth={depth}"));
            var train = sigmaW2.Select(_ => new List<double>()).ToArray();
            var test = sigmaW2.Select(_ => new List<double>()).ToArray();
            var loss = sigmaW2.Select(_ => new List<double>()).ToArray();
            TrainingCallback evaluate = _ =>
            {
                var onTrain = Classification.EvaluateEnsemble(model, sets.TrainPass);
                var onTest = Classification.EvaluateEnsemble(model, sets.TestPass);
                for (int g = 0; g < sigmaW2.Length; g++)
                {
                    train[g].Add(Accuracy(onTrain[g]));
                    loss[g].Add(onTrain[g].Loss);
                    test[g].Add(Accuracy(onTest[g]));
                }
            };
            TrainingCallback advance = moment => { if (moment.Step > 0) task.Advance(depth, $"depth {depth}, step {moment.Step}"); };
            Trainer.Train(new Problem(model, batches, Classification.EnsembleCrossEntropy), new SgdSettings(o.LearningRate), o.Steps,
                [TrainingCallbacks.At(new HashSet<long>(checkpoints), evaluate), advance], context.Cancellation);
            return [.. sigmaW2.Select((_, g) => new PointCurves([.. train[g]], [.. test[g]], [.. loss[g]]))];
        }
        finally
        {
            foreach (var generator in generators) generator.Dispose();
        }
    }

    /// <summary>A diverged network (NaN logits) has no accuracy to speak of: it counts as chance, not as class 0's share.</summary>
    private static double Accuracy(ClassificationMetrics metrics) => double.IsFinite(metrics.Loss) ? metrics.Accuracy : double.NaN;

    private static double[] SigmaW2(TrainableDepthOptions o) => o.SigmaW2Points == 1
        ? [o.SigmaW2Min]
        : [.. Enumerable.Range(0, o.SigmaW2Points).Select(k => o.SigmaW2Min + k * (o.SigmaW2Max - o.SigmaW2Min) / (o.SigmaW2Points - 1))];

    private static int[] Depths(TrainableDepthOptions o) =>
        [.. Enumerable.Range(1, o.DepthPoints).Select(k => k * Math.Max(1, o.MaxDepth / o.DepthPoints))];

    /// <summary>Steps at which accuracies are measured: steps/4^(k−1) for k = checkpoints … 1, the last at the end.</summary>
    private static long[] CheckpointSteps(TrainableDepthOptions o) =>
        [.. Enumerable.Range(0, o.Checkpoints).Reverse().Select(k => Math.Max(1L, (long)Math.Round(o.Steps / Math.Pow(4, k)))).Distinct()];

    /// <summary>
    /// Seconds per SGD step of the stacked networks of one depth, split into a part per step and a part per hidden layer:
    /// timed steps (<see cref="StepCalibration.StepSeconds"/>) of a shallow and a deeper ensemble of the options' grid,
    /// width, batch and threads.
    /// </summary>
    private static (double PerStep, double PerLayerStep) CalibrateStep(TrainableDepthOptions o, int inputs)
    {
        const int shallow = 2, deep = 12;
        double shallowSeconds = StepSeconds(o, inputs, shallow), deepSeconds = StepSeconds(o, inputs, deep);
        double perLayer = Math.Max(0, (deepSeconds - shallowSeconds) / (deep - shallow));
        return (Math.Max(0, shallowSeconds - perLayer * shallow), perLayer);
    }

    private static double StepSeconds(TrainableDepthOptions o, int inputs, int depth)
    {
        TorchRuntime.EnsureLoaded();
        using var threads = IntraOpThreads.Use(o.Runtime.Threads);
        using var generator = new Generator(0);
        var specs = Enumerable.Repeat(new MlpSpec(Activations.Tanh, 1, o.SigmaB2, depth, o.Width), o.SigmaW2Points).ToArray();
        using var model = new MlpEnsemble(specs, inputs, 10, [.. specs.Select(_ => generator)]);
        model.to(ScalarType.Float32);
        return StepCalibration.StepSeconds(model, [inputs], 10, o.BatchSize, new SgdSettings(o.LearningRate), warmup: 5, timed: 15, Classification.EnsembleCrossEntropy);
    }
}

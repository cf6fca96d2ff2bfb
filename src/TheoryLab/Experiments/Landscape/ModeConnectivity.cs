using TheoryLab.Analysis;
using TheoryLab.Analysis.Landscape;
using TheoryLab.Kernel;
using TheoryLab.Models.ConvNets;
using TheoryLab.Models.MeanField;
using TheoryLab.Options;
using TheoryLab.Torch;
using TheoryLab.Training;
using TheoryLab.Training.Optimizers;
using static TorchSharp.torch;

namespace TheoryLab.Experiments.Landscape;

/// <summary>
/// Options of <see cref="ModeConnectivity"/>. Defaults: ReLU networks with one and two hidden layers of widths 16 to 1024
/// on MNIST-1D and two-spirals, one pair per setting, each network trained with Adam for 4,000 steps of 100 examples,
/// each connecting curve for 2,000 (Garipov et al. train curves about as long as the networks; the sizes are scaled to
/// a 2-core CPU), paths sampled at 21 points.
/// </summary>
public sealed record ModeConnectivityOptions
{
    [Option("Datasets: MNIST-1D (Greydanus 2020) and the 2-D toy tasks.", Choices = ["mnist1d", "two-spirals", "two-moons"])]
    public string[] Datasets { get; init; } = ["mnist1d", "two-spirals"];

    [Option("Hidden layers of the networks: 1 is Venturi et al.'s one-hidden-layer network, more are deeper ones of equal widths.", Min = 1, Max = 8)]
    public int[] HiddenLayers { get; init; } = [1, 2];

    [Option("Hidden widths (units per hidden layer).", Min = 1, Max = 4096)]
    public int[] Widths { get; init; } = [16, 64, 256, 1024];

    [Option("Pairs of independently trained networks (own initialisation and data order) per dataset, depth and width.", Min = 1, Max = 50)]
    public int Pairs { get; init; } = 1;

    [Option("Adam steps training each network.", Min = 1, Max = 1_000_000, Unit = "steps")]
    public int Steps { get; init; } = 4000;

    [Option("Examples per mini-batch, for the networks and the curves.", Min = 1, Max = 65_536)]
    public int BatchSize { get; init; } = 100;

    [Option("Adam learning rate, for the networks and the curves.", Min = 1e-6, Max = 1)]
    public double LearningRate { get; init; } = 3e-3;

    [Option("Shape of the trained path: a quadratic Bézier curve or a polygonal chain with one bend (Garipov et al. 2018).")]
    public CurveKind Curve { get; init; } = CurveKind.Bezier;

    [Option("Adam steps training each curve's bend, one uniformly drawn t per mini-batch.", Min = 1, Max = 1_000_000, Unit = "steps")]
    public int CurveSteps { get; init; } = 2000;

    [Option("Evenly spaced t ∈ [0, 1] at which the training loss is measured along each path.", Min = 3, Max = 1001)]
    public int PathPoints { get; init; } = 21;

    [OptionGroup]
    public ThreadOptions Runtime { get; init; } = new();
}

/// <summary>
/// Loss barriers between independently trained networks as the hidden width grows: along the straight line and along
/// a trained curve (Garipov et al. 2018; Draxler et al. 2018). Venturi, Bandeira and Bruna (2019) prove that
/// one-hidden-layer networks wide enough for their data have no spurious valleys, so every sublevel set is connected
/// and barriers between minima must vanish as the width grows; the experiment measures how fast.
/// </summary>
public sealed partial class ModeConnectivity : Experiment<ModeConnectivityOptions>
{
    private const int EvaluationBatch = 4000;

    public override string Id => "mode-connectivity";
    public override string Title => "Mode connectivity: loss barriers between minima as width grows";
    public override Topic Topic => Topic.Landscape;
    public override IReadOnlyList<string> Papers => ["venturi2019spurious", "garipov2018loss", "draxler2018essentially", "greydanus2020scaling"];

    public override string Summary =>
        "Trains pairs of ReLU networks (one hidden layer, and deeper) from independent initialisations on MNIST-1D and a " +
        "2-D task, at hidden widths from 16 to 1024, and measures the training-loss barrier between each pair along the " +
        "straight line and along a Bézier curve trained as Garipov et al. do. Once the networks fit their data, the " +
        "curve's barrier falls with width (fitted power law), as Venturi et al.'s absence of spurious valleys for wide " +
        "networks leads one to expect, and stays far below the line's; the straight-line barrier does not fall.";

    /// <summary>
    /// One pair of one-hidden-layer networks on two-spirals at widths 64 and 1024: the regime where the networks fit the
    /// data and the curve's barrier falls with width (MNIST-1D at width 1024 would take the quick run past 15 s).
    /// </summary>
    public override ModeConnectivityOptions Quick => Defaults with
    {
        Datasets = ["two-spirals"],
        HiddenLayers = [1],
        Widths = [64, 1024],
        Pairs = 1,
        Steps = 3000,
        CurveSteps = 1500,
        PathPoints = 11,
    };

    public override CostEstimate EstimateCost(ModeConnectivityOptions o)
    {
        // A step costs its overhead plus three forward passes.
        double seconds = 0;
        long steps = 0;
        foreach (var dataset in o.Datasets)
        {
            var (shape, classes) = dataset == "mnist1d" ? (new[] { 40 }, 10) : (new[] { 2 }, 2);
            foreach (int layers in o.HiddenLayers.Distinct())
            {
                foreach (int width in o.Widths.Distinct())
                {
                    long pairSteps = (long)o.Pairs * (2L * o.Steps + o.CurveSteps);
                    double macs = Network(shape, layers, width, classes).MultiplyAddsPerExample;
                    seconds += pairSteps * (CostCalibration.ModeConnectivity.SecondsPerStepOverhead + 3 * o.BatchSize * macs / CostCalibration.ModeConnectivity.MultiplyAddsPerSecond);
                    steps += pairSteps;
                }
            }
        }
        return new CostEstimate(steps, "Adam steps", TimeSpan.FromSeconds(seconds + 3));
    }

    public override ExperimentResult Run(ModeConnectivityOptions o, RunContext context) => Present(o, Measure(o, context));

    /// <summary>The training loss along the straight line and along the trained curve between the first pair of one setting.</summary>
    private sealed record PathLosses(string Dataset, int Layers, int Width, double[] Line, double[] Curve);

    /// <summary>What a run measures: the barriers of every pair, and the loss along the paths of each setting's first pair at the points <paramref name="Ts"/>.</summary>
    private sealed record Measurement(double[] Ts, List<BarrierRow> Rows, List<PathLosses> Paths);

    private static Measurement Measure(ModeConnectivityOptions o, RunContext context)
    {
        var device = TorchSetup.Prepare(context.Device);
        using var threads = IntraOpThreads.Use(o.Runtime.Threads);
        var ts = LossLine.Evenly(0, 1, o.PathPoints);
        var rows = new List<BarrierRow>();
        var paths = new List<PathLosses>();
        using (var task = context.Progress.Start("training networks and curves", (long)o.Datasets.Length * o.HiddenLayers.Length * o.Widths.Length * o.Pairs * (2L * o.Steps + o.CurveSteps)))
        {
            foreach (var name in o.Datasets)
            {
                using var scope = NewDisposeScope();
                var data = TensorData.Load(name, context, device);
                var train = data.Shuffled(o.BatchSize, context.Seed);
                var whole = data.TrainSubset(int.MaxValue, EvaluationBatch);
                foreach (int layers in o.HiddenLayers.Distinct())
                {
                    foreach (int width in o.Widths.Distinct().Order())
                    {
                        for (int pair = 0; pair < o.Pairs; pair++)
                        {
                            var (row, line, curve) = MeasurePair(o, context, device, data, train, whole, layers, width, pair, ts, task);
                            rows.Add(row);
                            if (pair == 0) paths.Add(new PathLosses(name, layers, width, line, curve));
                        }
                    }
                }
            }
        }
        return new Measurement(ts, rows, paths);
    }

    /// <summary>An MLP of <paramref name="layers"/> ReLU hidden layers of <paramref name="width"/> units.</summary>
    public static SequentialSpec Network(int[] inputShape, int layers, int width, int classes) =>
        Perceptron.Classifier($"MLP {layers}×{width}", inputShape, Enumerable.Repeat(width, layers).ToArray(), classes, Activations.Relu);

    private sealed record BarrierRow(string Dataset, int Layers, int Width, int Pair, long Parameters, double EndLoss, double LineBarrier, double CurveBarrier, double LineAccuracyDip);

    /// <returns>The pair's barriers, and the losses along the line and the curve at <paramref name="ts"/>.</returns>
    private static (BarrierRow Row, double[] Line, double[] Curve) MeasurePair(ModeConnectivityOptions o, RunContext context, Device device, TensorData data,
        TensorBatches train, TensorBatches whole, int layers, int width, int pair, double[] ts, IProgressTask task)
    {
        using var scope = NewDisposeScope();
        var spec = Network(data.ExampleShape, layers, width, data.Classes);
        string setting = $"{data.Name}-{layers}x{width}-pair{pair}";
        Func<IOptimizer> adam = () => new Adam(o.LearningRate);
        var a = TrainedNetworks.Train(spec, device, Seeds.Derive(context.Seed, $"{setting} a"), data.Shuffled(o.BatchSize, Seeds.Derive(context.Seed, $"{setting} a order")), adam, o.Steps, $"{setting}-a", context, task);
        var b = TrainedNetworks.Train(spec, device, Seeds.Derive(context.Seed, $"{setting} b"), data.Shuffled(o.BatchSize, Seeds.Derive(context.Seed, $"{setting} b order")), adam, o.Steps, $"{setting}-b", context, task);
        using var start = ParameterVector.Of(a).Flatten();
        using var end = ParameterVector.Of(b).Flatten();

        var probe = LandscapeProbe.ForClassifier(a, whole);
        var line = LossLine.Between(probe, start, end, ts, context.Cancellation);
        using var curve = new ConnectingCurve(o.Curve, a, start, end);
        using (var adamCurve = new Adam(o.LearningRate))
        {
            var random = context.Random($"{setting} curve");
            Trainer.Train(new Problem(curve, train, curve.TrainingLoss(Classification.CrossEntropy, random)), adamCurve, o.CurveSteps,
                [TrainingCallbacks.Progress(task)], context.Cancellation);
        }
        var along = curve.Along(probe, ts, context.Cancellation);

        var lineLosses = line.Select(m => m.Loss).ToArray();
        var curveLosses = along.Select(m => m.Loss).ToArray();
        double endLoss = (lineLosses[0] + lineLosses[^1]) / 2;
        double accuracyDip = (line[0].Accuracy!.Value + line[^1].Accuracy!.Value) / 2 - line.Min(m => m.Accuracy!.Value);
        return (new BarrierRow(data.Name, layers, width, pair, spec.Parameters, endLoss,
            LossBarrier.Height(ts, lineLosses), LossBarrier.Height(ts, curveLosses), accuracyDip), lineLosses, curveLosses);
    }

    private static string Snake(string name) => name.Replace('-', '_');
}

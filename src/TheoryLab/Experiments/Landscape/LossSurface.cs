using TheoryLab.Analysis;
using TheoryLab.Analysis.Landscape;
using TheoryLab.Data;
using TheoryLab.Kernel;
using TheoryLab.Models.ConvNets;
using TheoryLab.Models.ResNets;
using TheoryLab.Options;
using TheoryLab.Torch;
using TheoryLab.Training;
using TheoryLab.Training.Optimizers.Schedules;
using static TorchSharp.torch;

namespace TheoryLab.Experiments.Landscape;

/// <summary>The parameters <see cref="LossSurface"/> takes Hessians over.</summary>
public enum HessianParameters
{
    /// <summary>Every trainable parameter.</summary>
    All,
    /// <summary>The weight tensors only (<see cref="ParameterVector.WeightTensors"/>), as Li et al.'s code does.</summary>
    Weights,
}

/// <summary>
/// Options of <see cref="LossSurface"/>. Defaults follow Li et al. (2018) scaled to a 2-core CPU: CIFAR-style ResNets of
/// depths 8 and 20 with and without skip connections (width 8 instead of 16) on MNIST-1D instead of CIFAR-10, SGD with
/// momentum 0.9, learning rate 0.1, weight decay 5·10⁻⁴ and batch 128 as in the paper but 3,000 steps (96 epochs) with
/// cosine decay instead of 300 epochs with step decay; 51×51 surfaces on [−1, 1]² and 51-point lines as in the paper,
/// on 2,000 training examples; the |λ_min/λ_max| map on a 9×9 grid; batch 128 against 2,000 for the sharpness study.
/// </summary>
public sealed record LossSurfaceOptions
{
    [Option("Dataset: MNIST-1D (1-D convolutions) or MNIST's 10,000 test images split 8,000/2,000 (2-D convolutions).", Choices = ["mnist1d", "mnist-t10k"])]
    public string Dataset { get; init; } = "mnist1d";

    [Option("ResNet depths 6n + 2 (8, 14, 20, 32, 44, 56, 110); each is trained with and without skip connections.", Min = 8, Max = 110)]
    public int[] Depths { get; init; } = [8, 20];

    [Option("Channels of the first stage (the others have 2× and 4×); Li et al. use 16.", Min = 1, Max = 256)]
    public int Width { get; init; } = 8;

    [Option("SGD steps per network.", Min = 1, Max = 10_000_000, Unit = "steps")]
    public int Steps { get; init; } = 3000;

    [Option("Examples per mini-batch (the small batch of the batch-size study).", Min = 1, Max = 65_536)]
    public int BatchSize { get; init; } = 128;

    [Option("SGD learning rate at the start of the cosine schedule.", Min = 1e-6, Max = 10, Unit = "η")]
    public double LearningRate { get; init; } = 0.1;

    [Option("Heavy-ball momentum.", Min = 0, Max = 0.999)]
    public double Momentum { get; init; } = 0.9;

    [Option("L2 weight decay.", Min = 0, Max = 1)]
    public double WeightDecay { get; init; } = 5e-4;

    [Option("Training examples at which the loss is evaluated (the first ones; batch-norm statistics are recomputed on the first quarter of them).", Min = 10, Max = 100_000)]
    public int EvaluationExamples { get; init; } = 2000;

    [Option("Points per side of the 2-D surfaces and points of the 1-D lines.", Min = 3, Max = 401)]
    public int Resolution { get; init; } = 51;

    [Option("Half-width of the plotted region in filter-normalised units: α, β ∈ [−extent, extent].", Min = 0.01, Max = 10)]
    public double Extent { get; init; } = 1;

    [Option("Points per side of the coarser grid on which λ_min and λ_max are estimated (0 skips the map).", Min = 0, Max = 101)]
    public int HessianResolution { get; init; } = 9;

    [Option("Lanczos steps (Hessian-vector products) per point of the map.", Min = 2, Max = 500)]
    public int LanczosSteps { get; init; } = 15;

    [Option("Training examples the Hessian's loss is averaged over.", Min = 1, Max = 100_000)]
    public int HessianExamples { get; init; } = 500;

    [Option("Recompute batch-norm statistics at every point of the lines, surfaces, maps and the batch-size study (off: keep the trained minimum's, as an evaluation-mode forward pass does).")]
    public bool RecomputeBatchNorm { get; init; } = true;

    [Option("Parameters the Hessian is taken over: all trainable ones, or the weight tensors only (convolution and linear weights, no biases or batch-norm parameters), as Li et al.'s code does.")]
    public HessianParameters HessianParameters { get; init; } = HessianParameters.All;

    [Option("|λ_min/λ_max| above which a point of the map counts as markedly non-convex.", Min = 0, Max = 10)]
    public double RatioThreshold { get; init; } = 0.1;

    [Option("The large batch of the small- against large-batch comparison (0 skips it); it is trained for the same epochs as the small one, on the shallowest network with skips.", Min = 0, Max = 100_000,
        Derived = "2000, or twice batch_size when that is larger")]
    public int LargeBatchSize { get => _largeBatchSize ?? Math.Min(100_000, Math.Max(2000, 2 * BatchSize)); init => _largeBatchSize = value; }

    private readonly int? _largeBatchSize;

    [OptionGroup]
    public ThreadOptions Runtime { get; init; } = new();
}

/// <summary>
/// Li, Xu, Taylor, Studer and Goldstein's (2018) loss-landscape visualisation: 1-D and 2-D plots along filter-normalised
/// random directions around trained ResNets with and without skip connections at several depths, the map of
/// |λ_min/λ_max| that shows where the landscape is non-convex, and the interpolation and sharpness of small- against
/// large-batch solutions.
/// </summary>
public sealed partial class LossSurface : Experiment<LossSurfaceOptions>
{
    private const int StatisticsBatch = 500;

    public override string Id => "loss-surface";
    public override string Title => "Loss surfaces of ResNets with and without skip connections";
    public override Topic Topic => Topic.Landscape;
    public override IReadOnlyList<string> Papers => ["li2018visualizing", "he2016deep", "keskar2017large", "greydanus2020scaling"];

    public override string Summary =>
        "Trains CIFAR-style ResNets with and without skip connections at two or more depths on MNIST-1D and plots the " +
        "training loss along one and two filter-normalised random directions (Li et al. 2018), with batch-norm statistics " +
        "recomputed at every point; maps |λ_min/λ_max| of the Hessian (Lanczos) over the plane, with the share of markedly " +
        "non-convex points, and λ_max at each minimum; and compares a small-batch with a large-batch solution by linear " +
        "interpolation, filter-normalised plots and λ_max. At this scale the plain networks train worse and sit in far " +
        "sharper minima, but their ratio maps are not more non-convex than the skip networks' (Li et al. see that at " +
        "depth 56, width 16, on CIFAR-10).";

    public override LossSurfaceOptions Quick => Defaults with
    {
        Depths = [14],
        Steps = 300,
        EvaluationExamples = 500,
        Resolution = 9,
        HessianResolution = 3,
        LanczosSteps = 8,
        HessianExamples = 100,
        LargeBatchSize = 0,
    };

    protected override IEnumerable<string> Inconsistencies(LossSurfaceOptions o)
    {
        foreach (int depth in o.Depths)
        {
            if (depth < 8 || (depth - 2) % 6 != 0) yield return $"depth {depth} is not of the form 6n + 2; use 8, 14, 20, 32, 44, 56 or 110.";
        }
        if (o.LargeBatchSize > 0 && o.LargeBatchSize <= o.BatchSize) yield return $"large_batch_size ({o.LargeBatchSize}) must exceed batch_size ({o.BatchSize}), or be 0 to skip the comparison.";
    }

    public override CostEstimate EstimateCost(LossSurfaceOptions o)
    {
        // A training step costs about three forward passes, a Hessian-vector product about five.
        double perMac = 1 / CostCalibration.LossSurface.MultiplyAddsPerSecond;
        double total = 0;
        long units = 0;
        foreach (int depth in o.Depths)
        {
            double macs = Spec(o, depth, skip: true, Datasets.Shape(o.Dataset).Example).MultiplyAddsPerExample;
            double pass = macs * perMac;
            double points = o.Resolution + (double)o.Resolution * o.Resolution;
            total += 2 * (o.Steps * o.BatchSize * 3 * pass
                + points * (o.EvaluationExamples * 1.25) * pass
                + (double)o.HessianResolution * o.HessianResolution * (o.EvaluationExamples * 1.25 + 3 * o.HessianExamples + o.LanczosSteps * 5 * o.HessianExamples) * pass);
            units += 2 * (long)(points + o.HessianResolution * o.HessianResolution);
        }
        return new CostEstimate(units, "grid points", TimeSpan.FromSeconds(total + 5));
    }

    public override ExperimentResult Run(LossSurfaceOptions o, RunContext context) => Present(o, Measure(o, context));

    /// <summary>
    /// What the experiment measures, before any table or figure: the offsets α of the lines, what was measured around
    /// each trained model (by depth, with skips first), and the small- against large-batch comparison when one was asked for.
    /// </summary>
    private sealed record Measurement(double[] Alphas, List<Explored> Models, BatchComparison? Batches);

    private static Measurement Measure(LossSurfaceOptions o, RunContext context)
    {
        var device = TorchSetup.Prepare(context.Device);
        using var threads = IntraOpThreads.Use(o.Runtime.Threads);
        using var scope = NewDisposeScope();
        var data = TensorData.Load(o.Dataset, context, device);
        var evaluation = data.TrainSubset(o.EvaluationExamples, o.EvaluationExamples);
        var statistics = data.TrainSubset(Math.Max(1, o.EvaluationExamples / 4), StatisticsBatch);
        var hessianBatches = data.TrainSubset(o.HessianExamples, o.HessianExamples).Epoch(0).ToList();
        var test = new TensorBatches(data.TestInputs, data.TestLabels, 2000, shuffle: false);
        var alphas = LossLine.Evenly(-o.Extent, o.Extent, o.Resolution);
        var models = new List<Explored>();
        nn.Module<Tensor, Tensor>? shallowestWithSkips = null;

        foreach (int depth in o.Depths.Distinct().Order())
        {
            foreach (bool skip in new[] { true, false })
            {
                var spec = Spec(o, depth, skip, data.ExampleShape);
                var model = Train(o, spec, data, o.BatchSize, o.Steps, device, context);
                if (skip) shallowestWithSkips ??= model;
                models.Add(Explore(o, spec.Name, depth, skip, model, alphas, evaluation, statistics, hessianBatches, test, context));
            }
        }
        var batches = o.LargeBatchSize > 0 ? CompareBatchSizes(o, data, shallowestWithSkips!, alphas, evaluation, statistics, hessianBatches, test, device, context) : null;
        return new Measurement(alphas, models, batches);
    }

    private static SequentialSpec Spec(LossSurfaceOptions o, int depth, bool skip, int[] exampleShape) =>
        ResNet.Cifar(exampleShape, depth, o.Width, skip, batchNorm: true, classes: 10);

    private static nn.Module<Tensor, Tensor> Train(LossSurfaceOptions o, SequentialSpec spec, TensorData data, int batchSize, int steps, Device device, RunContext context)
    {
        string name = $"{spec.Name}-batch{batchSize}";
        using var task = context.Progress.Start($"training {spec.Name} (batch {batchSize})", steps);
        return TrainedNetworks.Train(spec, device, Seeds.Derive(context.Seed, name), data.Shuffled(batchSize, Seeds.Derive(context.Seed, $"{name} order")),
            () => new SgdSettings(new CosineStep(o.LearningRate, steps), o.Momentum, o.WeightDecay).CreateOptimizer(), steps, name, context, task);
    }

    private sealed record ModelRow(string Name, int Depth, bool Skip, long Parameters, double TrainLoss, double TrainAccuracy, double TestAccuracy,
        double MeanRatio, double FractionAbove, double CentreLambdaMax, double CentreLambdaMin, int SurfaceMinima);

    /// <summary>
    /// What was measured around one trained model: its row of the models table, the loss and accuracy along one
    /// filter-normalised direction at the offsets α, the surface on the plane of two, and the |λ_min/λ_max| map over
    /// that plane (null when the map is skipped).
    /// </summary>
    private sealed record Explored(ModelRow Row, PointMeasure[] Line, SurfaceResult Surface, CurvatureResult? Map);

    /// <summary>The 1-D line, the 2-D surface and the |λ_min/λ_max| map around one trained model.</summary>
    private static Explored Explore(LossSurfaceOptions o, string name, int depth, bool skip, nn.Module<Tensor, Tensor> model, double[] alphas, TensorBatches evaluation,
        TensorBatches statistics, List<Batch> hessianBatches, TensorBatches test, RunContext context)
    {
        using var scope = NewDisposeScope();
        var probe = LandscapeProbe.ForClassifier(model, evaluation, statistics, o.RecomputeBatchNorm);
        var origin = probe.Weights.Flatten();
        var x = FilterNormalizedDirections.Draw(probe.Weights, Seeds.Derive(context.Seed, $"{name} direction x"));
        var y = FilterNormalizedDirections.Draw(probe.Weights, Seeds.Derive(context.Seed, $"{name} direction y"));
        var centre = probe.Measure();
        double testAccuracy = Classification.Evaluate(model, test).Accuracy;

        var line = LossLine.Along(probe, origin, x, alphas, context.Cancellation);
        var surface = new SurfaceScan(probe, origin, x, y, SurfaceGrid.Square(o.Extent, o.Resolution))
            .Run(ProgressFile(context, $"surface-{name}"), progress: context.Progress, cancellation: context.Cancellation);

        double meanRatio = double.NaN, fraction = double.NaN;
        CurvatureResult? map = null;
        if (o.HessianResolution > 0)
        {
            map = new CurvatureScan(probe, Classification.CrossEntropy, hessianBatches, origin, x, y, SurfaceGrid.Square(o.Extent, o.HessianResolution), o.LanczosSteps,
                HessianBlock(o, model)).Run(Seeds.Derive(context.Seed, $"{name} Lanczos"), ProgressFile(context, $"curvature-{name}"), progress: context.Progress, cancellation: context.Cancellation);
            meanRatio = map.Ratio.Average();
            fraction = map.FractionAbove(o.RatioThreshold);
        }
        var (centreMin, centreMax) = CurvatureScan.ExtremesAt(probe, Classification.CrossEntropy, hessianBatches, origin, o.LanczosSteps, context.Random($"{name} centre Lanczos"),
            HessianBlock(o, model));
        var row = new ModelRow(name, depth, skip, probe.Weights.Length, centre.Loss, centre.Accuracy!.Value, testAccuracy, meanRatio, fraction, centreMax, centreMin,
            surface.LocalMinima().Count);
        return new Explored(row, line, surface, map);
    }

    private static string? ProgressFile(RunContext context, string name) =>
        context.ResumeDirectory is { } resume ? Path.Combine(resume, name + ".csv") : null;

    private static ParameterVector HessianBlock(LossSurfaceOptions o, nn.Module model) =>
        o.HessianParameters == HessianParameters.Weights ? ParameterVector.WeightTensors(model) : ParameterVector.Of(model);

    /// <summary>
    /// The small- against large-batch comparison of the network <paramref name="Network"/>: the training and test loss
    /// and accuracy on the line through both solutions at the points <paramref name="Ts"/>, and what was measured at each.
    /// </summary>
    private sealed record BatchComparison(string Network, double[] Ts, PointMeasure[] TrainLine, PointMeasure[] TestLine, BatchSolution[] Solutions);

    /// <summary>
    /// One solution of the comparison ("small" or "large", trained with batches of <paramref name="Batch"/>): the training
    /// loss along a filter-normalised direction around it at the offsets α, λ_max there and its test accuracy.
    /// </summary>
    private sealed record BatchSolution(string Label, int Batch, double[] Losses, double LambdaMax, double TestAccuracy);

    /// <summary>
    /// Li et al.'s Section 5: a small- and a large-batch solution of the shallowest network with skips, trained for the
    /// same number of epochs: the loss on the line through both (Keskar et al.'s plot) and along a filter-normalised
    /// direction around each, and λ_max at each. The small-batch solution is <paramref name="small"/>, the network the
    /// surfaces were drawn around: training it again would give the same weights (same seed, data order and steps).
    /// </summary>
    private static BatchComparison CompareBatchSizes(LossSurfaceOptions o, TensorData data, nn.Module<Tensor, Tensor> small, double[] alphas, TensorBatches evaluation,
        TensorBatches statistics, List<Batch> hessianBatches, TensorBatches test, Device device, RunContext context)
    {
        using var scope = NewDisposeScope();
        var spec = Spec(o, o.Depths.Min(), skip: true, data.ExampleShape);
        int largeSteps = Math.Max(1, (int)Math.Round((double)o.Steps * o.BatchSize / o.LargeBatchSize));
        var large = Train(o, spec, data, o.LargeBatchSize, largeSteps, device, context);
        var smallProbe = LandscapeProbe.ForClassifier(small, evaluation, statistics, o.RecomputeBatchNorm);
        var largeProbe = LandscapeProbe.ForClassifier(large, evaluation, statistics, o.RecomputeBatchNorm);
        var smallWeights = smallProbe.Weights.Flatten();
        var largeWeights = largeProbe.Weights.Flatten();

        var ts = LossLine.Evenly(-0.5, 1.5, o.Resolution);
        var line = LossLine.Between(smallProbe, smallWeights, largeWeights, ts, context.Cancellation);
        var testProbe = LandscapeProbe.ForClassifier(small, test, statistics, o.RecomputeBatchNorm);
        var testLine = LossLine.Between(testProbe, smallWeights, largeWeights, ts, context.Cancellation);

        var solutions = new List<BatchSolution>();
        foreach (var (label, probe, weights, batch) in new[] { ("small", smallProbe, smallWeights, o.BatchSize), ("large", largeProbe, largeWeights, o.LargeBatchSize) })
        {
            var direction = FilterNormalizedDirections.Draw(probe.Weights, Seeds.Derive(context.Seed, $"batch {label} direction"));
            var along = LossLine.Along(probe, weights, direction, alphas, context.Cancellation);
            var (_, lambdaMax) = CurvatureScan.ExtremesAt(probe, Classification.CrossEntropy, hessianBatches, weights, o.LanczosSteps, context.Random($"batch {label} Lanczos"),
                HessianBlock(o, probe.Model));
            solutions.Add(new BatchSolution(label, batch, [.. along.Select(m => m.Loss)], lambdaMax, Classification.Evaluate(probe.Model, test).Accuracy));
        }
        return new BatchComparison(spec.Name, ts, line, testLine, [.. solutions]);
    }
}

using TheoryLab.Analysis;
using TheoryLab.Analysis.Landscape;
using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Models.ConvNets;
using TheoryLab.Models.MeanField;
using TheoryLab.Numerics.Fits;
using TheoryLab.Numerics.Statistics;
using TheoryLab.Options;
using TheoryLab.Tables;
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
public sealed class ModeConnectivity : Experiment<ModeConnectivityOptions>
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

    public override ExperimentResult Run(ModeConnectivityOptions o, RunContext context)
    {
        var device = TorchSetup.Prepare(context.Device);
        using var threads = IntraOpThreads.Use(o.Runtime.Threads);
        var ts = LossLine.Evenly(0, 1, o.PathPoints);
        var rows = new List<BarrierRow>();
        var result = new ExperimentResult();
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
                    var paths = new Table($"paths-{name}-{layers}").Add("t", ts);
                    foreach (int width in o.Widths.Distinct().Order())
                    {
                        for (int pair = 0; pair < o.Pairs; pair++)
                        {
                            var row = MeasurePair(o, context, device, data, train, whole, layers, width, pair, ts, paths, task);
                            rows.Add(row);
                        }
                    }
                    result.Add(paths);
                }
            }
        }
        AddResults(o, rows, result);
        return result;
    }

    /// <summary>An MLP of <paramref name="layers"/> ReLU hidden layers of <paramref name="width"/> units.</summary>
    public static SequentialSpec Network(int[] inputShape, int layers, int width, int classes)
    {
        var specs = new List<LayerSpec>();
        for (int l = 0; l < layers; l++) specs.AddRange([new Dense(width), new ActivationLayer(Activations.Relu)]);
        specs.Add(new Dense(classes));
        return new SequentialSpec($"MLP {layers}×{width}", inputShape, specs);
    }

    private sealed record BarrierRow(string Dataset, int Layers, int Width, int Pair, long Parameters, double EndLoss, double LineBarrier, double CurveBarrier, double LineAccuracyDip);

    private static BarrierRow MeasurePair(ModeConnectivityOptions o, RunContext context, Device device, TensorData data, TensorBatches train, TensorBatches whole,
        int layers, int width, int pair, double[] ts, Table paths, IProgressTask task)
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
        if (pair == 0)
        {
            paths.Add($"line_w{width}", lineLosses);
            paths.Add($"curve_w{width}", curveLosses);
        }
        double endLoss = (lineLosses[0] + lineLosses[^1]) / 2;
        double accuracyDip = (line[0].Accuracy!.Value + line[^1].Accuracy!.Value) / 2 - line.Min(m => m.Accuracy!.Value);
        return new BarrierRow(data.Name, layers, width, pair, spec.Parameters, endLoss,
            LossBarrier.Height(ts, lineLosses), LossBarrier.Height(ts, curveLosses), accuracyDip);
    }

    private static void AddResults(ModeConnectivityOptions o, List<BarrierRow> rows, ExperimentResult result)
    {
        result.Add(new Table("barriers")
            .AddText("dataset", rows.Select(r => r.Dataset))
            .Add("hidden_layers", rows.Select(r => (double)r.Layers))
            .Add("width", rows.Select(r => (double)r.Width))
            .Add("pair", rows.Select(r => (double)r.Pair))
            .Add("parameters", rows.Select(r => (double)r.Parameters))
            .Add("end_loss", rows.Select(r => r.EndLoss))
            .Add("line_barrier", rows.Select(r => r.LineBarrier))
            .Add("curve_barrier", rows.Select(r => r.CurveBarrier))
            .Add("line_accuracy_dip", rows.Select(r => r.LineAccuracyDip)));

        var curveSeries = new List<Series>();
        var lineSeries = new List<Series>();
        foreach (var group in rows.GroupBy(r => (r.Dataset, r.Layers)))
        {
            var (dataset, layers) = group.Key;
            string key = $"{Snake(dataset)}_{layers}l";
            var byWidth = group.GroupBy(r => r.Width).OrderBy(g => g.Key).ToArray();
            var widths = byWidth.Select(g => (double)g.Key).ToArray();
            var line = byWidth.Select(g => g.Average(r => r.LineBarrier)).ToArray();
            var curve = byWidth.Select(g => g.Average(r => r.CurveBarrier)).ToArray();
            // Narrow networks underfit and barely leave their plateau, so barriers first rise with width; the trend that
            // Venturi et al.'s theorem speaks to is the one beyond the widest barrier, fitted from there on.
            int peak = Array.IndexOf(curve, curve.Max());
            var curveFit = PowerLaw(widths[peak..], curve[peak..]);
            var lineFit = PowerLaw(widths[peak..], line[peak..]);
            string table = $"barrier-vs-width-{dataset}-{layers}";
            result.Add(new Table(table)
                .Add("width", widths)
                .Add("line_barrier", line)
                .Add("line_barrier_sd", byWidth.Select(g => Spread.Of([.. g.Select(r => r.LineBarrier)]).StandardDeviation))
                .Add("curve_barrier", curve)
                .Add("curve_barrier_sd", byWidth.Select(g => Spread.Of([.. g.Select(r => r.CurveBarrier)]).StandardDeviation))
                .Add("end_loss", byWidth.Select(g => g.Average(r => r.EndLoss)))
                .Add("curve_fit", widths.Select((w, i) => curveFit is { } f && i >= peak ? f.Scale * Math.Pow(w, f.Exponent) : double.NaN)));
            string depth = layers == 1 ? "one hidden layer" : $"{layers} hidden layers";
            string pairs = o.Pairs == 1 ? "one pair" : $"mean over {o.Pairs} pairs";
            result.Add(new Finding($"curve_barrier_narrowest_{key}", curve[0], "nats",
                $"Training-loss barrier along the trained {Describe(o.Curve)} between two independently trained networks, {dataset}, {depth}, width {widths[0]} ({pairs})."));
            result.Add(new Finding($"curve_barrier_widest_{key}", curve[^1], "nats",
                $"The same at width {widths[^1]}: one-hidden-layer networks wide enough for their data have no spurious valleys, so some path between any two minima keeps the loss down and the curve, an upper bound on the best path's barrier, can approach 0.",
                0, "venturi2019spurious"));
            result.Add(new Finding($"line_barrier_narrowest_{key}", line[0], "nats",
                $"Barrier on the straight line between the same two networks, {dataset}, {depth}, width {widths[0]}."));
            result.Add(new Finding($"line_barrier_widest_{key}", line[^1], "nats",
                $"The same at width {widths[^1]}: independently trained networks are hidden units in different orders, and the straight line between them mixes unrelated units, so its barrier need not vanish."));
            result.Add(new Finding($"peak_width_{key}", widths[peak], "1",
                $"Width with the highest curve barrier, {dataset}, {depth}: narrower networks underfit (end loss {byWidth[0].Average(r => r.EndLoss):G3} nats at width {widths[0]})."));
            if (curveFit is { } power)
            {
                result.Add(new Finding($"curve_barrier_exponent_{key}", power.Exponent, "1",
                    $"Fitted exponent p of curve barrier ∝ widthᵖ from width {widths[peak]} on, {dataset}, {depth} (negative: barriers shrink with width)."));
            }
            if (lineFit is { } linePower)
            {
                result.Add(new Finding($"line_barrier_exponent_{key}", linePower.Exponent, "1",
                    $"Fitted exponent of the line barrier against width over the same widths, {dataset}, {depth}."));
            }
            string label = $"{dataset}, {layers} hidden";
            lineSeries.Add(new Markers(table, "width", "line_barrier", label, "line_barrier_sd"));
            curveSeries.Add(new Markers(table, "width", "curve_barrier", label, "curve_barrier_sd"));
            if (curveFit is not null) curveSeries.Add(new Line(table, "width", "curve_fit", $"{label}: ∝ w^{curveFit.Value.Exponent:F2}", Dashed: true));
        }
        result.Add(new Finding("curve_at_most_line_fraction", rows.Count(r => r.CurveBarrier <= r.LineBarrier + 1e-3) / (double)rows.Count, "1",
            "Fraction of pairs whose trained curve has a barrier no higher than the straight line's (within 10⁻³ nats); the curve starts as the line and training lowers its loss.",
            1, "garipov2018loss"));

        result.Add(new Figure("curve-barrier-vs-width",
            $"Training-loss barrier along a trained {Describe(o.Curve)} between independently trained ReLU networks against hidden width ({(o.Pairs == 1 ? "one pair" : $"mean ± sd over {o.Pairs} pairs")}), with the power law fitted from the widest barrier on (dashed).",
            new Axis("hidden width", Log: true), new Axis("curve barrier (nats)", Log: true), curveSeries)
        { Legend = LegendPlace.LowerLeft });
        result.Add(new Figure("line-barrier-vs-width",
            $"Training-loss barrier on the straight line between the same pairs of networks against hidden width.",
            new Axis("hidden width", Log: true), new Axis("line barrier (nats)", Log: true), lineSeries)
        { Legend = LegendPlace.LowerRight });
        foreach (var paths in result.Tables.Where(t => t.Name.StartsWith("paths-", StringComparison.Ordinal)).ToArray())
        {
            string setting = paths.Name["paths-".Length..];
            var series = new List<Series>();
            foreach (string column in paths.ColumnNames.Where(c => c.StartsWith("line_w", StringComparison.Ordinal)))
            {
                string width = column["line_w".Length..];
                series.Add(new Line(paths.Name, "t", column, $"line, width {width}", Dashed: true));
                series.Add(new Line(paths.Name, "t", $"curve_w{width}", $"curve, width {width}"));
            }
            result.Add(new Figure($"paths-{setting}",
                $"Training loss along the straight line (dashed) and the trained {Describe(o.Curve)} (solid) between two independently trained networks ({setting.Replace("-", ", ", StringComparison.Ordinal)} hidden layer(s)), for each width.",
                new Axis("t"), new Axis("training loss (nats)", Log: true), series)
            { Legend = LegendPlace.UpperRight });
        }
    }

    private static string Describe(CurveKind kind) => kind == CurveKind.Bezier ? "Bézier curve" : "polygonal chain";

    private static string Snake(string name) => name.Replace('-', '_');

    /// <summary>barrier ≈ c·wᵖ fitted in log–log over the widths whose barrier is positive; null with fewer than two.</summary>
    private static (double Scale, double Exponent)? PowerLaw(double[] widths, double[] barriers)
    {
        var positive = Enumerable.Range(0, widths.Length).Where(i => barriers[i] > 1e-6).ToArray();
        if (positive.Length < 2) return null;
        var x = positive.Select(i => widths[i]).ToArray();
        var y = positive.Select(i => barriers[i]).ToArray();
        double exponent = LogLogFit.Slope(x, y);
        double scale = Math.Exp(y.Zip(x, (b, w) => Math.Log(b) - exponent * Math.Log(w)).Average());
        return (scale, exponent);
    }
}

using TheoryLab.Data;
using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Models.ConvNets;
using TheoryLab.Models.MeanField;
using TheoryLab.Numerics.Fits;
using TheoryLab.Numerics.Statistics;
using TheoryLab.Options;
using TheoryLab.Tables;
using TheoryLab.Text;
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
public sealed class AdaGradNormRobustness : Experiment<AdaGradNormOptions>
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
                (double step, double evaluation) = CostCalibration.AdaGradNorm.Seconds(dataset.StartsWith("mnist1d", StringComparison.Ordinal), model == "mlp");
                seconds += o.Replicates * o.Methods.Length * o.InitialScales.Length * (step * o.Steps * o.BatchSize / 128.0 + evaluation);
            }
        long trainings = (long)o.Datasets.Length * o.Models.Length * o.Replicates * o.Methods.Length * o.InitialScales.Length;
        return new CostEstimate(trainings, "trainings", TimeSpan.FromSeconds(seconds + 2));
    }

    public override ExperimentResult Run(AdaGradNormOptions o, RunContext context)
    {
        var device = TorchSetup.Prepare(context.Device);
        var scales = o.InitialScales.Distinct().Order().ToArray();
        var methods = o.Methods.Distinct().ToArray();
        var result = new ExperimentResult();
        var runs = new List<RunRecord>();
        using (var threads = IntraOpThreads.Use(1))
        using (var task = context.Progress.Start("trainings", o.Datasets.Distinct().Count() * o.Models.Distinct().Count() * o.Replicates * methods.Length * scales.Length))
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
                        foreach (string method in methods)
                            foreach (double b0 in scales)
                            {
                                var setting = new Setting(dataset, model, method, b0, r);
                                runs.Add(Train(setting, spec, sets, o, device, context));
                                var last = runs[^1];
                                task.Advance(1, $"{dataset} {model} {method} b₀ = {b0:G3}: loss {last.TrainLoss:G3}, accuracy {last.TestAccuracy:F3}");
                            }
                }
            }
        }
        result.Add(RunsTable(runs));
        var ranges = new List<RangeRecord>();
        foreach (var config in runs.Select(r => (r.Setting.Dataset, r.Setting.Model)).Distinct())
        {
            var sweep = Sweep(runs.Where(r => r.Setting.Dataset == config.Dataset && r.Setting.Model == config.Model).ToList(), methods, scales);
            result.Add(sweep);
            foreach (string method in methods) ranges.Add(Range(config.Dataset, config.Model, method, sweep, scales, o));
            AddSweepFigures(result, sweep, config.Dataset, config.Model, methods, o);
        }
        result.Add(RangeTable(ranges));
        if (methods.Contains("adagrad-norm")) AddFinalScaleFigure(result, o);
        AddRangeFindings(result, ranges, methods, scales, o);
        AddQuadratic(result, o, context);
        return result;
    }

    /// <summary>The MLP or CNN for the dataset's example shape.</summary>
    private static SequentialSpec Network(string model, LabeledData train, int width) => (model, train.ExampleShape) switch
    {
        ("mlp", var shape) => new SequentialSpec($"MLP {width}-{width}", shape,
            [new Dense(width), new ActivationLayer(Activations.Relu), new Dense(width), new ActivationLayer(Activations.Relu), new Dense(train.Classes)]),
        ("cnn", [int length]) => LeNet.OneDimensional(length, classes: train.Classes),
        ("cnn", [1, 28, 28]) => LeNet.Five(classes: train.Classes),
        (_, var shape) => throw new TheoryLabException($"{train.Name} has examples of shape {string.Join("×", shape)}; the cnn takes sequences (MNIST-1D) or 1×28×28 images, the mlp any shape."),
    };

    private sealed record Setting(string Dataset, string Model, string Method, double B0, int Replicate);

    private sealed record RunRecord(Setting Setting, double TrainLoss, double TestAccuracy, bool Diverged, double FinalB);

    private sealed record RangeRecord(string Dataset, string Model, string Method, double AccuracyDecades, double LossDecades, double BestAccuracy, double BestAccuracyB0, double BestLoss);

    /// <summary>
    /// One training from the replicate's initial weights and batch order. The trainer ends it at the first non-finite
    /// batch loss and records the divergence; that, or a final training loss above <see cref="DivergedLoss"/> or not
    /// finite, counts as diverged and is recorded as <see cref="DivergedLoss"/>.
    /// </summary>
    private static RunRecord Train(Setting s, SequentialSpec spec, ClassificationSets sets, AdaGradNormOptions o, Device device, RunContext context)
    {
        using var scope = NewDisposeScope();
        using var generator = context.TorchGenerator($"{s.Dataset}/{s.Model}/weights/{s.Replicate}");
        var model = spec.Build(generator).to(device);
        var batches = sets.TrainingBatches(o.BatchSize, Seeds.Derive(context.Seed, $"{s.Dataset}/{s.Model}/order/{s.Replicate}"));
        using var optimizer = InitialStepScale.Create(s.Method, o.LearningRate, s.B0);
        var run = ClassificationRecipe.Train(model, sets, batches, optimizer, o.Steps, new HashSet<long>(), cancellation: context.Cancellation, divergence: DivergencePolicy.Record);
        var (train, test) = (run.Final.Train, run.Final.Test);
        bool diverged = run.Summary.Diverged || !(train.Loss <= DivergedLoss);
        return new RunRecord(s, diverged ? DivergedLoss : train.Loss, test.Accuracy, diverged, optimizer is AdaGradNorm norm ? norm.B : double.NaN);
    }

    private static Table RunsTable(List<RunRecord> runs) => new Table("runs")
        .AddText("dataset", runs.Select(r => r.Setting.Dataset))
        .AddText("model", runs.Select(r => r.Setting.Model))
        .AddText("method", runs.Select(r => r.Setting.Method))
        .Add("b0", runs.Select(r => r.Setting.B0))
        .Add("replicate", runs.Select(r => (double)r.Setting.Replicate))
        .Add("train_loss", runs.Select(r => r.TrainLoss))
        .Add("test_accuracy", runs.Select(r => r.TestAccuracy))
        .Add("diverged", runs.Select(r => r.Diverged ? 1.0 : 0.0));

    private static string ConfigName(string dataset, string model) => $"{dataset}-{model}";

    /// <summary>Per b₀, each method's mean and standard error over replicates of loss and accuracy, and the fraction diverged.</summary>
    private static Table Sweep(List<RunRecord> runs, string[] methods, double[] scales)
    {
        var first = runs[0].Setting;
        var table = new Table($"sweep-{ConfigName(first.Dataset, first.Model)}").Add("b0", scales);
        foreach (string method in methods)
        {
            string key = InitialStepScale.Key(method);
            var groups = scales.Select(b0 => runs.Where(r => r.Setting.Method == method && r.Setting.B0 == b0).ToList()).ToList();
            table.Add($"{key}_loss", groups.Select(g => g.Average(r => r.TrainLoss)))
                .Add($"{key}_loss_se", groups.Select(g => Moments.StandardError([.. g.Select(r => r.TrainLoss)])))
                .Add($"{key}_accuracy", groups.Select(g => g.Average(r => r.TestAccuracy)))
                .Add($"{key}_accuracy_se", groups.Select(g => Moments.StandardError([.. g.Select(r => r.TestAccuracy)])))
                .Add($"{key}_diverged", groups.Select(g => g.Average(r => r.Diverged ? 1.0 : 0.0)));
            if (method == "adagrad-norm") table.Add("adagrad_norm_b_final", groups.Select(g => g.Average(r => r.FinalB)));
        }
        return table;
    }

    private static RangeRecord Range(string dataset, string model, string method, Table sweep, double[] scales, AdaGradNormOptions o)
    {
        string key = InitialStepScale.Key(method);
        var accuracy = sweep.Numbers($"{key}_accuracy");
        var loss = sweep.Numbers($"{key}_loss");
        var byAccuracy = RobustRange.Decades(scales, accuracy, higherIsBetter: true, (a, best) => a >= best - o.AccuracyMargin);
        var byLoss = RobustRange.Decades(scales, loss, higherIsBetter: false, (l, best) => l <= best + o.LossMargin);
        return new RangeRecord(dataset, model, method, byAccuracy.Decades, byLoss.Decades, accuracy[byAccuracy.Best], scales[byAccuracy.Best], loss[byLoss.Best]);
    }

    private static Table RangeTable(List<RangeRecord> ranges) => new Table("robust-range")
        .AddText("dataset", ranges.Select(r => r.Dataset))
        .AddText("model", ranges.Select(r => r.Model))
        .AddText("method", ranges.Select(r => r.Method))
        .Add("decades_accuracy", ranges.Select(r => r.AccuracyDecades))
        .Add("decades_loss", ranges.Select(r => r.LossDecades))
        .Add("best_accuracy", ranges.Select(r => r.BestAccuracy))
        .Add("best_accuracy_b0", ranges.Select(r => r.BestAccuracyB0))
        .Add("best_loss", ranges.Select(r => r.BestLoss));

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
        var lossSeries = methods.Select(m => (Series)new Markers(sweep.Name, "b0", $"{InitialStepScale.Key(m)}_loss", InitialStepScale.Describe(m), $"{InitialStepScale.Key(m)}_loss_se")).ToList();
        var accuracySeries = methods.Select(m => (Series)new Markers(sweep.Name, "b0", $"{InitialStepScale.Key(m)}_accuracy", InitialStepScale.Describe(m), $"{InitialStepScale.Key(m)}_accuracy_se")).ToList();
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

    private static void AddFinalScaleFigure(ExperimentResult result, AdaGradNormOptions o)
    {
        var sweeps = result.Tables.Where(t => t.Name.StartsWith("sweep-", StringComparison.Ordinal)).ToList();
        var series = sweeps.Select(t => (Series)new Markers(t.Name, "b0", "adagrad_norm_b_final", t.Name["sweep-".Length..])).ToList();
        series.Add(new Line(sweeps[0].Name, "b0", "b0", "b = b₀", Dashed: true));
        result.Add(new Figure("b-final",
            $"AdaGrad-Norm's final b after {o.Steps} steps against b₀ (mean over replicates), for each dataset and network.",
            new Axis("initial scale b₀", Log: true), new Axis("final b", Log: true), series)
        { Legend = LegendPlace.UpperLeft });
    }

    /// <summary>The quadratic runs stop once ‖∇f‖ falls to this fraction of ‖∇f(x₀)‖.</summary>
    private const double QuadraticTolerance = 1e-10;

    private static void AddQuadratic(ExperimentResult result, AdaGradNormOptions o, RunContext context)
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
        double threshold = AdaGradNormPlateau.StabilityThreshold(eta, l);
        var table = new Table("b-plateau")
            .Add("b0", scales)
            .Add("b_final", outcomes.Select(x => x.FinalB))
            .Add("threshold", scales.Select(_ => threshold))
            .Add("eta_l", scales.Select(_ => eta * l))
            .Add("bound", scales.Select(b0 => AdaGradNormPlateau.UpperBound(eta, l, gap, b0)))
            .Add("steps", outcomes.Select(x => (double)x.Steps))
            .Add("converged", outcomes.Select(x => x.Converged ? 1.0 : 0.0));
        result.Add(table);
        // The theory lines on a fine grid, so that the bound's kink at b₀ = ηL shows.
        var fine = Enumerable.Range(0, TheoryPoints).Select(j => scales[0] * Math.Pow(scales[^1] / scales[0], j / (TheoryPoints - 1.0))).ToArray();
        result.Add(new Table("b-plateau-theory")
            .Add("b0", fine)
            .Add("threshold", fine.Select(_ => threshold))
            .Add("eta_l", fine.Select(_ => eta * l))
            .Add("bound", fine.Select(b0 => AdaGradNormPlateau.UpperBound(eta, l, gap, b0))));

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
                new Markers("b-plateau", "b0", "b_final", "measured final b"),
                new Line("b-plateau-theory", "b0", "threshold", "ηL/2"),
                new Line("b-plateau-theory", "b0", "eta_l", "ηL", Dashed: true),
                new Line("b-plateau-theory", "b0", "bound", "Ward et al.'s bound", Dashed: true),
            ])
        { Legend = LegendPlace.LowerRight });
    }
}

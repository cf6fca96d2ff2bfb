using System.Diagnostics;
using TheoryLab.Data;
using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Models.MeanField;
using TheoryLab.Options;
using TheoryLab.Tables;
using TheoryLab.Text;
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
public sealed class TrainableDepth : Experiment<TrainableDepthOptions>
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
        MaxDepth = 48,
        DepthPoints = 6,
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
        var (inputs, train, test) = VectorData.Shape(o.Dataset);
        var (perStep, perLayerStep) = CalibrateStep(o, inputs);
        var depths = Depths(o);
        double stepsSeconds = depths.Sum(depth => o.Steps * (perStep + perLayerStep * depth));
        // An evaluation is a forward pass, about a third of a training step per example.
        double evaluationSeconds = depths.Sum(depth => o.Checkpoints * (train + test) / 3.0 / o.BatchSize * (perStep + perLayerStep * depth));
        long networks = (long)o.SigmaW2Points * depths.Length;
        return CostEstimate.FromCalibration(networks, "trained networks", (stepsSeconds + evaluationSeconds) / networks, fixedSeconds: 2);
    }

    public override ExperimentResult Run(TrainableDepthOptions o, RunContext context)
    {
        TorchSetup.Prepare(context.Device);
        var data = Datasets.Load(o.Dataset, context.Data, context.Seed);
        var sigmaW2 = SigmaW2(o);
        var depths = Depths(o);
        var checkpoints = CheckpointSteps(o);
        var integrals = new GaussianIntegrals(Activations.Tanh);
        var xiC = sigmaW2.Select(s => new MeanFieldMaps(integrals, s, o.SigmaB2).XiC).ToArray();

        using var scope = NewDisposeScope();
        var sets = new ClassificationSets(data, asVectors: true);
        var measured = new Measurement[sigmaW2.Length, depths.Length];
        var clock = Stopwatch.StartNew();
        using (var threads = IntraOpThreads.Use(o.Runtime.Threads))
        using (var task = context.Progress.Start($"tanh networks on {o.Dataset} ({sigmaW2.Length} at a time), in layer-steps", o.Steps * depths.Sum(d => (long)d)))
        {
            for (int j = 0; j < depths.Length; j++)
            {
                var byMember = TrainDepth(o, sigmaW2, depths[j], checkpoints, sets, task, context);
                for (int i = 0; i < sigmaW2.Length; i++) measured[i, j] = byMember[i];
            }
        }
        double seconds = clock.Elapsed.TotalSeconds;

        var result = new ExperimentResult();
        double chance = 1.0 / data.Train.Classes;
        var train = Grid(sigmaW2, depths, measured, checkpoints.Length - 1, m => m.Train, chance);
        var test = Grid(sigmaW2, depths, measured, checkpoints.Length - 1, m => m.Test, chance);
        var byTime = AddTables(result, o, sigmaW2, depths, xiC, measured, checkpoints, train, test);
        AddFindings(result, o, xiC, train, test, seconds, sigmaW2.Length * depths.Length);
        AddFigures(result, o, data.Train.Name, integrals, byTime);
        return result;
    }

    /// <summary>Accuracies at checkpoint <paramref name="checkpoint"/> as a grid.</summary>
    private static TrainabilityGrid Grid(double[] sigmaW2, int[] depths, Measurement[,] measured, int checkpoint, Func<Measurement, double[]> pick, double chance)
    {
        var accuracy = new double[sigmaW2.Length, depths.Length];
        for (int i = 0; i < sigmaW2.Length; i++)
            for (int j = 0; j < depths.Length; j++)
                accuracy[i, j] = pick(measured[i, j])[checkpoint];
        return new TrainabilityGrid(sigmaW2, depths, accuracy, chance);
    }

    /// <summary>Training and test accuracy (and training loss) of one grid point at each checkpoint.</summary>
    private sealed record Measurement(double[] Train, double[] Test, double[] TrainLoss);

    /// <summary>
    /// Trains the networks of one depth, one per σ_w², as one <see cref="MlpEnsemble"/> with plain SGD in float32 on one
    /// sum of their mean losses, so each network follows its own gradient. Each network is drawn from Schoenholz et
    /// al.'s distributions (W ~ N(0, σ_w²/fan-in), b ~ N(0, σ_b²), readout alike) by a generator seeded by the run's seed
    /// and the point's coordinates, and all see the mini-batches in an order seeded by the run's seed and the depth:
    /// a point's numbers do not depend on which other σ_w² the grid holds.
    /// </summary>
    private static Measurement[] TrainDepth(TrainableDepthOptions o, double[] sigmaW2, int depth, long[] checkpoints,
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
            return [.. sigmaW2.Select((_, g) => new Measurement([.. train[g]], [.. test[g]], [.. loss[g]]))];
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
    /// the median of timed steps (after a warm-up) of a shallow and a deeper ensemble of the options' grid, width, batch
    /// and threads.
    /// </summary>
    private static (double PerStep, double PerLayerStep) CalibrateStep(TrainableDepthOptions o, int inputs)
    {
        const int shallow = 2, deep = 12;
        double shallowSeconds = MedianStepSeconds(o, inputs, shallow), deepSeconds = MedianStepSeconds(o, inputs, deep);
        double perLayer = Math.Max(0, (deepSeconds - shallowSeconds) / (deep - shallow));
        return (Math.Max(0, shallowSeconds - perLayer * shallow), perLayer);
    }

    private static double MedianStepSeconds(TrainableDepthOptions o, int inputs, int depth)
    {
        TorchRuntime.EnsureLoaded();
        using var threads = IntraOpThreads.Use(o.Runtime.Threads);
        using var generator = new Generator(0);
        var specs = Enumerable.Repeat(new MlpSpec(Activations.Tanh, 1, o.SigmaB2, depth, o.Width), o.SigmaW2Points).ToArray();
        using var model = new MlpEnsemble(specs, inputs, 10, [.. specs.Select(_ => generator)]);
        model.to(ScalarType.Float32);
        return StepCalibration.MedianStepSeconds(model, [inputs], 10, o.BatchSize, new SgdSettings(o.LearningRate), warmup: 5, timed: 15, Classification.EnsembleCrossEntropy);
    }

    /// <returns>The table of the largest trained depth after each number of steps, whose columns its figure lists.</returns>
    private static Table AddTables(ExperimentResult result, TrainableDepthOptions o, double[] sigmaW2, int[] depths, double[] xiC, Measurement[,] measured,
        long[] checkpoints, TrainabilityGrid train, TrainabilityGrid test)
    {
        var cells = sigmaW2.SelectMany((_, i) => depths.Select((_, j) => (I: i, J: j))).ToArray();
        double trainThreshold = train.Level(o.TrainedFraction), testThreshold = test.Level(o.TrainedFraction);
        result.Add(new Table("accuracy")
            .Add("sigma_w2", cells.Select(c => sigmaW2[c.I]))
            .Add("depth", cells.Select(c => (double)depths[c.J]))
            .Add("train_accuracy", cells.Select(c => ChanceIfNaN(train.Accuracy[c.I, c.J], train.Chance)))
            .Add("test_accuracy", cells.Select(c => ChanceIfNaN(test.Accuracy[c.I, c.J], test.Chance)))
            .Add("train_loss", cells.Select(c => measured[c.I, c.J].TrainLoss[^1]))
            .Add("six_xi_c", cells.Select(c => PaperMultiple * xiC[c.I]))
            .Add("predicted_trainable", cells.Select(c => depths[c.J] <= PaperMultiple * xiC[c.I] ? 1.0 : 0.0))
            .Add("trained", cells.Select(c => train.Trained(c.I, c.J, trainThreshold) ? 1.0 : 0.0))
            .Add("trained_test", cells.Select(c => test.Trained(c.I, c.J, testThreshold) ? 1.0 : 0.0)));

        double high = 1 - TransitionMargin, low = TransitionMargin;
        var transitions = sigmaW2.Select((_, i) => train.Transition(i, train.Level(high), train.Level(low))).ToArray();
        result.Add(new Table("boundary")
            .Add("sigma_w2", sigmaW2)
            .Add("xi_c", xiC)
            .Add("six_xi_c", xiC.Select(x => PaperMultiple * x))
            .Add("largest_trained_depth", sigmaW2.Select((_, i) => (double)train.LargestTrainedDepth(i, trainThreshold)))
            .Add("largest_trained_depth_test", sigmaW2.Select((_, i) => (double)test.LargestTrainedDepth(i, testThreshold)))
            .Add("transition_from", transitions.Select(t => t.From))
            .Add("transition_to", transitions.Select(t => t.To)));

        // The largest trained depth at each checkpoint, judged against the final best accuracy: how far down training
        // has reached after each budget (Schoenholz et al.'s Fig. 6).
        var byTime = new Table("trained-depth-by-steps").Add("sigma_w2", sigmaW2);
        for (int k = 0; k < checkpoints.Length; k++)
        {
            var grid = Grid(sigmaW2, depths, measured, k, m => m.Train, train.Chance);
            byTime.Add($"steps_{checkpoints[k]}", sigmaW2.Select((_, i) => (double)grid.LargestTrainedDepth(i, trainThreshold)));
        }
        result.Add(byTime);
        return byTime;
    }

    private static double ChanceIfNaN(double accuracy, double chance) => double.IsNaN(accuracy) ? chance : accuracy;

    private static void AddFindings(ExperimentResult result, TrainableDepthOptions o, double[] xiC, TrainabilityGrid train, TrainabilityGrid test, double seconds, int networks)
    {
        double trainThreshold = train.Level(o.TrainedFraction), testThreshold = test.Level(o.TrainedFraction);
        var (low, high, bestAgreement) = train.BestMultiple(xiC, trainThreshold);
        string trained = $"trained: accuracy at least {o.TrainedFraction:G2} of the way from chance ({train.Chance:G2}) to the grid's best";
        result.Add(new Finding("agreement_fraction", train.Agreement(xiC, PaperMultiple, trainThreshold), "1",
            $"Fraction of the grid's networks whose training accuracy after {o.Steps} steps agrees with the rule 'trainable if and only if depth ≤ 6ξ_c' ({trained}, {trainThreshold:P1}).",
            1, "schoenholz2017deep: networks train to depths of about 6ξ_c"));
        result.Add(new Finding("agreement_fraction_test", test.Agreement(xiC, PaperMultiple, testThreshold), "1",
            $"The same on test accuracy (threshold {testThreshold:P1}).", 1, "schoenholz2017deep"));
        result.Add(new Finding("best_xi_c_multiple", Math.Sqrt(low * high), "ξ_c",
            $"The multiple n for which 'trainable if and only if depth ≤ nξ_c' agrees best with the measured training accuracies (agreement {bestAgreement:P1}, reached for n from {low:G3} to {high:G3}; geometric middle).",
            PaperMultiple, "schoenholz2017deep: trainable depth ≈ 6ξ_c"));
        result.Add(new Finding("best_train_accuracy", train.Best, "1", $"Highest training accuracy on the grid after {o.Steps} SGD steps (chance {train.Chance:G2})."));
        result.Add(new Finding("best_test_accuracy", test.Best, "1", $"Highest test accuracy on the grid (chance {test.Chance:G2})."));
        result.Add(new Finding("seconds_per_network", seconds / networks, "s",
            $"Wall time of training and evaluating the grid per network (the networks of a depth trained at once as one stacked model): a measure of this machine.")
        { MachineDependent = true });
    }

    private static void AddFigures(ExperimentResult result, TrainableDepthOptions o, string dataset, GaussianIntegrals integrals, Table byTime)
    {
        double step = (double)o.MaxDepth / o.DepthPoints;
        double top = o.MaxDepth + step / 2;
        double critical = Criticality.CriticalSigmaW2(integrals, o.SigmaB2);
        var fine = Enumerable.Range(0, TheoryCurvePoints).Select(k => o.SigmaW2Min + k * (o.SigmaW2Max - o.SigmaW2Min) / (TheoryCurvePoints - 1));
        if (critical > o.SigmaW2Min && critical < o.SigmaW2Max) fine = fine.Append(critical).Order();
        var curve = fine.ToArray();
        // 6ξ_c diverges at the edge of chaos; the curve is clipped at the top of the heatmap there.
        result.Add(new Table("six-xi-c")
            .Add("sigma_w2", curve)
            .Add("six_xi_c", curve.Select(s => Math.Min(top, PaperMultiple * new MeanFieldMaps(integrals, s, o.SigmaB2).XiC))));

        string setting = $"tanh networks of width {o.Width}, σ_b² = {NumberText.Prose(o.SigmaB2)}, after {o.Steps} SGD steps (batch {o.BatchSize}, η = {NumberText.Prose(o.LearningRate)}) on {dataset}";
        foreach (var (column, what, boundary) in new[] { ("train_accuracy", "Training", "largest_trained_depth"), ("test_accuracy", "Test", "largest_trained_depth_test") })
        {
            result.Add(new Figure($"{column.Replace('_', '-')}", $"{what} accuracy of {setting}, over (σ_w², depth); the line is 6ξ_c from the mean-field correlation map (clipped at the top where ξ_c diverges, σ_w² = {critical:G4}), the markers the largest depth of each σ_w² whose accuracy is at least {o.TrainedFraction:G2} of the way from chance to the best.",
                new Axis("σ_w²"), new Axis("depth L", Min: step / 2, Max: top),
                [new Heatmap("accuracy", "sigma_w2", "depth", column, $"{what.ToLowerInvariant()} accuracy"),
                 new Line("six-xi-c", "sigma_w2", "six_xi_c", "6ξ_c"),
                 new Markers("boundary", "sigma_w2", boundary, "largest trained depth")])
            { Aspect = 0.8, Legend = LegendPlace.UpperRight });
        }
        var series = new List<Series> { new Line("six-xi-c", "sigma_w2", "six_xi_c", "6ξ_c") };
        series.AddRange(byTime.ColumnNames.Skip(1).Select(c => (Series)new Markers(byTime.Name, "sigma_w2", c, $"after {c["steps_".Length..]} steps")));
        result.Add(new Figure(byTime.Name, $"Largest trained depth of each σ_w² after increasing numbers of SGD steps ({setting.Replace($"after {o.Steps} SGD steps ", "")}; trained: training accuracy at least {o.TrainedFraction:G2} of the way from chance to the final best), against 6ξ_c.",
            new Axis("σ_w²"), new Axis("depth L", Min: 0, Max: top), series)
        { Legend = LegendPlace.UpperRight });
    }
}

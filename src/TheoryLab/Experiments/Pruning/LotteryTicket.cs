using TheoryLab.Data;
using TheoryLab.Kernel;
using TheoryLab.Models.ConvNets;
using TheoryLab.Models.MeanField;
using TheoryLab.Models.Pruning;
using TheoryLab.Options;
using TheoryLab.Torch;
using TheoryLab.Training;
using TheoryLab.Training.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Experiments.Pruning;

/// <summary>
/// Options of <see cref="LotteryTicket"/>. Defaults: LeNet-300-100 on MNIST's 10,000 test images (the only MNIST split
/// here) split 7,000 training / 1,000 validation / 2,000 test; Adam η = 1.2·10⁻³, batches of 60 (Frankle &amp; Carbin's),
/// 1,000 iterations per training (theirs: 50,000 on 55,000 images); 15 rounds of pruning 20 % of each hidden layer and
/// 10 % of the output layer, rewinding to initialisation; the two controls trained at every other round (theirs: every
/// round); 2 seeds (theirs: 5 trials).
/// </summary>
public sealed record LotteryTicketOptions
{
    [Option("Labelled set: a -t10k set splits its 10,000 test images into 8,000 (training and validation) and 2,000 test, mnist1d-published keeps its 4,000 / 1,000.",
        ChoicesFrom = typeof(BenchmarkDatasets))]
    public string Dataset { get; init; } = "mnist-t10k";

    [Option("Training examples held out for validation, whose loss picks the early-stopping iteration (Frankle & Carbin hold out 5,000 of MNIST's 60,000).",
        Min = 100, Max = 50_000, Unit = "examples")]
    public int Validation { get; init; } = 1000;

    [Option("lenet-300-100: the perceptron of Frankle & Carbin's Section 2 (its widths are hidden's); conv: a convolutional network, LeNet-5 on 28×28 images and Greydanus's three-layer CNN on MNIST-1D, standing in for their Conv-2/4/6 on CIFAR-10, out of this CPU's reach.",
        Choices = ["lenet-300-100", "conv"])]
    public string Network { get; init; } = "lenet-300-100";

    [Option("Widths of the hidden ReLU layers of network lenet-300-100 (300 and 100).", Min = 1, Max = 4096, Unit = "units")]
    public int[] Hidden { get; init; } = [300, 100];

    [Option("Adam iterations of every training, ticket and controls alike (Frankle & Carbin: 50,000 on 55,000 images; scaled to the 7,000 here and this CPU).",
        Min = 10, Max = 1_000_000, Unit = "iterations")]
    public int Iterations { get; init; } = 1000;

    [Option("Examples per mini-batch (Frankle & Carbin: 60).", Min = 1, Max = 4096)]
    public int BatchSize { get; init; } = 60;

    [Option("Adam's step size η (Frankle & Carbin: 1.2e-3).", Min = 1e-6, Max = 1)]
    public double LearningRate { get; init; } = 1.2e-3;

    [Option("Iterations between evaluations of the validation loss and the test accuracy.", Min = 1, Max = 1_000_000, Unit = "iterations")]
    public int EvaluateEvery { get; init; } = 100;

    [Option("Rounds of iterative pruning after the dense training; round r keeps about 0.8^r of the hidden layers' weights (15 reach 3.6 % of all weights, the smallest ticket of Frankle & Carbin's Figure 3 that still matches the dense network).", Min = 1, Max = 40, Unit = "rounds")]
    public int Rounds { get; init; } = 15;

    [Option("Fraction of the surviving weights each round removes from every hidden layer, or from all layers together with scope global (Frankle & Carbin: 0.2).",
        Min = 0.01, Max = 0.99)]
    public double PruneRate { get; init; } = 0.2;

    [Option("Fraction of each convolution layer's surviving weights a layer-wise round removes (Frankle & Carbin's Conv-2/4/6: 0.1).", Min = 0, Max = 0.99)]
    public double ConvPruneRate { get; init; } = 0.1;

    [Option("Fraction of the output layer's surviving weights each layer-wise round removes (Frankle & Carbin: half the hidden rate, 0.1).", Min = 0, Max = 0.99)]
    public double OutputPruneRate { get; init; } = 0.1;

    [Option("layerwise (each layer ranks its own weights, as Frankle & Carbin prune LeNet) or global (all weights ranked together).", Choices = ["layerwise", "global"])]
    public string Scope { get; init; } = "layerwise";

    [Option("Iteration of the dense training whose weights the survivors are rewound to: 0 is the initialisation (Frankle & Carbin 2019), k > 0 rewinds to iteration k (Frankle et al. 2020).",
        Min = 0, Max = 1_000_000, Unit = "iterations")]
    public int RewindIteration { get; init; }

    [Option("Rounds between the trainings of the two controls, counted back from the last round: 1 trains them at every round as Frankle & Carbin do; 2 (for this CPU) at rounds 15, 13, …, 1 of the defaults, which include the round nearest 20 % and the last, where the findings compare; a skipped control's generators are never drawn, so the others are unchanged.",
        Min = 1, Max = 40, Unit = "rounds")]
    public int ControlEvery { get; init; } = 2;

    [Option("Independent trials, each with its own initialisation, batches and controls (Frankle & Carbin average 5).", Min = 1, Max = 20, Unit = "seeds")]
    public int Seeds { get; init; } = 2;

    [OptionGroup]
    public ThreadOptions Runtime { get; init; } = new();
}

/// <summary>
/// The lottery ticket hypothesis (Frankle &amp; Carbin 2019): iterative magnitude pruning with rewinding finds sparse
/// subnetworks of LeNet-300-100 that, trained from their original initial weights, match the dense network's accuracy
/// at a fraction of its weights, against two controls at each round: the same mask re-initialised at random, and a
/// random mask of the same per-layer sparsity.
/// </summary>
public sealed partial class LotteryTicket : Experiment<LotteryTicketOptions>
{
    public override string Id => "lottery-ticket";
    public override string Title => "Winning lottery tickets by iterative magnitude pruning";
    public override Topic Topic => Topic.Pruning;
    public override IReadOnlyList<string> Papers => ["frankle2019lottery", "frankle2020linear"];

    public override string Summary =>
        "Trains LeNet-300-100 (or, with network=conv, LeNet-5), prunes the smallest weights of each layer (20 % of the hidden layers', 10 % of the output layer's " +
        "and of convolutions'), rewinds the survivors " +
        "to their initial values and retrains, round after round, as in Frankle & Carbin's Figures 1, 3 and 4: test accuracy at the early-stopping " +
        "iteration and that iteration against the fraction of weights remaining, beside the same masks re-initialised and random masks, with the " +
        "sparse networks' parameters, multiply-adds and measured CPU time.";

    public override LotteryTicketOptions Quick => Defaults with { Iterations = 150, EvaluateEvery = 50, Rounds = 3, PruneRate = 0.5, OutputPruneRate = 0.25, ControlEvery = 1, Seeds = 1 };

    public override CostEstimate EstimateCost(LotteryTicketOptions o)
    {
        var shape = Datasets.Shape(o.Dataset);
        var spec = Network(o, [.. shape.Example], shape.Classes);
        long trainings = (long)o.Seeds * Trainings(o);
        // A step's forward and backward cost about three forward passes; each evaluation passes the validation and test sets once.
        double trainingMultiplies = (double)trainings * o.Iterations * o.BatchSize * 3 * spec.MultiplyAddsPerExample;
        double evaluationMultiplies = (double)trainings * (o.Iterations / o.EvaluateEvery + 1) * (o.Validation + shape.Test) * spec.MultiplyAddsPerExample;
        double perMultiplyAdd = spec.Layers.Any(layer => layer is Convolution)
            ? CostCalibration.LotteryTicket.ConvolutionSecondsPerMultiplyAdd
            : CostCalibration.LotteryTicket.SecondsPerMultiplyAdd;
        double seconds = (trainingMultiplies + evaluationMultiplies) * perMultiplyAdd
            + (double)trainings * o.Iterations * CostCalibration.LotteryTicket.SecondsPerStep;
        return new CostEstimate(trainings * o.Iterations, "training iterations", TimeSpan.FromSeconds(seconds));
    }

    protected override IEnumerable<string> Inconsistencies(LotteryTicketOptions o)
    {
        var shape = Datasets.Shape(o.Dataset);
        if (o.Validation >= shape.Train)
            yield return $"validation holds {o.Validation:N0} examples but {o.Dataset} trains on {shape.Train:N0}; hold out fewer (1,000 is the default).";
        if (o.Network == "conv" && shape.Example.Length != 1 && !shape.Example.SequenceEqual([1, 28, 28]))
            yield return $"network conv is LeNet-5 for 1×28×28 images or a CNN for 1-D sequences, but {o.Dataset}'s examples are [{string.Join(", ", shape.Example)}]; choose network lenet-300-100.";
        if (o.RewindIteration > o.Iterations)
            yield return $"rewind_iteration {o.RewindIteration:N0} is past the last iteration {o.Iterations:N0}; rewind to an iteration of the dense training (0 is the initialisation).";
        if (o.EvaluateEvery > o.Iterations)
            yield return $"evaluate_every {o.EvaluateEvery:N0} exceeds the {o.Iterations:N0} iterations; evaluate at least once during training.";
    }

    public override ExperimentResult Run(LotteryTicketOptions o, RunContext context) => Present(o, Measure(o, context));

    /// <summary>Validation loss and test accuracy of one training at its evaluations (iteration 0 is before training).</summary>
    private sealed record TrainingTrace(long[] Iterations, double[] ValidationLoss, double[] TestAccuracy);

    /// <summary>What a run measures.</summary>
    /// <param name="Convolutional">Whether the network has convolution layers (network conv).</param>
    /// <param name="LayerSizes">Weights of each masked layer.</param>
    /// <param name="Remaining">Weights kept by round and layer (round 0 is the dense network); the same for every seed.</param>
    /// <param name="Biases">Biases, never pruned.</param>
    /// <param name="DenseMultiplyAdds">Multiply–adds of one example's forward pass through each masked layer, dense.</param>
    /// <param name="SparseMultiplyAdds">Multiply–adds of one example's forward pass with pruned weights skipped, by round.</param>
    /// <param name="Ticket">The rewound ticket's training by round and seed.</param>
    /// <param name="ControlRounds">The rounds whose controls were trained, ascending.</param>
    /// <param name="Reinitialised">The ticket's mask on fresh random weights, by control round (in <paramref name="ControlRounds"/>' order) and seed.</param>
    /// <param name="RandomMask">A random mask of the ticket's per-layer counts on the rewound weights, by control round and seed.</param>
    /// <param name="DenseForwardSeconds">Median time of one forward pass of the test set through a dense network.</param>
    /// <param name="PrunedForwardSeconds">The same through the last round's ticket, its zeros stored densely.</param>
    private sealed record Measurement(string NetworkName, bool Convolutional, string DatasetName, int TrainCount, int ValidationCount, int TestCount, long[] LayerSizes, long[][] Remaining,
        long Biases, long[] DenseMultiplyAdds, long[] SparseMultiplyAdds, TrainingTrace[][] Ticket, int[] ControlRounds, TrainingTrace[][] Reinitialised, TrainingTrace[][] RandomMask,
        double DenseForwardSeconds, double PrunedForwardSeconds);

    /// <summary>Repeats of the timed forward pass; the median resists the other processes of a shared machine.</summary>
    private const int TimingRepeats = 15;

    private static Measurement Measure(LotteryTicketOptions o, RunContext context)
    {
        var device = TorchSetup.Prepare(context.Device);
        using var threads = IntraOpThreads.Use(o.Runtime.Threads);
        var data = Datasets.Load(o.Dataset, context.Data, context.Seed);
        var trainValidation = data.Train.SplitTrainTest(data.Train.Count - o.Validation, Seeds.Derive(context.Seed, "validation split"));
        var sets = new Sets(new ClassificationSets(trainValidation, device), new ClassificationSets(new TrainTest(trainValidation.Train, data.Test), device));
        var spec = Network(o, data.Train.ExampleShape, data.Train.Classes);
        long[] denseMultiplyAdds = [.. spec.Layers.Select((layer, k) => (layer, k)).Where(p => p.layer is Dense or Convolution).Select(p => spec.Costs[p.k].MultiplyAdds)];
        var evaluateAt = EvaluationIterations(o);

        var ticket = Enumerable.Range(0, o.Rounds + 1).Select(_ => new TrainingTrace[o.Seeds]).ToArray();
        var controlRounds = ControlRounds(o);
        var reinitialised = controlRounds.Select(_ => new TrainingTrace[o.Seeds]).ToArray();
        var randomMask = controlRounds.Select(_ => new TrainingTrace[o.Seeds]).ToArray();
        var remaining = new long[o.Rounds + 1][];
        var sparseMultiplyAdds = new long[o.Rounds + 1];
        long[] layerSizes = [];
        double denseSeconds = 0, prunedSeconds = 0;

        using var task = context.Progress.Start("trainings", o.Seeds * Trainings(o));
        for (int seed = 0; seed < o.Seeds; seed++)
        {
            int batchSeed = Seeds.Derive(context.Seed, $"batches {seed}");
            string draw = $"network {seed}";
            using var network = Build(spec, draw, context, device);
            var mask = PruningMask.Full(network);
            layerSizes = [.. mask.Sizes];
            WeightSnapshot? rewind = null;
            // The snapshot is taken during the dense training, at iteration k (before the first step when k = 0).
            TrainingCallback snapshot = moment => { if (moment.Step == o.RewindIteration) rewind = WeightSnapshot.Take(network); };
            try
            {
                for (int round = 0; round <= o.Rounds; round++)
                {
                    remaining[round] = [.. mask.Remaining];
                    sparseMultiplyAdds[round] = mask.SparseMultiplyAdds(denseMultiplyAdds);
                    if (round > 0)
                    {
                        rewind!.Restore(network);
                        mask.Apply(network);
                    }
                    ticket[round][seed] = Train(o, network, mask, sets, batchSeed, evaluateAt, context, round == 0 ? [snapshot] : []);
                    task.Advance(1, $"seed {seed}, {100 * mask.Fraction:F1} % of weights: ticket {ticket[round][seed].TestAccuracy[^1]:P2}");
                    int control = Array.IndexOf(controlRounds, round);
                    if (control >= 0)
                    {
                        using (var fresh = Build(spec, $"reinitialisation {seed}, round {round}", context, device))
                        {
                            mask.Apply(fresh);
                            reinitialised[control][seed] = Train(o, fresh, mask, sets, batchSeed, evaluateAt, context, []);
                        }
                        task.Advance(1, $"seed {seed}, round {round}: re-initialised {reinitialised[control][seed].TestAccuracy[^1]:P2}");
                        using (var generator = context.TorchGenerator($"random mask {seed}, round {round}"))
                        using (var random = RandomPruning.SameCounts(mask, generator))
                        using (var rewound = Build(spec, draw, context, device))
                        {
                            rewind!.Restore(rewound);
                            random.Apply(rewound);
                            randomMask[control][seed] = Train(o, rewound, random, sets, batchSeed, evaluateAt, context, []);
                        }
                        task.Advance(1, $"seed {seed}, round {round}: random mask {randomMask[control][seed].TestAccuracy[^1]:P2}");
                    }
                    if (round < o.Rounds)
                    {
                        var pruned = Prune(o, mask, network);
                        mask.Dispose();
                        mask = pruned;
                    }
                }
                if (seed == 0)
                {
                    using var dense = Build(spec, "timing", context, device);
                    var seconds = ForwardTiming.MedianSeconds([dense, network], sets.Test.TestInputs, TimingRepeats, context.Cancellation);
                    (denseSeconds, prunedSeconds) = (seconds[0], seconds[1]);
                }
            }
            finally
            {
                mask.Dispose();
                rewind?.Dispose();
            }
        }
        long biases = spec.Parameters - layerSizes.Sum();
        return new Measurement(spec.Name, spec.Layers.Any(layer => layer is Convolution), data.Train.Name, sets.Validation.TrainCount, trainValidation.Test.Count, data.Test.Count, layerSizes, remaining, biases,
            denseMultiplyAdds, sparseMultiplyAdds, ticket, controlRounds, reinitialised, randomMask, denseSeconds, prunedSeconds);
    }

    /// <summary>The training part with the validation part as its held-out set, and with the test set as its held-out set.</summary>
    private sealed record Sets(ClassificationSets Validation, ClassificationSets Test);

    /// <summary>Trainings per seed: the dense network and each round's ticket, and the two controls of every control round.</summary>
    private static int Trainings(LotteryTicketOptions o) => 1 + o.Rounds + 2 * ControlRounds(o).Length;

    /// <summary>The rounds whose controls are trained: every control_every-th counted back from the last, so the last always is.</summary>
    private static int[] ControlRounds(LotteryTicketOptions o) => [.. Enumerable.Range(1, o.Rounds).Where(r => (o.Rounds - r) % o.ControlEvery == 0)];

    /// <summary>
    /// LeNet-300-100 (or the hidden widths asked for), affine layers with ReLU between them; or the convolutional network
    /// for the examples' shape. Torch's default initialisation either way.
    /// </summary>
    private static SequentialSpec Network(LotteryTicketOptions o, int[] inputShape, int classes) => o.Network switch
    {
        "conv" when inputShape.Length == 1 => LeNet.OneDimensional(inputShape[0], classes: classes),
        "conv" => LeNet.Five(classes: classes),
        _ => Perceptron.Classifier($"LeNet-{string.Join("-", o.Hidden)}", inputShape, o.Hidden, classes, Activations.Relu),
    };

    private static IReadOnlySet<long> EvaluationIterations(LotteryTicketOptions o)
    {
        var at = new SortedSet<long>();
        for (long step = 0; step < o.Iterations; step += o.EvaluateEvery) at.Add(step);
        at.Add(o.Iterations);
        return at;
    }

    /// <summary>
    /// The next round's mask: the trained weights' smallest removed, layer by layer (convolutions and the output layer at
    /// their own rates) or all together.
    /// </summary>
    private static PruningMask Prune(LotteryTicketOptions o, PruningMask mask, nn.Module network) =>
        o.Scope == "global"
            ? MagnitudePruning.Global(mask, network, o.PruneRate)
            : MagnitudePruning.Layerwise(mask, network, [.. PruningMask.Weights(network).Select((weight, l) =>
                l == mask.Layers - 1 ? o.OutputPruneRate : weight.dim() > 2 ? o.ConvPruneRate : o.PruneRate)]);

    private static nn.Module<Tensor, Tensor> Build(SequentialSpec spec, string purpose, RunContext context, Device device)
    {
        using var generator = context.TorchGenerator(purpose);
        return spec.Build(generator).to(device);
    }

    private static TrainingTrace Train(LotteryTicketOptions o, nn.Module<Tensor, Tensor> network, PruningMask mask, Sets sets, int batchSeed,
        IReadOnlySet<long> evaluateAt, RunContext context, IReadOnlyList<TrainingCallback> extra)
    {
        var iterations = new List<long>();
        var validationLoss = new List<double>();
        var testAccuracy = new List<double>();
        TrainingCallback evaluate = TrainingCallbacks.At(evaluateAt, moment =>
        {
            iterations.Add(moment.Step);
            validationLoss.Add(Classification.Evaluate(network, sets.Validation.TestPass).Loss);
            testAccuracy.Add(Classification.Evaluate(network, sets.Test.TestPass).Accuracy);
        });
        var batches = sets.Validation.TrainingBatches(Math.Min(o.BatchSize, sets.Validation.TrainCount), batchSeed);
        using var optimizer = new MaskedOptimizer(new Adam(o.LearningRate), mask, network);
        Trainer.Train(new Problem(network, batches, Classification.CrossEntropy), optimizer, o.Iterations, [evaluate, .. extra], context.Cancellation);
        return new TrainingTrace([.. iterations], [.. validationLoss], [.. testAccuracy]);
    }
}

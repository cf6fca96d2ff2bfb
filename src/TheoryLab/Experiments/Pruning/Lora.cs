using TheoryLab.Data;
using TheoryLab.Kernel;
using TheoryLab.Models.Adapters;
using TheoryLab.Models.ConvNets;
using TheoryLab.Models.MeanField;
using TheoryLab.Numerics.Subspaces;
using TheoryLab.Options;
using TheoryLab.Torch;
using TheoryLab.Training;
using TheoryLab.Training.Optimizers;
using TorchSharp;
using Linear = TorchSharp.Modules.Linear;
using static TorchSharp.torch;

namespace TheoryLab.Experiments.Pruning;

/// <summary>
/// Options of <see cref="Lora"/>. Defaults: MNIST's 10,000 test images (the only MNIST split here) split 8,000 / 2,000,
/// digits 0–4 as task A and 5–9 as task B; a 784–256–256 ReLU perceptron pre-trained on A; LoRA ranks 1, 2, 4, 8, 16
/// with α = 16 on both hidden layers; 10 epochs of Adam at η = 10⁻³ for every network; 3 seeds. Hu et al. adapt
/// GPT-3's attention projections (d = 12,288) on language tasks; this is the same algebra at a CPU's scale.
/// </summary>
public sealed record LoraOptions
{
    [Option("Labelled set whose classes are split into tasks A and B (lower and upper half of the labels); a -t10k set trains on 8,000 of the 10,000 test images and holds out the other 2,000, mnist1d-published trains on its 4,000 and holds out its 1,000.",
        ChoicesFrom = typeof(BenchmarkDatasets))]
    public string Dataset { get; init; } = "mnist-t10k";

    [Option("Widths of the hidden layers, every one of which LoRA adapts; the head above them is replaced for task B and trained in full in every variant.", Min = 1, Max = 4096, Unit = "units")]
    public int[] Hidden { get; init; } = [256, 256];

    [Option("LoRA ranks r, each below every hidden layer's width and input size (Hu et al. try 1 to 64 on GPT-3).", Min = 1, Max = 4096)]
    public int[] Ranks { get; init; } = [1, 2, 4, 8, 16];

    [Option("LoRA's α, the same for every rank, so the update is scaled by α/r (Hu et al. set α to the first r they tried and did not tune it).", Min = 1e-3, Max = 1e4)]
    public double Alpha { get; init; } = 16;

    [Option("Passes over a task's training examples for every network (the pre-training on A and each adaptation to B).", Min = 1, Max = 1000, Unit = "epochs")]
    public int Epochs { get; init; } = 10;

    [Option("Examples per mini-batch.", Min = 1, Max = 4096)]
    public int BatchSize { get; init; } = 64;

    [Option("Adam's step size η for every network and variant (Hu et al. tune η per task; one η keeps the variants comparable).", Min = 1e-6, Max = 1)]
    public double LearningRate { get; init; } = 1e-3;

    [Option("Independent repeats, each with its own pre-trained network and draws.", Min = 1, Max = 100, Unit = "seeds")]
    public int Seeds { get; init; } = 3;

    [Option("Forward passes over task B's held-out inputs timed for the adapted and for the merged network, of which the median counts.", Min = 1, Max = 1000, Unit = "passes")]
    public int TimedPasses { get; init; } = 20;

    [OptionGroup]
    public ThreadOptions Runtime { get; init; } = new();
}

/// <summary>
/// Low-rank adaptation (Hu et al. 2022): a perceptron pre-trained on half the classes is adapted to the other half by
/// full fine-tuning, by its head alone, or by LoRA at several ranks, and the updates full fine-tuning learns are
/// truncated by SVD to see how low their rank really is.
/// </summary>
public sealed partial class Lora : Experiment<LoraOptions>
{
    public override string Id => "lora";
    public override string Title => "Low-rank adaptation against full fine-tuning";
    public override Topic Topic => Topic.Pruning;
    public override IReadOnlyList<string> Papers => ["hu2022lora", "eckart1936approximation"];

    public override string Summary =>
        "Pre-trains a perceptron on digits 0–4 and adapts it to 5–9 with LoRA (W + (α/r)·BA, B = 0 at the start) at ranks 1–16 on every hidden layer, " +
        "against full fine-tuning, the head alone and training from scratch: held-out accuracy against trainable parameters, the singular values of the " +
        "updates, full fine-tuning's update truncated by SVD to each rank, the merged model's exactness and the cost of adapted and merged forward passes.";

    public override LoraOptions Quick => Defaults with { Hidden = [64, 64], Ranks = [1, 4, 16], Epochs = 2, Seeds = 1, TimedPasses = 5 };

    public override CostEstimate EstimateCost(LoraOptions o)
    {
        var shape = Datasets.Shape(o.Dataset);
        var spec = Network(o, shape.Example.Aggregate(1, (a, b) => a * b), shape.Classes / 2);
        // Each task holds about half the training examples; a step's forward and backward cost about three forward passes.
        double examples = (double)Trainings(o) * o.Epochs * shape.Train / 2;
        double seconds = examples * 3 * spec.MultiplyAddsPerExample * CostCalibration.Lora.SecondsPerMultiplyAdd;
        return new CostEstimate((long)examples, "training examples", TimeSpan.FromSeconds(seconds));
    }

    protected override IEnumerable<string> Inconsistencies(LoraOptions o)
    {
        if (o.Hidden.Length == 0) yield return "hidden is empty: LoRA needs at least one hidden layer to adapt; name one width.";
        if (o.Ranks.Length == 0) yield return "ranks is empty: name at least one LoRA rank.";
        if (o.Ranks.Distinct().Count() != o.Ranks.Length) yield return "ranks names a rank twice; list each once.";
        if (o.Hidden.Length > 0 && o.Ranks.Length > 0 && o.Ranks.Max() > o.Hidden.Min())
            yield return $"rank {o.Ranks.Max()} exceeds the narrowest hidden layer ({o.Hidden.Min()} units), where an update has no more rank to give; lower ranks or widen hidden.";
    }

    public override ExperimentResult Run(LoraOptions o, RunContext context) => Present(o, Measure(o, context));

    /// <summary>What a run measures; every array over seeds has one entry per seed.</summary>
    /// <param name="Widths">The affine layers' sizes, inputs first: n₀, n₁, …, the head's classes last.</param>
    /// <param name="Ranks">The LoRA ranks, increasing.</param>
    /// <param name="PretrainAccuracy">The pre-trained network's held-out accuracy on A.</param>
    /// <param name="Scratch">Held-out accuracy on B of a network trained from scratch on B.</param>
    /// <param name="HeadOnly">Of the pre-trained network with its hidden layers frozen and a new head trained.</param>
    /// <param name="FullFineTune">Of the pre-trained network with every layer trained and a new head.</param>
    /// <param name="LoraAccuracy">By rank (index of <paramref name="Ranks"/>) and seed.</param>
    /// <param name="TruncatedAccuracy">Full fine-tuning with each hidden layer's update W_ft − W_pre cut to the rank by SVD, by rank and seed.</param>
    /// <param name="FullSpectra">Singular values of full fine-tuning's update, by seed and hidden layer.</param>
    /// <param name="LoraSpectra">Singular values of LoRA's (α/r)BA, by rank, seed and hidden layer.</param>
    /// <param name="OverlapWithFull">Hu et al.'s φ between the top-r input directions of the rank-r LoRA update and of full fine-tuning's, first hidden layer, by rank and seed.</param>
    /// <param name="MergeDifference">The largest |merged − adapted| logit over B's held-out inputs, relative to the largest |adapted| logit, by rank and seed.</param>
    /// <param name="MergedAccuracyChanges">Held-out examples of B whose predicted class the merge changed, all ranks and seeds together.</param>
    /// <param name="AdaptedSeconds">Median wall time of one forward pass of B's held-out inputs through the largest-rank adapted network, by seed.</param>
    /// <param name="MergedSeconds">The same through its merged network.</param>
    private sealed record Measurement(string DatasetName, int TrainB, int TestB, int[] Widths, int[] Ranks, long StepsPerNetwork,
        double[] PretrainAccuracy, double[] Scratch, double[] HeadOnly, double[] FullFineTune, double[][] LoraAccuracy, double[][] TruncatedAccuracy,
        double[][][] FullSpectra, double[][][][] LoraSpectra, double[][] OverlapWithFull, double[][] MergeDifference, int MergedAccuracyChanges,
        double[] AdaptedSeconds, double[] MergedSeconds);

    private static Measurement Measure(LoraOptions o, RunContext context)
    {
        var device = TorchSetup.Prepare(context.Device);
        using var threads = IntraOpThreads.Use(o.Runtime.Threads);
        var data = Datasets.Load(o.Dataset, context.Data, context.Seed);
        int half = data.Train.Classes / 2;
        var setsA = new ClassificationSets(data.OfClasses([.. Enumerable.Range(0, half)]), device, asVectors: true);
        var setsB = new ClassificationSets(data.OfClasses([.. Enumerable.Range(half, half)]), device, asVectors: true);
        var spec = Network(o, data.Train.ExampleSize, half);
        int[] ranks = [.. o.Ranks.Order()];
        int hidden = o.Hidden.Length;

        var pretrain = new double[o.Seeds];
        var scratch = new double[o.Seeds];
        var headOnly = new double[o.Seeds];
        var full = new double[o.Seeds];
        var lora = ranks.Select(_ => new double[o.Seeds]).ToArray();
        var truncated = ranks.Select(_ => new double[o.Seeds]).ToArray();
        var fullSpectra = new double[o.Seeds][][];
        var loraSpectra = ranks.Select(_ => new double[o.Seeds][][]).ToArray();
        var overlap = ranks.Select(_ => new double[o.Seeds]).ToArray();
        var mergeDifference = ranks.Select(_ => new double[o.Seeds]).ToArray();
        var adaptedSeconds = new double[o.Seeds];
        var mergedSeconds = new double[o.Seeds];
        int predictionChanges = 0;
        long steps = 0;

        using var task = context.Progress.Start("networks", Trainings(o));
        for (int seed = 0; seed < o.Seeds; seed++)
        {
            int batchesA = Seeds.Derive(context.Seed, $"A batches {seed}"), batchesB = Seeds.Derive(context.Seed, $"B batches {seed}");
            using var pretrained = Build(spec, $"A net {seed}", context, device);
            pretrain[seed] = Train(o, pretrained, setsA, batchesA, context).Final.Test.Accuracy;
            task.Advance(1, $"seed {seed}: pre-trained on A {pretrain[seed]:P2}");

            // Every variant starts from the same draw "B net": its head is the same new head, and only what is copied,
            // frozen or adapted below it differs; all see the same batches of B.
            string drawB = $"B net {seed}";
            using (var network = Build(spec, drawB, context, device))
            {
                var run = Train(o, network, setsB, batchesB, context);
                (scratch[seed], steps) = (run.Final.Test.Accuracy, run.Summary.Steps);
            }
            task.Advance(1, $"seed {seed}: scratch {scratch[seed]:P2}");
            using (var network = Build(spec, drawB, context, device))
            {
                LayerTransfer.CopyFirst(pretrained, network, hidden, freeze: true);
                headOnly[seed] = Train(o, network, setsB, batchesB, context).Final.Test.Accuracy;
            }
            task.Advance(1, $"seed {seed}: head only {headOnly[seed]:P2}");

            using var fineTuned = Build(spec, drawB, context, device);
            LayerTransfer.CopyFirst(pretrained, fineTuned, hidden, freeze: false);
            full[seed] = Train(o, fineTuned, setsB, batchesB, context).Final.Test.Accuracy;
            var updates = Linears(fineTuned).Zip(Linears(pretrained)).Take(hidden).Select(p => p.First.weight!.detach() - p.Second.weight!.detach()).ToArray();
            fullSpectra[seed] = [.. updates.Select(TruncatedSvd.SingularValues)];
            for (int k = 0; k < ranks.Length; k++)
                truncated[k][seed] = TruncatedAccuracy(fineTuned, pretrained, updates, ranks[k], setsB);
            task.Advance(1, $"seed {seed}: full fine-tuning {full[seed]:P2}");

            for (int k = 0; k < ranks.Length; k++)
            {
                context.Cancellation.ThrowIfCancellationRequested();
                using var network = Build(spec, drawB, context, device);
                LayerTransfer.CopyFirst(pretrained, network, hidden, freeze: true);
                using var generator = context.TorchGenerator($"adapters {seed} rank {ranks[k]}");
                var (adapted, adapters) = AdaptedNetwork.WrapHidden(network, layer => new LowRankAdapter(layer, ranks[k], o.Alpha, generator));
                lora[k][seed] = Train(o, adapted, setsB, batchesB, context).Final.Test.Accuracy;
                loraSpectra[k][seed] = [.. adapters.Select(a => { using var update = a.Update(); return TruncatedSvd.SingularValues(update); })];
                using (var update = adapters[0].Update())
                    overlap[k][seed] = SubspaceSimilarity.Between(TruncatedSvd.TopRightSingularVectors(update, ranks[k]), TruncatedSvd.TopRightSingularVectors(updates[0], ranks[k]));

                var merged = AdaptedNetwork.Merge(adapted);
                (mergeDifference[k][seed], int changes) = MergeCheck(adapted, merged, setsB.TestInputs);
                predictionChanges += changes;
                if (k == ranks.Length - 1)
                {
                    var seconds = ForwardTiming.MedianSeconds([adapted, merged], setsB.TestInputs, o.TimedPasses, context.Cancellation);
                    (adaptedSeconds[seed], mergedSeconds[seed]) = (seconds[0], seconds[1]);
                }
                task.Advance(1, $"seed {seed}: LoRA r = {ranks[k]} {lora[k][seed]:P2}");
            }
            foreach (var update in updates) update.Dispose();
        }
        int[] widths = [data.Train.ExampleSize, .. o.Hidden, half];
        return new Measurement(data.Train.Name, setsB.TrainCount, (int)setsB.TestLabels.shape[0], widths, ranks, steps,
            pretrain, scratch, headOnly, full, lora, truncated, fullSpectra, loraSpectra, overlap, mergeDifference, predictionChanges, adaptedSeconds, mergedSeconds);
    }

    /// <summary>Networks a run trains per seed: the pre-training, scratch, head only, full fine-tuning and one per rank.</summary>
    private static int Trainings(LoraOptions o) => o.Seeds * (4 + o.Ranks.Length);

    /// <summary>A ReLU perceptron on flattened examples: every hidden layer a plain affine layer LoRA can wrap.</summary>
    private static SequentialSpec Network(LoraOptions o, int inputs, int classes) =>
        Perceptron.Classifier($"{inputs}–{string.Join("–", o.Hidden)}–{classes} ReLU perceptron", [inputs], o.Hidden, classes, Activations.Relu);

    private static List<Linear> Linears(nn.Module network) => [.. network.children().OfType<Linear>()];

    private static nn.Module<Tensor, Tensor> Build(SequentialSpec spec, string purpose, RunContext context, Device device)
    {
        using var generator = context.TorchGenerator(purpose);
        return spec.Build(generator).to(device);
    }

    private static ClassificationRun Train(LoraOptions o, nn.Module<Tensor, Tensor> network, ClassificationSets sets, int batchSeed, RunContext context)
    {
        var batches = sets.TrainingBatches(Math.Min(o.BatchSize, sets.TrainCount), batchSeed);
        using var optimizer = new Adam(o.LearningRate);
        return ClassificationRecipe.Train(network, sets, batches, optimizer, o.Epochs * batches.BatchesPerEpoch, new SortedSet<long>(), cancellation: context.Cancellation);
    }

    /// <summary>
    /// Held-out accuracy of the fully fine-tuned network with each hidden weight replaced by W_pre + [W_ft − W_pre]_r, the
    /// update's best rank-r approximation (Eckart–Young): the accuracy the fine-tuning's own top directions carry. It
    /// overwrites those weights, which nothing reads afterwards but the next rank's truncation, made from W_pre alike.
    /// </summary>
    private static double TruncatedAccuracy(nn.Module<Tensor, Tensor> fineTuned, nn.Module<Tensor, Tensor> pretrained, Tensor[] updates, int rank, ClassificationSets sets)
    {
        using (no_grad())
        {
            foreach (var (layer, update, before) in Linears(fineTuned).Zip(updates, Linears(pretrained)))
            {
                using var cut = TruncatedSvd.Approximate(update, rank);
                layer.weight!.copy_(before.weight!.Plus(cut));
            }
        }
        return Classification.Evaluate(fineTuned, sets.TestPass).Accuracy;
    }

    /// <summary>The merged network's largest logit difference from the adapted one, relative to the largest logit, and how many predictions differ.</summary>
    private static (double Relative, int Changes) MergeCheck(nn.Module<Tensor, Tensor> adapted, nn.Module<Tensor, Tensor> merged, Tensor inputs)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        adapted.eval();
        merged.eval();
        var a = adapted.forward(inputs);
        var m = merged.forward(inputs);
        double relative = (m - a).abs().max().AsDouble() / a.abs().max().AsDouble();
        int changes = (int)m.argmax(1).ne(a.argmax(1)).sum().AsInt64();
        return (relative, changes);
    }
}

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
/// Options of <see cref="StructuredSparsity"/>. Defaults: LeNet-300-100 on MNIST's 10,000 test images (the only MNIST
/// split here) split 8,000 training / 2,000 test; Adam η = 1.2·10⁻³, batches of 60 (Frankle &amp; Carbin's recipe),
/// 2,000 dense iterations (theirs: 50,000 on 55,000 images) and 500 of fine-tuning per compressed network; budgets of
/// 50, 25 and 10 % of the dense weights; 2:4 and 1:4 patterns; forward passes of 1,000 images timed 25 times; 3 seeds.
/// </summary>
public sealed record StructuredSparsityOptions
{
    [Option("Labelled set: a -t10k set trains on 8,000 of its 10,000 test images and tests on the other 2,000, mnist1d-published keeps its 4,000 / 1,000.",
        ChoicesFrom = typeof(BenchmarkDatasets))]
    public string Dataset { get; init; } = "mnist-t10k";

    [Option("Widths of the hidden ReLU layers (LeNet-300-100: 300 and 100).", Min = 1, Max = 4096, Unit = "units")]
    public int[] Hidden { get; init; } = [300, 100];

    [Option("Adam iterations of the dense training (Frankle & Carbin: 50,000 on 55,000 images; scaled to the 8,000 here and this CPU).",
        Min = 1, Max = 1_000_000, Unit = "iterations")]
    public int Iterations { get; init; } = 2000;

    [Option("Adam iterations of fine-tuning after each compression, the same for every method so that none gets more training than another.",
        Min = 0, Max = 1_000_000, Unit = "iterations")]
    public int FineTuneIterations { get; init; } = 500;

    [Option("Examples per mini-batch (Frankle & Carbin: 60).", Min = 1, Max = 4096)]
    public int BatchSize { get; init; } = 60;

    [Option("Adam's step size η, dense training and fine-tuning alike (Frankle & Carbin: 1.2e-3).", Min = 1e-6, Max = 1)]
    public double LearningRate { get; init; } = 1.2e-3;

    [Option("Parameter budgets: fractions of the dense network's weights every method keeps (biases are never pruned and not counted).", Min = 0.001, Max = 1)]
    public double[] Budgets { get; init; } = [0.5, 0.25, 0.1];

    [Option("Group size M of N:M sparsity (NVIDIA's 2:4 has M = 4); a budget b gets the pattern N = b·M wherever that is a whole number, and no N:M network otherwise.",
        Min = 1, Max = 64)]
    public int GroupSize { get; init; } = 4;

    [Option("Images per timed forward pass, the first of the test set.", Min = 1, Max = 100_000, Unit = "images")]
    public int TimedBatch { get; init; } = 1000;

    [Option("Timed forward passes of every network, taken in turns so that a change in the machine's load falls on all alike; the median counts.",
        Min = 1, Max = 1000, Unit = "passes")]
    public int TimedPasses { get; init; } = 25;

    [Option("Independent trials, each with its own initialisation and batches; timing uses the first.", Min = 1, Max = 20, Unit = "seeds")]
    public int Seeds { get; init; } = 3;

    [OptionGroup]
    public ThreadOptions Runtime { get; init; } = new();
}

/// <summary>
/// Unstructured, N:M, neuron and low-rank compression of LeNet-300-100 at equal parameter budgets (Han et al. 2015;
/// Mishra et al. 2021; Li et al. 2017; Denton et al. 2014): accuracy after fine-tuning against multiply-adds and against
/// the measured CPU time of a forward pass, showing that only structure buys speed on dense kernels.
/// </summary>
public sealed partial class StructuredSparsity : Experiment<StructuredSparsityOptions>
{
    public override string Id => "structured-sparsity";
    public override string Title => "Unstructured, N:M, neuron and low-rank compression at equal budgets";
    public override Topic Topic => Topic.Pruning;
    public override IReadOnlyList<string> Papers => ["han2015learning", "mishra2021accelerating", "li2017pruning", "denton2014exploiting"];

    public override string Summary =>
        "Trains LeNet-300-100, compresses it to equal fractions of its weights by global magnitude pruning, N:M (2:4, 1:4) sparsity, removal of " +
        "whole hidden units and truncated-SVD factorisation, fine-tunes each equally, and sets its test accuracy beside its multiply-adds and the " +
        "measured CPU time of a forward pass: masked weights still multiply on a dense kernel, smaller dense layers do not.";

    public override StructuredSparsityOptions Quick => Defaults with { Iterations = 200, FineTuneIterations = 50, TimedBatch = 500, TimedPasses = 15, Seeds = 1 };

    public override CostEstimate EstimateCost(StructuredSparsityOptions o)
    {
        var shape = Datasets.Shape(o.Dataset);
        var spec = Network(o, shape.Example.Aggregate(1, (a, b) => a * b), shape.Classes);
        long iterations = (long)o.Seeds * (o.Iterations + (Variants(o).Count + 1) * o.FineTuneIterations);
        // A step's forward and backward cost about three forward passes (of the dense network at most); the timing passes are few.
        double seconds = iterations * (3.0 * o.BatchSize * spec.MultiplyAddsPerExample * CostCalibration.StructuredSparsity.SecondsPerMultiplyAdd
            + CostCalibration.StructuredSparsity.SecondsPerStep);
        return new CostEstimate(iterations, "training iterations", TimeSpan.FromSeconds(seconds));
    }

    protected override IEnumerable<string> Inconsistencies(StructuredSparsityOptions o)
    {
        var shape = Datasets.Shape(o.Dataset);
        if (o.Hidden.Length == 0) yield return "hidden is empty: neuron pruning needs at least one hidden layer; name one width.";
        if (o.Budgets.Length == 0) yield return "budgets is empty: name at least one fraction of the weights to keep.";
        if (o.Budgets.Distinct().Count() != o.Budgets.Length) yield return "budgets names a fraction twice; list each once.";
        if (o.TimedBatch > shape.Test) yield return $"timed_batch {o.TimedBatch:N0} exceeds the {shape.Test:N0} test images of {o.Dataset}; time fewer.";
        int inputs = shape.Example.Aggregate(1, (a, b) => a * b);
        int[] fanIns = [inputs, .. o.Hidden];
        if (Variants(o).Any(v => v.Method == NOfM) && fanIns.Any(fanIn => fanIn % o.GroupSize != 0))
            yield return $"group_size {o.GroupSize} does not divide every layer's inputs ({inputs}, {string.Join(", ", o.Hidden)}); choose a divisor of them all (4 for LeNet-300-100).";
    }

    public override ExperimentResult Run(StructuredSparsityOptions o, RunContext context) => Present(o, Measure(o, context));

    /// <summary>One compressed network at one budget.</summary>
    /// <param name="Method">One of <see cref="Methods"/>.</param>
    /// <param name="Budget">The fraction of the dense weights it was asked to keep.</param>
    /// <param name="Structure">What it is: the N:M pattern, the hidden widths or the ranks.</param>
    /// <param name="Weights">Weights it keeps (nonzero weights for a mask, stored weights for a smaller network).</param>
    /// <param name="Parameters">Its weights and biases.</param>
    /// <param name="MultiplyAdds">Multiply-adds of one example's forward pass, pruned weights skipped.</param>
    /// <param name="CompressedAccuracy">Test accuracy straight after compression, by seed.</param>
    /// <param name="FineTunedAccuracy">Test accuracy after fine-tuning, by seed.</param>
    /// <param name="ForwardSeconds">Median time of a timed forward pass of the first seed's network as it is stored (masked ones densely).</param>
    private sealed record Compression(string Method, double Budget, string Structure, long Weights, long Parameters, long MultiplyAdds,
        double[] CompressedAccuracy, double[] FineTunedAccuracy, double ForwardSeconds);

    /// <summary>What a run measures.</summary>
    /// <param name="DenseAccuracy">The dense network's test accuracy by seed.</param>
    /// <param name="DenseFineTunedAccuracy">The same after as many more iterations as every compressed network's fine-tuning, by seed: the fair comparison.</param>
    /// <param name="DenseForwardSeconds">Median time of a timed forward pass of the first seed's dense network.</param>
    private sealed record Measurement(string DatasetName, int TrainCount, int TestCount, int TimedBatch, long DenseWeights, long DenseParameters,
        long DenseMultiplyAdds, double[] DenseAccuracy, double[] DenseFineTunedAccuracy, double DenseForwardSeconds, Compression[] Compressions);

    /// <summary>The compression methods, in the order tables and figures show them.</summary>
    private const string Unstructured = "unstructured", NOfM = "n_of_m", Neurons = "neurons", LowRank = "low_rank";

    private static readonly string[] Methods = [Unstructured, NOfM, Neurons, LowRank];

    /// <summary>A method at a budget.</summary>
    private sealed record Variant(string Method, double Budget);

    /// <summary>Every method at every budget, N:M only where the budget is a whole N of M.</summary>
    private static List<Variant> Variants(StructuredSparsityOptions o) =>
        [.. Methods.SelectMany(method => o.Budgets.OrderDescending().Where(b => method != NOfM || PatternN(o, b) is not null).Select(b => new Variant(method, b)))];

    /// <summary>N of an N:M pattern that keeps the fraction <paramref name="budget"/>, or null when no whole N does.</summary>
    private static int? PatternN(StructuredSparsityOptions o, double budget)
    {
        double n = budget * o.GroupSize;
        return Math.Abs(n - Math.Round(n)) < 1e-9 && Math.Round(n) >= 1 ? (int)Math.Round(n) : null;
    }

    private static Measurement Measure(StructuredSparsityOptions o, RunContext context)
    {
        var device = TorchSetup.Prepare(context.Device);
        using var threads = IntraOpThreads.Use(o.Runtime.Threads);
        var data = Datasets.Load(o.Dataset, context.Data, context.Seed);
        var sets = new ClassificationSets(data, device, asVectors: true);
        var spec = Network(o, data.Train.ExampleSize, data.Train.Classes);
        using var timed = sets.TestInputs.narrow(0, 0, o.TimedBatch);
        var variants = Variants(o);
        var compressed = variants.Select(_ => new double[o.Seeds]).ToArray();
        var fineTuned = variants.Select(_ => new double[o.Seeds]).ToArray();
        var structures = new string[variants.Count];
        var weights = new long[variants.Count];
        var parameters = new long[variants.Count];
        var multiplyAdds = new long[variants.Count];
        var seconds = new double[variants.Count];
        var dense = new double[o.Seeds];
        var denseFineTuned = new double[o.Seeds];
        double denseSeconds = 0;
        long denseWeights = spec.Layers.Select((layer, k) => (layer, k)).Where(p => p.layer is Dense).Sum(p => spec.Costs[p.k].MultiplyAdds);

        using var task = context.Progress.Start("trainings", o.Seeds * (2 + variants.Count));
        for (int seed = 0; seed < o.Seeds; seed++)
        {
            int batchSeed = Seeds.Derive(context.Seed, $"batches {seed}");
            using var trained = Build(spec, $"network {seed}", context, device);
            dense[seed] = Train(o, trained, null, sets, batchSeed, o.Iterations, context);
            task.Advance(1, $"seed {seed}: dense {dense[seed]:P2}");
            using var trainedWeights = WeightSnapshot.Take(trained);
            var kept = new List<nn.Module<Tensor, Tensor>>();
            int fineTuneSeed = Seeds.Derive(context.Seed, $"fine-tuning batches {seed}");
            try
            {
                for (int v = 0; v < variants.Count; v++)
                {
                    var (method, budget) = variants[v];
                    if (method is Unstructured or NOfM)
                    {
                        var network = Build(spec, $"network {seed}", context, device);
                        trainedWeights.Restore(network);
                        using var full = PruningMask.Full(network);
                        using var mask = method == Unstructured ? MagnitudePruning.Global(full, network, 1 - budget) : NOfMPruning.Mask(network, PatternN(o, budget)!.Value, o.GroupSize);
                        mask.Apply(network);
                        structures[v] = method == Unstructured ? $"{100 * mask.Fraction:0.#} % of weights" : $"{PatternN(o, budget)}:{o.GroupSize}";
                        (weights[v], parameters[v], multiplyAdds[v]) = (mask.TotalRemaining, mask.TotalRemaining + spec.Parameters - denseWeights, mask.SparseMultiplyAdds(DenseCounts(spec)));
                        compressed[v][seed] = Classification.Evaluate(network, sets.TestPass).Accuracy;
                        fineTuned[v][seed] = Train(o, network, mask, sets, fineTuneSeed, o.FineTuneIterations, context);
                        kept.Add(network);
                    }
                    else
                    {
                        var smaller = method == Neurons
                            ? NeuronPruning.Shrink(spec, trained, NeuronWidths(o, spec, budget, denseWeights))
                            : LowRankFactorisation.Factor(spec, trained, Ranks(spec, budget, denseWeights));
                        structures[v] = string.Join("-", method == Neurons ? NeuronWidths(o, spec, budget, denseWeights) : Ranks(spec, budget, denseWeights));
                        long biases = smaller.Spec.Layers.Sum(l => l switch { Dense d => d.Units, LowRankDense r => r.Units, _ => 0 });
                        (weights[v], parameters[v], multiplyAdds[v]) = (smaller.Spec.Parameters - biases, smaller.Spec.Parameters, smaller.Spec.MultiplyAddsPerExample);
                        compressed[v][seed] = Classification.Evaluate(smaller.Network, sets.TestPass).Accuracy;
                        fineTuned[v][seed] = Train(o, smaller.Network, null, sets, fineTuneSeed, o.FineTuneIterations, context);
                        kept.Add(smaller.Network);
                    }
                    task.Advance(1, $"seed {seed}: {method} at {100 * budget:0.#} %: {compressed[v][seed]:P2} compressed, {fineTuned[v][seed]:P2} fine-tuned");
                }
                // Last, since every compression starts from the dense network's trained weights.
                denseFineTuned[seed] = Train(o, trained, null, sets, fineTuneSeed, o.FineTuneIterations, context);
                task.Advance(1, $"seed {seed}: dense trained as long as the fine-tuning {denseFineTuned[seed]:P2}");
                if (seed == 0)
                {
                    var times = ForwardTiming.MedianSeconds([trained, .. kept], timed, o.TimedPasses, context.Cancellation);
                    denseSeconds = times[0];
                    Array.Copy(times, 1, seconds, 0, variants.Count);
                }
            }
            finally
            {
                foreach (var network in kept) network.Dispose();
            }
        }
        var compressions = variants.Select((variant, v) => new Compression(variant.Method, variant.Budget, structures[v], weights[v], parameters[v], multiplyAdds[v],
            compressed[v], fineTuned[v], seconds[v])).ToArray();
        return new Measurement(data.Train.Name, data.Train.Count, data.Test.Count, o.TimedBatch, denseWeights, spec.Parameters, spec.MultiplyAddsPerExample,
            dense, denseFineTuned, denseSeconds, compressions);
    }

    /// <summary>LeNet-300-100 (or the hidden widths asked for) on flattened inputs: affine layers with ReLU between them, torch's default initialisation.</summary>
    private static SequentialSpec Network(StructuredSparsityOptions o, int inputs, int classes) =>
        Perceptron.Classifier($"LeNet-{string.Join("-", o.Hidden)}", [inputs], o.Hidden, classes, Activations.Relu);

    /// <summary>Each affine layer's multiply-adds per example, dense, which is its weight count.</summary>
    private static long[] DenseCounts(SequentialSpec spec) =>
        [.. spec.Layers.Select((layer, k) => (layer, k)).Where(p => p.layer is Dense).Select(p => spec.Costs[p.k].MultiplyAdds)];

    /// <summary>
    /// Hidden widths scaled by one factor s so that the narrower network's weights come nearest the budget: its weight
    /// count grows with s, so bisection finds s, and the widths are s times the dense ones, rounded (at least one unit).
    /// </summary>
    private static int[] NeuronWidths(StructuredSparsityOptions o, SequentialSpec spec, double budget, long denseWeights)
    {
        int inputs = spec.InputShape[0], classes = spec.OutputShape[0];
        int[] Widths(double s) => [.. o.Hidden.Select(h => Math.Max(1, (int)Math.Round(s * h)))];
        long WeightsOf(int[] widths) => Enumerable.Range(0, widths.Length + 1).Sum(l => (long)(l == 0 ? inputs : widths[l - 1]) * (l == widths.Length ? classes : widths[l]));
        double low = 0, high = 1;
        for (int step = 0; step < 60; step++)
        {
            double middle = (low + high) / 2;
            if (WeightsOf(Widths(middle)) > budget * denseWeights) high = middle; else low = middle;
        }
        var below = Widths(low);
        var above = Widths(high);
        return Math.Abs(WeightsOf(below) - budget * denseWeights) <= Math.Abs(WeightsOf(above) - budget * denseWeights) ? below : above;
    }

    /// <summary>
    /// Ranks of the hidden layers (the output layer stays whole: a rank below the number of classes would merge classes)
    /// that give every factored layer the same fraction g of its dense weights, g chosen so the whole network meets the
    /// budget: rank_l = g·in·out/(in + out), rounded, at least 1 and at most the layer's full rank.
    /// </summary>
    private static int[] Ranks(SequentialSpec spec, double budget, long denseWeights)
    {
        var counts = DenseCounts(spec);
        var shapes = spec.Costs.Where((_, k) => spec.Layers[k] is Dense).Select(c => (In: (long)c.InputShape[0], Out: (long)c.OutputShape[0])).ToArray();
        double g = (budget * denseWeights - counts[^1]) / (denseWeights - counts[^1]);
        return [.. shapes.Select((s, l) => l == shapes.Length - 1 ? 0
            : (int)Math.Clamp(Math.Round(g * s.In * s.Out / (s.In + s.Out)), 1, Math.Min(s.In, s.Out)))];
    }

    private static nn.Module<Tensor, Tensor> Build(SequentialSpec spec, string purpose, RunContext context, Device device)
    {
        using var generator = context.TorchGenerator(purpose);
        return spec.Build(generator).to(device);
    }

    /// <summary>Trains with Adam (its mask kept after every step when there is one) and returns the final test accuracy.</summary>
    private static double Train(StructuredSparsityOptions o, nn.Module<Tensor, Tensor> network, PruningMask? mask, ClassificationSets sets, int batchSeed, int steps, RunContext context)
    {
        if (steps == 0) return Classification.Evaluate(network, sets.TestPass).Accuracy;
        var batches = sets.TrainingBatches(Math.Min(o.BatchSize, sets.TrainCount), batchSeed);
        using IOptimizer optimizer = mask is null ? (IOptimizer)new Adam(o.LearningRate) : new MaskedOptimizer(new Adam(o.LearningRate), mask, network);
        return ClassificationRecipe.Train(network, sets, batches, optimizer, steps, new SortedSet<long>(), cancellation: context.Cancellation).Final.Test.Accuracy;
    }
}

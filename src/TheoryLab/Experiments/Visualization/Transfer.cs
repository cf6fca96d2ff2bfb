using TheoryLab.Data;
using TheoryLab.Kernel;
using TheoryLab.Models.ConvNets;
using TheoryLab.Models.MeanField;
using TheoryLab.Options;
using TheoryLab.Torch;
using TheoryLab.Training;
using TheoryLab.Training.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Experiments.Visualization;

/// <summary>
/// Options of <see cref="Transfer"/>. Defaults: MNIST's 10,000 test images (the only MNIST split here) split 8,000 /
/// 2,000, digits 0–4 as task A and 5–9 as task B; 8-layer ReLU perceptrons (784–128×7–5) standing for Yosinski et
/// al.'s 8-layer ImageNet network; 3 seeds of 10 epochs each (they ran 1–3 networks per point on 500-class halves of
/// ImageNet, 450,000 steps).
/// </summary>
public sealed record TransferOptions
{
    [Option("Labelled set whose classes are split into tasks A and B; a -t10k set trains on 8,000 of the 10,000 test images and holds out the other 2,000, mnist1d-published trains on its 4,000 and holds out its 1,000.",
        ChoicesFrom = typeof(BenchmarkDatasets))]
    public string Dataset { get; init; } = "mnist-t10k";

    [Option("How the classes are split: halves (A the lower half of the labels, 0–4; B the upper, 5–9) or random (two halves drawn from the seed, as Yosinski et al. split ImageNet's 1,000 classes).",
        Choices = ["halves", "random"])]
    public string Split { get; init; } = "halves";

    [Option("Widths of the hidden layers: the network has one more weighted layer than there are widths, and n runs over 1 … widths. Yosinski et al.'s network has 8 weighted layers (5 convolutions, 3 fully connected).",
        Min = 1, Max = 4096, Unit = "units")]
    public int[] Hidden { get; init; } = [128, 128, 128, 128, 128, 128, 128];

    [Option("Passes over the task's training examples for every network (baseA, baseB and each transferred one).", Min = 1, Max = 1000, Unit = "epochs")]
    public int Epochs { get; init; } = 10;

    [Option("Examples per mini-batch.", Min = 1, Max = 4096)]
    public int BatchSize { get; init; } = 64;

    [Option("Adam's step size η for every network, fine-tuned layers included (Yosinski et al. fine-tuned at the base networks' rate too).", Min = 1e-6, Max = 1)]
    public double LearningRate { get; init; } = 1e-3;

    [Option("Independent repeats: each trains its own baseA and baseB and transfers from them (their Figure 2 shows each network as a point).", Min = 1, Max = 100, Unit = "seeds")]
    public int Seeds { get; init; } = 3;

    [OptionGroup]
    public ThreadOptions Runtime { get; init; } = new();
}

/// <summary>
/// How transferable the features of each layer are (Yosinski, Clune, Bengio &amp; Lipson 2014): networks trained on
/// task A or B lend their first n layers, frozen or fine-tuned, to fresh networks trained on B, for every n.
/// </summary>
public sealed partial class Transfer : Experiment<TransferOptions>
{
    public override string Id => "transfer";
    public override string Title => "How transferable are the features of each layer";
    public override Topic Topic => Topic.Visualization;
    public override IReadOnlyList<string> Papers => ["yosinski2014how"];

    public override string Summary =>
        "Splits the classes of an MNIST-family set into tasks A and B, trains base networks on each, and for every n copies the first n layers " +
        "of baseB (selffer BnB) or baseA (transfer AnB) into a fresh network for B, frozen or fine-tuned (+), as in Yosinski et al.'s Figure 2: " +
        "held-out accuracy on B against n, where frozen transfer starts to hurt, whether the selffers dip, and whether fine-tuning recovers or beats baseB.";

    public override TransferOptions Quick => Defaults with { Hidden = [32, 32, 32], Epochs = 2, Seeds = 2 };

    /// <summary>The four ways of starting a network for B, in the order of Yosinski et al.'s legend.</summary>
    private static readonly TransferKind[] Kinds = [new("BnB", FromA: false, FineTuned: false), new("BnB+", false, true), new("AnB", true, false), new("AnB+", true, true)];

    /// <summary>Places of the kinds in <see cref="Kinds"/>.</summary>
    private const int BnB = 0, BnBPlus = 1, AnB = 2, AnBPlus = 3;

    public override CostEstimate EstimateCost(TransferOptions o)
    {
        var shape = Datasets.Shape(o.Dataset);
        var spec = Network(o, [.. shape.Example], shape.Classes / 2);
        // Each task holds about half the training examples; a step's forward and backward cost about three forward passes.
        double examples = (double)Trainings(o) * o.Epochs * shape.Train / 2;
        double seconds = examples * 3 * spec.MultiplyAddsPerExample * CostCalibration.Transfer.SecondsPerMultiplyAdd;
        return new CostEstimate((long)examples, "training examples", TimeSpan.FromSeconds(seconds));
    }

    public override ExperimentResult Run(TransferOptions o, RunContext context) => Present(o, Measure(o, context));

    /// <summary>A way of starting a network for task B: its first n layers from baseA or baseB, frozen or fine-tuned.</summary>
    private sealed record TransferKind(string Name, bool FromA, bool FineTuned);

    /// <summary>
    /// What a run measures.
    /// </summary>
    /// <param name="ClassesA">The original labels of task A, in the order they were relabelled 0, 1, ….</param>
    /// <param name="BaseA">baseA's held-out accuracy on A, one per seed.</param>
    /// <param name="BaseB">baseB's held-out accuracy on B, one per seed.</param>
    /// <param name="Accuracy">Held-out accuracy on B by kind (<see cref="Kinds"/>' order), n − 1 and seed.</param>
    /// <param name="StepsPerNetwork">Mini-batch steps every network trained.</param>
    private sealed record Measurement(string DatasetName, int[] ClassesA, int[] ClassesB, int TrainA, int TrainB, int TestA, int TestB, int Layers,
        long StepsPerNetwork, double[] BaseA, double[] BaseB, double[][][] Accuracy);

    private static Measurement Measure(TransferOptions o, RunContext context)
    {
        var device = TorchSetup.Prepare(context.Device);
        using var threads = IntraOpThreads.Use(o.Runtime.Threads);
        var data = Datasets.Load(o.Dataset, context.Data, context.Seed);
        var (classesA, classesB) = SplitClasses(o.Split, data.Train.Classes, context);
        var setsA = new ClassificationSets(data.OfClasses(classesA), device);
        var setsB = new ClassificationSets(data.OfClasses(classesB), device);
        var spec = Network(o, data.Train.ExampleShape, classesB.Length);
        int layers = spec.Layers.OfType<Dense>().Count();

        var baseA = new double[o.Seeds];
        var baseB = new double[o.Seeds];
        var accuracy = Kinds.Select(_ => Enumerable.Range(1, layers - 1).Select(_ => new double[o.Seeds]).ToArray()).ToArray();
        long steps = 0;
        using var task = context.Progress.Start("networks", Trainings(o));
        for (int seed = 0; seed < o.Seeds; seed++)
        {
            // Every network for B starts from baseB's draw and sees baseB's batches, so n = 0 would be baseB itself and a
            // difference from baseB is the transferred layers' doing alone.
            string drawA = $"A net {seed}", drawB = $"B net {seed}";
            int batchesA = Seeds.Derive(context.Seed, $"A batches {seed}"), batchesB = Seeds.Derive(context.Seed, $"B batches {seed}");
            using var networkA = Build(spec, drawA, context, device);
            var runA = Train(o, networkA, setsA, batchesA, context);
            baseA[seed] = runA.Final.Test.Accuracy;
            task.Advance(1, $"seed {seed}: baseA {baseA[seed]:P2}");
            using var networkB = Build(spec, drawB, context, device);
            var runB = Train(o, networkB, setsB, batchesB, context);
            baseB[seed] = runB.Final.Test.Accuracy;
            steps = runB.Summary.Steps;
            task.Advance(1, $"seed {seed}: baseB {baseB[seed]:P2}");

            for (int n = 1; n < layers; n++)
            {
                for (int k = 0; k < Kinds.Length; k++)
                {
                    context.Cancellation.ThrowIfCancellationRequested();
                    using var network = Build(spec, drawB, context, device);
                    LayerTransfer.CopyFirst(Kinds[k].FromA ? networkA : networkB, network, n, freeze: !Kinds[k].FineTuned);
                    accuracy[k][n - 1][seed] = Train(o, network, setsB, batchesB, context).Final.Test.Accuracy;
                    task.Advance(1, $"seed {seed}: {Name(Kinds[k], n)} {accuracy[k][n - 1][seed]:P2}");
                }
            }
        }
        return new Measurement(data.Train.Name, classesA, classesB, setsA.TrainCount, setsB.TrainCount, (int)setsA.TestLabels.shape[0], (int)setsB.TestLabels.shape[0],
            layers, steps, baseA, baseB, accuracy);
    }

    /// <summary>Networks a run trains: baseA and baseB, and four for each n = 1 … L − 1, per seed.</summary>
    private static int Trainings(TransferOptions o) => o.Seeds * (2 + Kinds.Length * o.Hidden.Length);

    /// <summary>A ReLU perceptron with the given hidden widths: L = widths + 1 weighted layers.</summary>
    private static SequentialSpec Network(TransferOptions o, int[] inputShape, int classes) =>
        Perceptron.Classifier($"{o.Hidden.Length + 1}-layer ReLU perceptron", inputShape, o.Hidden, classes, Activations.Relu);

    /// <summary>Task A's and task B's labels: the lower and upper half, or two halves of a permutation drawn from the seed.</summary>
    private static (int[] A, int[] B) SplitClasses(string split, int classes, RunContext context)
    {
        int[] order = split == "random" ? context.Random("class split").Permutation(classes) : [.. Enumerable.Range(0, classes)];
        int half = classes / 2;
        return ([.. order[..half].Order()], [.. order[half..(2 * half)].Order()]);
    }

    private static nn.Module<Tensor, Tensor> Build(SequentialSpec spec, string purpose, RunContext context, Device device)
    {
        using var generator = context.TorchGenerator(purpose);
        return spec.Build(generator).to(device);
    }

    private static ClassificationRun Train(TransferOptions o, nn.Module<Tensor, Tensor> network, ClassificationSets sets, int batchSeed, RunContext context)
    {
        var batches = sets.TrainingBatches(Math.Min(o.BatchSize, sets.TrainCount), batchSeed);
        using var optimizer = new Adam(o.LearningRate);
        return ClassificationRecipe.Train(network, sets, batches, optimizer, o.Epochs * batches.BatchesPerEpoch, new SortedSet<long>(), cancellation: context.Cancellation);
    }

    /// <summary>Yosinski et al.'s name of a network: B3B, A5B+.</summary>
    private static string Name(TransferKind kind, int n) => kind.Name.Replace("n", n.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

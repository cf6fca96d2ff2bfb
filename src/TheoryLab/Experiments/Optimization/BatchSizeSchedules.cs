using TheoryLab.Data;
using TheoryLab.Kernel;
using TheoryLab.Models.ConvNets;
using TheoryLab.Models.MeanField;
using TheoryLab.Options;
using TheoryLab.Torch;
using TheoryLab.Training;
using TheoryLab.Training.Optimizers.Schedules;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Experiments.Optimization;

/// <summary>The network <see cref="BatchSizeSchedules"/> trains.</summary>
public enum ScheduleNetwork
{
    /// <summary>Greydanus's 1-D CNN on MNIST-1D, LeNet-5 on 28×28 images.</summary>
    Cnn,
    /// <summary>Two hidden ReLU layers.</summary>
    Mlp,
}

/// <summary>
/// Options of <see cref="BatchSizeSchedules"/>. Smith et al. trained a Wide ResNet on CIFAR-10 for 200 epochs with
/// SGD (ε = 0.1, momentum 0.9, batch 128, weight decay 5·10⁻⁴), changing the step or the batch by a factor 5 at epochs
/// 60, 120 and 160. The defaults keep their factor, momentum, weight decay and the places of the changes (30%, 60% and
/// 80% of training) on MNIST-1D's 4,000 training sequences for 50 epochs, with Greydanus's CNN: a 2-core CPU's scale.
/// </summary>
public sealed record BatchSizeSchedulesOptions
{
    [Option("Dataset: mnist1d (generated), mnist1d-published, or 28×28 images (mnist-t10k and its kin: MNIST's test split cut 8,000 / 2,000; or the full sets).",
        ChoicesFrom = typeof(BenchmarkDatasets))]
    public string Dataset { get; init; } = "mnist1d";

    [Option("Network: cnn (Greydanus's 1-D CNN on MNIST-1D, LeNet-5 on images) or mlp (two hidden ReLU layers of hidden_units).")]
    public ScheduleNetwork Network { get; init; } = ScheduleNetwork.Cnn;

    [Option("Units in each of the MLP's two hidden layers.", Min = 1, Max = 65_536)]
    public int HiddenUnits { get; init; } = 100;

    [Option("Training epochs (Smith et al.: 200); at least 2, for a change to fall before the last.", Min = 2, Max = 100_000, Unit = "epochs")]
    public int Epochs { get; init; } = 50;

    [Option("Epochs at whose start the step decays or the batch grows (Smith et al.: 60, 120, 160 of 200).", Min = 1, Max = 100_000, Unit = "epochs",
        Derived = "at 30 %, 60 % and 80 % of the epochs, as Smith et al.'s")]
    public int[] Milestones { get => _milestones ?? [.. new[] { 0.3, 0.6, 0.8 }.Select(f => Math.Clamp((int)Math.Round(f * Epochs), 1, Epochs - 1)).Distinct()]; init => _milestones = value; }

    private readonly int[]? _milestones;

    [Option("Factor of each change: the step is divided by it, or the batch multiplied by it (Smith et al.: 5).", Min = 1.01, Max = 1000)]
    public double Factor { get; init; } = 5;

    [Option("Initial learning rate ε.", Min = 1e-6, Max = 100, Unit = "ε")]
    public double LearningRate { get; init; } = 0.05;

    [Option("Initial batch size B.", Min = 1, Max = 10_000_000)]
    public int BatchSize { get; init; } = 32;

    [Option("Heavy-ball momentum m (Smith et al.: 0.9); the noise scale is g = εN/(B(1 − m)).", Min = 0, Max = 0.999, Unit = "m")]
    public double Momentum { get; init; } = 0.9;

    [Option("L2 weight decay λ added to the gradient (Smith et al.: 5·10⁻⁴).", Min = 0, Max = 1, Unit = "λ")]
    public double WeightDecay { get; init; } = 5e-4;

    [Option("Milestones at which the hybrid schedule grows the batch; at the later ones it decays the step instead (what one does when the batch reaches a hardware limit).", Min = 0, Max = 1000,
        Derived = "every milestone but the last")]
    public int HybridGrowthSteps { get => _hybridGrowthSteps ?? Math.Max(0, Milestones.Length - 1); init => _hybridGrowthSteps = value; }

    private readonly int? _hybridGrowthSteps;

    [OptionGroup]
    public ThreadOptions Runtime { get; init; } = new();
}

/// <summary>
/// Smith, Kindermans, Ying and Le (2018): SGD's noise scale g = εN/(B(1 − m)) sets the training dynamics, so growing
/// the batch B by a factor at the epochs where one would divide the step ε by it gives nearly the same training and
/// test curves per epoch, with far fewer parameter updates. Three schedules from the same initial weights and the same
/// example order: decaying step, growing batch, and a hybrid that grows the batch first and then decays the step.
/// </summary>
public sealed partial class BatchSizeSchedules : Experiment<BatchSizeSchedulesOptions>
{
    /// <summary>The three schedules: key (in table columns and findings) and label.</summary>
    private static readonly (string Key, string Label)[] Schedules =
        [("decaying_step", "decaying step"), ("growing_batch", "growing batch"), ("hybrid", "hybrid")];

    public override string Id => "batch-size";
    public override string Title => "Don't decay the learning rate, increase the batch size";
    public override Topic Topic => Topic.Optimization;
    public override IReadOnlyList<string> Papers => ["smith2018dont", "greydanus2020scaling"];

    public override string Summary =>
        "Trains one network three ways from the same initial weights and example order: the step ε divided by a factor at " +
        "set epochs (batch fixed), the batch B multiplied by that factor instead (step fixed), and a hybrid. The noise scale " +
        "g = εN/(B(1 − m)) is the same in every epoch for all three, and Smith et al. (2018) find the curves of training loss " +
        "and test accuracy against epochs nearly identical, while a growing batch takes far fewer parameter updates. " +
        "Defaults: Greydanus's CNN on MNIST-1D for 50 epochs, changes by 5 at epochs 15, 30 and 40 (Smith et al.'s 60, 120, " +
        "160 of 200).";

    public override BatchSizeSchedulesOptions Quick => Defaults with
    {
        Network = ScheduleNetwork.Mlp,
        Epochs = 20,
    };

    protected override IEnumerable<string> Inconsistencies(BatchSizeSchedulesOptions o)
    {
        if (o.Milestones.Any(m => m >= o.Epochs))
            yield return $"every milestone must fall before the last epoch ({o.Epochs}); drop {string.Join(", ", o.Milestones.Where(m => m >= o.Epochs))} or train longer.";
        if (o.Milestones.Distinct().Count() != o.Milestones.Length)
            yield return "milestones repeat; give each epoch at most once (a larger factor makes a bigger change).";
        if (o.HybridGrowthSteps > o.Milestones.Length)
            yield return $"hybrid_growth_steps ({o.HybridGrowthSteps}) exceeds the {o.Milestones.Length} milestones; use at most that many.";
    }

    public override CostEstimate EstimateCost(BatchSizeSchedulesOptions o)
    {
        var shape = Datasets.Shape(o.Dataset);
        bool oneDimensional = shape.Example.Length == 1;
        long train = shape.Train, test = shape.Test;
        // Every schedule processes the same examples; an evaluation costs about a third of a training step per example.
        double perExample = o.Network == ScheduleNetwork.Mlp ? CostCalibration.BatchSizeSchedules.SecondsPerExampleMlp
            : oneDimensional ? CostCalibration.BatchSizeSchedules.SecondsPerExampleCnn1d : CostCalibration.BatchSizeSchedules.SecondsPerExampleLeNet5;
        long examples = 3L * o.Epochs * train;
        double evaluation = 3.0 * (o.Epochs + 1) * (train + test) * perExample / 3;
        return new CostEstimate(examples, "training examples", TimeSpan.FromSeconds(examples * perExample + evaluation + 1));
    }

    public override ExperimentResult Run(BatchSizeSchedulesOptions o, RunContext context) => Present(o, Measure(o, context));

    /// <summary>What a run measures: the network, the training set's size, and each schedule's curve.</summary>
    private sealed record Measurement(SequentialSpec Spec, int TrainCount, IReadOnlyList<Curve> Curves);

    private static Measurement Measure(BatchSizeSchedulesOptions o, RunContext context)
    {
        var device = TorchSetup.Prepare(context.Device);
        var data = Datasets.Load(o.Dataset, context.Data, context.Seed);
        var spec = Network(o, data.Train);
        using var threads = IntraOpThreads.Use(o.Runtime.Threads);
        using var scope = NewDisposeScope();
        var sets = new ClassificationSets(data, device);
        int n = data.Train.Count;
        int weightSeed = Seeds.Derive(context.Seed, "initial weights");

        var curves = new List<Curve>();
        using (var task = context.Progress.Start($"training {spec.Name} on {o.Dataset} three ways", Schedules.Length * o.Epochs))
        {
            foreach (var (key, label) in Schedules)
            {
                var (learningRate, batchSize) = Schedule(o, key);
                var batches = new ScheduledBatches(sets.TrainInputs, sets.TrainLabels, e => (int)Math.Min(n, Math.Round(batchSize.StepSize(e))), shuffle: true, context.Seed);
                long steps = batches.BatchesInFirst(o.Epochs);
                var epochEnds = Enumerable.Range(0, o.Epochs + 1).Select(e => batches.BatchesInFirst(e)).ToHashSet();
                using var generator = new Generator((ulong)weightSeed);
                var model = spec.Build(generator).to(device);
                int epochsDone = 0;
                using var sgd = new SgdSettings(new PerEpochStep(learningRate, batches.BatchesIn), o.Momentum, o.WeightDecay).CreateOptimizer();
                var run = ClassificationRecipe.Train(model, sets, batches, sgd, steps, epochEnds, onEvaluation: point =>
                {
                    if (point.Step > 0) task.Advance(1, $"{label}: epoch {++epochsDone}, test accuracy {point.Test.Accuracy:P1}");
                }, cancellation: context.Cancellation);
                curves.Add(new Curve(key, label, run));
                model.Dispose();
            }
        }

        return new Measurement(spec, n, curves);
    }

    /// <summary>The step by epoch and the batch by epoch of one schedule.</summary>
    private static (IStepSchedule LearningRate, IStepSchedule BatchSize) Schedule(BatchSizeSchedulesOptions o, string key)
    {
        int[] growth = key switch
        {
            "decaying_step" => [],
            "growing_batch" => o.Milestones,
            _ => [.. o.Milestones.Order().Take(o.HybridGrowthSteps)],
        };
        int[] decay = [.. o.Milestones.Except(growth)];
        return (new MilestoneStep(o.LearningRate, decay, 1 / o.Factor), new MilestoneStep(o.BatchSize, growth, o.Factor));
    }

    private static SequentialSpec Network(BatchSizeSchedulesOptions o, LabeledData train) => (o.Network, train.ExampleShape) switch
    {
        (ScheduleNetwork.Mlp, var shape) => Perceptron.Classifier($"MLP {o.HiddenUnits}-{o.HiddenUnits}", shape, [o.HiddenUnits, o.HiddenUnits], train.Classes, Activations.Relu),
        (_, [int length]) => LeNet.OneDimensional(length, classes: train.Classes),
        (_, [1, 28, 28]) => LeNet.Five(classes: train.Classes),
        (_, var shape) => throw new TheoryLabException($"{train.Name} has examples of shape {string.Join("×", shape)}; the CNN takes sequences (MNIST-1D) or 1×28×28 images; use network=mlp."),
    };

    /// <summary>One schedule's evaluations at the end of every epoch (and at the start) and the updates it took.</summary>
    private sealed record Curve(string Key, string Label, ClassificationRun Run)
    {
        public IReadOnlyList<long> Steps => [.. Run.Curve.Select(p => p.Step)];
        public IReadOnlyList<double> TrainLoss => [.. Run.Curve.Select(p => p.Train.Loss)];
        public IReadOnlyList<double> TestAccuracy => [.. Run.Curve.Select(p => p.Test.Accuracy)];
        public long Updates => Run.Summary.Steps;
        public int Count => Run.Curve.Count;
    }
}

using TheoryLab.Kernel;
using TheoryLab.Models.Compositional;
using TheoryLab.Models.FullyConnected;
using TheoryLab.Models.Initialisation;
using TheoryLab.Models.MeanField;
using TheoryLab.Options;
using TheoryLab.Torch;
using TheoryLab.Training;
using TheoryLab.Training.Optimizers;
using TheoryLab.Training.Optimizers.Schedules;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Experiments.Expressivity;

/// <summary>
/// Options of <see cref="Compositional"/>. The paper trains on 60,000 examples with Adam after a random
/// hyperparameter search; here a fixed Adam schedule and training sets up to 32,768 examples keep the default
/// run to minutes on a 2-core CPU.
/// </summary>
public sealed record CompositionalOptions
{
    [Option("Number of input variables n (a power of two): the tree has n − 1 nodes on log₂ n levels.", Min = 2, Max = 64, Unit = "n")]
    public int Inputs { get; init; } = 8;

    [Option("Constituent function h of every node: chebyshev 2((x+y)/2)² − 1, product xy, fold |x+y| − 1, or sine sin(π(x+y)/2).", Choices = ["chebyshev", "product", "fold", "sine"])]
    public string Constituent { get; init; } = "chebyshev";

    [Option("Training-set sizes (each seed draws the largest set; smaller ones are its prefixes).", Min = 8, Max = 1_000_000, Unit = "examples")]
    public int[] TrainSizes { get; init; } = [128, 512, 2048, 8192, 32768];

    [Option("Hidden units Q per tree node in the sweep over training-set size; the shallow net gets the same parameter count.", Min = 1, Max = 4096, Unit = "Q")]
    public int Units { get; init; } = 16;

    [Option("Units per node Q of the sweep over parameter count, trained on the largest training set.", Min = 1, Max = 4096, Unit = "Q")]
    public int[] Widths { get; init; } = [4, 8, 16, 32];

    [Option("Share one node's parameters across each level of the tree (a stride-2 convolutional net).")]
    public bool ShareWeights { get; init; }

    [Option("Independent seeds (data, initialisation, batches) per configuration; error bars are their spread.", Min = 1, Max = 50)]
    public int Seeds { get; init; } = 3;

    [Option("Independent initialisations per training; the one with the lowest training error is kept, as the paper keeps the best of its hyperparameter searches.", Min = 1, Max = 100)]
    public int Restarts { get; init; } = 2;

    [Option("Optimiser steps per training.", Min = 1, Max = 10_000_000, Unit = "steps")]
    public int Steps { get; init; } = 2000;

    [Option("Mini-batch size.", Min = 1, Max = 1_000_000)]
    public int BatchSize { get; init; } = 256;

    [Option("Initial learning rate; it decays to zero on a cosine schedule.", Min = 1e-6, Max = 10, Unit = "η")]
    public double LearningRate { get; init; } = 1e-2;

    [Option("Optimiser by registry name, at learning_rate with its other hyperparameters at their defaults: adam is the paper's, heavy-ball is SGD with momentum 0.9.",
        ChoicesFrom = typeof(OptimizerNames))]
    public string Optimizer { get; init; } = "adam";

    [Option("Test examples, drawn once, on which the normalised error is measured.", Min = 16, Max = 1_000_000, Unit = "examples")]
    public int TestSize { get; init; } = 8192;
}

/// <summary>
/// Poggio, Mhaskar, Rosasco, Miranda &amp; Liao (2017): a function of n variables that is a binary tree of
/// two-variable constituents is approximated by a deep network with the same tree structure with
/// O((n − 1)ε^{−2/m}) units, while a shallow network needs O(ε^{−n/m}) — the curse of dimensionality is avoided
/// by depth that matches the compositional structure. Both are trained at equal parameter counts on growing
/// training sets; the test error is compared against training-set size and against parameter count.
/// </summary>
public sealed partial class Compositional : Experiment<CompositionalOptions>
{
    public override string Id => "compositional";
    public override string Title => "Deep tree-structured networks beat shallow ones on compositional functions (Poggio et al. 2017)";
    public override Topic Topic => Topic.Expressivity;
    public override IReadOnlyList<string> Papers => ["poggio2017why"];
    public override string Summary =>
        "Trains networks that mirror a binary tree (each node a 2 → Q → 1 ReLU net) and one-hidden-layer networks with the same " +
        "number of parameters on a compositional function of n = 8 (or 16) variables, over growing training sets and parameter " +
        "counts, several seeds each; reports normalised test error with error bars.";

    public override CompositionalOptions Quick => Defaults with
    {
        TrainSizes = [512, 2048],
        Widths = [16],
        Seeds = 1,
        Steps = 1200,
        TestSize = 2048,
    };

    protected override IEnumerable<string> Inconsistencies(CompositionalOptions o)
    {
        if ((o.Inputs & (o.Inputs - 1)) != 0) yield return $"inputs = {o.Inputs} is not a power of two; a binary tree needs 2, 4, 8, 16, … inputs.";
    }

    public override CostEstimate EstimateCost(CompositionalOptions o)
    {
        long trainings = 2L * o.Seeds * o.Restarts * (o.TrainSizes.Length + o.Widths.Count(w => w != o.Units));
        return CostEstimate.FromCalibration(trainings, "trainings", o.Steps * CostCalibration.Compositional.SecondsPerStep, fixedSeconds: 3);
    }

    public override ExperimentResult Run(CompositionalOptions o, RunContext context)
    {
        var device = TorchSetup.Prepare(context.Device);
        // Products of a few dozen numbers: thread synchronisation would cost more than the arithmetic.
        using var threads = IntraOpThreads.Use(1);
        return Present(o, Measure(o, context, device));
    }

    /// <summary>What a run measures: the target, the largest training set, and every network trained (the best restart of each).</summary>
    private sealed record Measurement(BinaryTreeFunction Target, int Largest, List<TrainedRun> Runs);

    private static Measurement Measure(CompositionalOptions o, RunContext context, Device device)
    {
        var target = new BinaryTreeFunction(o.Inputs, o.Constituent);
        var (xTest, yTest) = Draw(target, o.TestSize, Seeds.Derive(context.Seed, "test set"), device);
        double testVariance = yTest.var().AsDouble();
        int largest = o.TrainSizes.Max();
        var runs = new List<TrainedRun>();
        var widths = o.Widths.Where(w => w != o.Units).Distinct().ToArray();
        using var task = context.Progress.Start("trainings", 2L * o.Seeds * (o.TrainSizes.Length + widths.Length));
        for (int seed = 0; seed < o.Seeds; seed++)
        {
            var (xAll, yAll) = Draw(target, largest, Seeds.Derive(context.Seed, $"training set {seed}"), device);
            foreach (int size in o.TrainSizes.Distinct().Order())
                foreach (bool deep in new[] { true, false })
                    runs.Add(TrainOne(o, deep, o.Units, size, seed, xAll, yAll, xTest, yTest, testVariance, context, task, device));
            foreach (int units in widths)
                foreach (bool deep in new[] { true, false })
                    runs.Add(TrainOne(o, deep, units, largest, seed, xAll, yAll, xTest, yTest, testVariance, context, task, device));
        }

        return new Measurement(target, largest, runs);
    }

    private static TrainedRun TrainOne(CompositionalOptions o, bool deep, int units, int size, int seed, Tensor xAll, Tensor yAll,
        Tensor xTest, Tensor yTest, double testVariance, RunContext context, IProgressTask task, Device device)
    {
        context.Cancellation.ThrowIfCancellationRequested();
        long deepParameters = TreeNetwork.CountFor(o.Inputs, units, o.ShareWeights);
        int shallowUnits = ShallowUnits(o.Inputs, deepParameters);
        var x = xAll.narrow(0, 0, size);
        var y = yAll.narrow(0, 0, size);
        (double Train, double Test, long Parameters)? best = null;
        for (int restart = 0; restart < o.Restarts; restart++)
        {
            string purpose = $"{deep} {units} {size} {seed} {restart}";
            using var generator = context.TorchGenerator("init " + purpose);
            using nn.Module<Tensor, Tensor> model = deep ? new TreeNetwork(o.Inputs, units, o.ShareWeights, generator) : Shallow(o.Inputs, shallowUnits, generator);
            model.to(device);
            double train = Fit(model, x, y, o, Seeds.Derive(context.Seed, "batches " + purpose), context) / testVariance;
            if (best is null || train < best.Value.Train)
                best = (train, NormalisedError(model, xTest, yTest, testVariance), model.parameters().Sum(p => p.numel()));
        }
        task.Advance(1, $"{(deep ? "deep" : "shallow")} Q={units} n={size}: test NMSE {best!.Value.Test:G3}");
        return new TrainedRun(deep, units, deep ? units : shallowUnits, size, seed, best.Value.Parameters, best.Value.Train, best.Value.Test);
    }

    /// <summary>The one-hidden-layer ReLU network n → units → 1, with torch's default initialisation drawn from <paramref name="generator"/>.</summary>
    private static nn.Module<Tensor, Tensor> Shallow(int inputs, int units, Generator generator) =>
        nn.Sequential(("mlp", new Mlp([inputs, units, 1], Activations.Relu, TorchDefaultInitialisation.Instance, generator, ScalarType.Float32)), ("flatten", nn.Flatten(0)));

    /// <summary>
    /// Mini-batch training by <see cref="Trainer"/> with the optimiser named in the options, its learning rate decayed
    /// along a cosine to zero over the steps (torch's CosineAnnealingLR); returns the final full training-set MSE.
    /// </summary>
    private static double Fit(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, CompositionalOptions o, int batchSeed, RunContext context)
    {
        using var optimizer = OptimizerRegistry.Create(o.Optimizer, new Dictionary<string, double> { ["lr"] = o.LearningRate }, new CosineStep(1, o.Steps));
        var batches = new TensorBatches(x, y, (int)Math.Min(o.BatchSize, x.shape[0]), shuffle: true, batchSeed);
        var problem = new Problem(model, batches, (m, batch) => nn.functional.mse_loss(m.forward(batch.Inputs), batch.Targets!));
        Trainer.Train(problem, optimizer, o.Steps, [], context.Cancellation);
        using var noGrad = no_grad();
        using var final = NewDisposeScope();
        return nn.functional.mse_loss(model.forward(x), y).AsDouble();
    }

    private static double NormalisedError(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, double variance)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        return nn.functional.mse_loss(model.forward(x), y).AsDouble() / variance;
    }

    /// <summary>Hidden units N of a one-hidden-layer net on n inputs whose N(n + 2) + 1 parameters come closest to the deep net's.</summary>
    public static int ShallowUnits(int inputs, long parameters) => (int)Math.Max(1, Math.Round((parameters - 1.0) / (inputs + 2)));

    private static (Tensor X, Tensor Y) Draw(BinaryTreeFunction target, int count, int seed, Device device)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator((ulong)seed);
        using Scalar two = 2.0.ToScalar(), one = 1.0.ToScalar();
        var x = rand([count, target.Inputs], generator: generator).mul_(two).sub_(one);
        var y = target.Evaluate(x);
        return (x.to(device).MoveToOuterDisposeScope(), y.to(device).MoveToOuterDisposeScope());
    }

    private sealed record TrainedRun(bool Deep, int Units, int HiddenUnits, int TrainSize, int Seed, long Parameters, double TrainNmse, double TestNmse);
}

using TheoryLab.Data;
using TheoryLab.Kernel;
using TheoryLab.Models.Initialisation;
using TheoryLab.Models.MeanField;
using TheoryLab.Options;
using TheoryLab.Torch;
using TheoryLab.Training;
using static TorchSharp.torch;

namespace TheoryLab.Experiments.SignalPropagation;

/// <summary>
/// Options of <see cref="GlorotInit"/>. Defaults: Glorot and Bengio's (2010) five hidden layers of 1000 units, tanh and
/// softsign, mini-batches of 10, histograms over 300 test examples; trained on MNIST-1D and MNIST's test split (the
/// machines here hold only it) for 5000 SGD steps, far fewer than their runs, with one learning rate for all.
/// </summary>
public sealed record GlorotInitOptions
{
    [Option("Datasets trained on (curves per dataset); the histograms at initialisation use the first one's test examples.",
        ChoicesFrom = typeof(BenchmarkDatasets))]
    public string[] Datasets { get; init; } = ["mnist1d", "mnist-t10k"];

    [Option("Activations compared; both have φ(0) = 0 and φ′(0) = 1, which the linear-regime theory assumes.", Choices = ["tanh", "softsign"])]
    public string[] Activations { get; init; } = ["tanh", "softsign"];

    [Option("hidden layers (Glorot and Bengio used 5)", Min = 1, Max = 100, Unit = "layers")]
    public int HiddenLayers { get; init; } = 5;

    [Option("units per hidden layer (Glorot and Bengio used 1000)", Min = 2, Max = 10_000, Unit = "units")]
    public int Width { get; init; } = 1000;

    [Option("test examples whose activations and back-propagated gradients make the histograms (Glorot and Bengio used 300)", Min = 1, Max = 100_000, Unit = "examples")]
    public int HistogramExamples { get; init; } = 300;

    [Option("bins of each histogram", Min = 5, Max = 1000, Unit = "bins")]
    public int Bins { get; init; } = 50;

    [Option("SGD steps per training run", Min = 1, Max = 10_000_000, Unit = "steps")]
    public int Steps { get; init; } = 5000;

    [Option("examples per mini-batch (Glorot and Bengio used 10)", Min = 1, Max = 65_536)]
    public int BatchSize { get; init; } = 10;

    [Option("SGD learning rate η, the same for every run (Glorot and Bengio tuned it per configuration)", Min = 1e-6, Max = 10, Unit = "η")]
    public double LearningRate { get; init; } = 0.02;

    [Option("points along training at which test error is measured (plus the start)", Min = 1, Max = 1000)]
    public int Evaluations { get; init; } = 20;

    [OptionGroup]
    public ThreadOptions Runtime { get; init; } = new() { Threads = 0 };
}

/// <summary>
/// Glorot and Bengio (2010), "Understanding the difficulty of training deep feedforward neural networks", Figs. 6–7 and
/// 11: histograms, layer by layer, of activations and back-propagated gradients at initialisation for the standard
/// init U[−1/√n, 1/√n] and the normalised init Var[W] = 2/(n_in + n_out), with tanh and softsign; their variances
/// against the linear-regime products of n Var[W]; and test error during training for each combination.
/// </summary>
public sealed partial class GlorotInit : Experiment<GlorotInitOptions>
{
    private static readonly GlorotScheme[] Schemes = [GlorotScheme.Standard, GlorotScheme.Normalised];

    public override string Id => "glorot-init";
    public override string Title => "Glorot and Bengio's standard and normalised initialisation";
    public override Topic Topic => Topic.SignalPropagation;
    public override IReadOnlyList<string> Papers => ["glorot2010understanding", "greydanus2020scaling", "lecun1998mnist"];

    public override string Summary =>
        "A deep fully connected classifier (5 hidden layers of 1000 units, tanh or softsign) at initialisation: per-layer histograms " +
        "of activations and back-propagated gradients, and their variances against the linear-regime theory, for the standard init " +
        "U[−1/√n, 1/√n] (variances shrink by n Var[W] = 1/3 per layer) and the normalised init Var[W] = 2/(n_in + n_out) (they stay " +
        "constant); then test error during SGD training for every init and activation on MNIST-1D and MNIST.";

    public override GlorotInitOptions Quick => new()
    {
        Datasets = ["mnist1d"],
        Width = 200,
        HistogramExamples = 200,
        Steps = 800,
        Evaluations = 8,
    };

    protected override IEnumerable<string> Inconsistencies(GlorotInitOptions o)
    {
        if (o.Datasets.Length == 0) yield return "datasets is empty: name at least one (mnist1d needs no files).";
        if (o.Activations.Length == 0) yield return "activations is empty: name tanh, softsign or both.";
        if (o.Datasets.Distinct().Count() != o.Datasets.Length) yield return "datasets names a set twice; list each once.";
        if (o.Activations.Distinct().Count() != o.Activations.Length) yield return "activations names one twice; list each once.";
    }

    /// <summary>
    /// Steps × the time of a few timed steps of the network on random inputs of each dataset's size (the run's threads,
    /// float32; <see cref="StepCalibration.StepSeconds"/>); an evaluation is a forward pass over the test set, about a third of a training step per example.
    /// </summary>
    public override CostEstimate EstimateCost(GlorotInitOptions o)
    {
        double total = 0;
        foreach (var dataset in o.Datasets)
        {
            var shape = Datasets.Shape(dataset);
            double step = StepSeconds(o, shape.Inputs) * CostCalibration.GlorotInit.SteadyStepShare;
            total += o.Activations.Length * Schemes.Length * (o.Steps + (o.Evaluations + 1) * (double)shape.Test / o.BatchSize / 3) * step;
        }
        int runs = o.Datasets.Length * o.Activations.Length * Schemes.Length;
        return CostEstimate.FromCalibration(runs, "training runs", total / runs, fixedSeconds: 3);
    }

    private static double StepSeconds(GlorotInitOptions o, int inputs)
    {
        TorchRuntime.EnsureLoaded();
        using var threads = IntraOpThreads.Use(o.Runtime.Threads);
        using var generator = new Generator(0);
        using var model = new GlorotSpec(Models.MeanField.Activations.Tanh, GlorotScheme.Normalised, inputs, o.Width, o.HiddenLayers, 10).Build(generator, ScalarType.Float32);
        return StepCalibration.StepSeconds(model, [inputs], 10, o.BatchSize, new SgdSettings(o.LearningRate), warmup: 5, timed: 9);
    }

    public override ExperimentResult Run(GlorotInitOptions o, RunContext context) => Present(o, Measure(o, context));

    /// <summary>What the experiment reads of a dataset when it describes it.</summary>
    private sealed record DatasetFacts(string TestName, int ExampleSize, int Classes);

    /// <summary>One network at initialisation: its activation, scheme, and the signals of every layer on the histogram examples.</summary>
    private sealed record InitialNetwork(Activation Activation, GlorotScheme Scheme, LayerSignals Signals);

    /// <summary>
    /// What a run measures: the networks at initialisation (on the first dataset's first test examples, of input
    /// variance <paramref name="InputVariance"/>), and each training run's test error at <paramref name="Steps"/>.
    /// </summary>
    private sealed record Measurement(DatasetFacts[] Data, int Examples, double InputVariance, List<InitialNetwork> Initial,
        (int Data, Activation Activation, GlorotScheme Scheme)[] Runs, long[] Steps, Curve[] Curves);

    private static Measurement Measure(GlorotInitOptions o, RunContext context)
    {
        TorchSetup.Prepare(context.Device);
        var data = o.Datasets.Select(name => Datasets.Load(name, context.Data, context.Seed)).ToArray();
        var activations = o.Activations.Select(Models.MeanField.Activations.ByName).ToArray();
        using var scope = NewDisposeScope();

        var (examples, inputVariance, initial) = MeasureAtInitialisation(o, data[0], activations, context);

        var runs = data.SelectMany((d, di) => activations.SelectMany(a => Schemes.Select(s => (Data: di, Activation: a, Scheme: s)))).ToArray();
        var sets = data.Select(d => new ClassificationSets(d, asVectors: true)).ToArray();
        var curves = new Curve[runs.Length];
        var steps = TrainingCallbacks.EvenlySpaced(o.Steps, o.Evaluations).ToArray();
        // The width-1000 products are big enough for libtorch's own threads: the runs go one after another, each on all of them.
        using (var threads = IntraOpThreads.Use(o.Runtime.Threads))
        using (var task = context.Progress.Start("training runs, in SGD steps", (long)runs.Length * o.Steps))
        {
            for (int r = 0; r < runs.Length; r++)
            {
                var (di, activation, scheme) = runs[r];
                string run = $"{o.Datasets[di]}, {activation.Name}, {Name(scheme)}";
                curves[r] = Train(o, new GlorotSpec(activation, scheme, data[di].Train.ExampleSize, o.Width, o.HiddenLayers, data[di].Train.Classes),
                    sets[di], steps, $"{o.Datasets[di]} {activation.Name} {scheme}", task, run, context);
            }
        }
        var facts = data.Select(d => new DatasetFacts(d.Test.Name, d.Train.ExampleSize, d.Train.Classes)).ToArray();
        return new Measurement(facts, examples, inputVariance, initial, runs, steps, curves);
    }

    /// <summary>
    /// For every activation and scheme, one network drawn at initialisation (seeded by the run's seed and its name) and
    /// its signals on <see cref="GlorotInitOptions.HistogramExamples"/> test examples.
    /// </summary>
    private static (int Examples, double InputVariance, List<InitialNetwork> Networks) MeasureAtInitialisation(GlorotInitOptions o, TrainTest data,
        Activation[] activations, RunContext context)
    {
        var sets = new ClassificationSets(data, asVectors: true, dtype: float64);
        var (inputs, labels) = (sets.TestInputs, sets.TestLabels);
        int n = (int)Math.Min(o.HistogramExamples, inputs.shape[0]);
        var x = inputs.narrow(0, 0, n);
        var y = labels.narrow(0, 0, n);
        var networks = new List<InitialNetwork>();
        foreach (var scheme in Schemes)
            foreach (var activation in activations)
            {
                var spec = new GlorotSpec(activation, scheme, data.Train.ExampleSize, o.Width, o.HiddenLayers, data.Train.Classes);
                using var generator = context.TorchGenerator($"glorot-init at initialisation {activation.Name} {scheme}");
                using var network = spec.Build(generator);
                networks.Add(new InitialNetwork(activation, scheme, LayerSignals.Of(network, x, y)));
            }
        return (n, x.var().AsDouble(), networks);
    }

    /// <summary>The test error along training.</summary>
    private sealed record Curve(double[] TestError);

    private static Curve Train(GlorotInitOptions o, GlorotSpec spec, ClassificationSets sets, long[] steps, string label, IProgressTask task, string run, RunContext context)
    {
        using var scope = NewDisposeScope();
        int seed = Seeds.Derive(context.Seed, $"glorot-init training {label}");
        using var generator = new Generator((ulong)seed);
        using var model = spec.Build(generator, ScalarType.Float32);
        var error = new List<double>();
        Trainer.Train(new Problem(model, sets.TrainingBatches(o.BatchSize, seed), Classification.CrossEntropy),
            new SgdSettings(o.LearningRate), o.Steps,
            [TrainingCallbacks.At(new HashSet<long>(steps), _ => error.Add(Classification.Evaluate(model, sets.TestPass).Error)),
             moment => { if (moment.Step > 0) task.Advance(1, $"{run}: test error {error[^1]:P1}"); }],
            context.Cancellation);
        return new Curve([.. error]);
    }

    private static string Name(GlorotScheme scheme) => scheme == GlorotScheme.Standard ? "standard" : "normalised";
}

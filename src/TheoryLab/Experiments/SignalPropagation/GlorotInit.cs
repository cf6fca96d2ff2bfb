using TheoryLab.Data;
using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Models.Initialisation;
using TheoryLab.Models.MeanField;
using TheoryLab.Numerics.Statistics;
using TheoryLab.Options;
using TheoryLab.Tables;
using TheoryLab.Text;
using TheoryLab.Torch;
using TheoryLab.Training;
using TorchSharp;
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
public sealed class GlorotInit : Experiment<GlorotInitOptions>
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
    /// Steps × the median time of a few timed steps of the network on random inputs of each dataset's size (the run's
    /// threads, float32); an evaluation is a forward pass over the test set, about a third of a training step per example.
    /// </summary>
    public override CostEstimate EstimateCost(GlorotInitOptions o)
    {
        double total = 0;
        foreach (var dataset in o.Datasets)
        {
            var (inputs, _, test) = VectorData.Shape(dataset);
            double step = MedianStepSeconds(o, inputs) * CostCalibration.GlorotInit.SteadyStepShare;
            total += o.Activations.Length * Schemes.Length * (o.Steps + (o.Evaluations + 1) * (double)test / o.BatchSize / 3) * step;
        }
        int runs = o.Datasets.Length * o.Activations.Length * Schemes.Length;
        return CostEstimate.FromCalibration(runs, "training runs", total / runs, fixedSeconds: 3);
    }

    private static double MedianStepSeconds(GlorotInitOptions o, int inputs)
    {
        TorchRuntime.EnsureLoaded();
        using var threads = IntraOpThreads.Use(o.Runtime.Threads);
        using var generator = new Generator(0);
        using var model = new GlorotSpec(Models.MeanField.Activations.Tanh, GlorotScheme.Normalised, inputs, o.Width, o.HiddenLayers, 10).Build(generator, ScalarType.Float32);
        return StepCalibration.MedianStepSeconds(model, [inputs], 10, o.BatchSize, new SgdSettings(o.LearningRate), warmup: 5, timed: 9);
    }

    public override ExperimentResult Run(GlorotInitOptions o, RunContext context)
    {
        TorchSetup.Prepare(context.Device);
        var data = o.Datasets.Select(name => Datasets.Load(name, context.Data, context.Seed)).ToArray();
        var activations = o.Activations.Select(Models.MeanField.Activations.ByName).ToArray();
        var result = new ExperimentResult();
        using var scope = NewDisposeScope();

        AddSignalsAtInitialisation(result, o, data[0], activations, context);

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

        for (int di = 0; di < data.Length; di++)
        {
            var table = new Table($"test-error-{o.Datasets[di]}").Add("step", steps.Select(s => (double)s));
            var series = new List<Series>();
            for (int r = 0; r < runs.Length; r++)
            {
                if (runs[r].Data != di) continue;
                string column = $"{runs[r].Activation.Name}_{Name(runs[r].Scheme)}";
                table.Add(column, curves[r].TestError);
                series.Add(new Line(table.Name, "step", column, $"{runs[r].Activation.Name}, {Name(runs[r].Scheme)} init", Dashed: runs[r].Scheme == GlorotScheme.Standard));
                result.Add(new Finding($"test_error_{o.Datasets[di].Replace('-', '_')}_{column}", curves[r].TestError[^1], "1",
                    $"Test error on {data[di].Test.Name} after {o.Steps} SGD steps (batch {o.BatchSize}, η = {NumberText.Prose(o.LearningRate)}) of the {runs[r].Activation.Name} network with the {Name(runs[r].Scheme)} initialisation."));
            }
            result.Add(table);
            result.Add(new Figure(table.Name, $"Test error on {o.Datasets[di]} during SGD training (batch {o.BatchSize}, η = {NumberText.Prose(o.LearningRate)}) of {o.HiddenLayers} hidden layers of {o.Width} units, for each activation with the standard (dashed) and normalised (solid) initialisation.",
                new Axis("SGD step"), Axis.Fraction("test error", log: true), series)
            { Legend = LegendPlace.UpperRight });
        }
        return result;
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

    /// <summary>
    /// For every activation and scheme, one network drawn at initialisation (seeded by the run's seed and its name) and
    /// <see cref="GlorotInitOptions.HistogramExamples"/> test examples: histograms of each hidden layer's activations and
    /// back-propagated gradients, and their variances by layer beside the linear-regime theory.
    /// </summary>
    private static void AddSignalsAtInitialisation(ExperimentResult result, GlorotInitOptions o, TrainTest data, Activation[] activations, RunContext context)
    {
        var sets = new ClassificationSets(data, asVectors: true, dtype: float64);
        var (inputs, labels) = (sets.TestInputs, sets.TestLabels);
        int n = (int)Math.Min(o.HistogramExamples, inputs.shape[0]);
        var x = inputs.narrow(0, 0, n);
        var y = labels.narrow(0, 0, n);
        double inputVariance = x.var().ToDouble();
        int layers = o.HiddenLayers;

        var activationVariances = new Table("activation-variance").Add("layer", Enumerable.Range(1, layers).Select(k => (double)k));
        var gradientVariances = new Table("gradient-variance").Add("layer", Enumerable.Range(1, layers + 1).Select(k => (double)k));
        var activationSeries = new List<Series>();
        var gradientSeries = new List<Series>();
        foreach (var scheme in Schemes)
        {
            var theorySpec = new GlorotSpec(activations[0], scheme, data.Train.ExampleSize, o.Width, layers, data.Train.Classes);
            activationVariances.Add($"theory_{Name(scheme)}", theorySpec.LinearActivationVariances(inputVariance));
            activationSeries.Add(new Line("activation-variance", "layer", $"theory_{Name(scheme)}", $"linear theory, {Name(scheme)}", Dashed: scheme == GlorotScheme.Standard));
            foreach (var activation in activations)
            {
                var spec = new GlorotSpec(activation, scheme, data.Train.ExampleSize, o.Width, layers, data.Train.Classes);
                using var generator = context.TorchGenerator($"glorot-init at initialisation {activation.Name} {scheme}");
                using var network = spec.Build(generator);
                var signals = network.Signals(x, y);
                string column = $"{activation.Name}_{Name(scheme)}";
                var zVariance = signals.Activations.Select(v => Moments.SampleVariance(v)).ToArray();
                var gVariance = signals.Gradients.Select(v => Moments.SampleVariance(v)).ToArray();
                activationVariances.Add(column, zVariance);
                gradientVariances.Add(column, gVariance);
                gradientVariances.Add($"theory_{column}", spec.LinearGradientVariances(gVariance[^1]));
                activationSeries.Add(new Markers("activation-variance", "layer", column, $"{activation.Name}, {Name(scheme)}"));
                // Each theory line in its measurements' colour and out of the legend, which would otherwise list eight entries.
                int colour = gradientSeries.Count / 2;
                gradientSeries.Add(new Markers("gradient-variance", "layer", column, $"{activation.Name}, {Name(scheme)}") { Colour = colour });
                gradientSeries.Add(new Line("gradient-variance", "layer", $"theory_{column}", "", Dashed: scheme == GlorotScheme.Standard) { Colour = colour });
                AddHistograms(result, o, activation, scheme, signals);

                result.Add(new Finding($"activation_variance_ratio_{column}", zVariance[^1] / zVariance[0], "1",
                    $"Var of layer {layers}'s activations over layer 1's, {activation.Name} with the {Name(scheme)} init at initialisation, over {n} test examples of {data.Test.Name}; linear-regime theory: Π n_in Var[W] over layers 2–{layers}.",
                    Product(spec, 2, layers, spec.ForwardFactor), "theory: glorot2010understanding eq. 5 (linear regime)"));
                result.Add(new Finding($"gradient_variance_ratio_{column}", gVariance[0] / gVariance[layers - 1], "1",
                    $"Var of the back-propagated gradient ∂C/∂s at layer 1 over that at layer {layers}, {activation.Name} with the {Name(scheme)} init; linear-regime theory: Π n_out Var[W] over layers 2–{layers}.",
                    Product(spec, 2, layers, spec.BackwardFactor), "theory: glorot2010understanding eq. 6 (linear regime)"));
            }
        }
        result.Add(activationVariances).Add(gradientVariances);
        string setting = $"{layers} hidden layers of {o.Width} units at initialisation, {n} test examples of {data.Test.Name} (input variance {inputVariance:G3})";
        result.Add(new Figure("activation-variance", $"Variance of each hidden layer's activations, {setting}: measured (markers) and the linear-regime product Var[x] Π n_in Var[W] (lines; dashed for the standard, solid for the normalised initialisation).",
            new Axis("hidden layer k"), new Axis("Var[z^k]", Log: true), activationSeries)
        { Legend = LegendPlace.LowerLeft });
        result.Add(new Figure("gradient-variance", $"Variance of the back-propagated gradients ∂C/∂s^k, {setting}, layer {layers + 1} being the logits: measured (markers) and the linear-regime product from the logits, Π n_out Var[W] (lines in the colour of the markers they predict; dashed for the standard, solid for the normalised initialisation).",
            new Axis("layer k"), new Axis("Var[∂C/∂s^k]", Log: true), gradientSeries)
        { Legend = LegendPlace.LowerRight });
    }

    private static double Product(GlorotSpec spec, int from, int to, Func<int, double> factor) =>
        Enumerable.Range(from, to - from + 1).Aggregate(1.0, (p, k) => p * factor(k));

    /// <summary>Normalised histograms (fractions of values per bin) of every hidden layer's activations and gradients, one line per layer, as Glorot and Bengio draw them.</summary>
    private static void AddHistograms(ExperimentResult result, GlorotInitOptions o, Activation activation, GlorotScheme scheme, LayerSignals signals)
    {
        string name = $"{activation.Name}-{Name(scheme)}";
        string init = scheme == GlorotScheme.Standard ? "standard init U[−1/√n, 1/√n]" : "normalised init Var[W] = 2/(n_in + n_out)";
        // Both activations map into (−1, 1); gradients get a symmetric range holding all but the outer 0.1 % of values.
        AddHistogram(result, $"activation-histogram-{name}", signals.Activations, 1, o.Bins, "activation value",
            $"Normalised histograms of the activations of each hidden layer at initialisation, {activation.Name} with the {init}.");
        double range = Quantile(signals.Gradients.Take(o.HiddenLayers).SelectMany(g => g.Select(Math.Abs)).ToArray(), 0.999);
        AddHistogram(result, $"gradient-histogram-{name}", signals.Gradients.Take(o.HiddenLayers).ToArray(), range, o.Bins, "back-propagated gradient ∂C/∂s",
            $"Normalised histograms of the back-propagated gradients ∂C/∂s of each hidden layer at initialisation, {activation.Name} with the {init} (range holding 99.9 % of values).");
    }

    private static void AddHistogram(ExperimentResult result, string name, double[][] layers, double range, int bins, string what, string caption)
    {
        double width = 2 * range / bins;
        var table = new Table(name).Add("bin_centre", Enumerable.Range(0, bins).Select(b => -range + (b + 0.5) * width));
        var series = new List<Series>();
        for (int k = 0; k < layers.Length; k++)
        {
            var counts = new double[bins];
            foreach (double v in layers[k])
            {
                int b = (int)Math.Floor((v + range) / width);
                if (b >= 0 && b < bins) counts[b]++;
                else if (v == range) counts[bins - 1]++;
            }
            table.Add($"layer_{k + 1}", counts.Select(c => c / layers[k].Length));
            series.Add(new Line(name, "bin_centre", $"layer_{k + 1}", $"layer {k + 1}"));
        }
        result.Add(table);
        result.Add(new Figure(name, caption, new Axis(what), Axis.Fraction("fraction of values"), series) { Legend = LegendPlace.UpperRight });
    }

    private static double Quantile(double[] values, double p)
    {
        Array.Sort(values);
        return values[Math.Min(values.Length - 1, (int)Math.Floor(p * values.Length))];
    }

    private static string Name(GlorotScheme scheme) => scheme == GlorotScheme.Standard ? "standard" : "normalised";
}

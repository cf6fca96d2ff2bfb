using TheoryLab.Analysis.FeatureVisualization;
using TheoryLab.Analysis.Filters;
using TheoryLab.Data;
using TheoryLab.Data.Toy;
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
/// Options of <see cref="CnnFilters"/>. Defaults: small CNNs whose first layer has 16 filters of 7×7 (15 taps in 1-D),
/// with 2 and with 4 convolution layers, trained by Adam (weight decay 5·10⁻³) for 1,000 steps of 32 on 8,000 of MNIST's test images, on
/// 8,000 synthetic 32×32 oriented textures and on the published MNIST-1D (Krizhevsky et al. trained AlexNet's
/// 96 filters of 11×11 for 90 epochs of ImageNet); Gabor fits judged at R² ≥ 0.7; activation maximisation of 8 units
/// of the deeper network's last convolution and Simonyan et al.'s class models, 200 ascent steps each.
/// </summary>
public sealed record CnnFiltersOptions
{
    [Option("28×28 image set of the MNIST family; a -t10k set trains on up to 8,000 of the 10,000 test images and tests on the other 2,000.", ChoicesFrom = typeof(BenchmarkDatasets))]
    public string ImageDataset { get; init; } = "mnist-t10k";

    [Option("Set of 1-D sequences the 1-D CNNs learn (MNIST-1D as published: 4,000 training and 1,000 test sequences of 40 points).", ChoicesFrom = typeof(BenchmarkDatasets))]
    public string SequenceDataset { get; init; } = "mnist1d-published";

    [Option("Synthetic oriented-texture images generated for training (gratings and edges at 4 orientations in 1/f noise, 8 classes); as many again as a quarter of this are generated for testing.", Min = 16, Max = 100_000, Unit = "images")]
    public int TextureImages { get; init; } = 8000;

    [Option("Side of the synthetic images.", Min = 16, Max = 64, Unit = "pixels")]
    public int TextureSide { get; init; } = 32;

    [Option("Training examples taken from each real dataset (all of them when it holds fewer).", Min = 10, Max = 60_000, Unit = "examples")]
    public int TrainExamples { get; init; } = 8000;

    [Option("First-layer filters of every network (AlexNet: 96).", Min = 1, Max = 256, Unit = "filters")]
    public int Filters { get; init; } = 16;

    [Option("Side of the 2-D first-layer filters; a Gabor fit needs room for an envelope and a carrier, and on 5×5 (25 pixels) its 9 parameters fit noise too well to tell. AlexNet's were 11×11 on 224×224 images.", Min = 3, Max = 15, Unit = "pixels")]
    public int Kernel { get; init; } = 7;

    [Option("Length of the 1-D first-layer filters (a 1-D Gabor has 6 parameters; at 15 taps random filters still reach R² ≥ 0.7 about one time in ten).", Min = 5, Max = 31, Unit = "taps")]
    public int SequenceKernel { get; init; } = 15;

    [Option("Adam steps of every network, scaled down for a 2-core CPU.", Min = 1, Max = 1_000_000, Unit = "steps")]
    public int Steps { get; init; } = 1000;

    [Option("Examples per mini-batch.", Min = 1, Max = 4096)]
    public int BatchSize { get; init; } = 32;

    [Option("Adam's step η (β₁ = 0.9, β₂ = 0.999).", Min = 1e-6, Max = 1)]
    public double LearningRate { get; init; } = 2e-3;

    [Option("L2 weight decay λ added to the gradient (coupled, as torch's Adam applies it): it shrinks the weights the data do not hold up, which in a short run would otherwise leave the initial noise in the filters (Krizhevsky et al. used 5·10⁻⁴ over 90 epochs).", Min = 0, Max = 1)]
    public double WeightDecay { get; init; } = 5e-3;

    [Option("R² at or above which a filter counts as Gabor-like: no 7×7 i.i.d. Gaussian filter reaches 0.7 (their median is 0.3, measured by Monte Carlo in the tests), while Jones & Palmer's simple cells were fitted to within their noise.", Min = 0, Max = 1)]
    public double Threshold { get; init; } = 0.7;

    [Option("I.i.d. Gaussian filters of each shape fitted as the control.", Min = 1, Max = 100_000, Unit = "filters")]
    public int RandomFilters { get; init; } = 300;

    [Option("Channels of the deeper network's last convolution whose images are maximised (the first n).", Min = 1, Max = 64, Unit = "units")]
    public int Units { get; init; } = 8;

    [Option("Gradient-ascent steps of every visualisation.", Min = 1, Max = 100_000, Unit = "steps")]
    public int AscentSteps { get; init; } = 200;

    [Option("Step η of gradient ascent on the (standardised) input, I ← I + η∇.", Min = 1e-6, Max = 100)]
    public double AscentStepSize { get; init; } = 1;

    [Option("λ of the penalty λ‖I‖² in every ascent (Simonyan et al.'s class models; the unit images, plain and regularised).", Min = 0, Max = 10)]
    public double L2 { get; init; } = 0.01;

    [Option("Largest random shift of the image before each regularised step (Yosinski et al.'s jitter).", Min = 0, Max = 8, Unit = "pixels")]
    public int Jitter { get; init; } = 2;

    [Option("Width σ of the Gaussian blur applied every few regularised steps.", Min = 0, Max = 4, Unit = "pixels")]
    public double BlurSigma { get; init; } = 0.5;

    [Option("Regularised steps between blurs.", Min = 1, Max = 1000, Unit = "steps")]
    public int BlurEvery { get; init; } = 4;

    [Option("τ of the total-variation penalty τ·Σ(squared neighbour differences) of the regularised ascent.", Min = 0, Max = 10)]
    public double TotalVariation { get; init; } = 0.05;

    [OptionGroup]
    public ThreadOptions Runtime { get; init; } = new();
}

/// <summary>
/// What CNNs' first layers learn and what their deeper units respond to: first-layer filters of small CNNs trained on
/// digits, on synthetic oriented textures and on MNIST-1D, fitted by Gabor functions (Jones &amp; Palmer 1987) against
/// the filters at initialisation and i.i.d. random ones; activation maximisation with and without the regularisers of
/// Yosinski et al. (2015); and Simonyan et al.'s (2014) class models.
/// </summary>
public sealed partial class CnnFilters : Experiment<CnnFiltersOptions>
{
    /// <summary>Convolution layers of the shallow and the deep network.</summary>
    private static readonly int[] Depths = [2, 4];

    public override string Id => "cnn-filters";
    public override string Title => "What CNN filters learn: Gabor fits of first layers, activation maximisation and class models";
    public override Topic Topic => Topic.Visualization;
    public override IReadOnlyList<string> Papers => ["krizhevsky2012imagenet", "jones1987evaluation", "simonyan2014deep", "yosinski2015understanding", "olah2017feature", "greydanus2020scaling"];

    public override string Summary =>
        "Trains CNNs of 2 and 4 convolution layers on MNIST digits, on synthetic oriented textures in 1/f noise and (in 1-D) on MNIST-1D, fits every " +
        "first-layer filter by a Gabor function and reports the fraction with R² above a threshold against the same filters at initialisation and " +
        "i.i.d. random ones; then maximises deeper units' activations by plain gradient ascent and with jitter, blur and a total-variation penalty, " +
        "measuring how much of each image's power lies above half Nyquist, and draws Simonyan et al.'s class models.";

    public override CnnFiltersOptions Quick => Defaults with
    {
        TextureImages = 400,
        TrainExamples = 400,
        Filters = 8,
        Steps = 40,
        RandomFilters = 20,
        Units = 4,
        AscentSteps = 30,
    };

    public override CostEstimate EstimateCost(CnnFiltersOptions o)
    {
        double examples = (double)o.Steps * o.BatchSize * Depths.Length;
        double training = examples * (2 * CostCalibration.CnnFilters.SecondsPerImageExample * o.Filters / 16.0 + CostCalibration.CnnFilters.SecondsPerSequenceExample);
        double fits = (2.0 * Depths.Length * 3 + 2) * o.Filters * CostCalibration.CnnFilters.SecondsPerFit + 2.0 * o.RandomFilters * CostCalibration.CnnFilters.SecondsPerFit;
        double ascent = 2.0 * o.AscentSteps * (2 * o.Units + 10) * CostCalibration.CnnFilters.SecondsPerAscentImageStep;
        return new CostEstimate((long)examples, "training examples", TimeSpan.FromSeconds(training + fits + ascent));
    }

    public override ExperimentResult Run(CnnFiltersOptions o, RunContext context) => Present(o, Measure(o, context));

    /// <summary>First-layer filters (each flattened row-major, Rows × Cols) and their Gabor fits.</summary>
    private sealed record FilterSet(int Rows, int Cols, double[][] Filters, double[][] Fitted, double[] RSquared);

    /// <summary>One trained network: its first layer before and after training, and its accuracies.</summary>
    private sealed record Network(string Dataset, int Depth, string Layers, FilterSet Initial, FilterSet Learned, double TestAccuracy, double TrainAccuracy, int TrainCount, int TestCount);

    /// <summary>
    /// Activation maximisation on one dataset's deeper network, images flattened (Side × Side) in the input's
    /// standardised scale.
    /// </summary>
    /// <param name="PlainScore">Each unit's mean activation on its plain image; likewise for the regularised images.</param>
    /// <param name="DataShare">The mean high-frequency share of the first test images, standardised as the network sees them.</param>
    private sealed record Visualisation(string Dataset, int Side, double[][] Plain, double[][] Regularised, double[] PlainShare, double[] RegularisedShare,
        double[] PlainScore, double[] RegularisedScore, double[][] ClassModels, double[] ClassModelShare, double[] ClassModelProbability, double DataShare, int DataImages);

    /// <summary>What a run measures.</summary>
    /// <param name="Networks">Every (dataset, depth), the datasets in the order images, textures, sequences.</param>
    /// <param name="RandomImage">R² of i.i.d. Gaussian Kernel × Kernel filters; <paramref name="RandomSequence"/> of SequenceKernel-long ones.</param>
    /// <param name="TextureExamples">The first 16 synthetic training images, to show what the set holds.</param>
    private sealed record Measurement(List<Network> Networks, double[] RandomImage, double[] RandomSequence, List<Visualisation> Visualisations,
        double[][] TextureExamples, int TextureSide, double WhiteNoiseShare28, double WhiteNoiseShareTexture);

    private static Measurement Measure(CnnFiltersOptions o, RunContext context)
    {
        var device = TorchSetup.Prepare(context.Device);
        using var threads = IntraOpThreads.Use(o.Runtime.Threads);
        var images = Limit(Datasets.Load(o.ImageDataset, context.Data, context.Seed), o.TrainExamples);
        if (images.Train.ExampleShape is not [1, _, _])
            throw new TheoryLabException($"{o.ImageDataset} holds examples of shape {string.Join("×", images.Train.ExampleShape)}; the image networks take single-channel images such as mnist-t10k's 1×28×28.");
        var sequences = Limit(Datasets.Load(o.SequenceDataset, context.Data, context.Seed), o.TrainExamples);
        if (sequences.Train.ExampleShape is not [_])
            throw new TheoryLabException($"{o.SequenceDataset} holds examples of shape {string.Join("×", sequences.Train.ExampleShape)}; the 1-D networks take sequences such as MNIST-1D's 40 points.");
        var textures = new TrainTest(
            OrientedTextures.Generate(o.TextureImages, Seeds.Derive(context.Seed, "textures train"), o.TextureSide, "oriented-textures/train"),
            OrientedTextures.Generate(Math.Max(o.TextureImages / 4, 8), Seeds.Derive(context.Seed, "textures test"), o.TextureSide, "oriented-textures/test"));

        var sets = new[] { (Name: o.ImageDataset, Data: images), (Name: "oriented-textures", Data: textures), (Name: o.SequenceDataset, Data: sequences) };
        using var task = context.Progress.Start("cnn-filters", 3 * sets.Length * Depths.Length + 3);
        var networks = new List<Network>();
        var visualisations = new List<Visualisation>();
        foreach (var (name, data) in sets)
        {
            foreach (int depth in Depths)
            {
                context.Cancellation.ThrowIfCancellationRequested();
                var spec = Spec(data.Train.ExampleShape, depth, data.Train.Classes, o);
                using var model = TrainAndMeasure(o, context, name, depth, spec, data, device, networks, visualisations, task);
            }
        }

        var random = context.Random("random filters");
        var normal = new Numerics.Statistics.NormalDraws(random);
        var randomImage = new double[o.RandomFilters];
        var randomSequence = new double[o.RandomFilters];
        for (int i = 0; i < o.RandomFilters; i++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var filter = new double[o.Kernel, o.Kernel];
            for (int r = 0; r < o.Kernel; r++)
                for (int c = 0; c < o.Kernel; c++) filter[r, c] = normal.Next();
            randomImage[i] = GaborFit.Fit(filter).RSquared;
            randomSequence[i] = GaborFit.Fit([.. Enumerable.Range(0, o.SequenceKernel).Select(_ => normal.Next())]).RSquared;
        }
        task.Advance(1, $"random filters: {Fraction(randomImage, o.Threshold):P1} (2-D) and {Fraction(randomSequence, o.Threshold):P1} (1-D) Gabor-like");

        int side = images.Train.ExampleShape[1];
        var examples = Enumerable.Range(0, Math.Min(16, textures.Train.Count))
            .Select(i => textures.Train.Inputs.Skip(i * textures.Train.ExampleSize).Take(textures.Train.ExampleSize).Select(v => (double)v).ToArray()).ToArray();
        task.Advance(2);
        return new Measurement(networks, randomImage, randomSequence, visualisations, examples, o.TextureSide,
            SpectralPower.WhiteNoiseShare(side, side), SpectralPower.WhiteNoiseShare(o.TextureSide, o.TextureSide));
    }

    /// <summary>Trains one network, records its first layer and accuracies, and for the deeper 2-D network its visualisations.</summary>
    private static nn.Module<Tensor, Tensor> TrainAndMeasure(CnnFiltersOptions o, RunContext context, string name, int depth, SequentialSpec spec, TrainTest data,
        Device device, List<Network> networks, List<Visualisation> visualisations, IProgressTask task)
    {
        var sets = new ClassificationSets(data, device);
        using var weights = context.TorchGenerator($"cnn-filters {name} depth {depth}");
        var model = spec.Build(weights).to(device);
        var initial = FirstLayer(model);
        using var optimizer = new WeightDecay(new Adam(o.LearningRate), o.WeightDecay);
        var run = ClassificationRecipe.Train(model, sets, sets.TrainingBatches(Math.Min(o.BatchSize, data.Train.Count), Seeds.Derive(context.Seed, $"{name} {depth} batches")),
            optimizer, o.Steps, new SortedSet<long>(), cancellation: context.Cancellation);
        var learned = FirstLayer(model);
        task.Advance(1, $"{name}, {depth} conv layers: test accuracy {run.Final.Test.Accuracy:P1}");
        networks.Add(new Network(name, depth, string.Join(", ", spec.Costs.Select(c => c.Layer)), Fit(initial), Fit(learned),
            run.Final.Test.Accuracy, run.Final.Train.Accuracy, data.Train.Count, data.Test.Count));
        task.Advance(1, $"{name}, {depth} conv layers: {Fraction(networks[^1].Learned.RSquared, o.Threshold):P0} of first-layer filters Gabor-like");
        if (depth == Depths[^1] && data.Train.ExampleShape.Length == 3)
            visualisations.Add(Visualise(o, context, name, model, spec, sets));
        task.Advance(1);
        return model;
    }

    /// <summary>
    /// The networks: conv F@k (padding k/2) → ReLU → max pool 2, then with 2 layers conv 16@5 → ReLU → max pool 2, and
    /// with 4 layers conv 16@3 → ReLU → conv 16@3 → ReLU → max pool 2 → conv 32@3 → ReLU; an affine layer to the classes.
    /// Narrow, so that six of them train in a few minutes on two cores.
    /// The same in 1-D on sequences, which enter as one channel.
    /// </summary>
    private static SequentialSpec Spec(int[] inputShape, int depth, int classes, CnnFiltersOptions o)
    {
        bool sequence = inputShape.Length == 1;
        int kernel = sequence ? o.SequenceKernel : o.Kernel;
        var relu = new ActivationLayer(Activations.Relu);
        var layers = new List<LayerSpec>();
        if (sequence) layers.Add(new SingleChannel());
        layers.AddRange([new Convolution(o.Filters, kernel, Padding: kernel / 2), relu, new Pooling(PoolingKind.Max, 2)]);
        if (depth == 2) layers.AddRange([new Convolution(16, 5, Padding: 2), relu, new Pooling(PoolingKind.Max, 2)]);
        else layers.AddRange([new Convolution(16, 3, Padding: 1), relu, new Convolution(16, 3, Padding: 1), relu, new Pooling(PoolingKind.Max, 2), new Convolution(32, 3, Padding: 1), relu]);
        layers.Add(new Dense(classes));
        return new SequentialSpec($"{depth}-conv CNN", inputShape, layers);
    }

    private static TrainTest Limit(TrainTest data, int trainExamples) =>
        data.Train.Count <= trainExamples ? data : data with { Train = data.Train.Select([.. Enumerable.Range(0, trainExamples)]) };

    /// <summary>The first convolution's filters, one per output channel, each flattened (kernel rows × cols, or taps).</summary>
    private static (int Rows, int Cols, double[][] Filters) FirstLayer(nn.Module<Tensor, Tensor> model)
    {
        var weight = WeightedLayers.Of(model).First().Weight.detach().to(CPU).to(float64);
        int filters = (int)weight.shape[0];
        int rows = weight.dim() == 4 ? (int)weight.shape[2] : 1, cols = (int)weight.shape[^1];
        var values = weight.contiguous().data<double>().ToArray();
        return (rows, cols, [.. Enumerable.Range(0, filters).Select(f => values[(f * rows * cols)..((f + 1) * rows * cols)])]);
    }

    private static FilterSet Fit((int Rows, int Cols, double[][] Filters) layer)
    {
        var fitted = new double[layer.Filters.Length][];
        var r2 = new double[layer.Filters.Length];
        for (int f = 0; f < layer.Filters.Length; f++)
        {
            if (layer.Rows == 1)
            {
                var fit = GaborFit.Fit(layer.Filters[f]);
                (fitted[f], r2[f]) = (fit.Gabor.Sample(layer.Cols), fit.RSquared);
            }
            else
            {
                var square = new double[layer.Rows, layer.Cols];
                for (int k = 0; k < layer.Filters[f].Length; k++) square[k / layer.Cols, k % layer.Cols] = layer.Filters[f][k];
                var fit = GaborFit.Fit(square);
                (fitted[f], r2[f]) = (fit.Gabor.Sample(layer.Rows, layer.Cols).Cast<double>().ToArray(), fit.RSquared);
            }
        }
        return new FilterSet(layer.Rows, layer.Cols, layer.Filters, fitted, r2);
    }

    private static double Fraction(double[] r2, double threshold) => r2.Count(v => v >= threshold) / (double)r2.Length;

    /// <summary>
    /// Activation maximisation of the deeper network: each of the first units of its last convolution (after the
    /// ReLU, averaged over positions) by plain ascent and by the regularised one, both from the same faint noise; and
    /// each class's score (the logit before the softmax, as Simonyan et al. maximise it) by plain ascent from zero.
    /// </summary>
    private static Visualisation Visualise(CnnFiltersOptions o, RunContext context, string name, nn.Module<Tensor, Tensor> model, SequentialSpec spec, ClassificationSets sets)
    {
        using var scope = NewDisposeScope();
        model.eval();
        foreach (var p in model.parameters()) p.requires_grad_(false);
        var children = model.children().Cast<nn.Module<Tensor, Tensor>>().ToList();
        int lastConvolution = spec.Layers.Select((l, i) => (l, i)).Last(x => x.l is Convolution).i;
        int channels = ((Convolution)spec.Layers[lastConvolution]).Channels;
        int units = Math.Min(o.Units, channels);
        Tensor Through(Tensor x, int count)
        {
            foreach (var child in children.Take(count)) x = child.call(x);
            return x;
        }
        using var unitCount = units.ToScalar();
        var unitIndex = HeldScalars.Range(unitCount, int64, sets.TrainInputs.device);
        // The unit's ReLU output (the layer after the convolution), its mean over positions; image i asks for unit i.
        Tensor UnitScore(Tensor x) => Through(x, lastConvolution + 2).mean([2, 3]).gather(1, unitIndex.unsqueeze(1)).squeeze(1);

        int side = (int)sets.TrainInputs.shape[2];
        using var generator = context.TorchGenerator($"ascent start {name}");
        using var startScale = 0.01.ToScalar();
        var start = startScale * randn([units, 1, side, side], generator: generator).to(sets.TrainInputs.device);
        var plainSettings = new AscentSettings(o.AscentSteps, o.AscentStepSize, o.L2);
        var regularisedSettings = plainSettings with { TotalVariation = o.TotalVariation, Jitter = o.Jitter, BlurSigma = o.BlurSigma, BlurEvery = o.BlurEvery };
        var plain = InputAscent.Maximise(UnitScore, start, plainSettings, context.Random($"plain jitter {name}"), context.Cancellation);
        var regularised = InputAscent.Maximise(UnitScore, start, regularisedSettings, context.Random($"regularised jitter {name}"), context.Cancellation);

        int classes = sets.Classes;
        using var classCount = classes.ToScalar();
        var classIndex = HeldScalars.Range(classCount, int64, sets.TrainInputs.device);
        Tensor ClassScore(Tensor x) => model.call(x).gather(1, classIndex.unsqueeze(1)).squeeze(1);
        var classModels = InputAscent.Maximise(ClassScore, zeros([classes, 1, side, side], device: sets.TrainInputs.device), plainSettings, context.Random($"class jitter {name}"),
            context.Cancellation);
        var probability = nn.functional.softmax(model.call(classModels), 1).gather(1, classIndex.unsqueeze(1)).squeeze(1);

        int dataImages = (int)Math.Min(256, sets.TestInputs.shape[0]);
        double dataShare = SpectralPower.HighFrequencyShare(sets.TestInputs.narrow(0, 0, dataImages).cpu()).Average();
        foreach (var p in model.parameters()) p.requires_grad_(true);
        return new Visualisation(name, side, Rows(plain), Rows(regularised), SpectralPower.HighFrequencyShare(plain.cpu()), SpectralPower.HighFrequencyShare(regularised.cpu()),
            Values(UnitScore(plain)), Values(UnitScore(regularised)), Rows(classModels), SpectralPower.HighFrequencyShare(classModels.cpu()), Values(probability),
            dataShare, dataImages);
    }

    private static double[] Values(Tensor t) => t.detach().cpu().to(float64).data<double>().ToArray();

    private static double[][] Rows(Tensor images)
    {
        var flat = images.detach().cpu().to(float64).reshape(images.shape[0], -1);
        return [.. Enumerable.Range(0, (int)flat.shape[0]).Select(i => flat[i].data<double>().ToArray())];
    }
}

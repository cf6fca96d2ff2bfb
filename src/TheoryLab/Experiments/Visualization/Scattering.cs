using TheoryLab.Analysis.Scattering;
using TheoryLab.Data;
using TheoryLab.Kernel;
using TheoryLab.Models.ConvNets;
using TheoryLab.Options;
using TheoryLab.Torch;
using TheoryLab.Training;
using TheoryLab.Training.Optimizers.Schedules;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Experiments.Visualization;

/// <summary>
/// Options of <see cref="Scattering"/>. Defaults: Kymatio's 2-D Morlet scattering with J = 3 and L = 8 up to order 2 on
/// 28×28 MNIST digits; scattering + a ridge classifier against LeNet-5 trained on 300, 1,000, 2,000 and 5,000 of the
/// 8,000 training images of MNIST's test split (Bruna &amp; Mallat trained on 300 to 60,000 of MNIST's training set),
/// tested on the split's other 2,000.
/// </summary>
public sealed record ScatteringOptions
{
    [Option("28×28 image set of the MNIST family whose digits are scattered and classified; a -t10k set trains on up to 8,000 of the 10,000 test images and tests on the other 2,000.",
        ChoicesFrom = typeof(BenchmarkDatasets))]
    public string Dataset { get; init; } = "mnist-t10k";

    [Option("J: octaves of the wavelets; the coefficients average over about 2^J pixels and are 2^J times coarser than the image.", Min = 1, Max = 6)]
    public int J { get; init; } = 3;

    [Option("L: wavelet orientations spread over [0, π) (Kymatio's bank is designed for 8).", Min = 1, Max = 16)]
    public int L { get; init; } = 8;

    [Option("Highest scattering order kept: 1 (|x ⋆ ψ| ⋆ φ) or 2 (||x ⋆ ψ₁| ⋆ ψ₂| ⋆ φ, j₁ < j₂).", Min = 1, Max = 2)]
    public int MaxOrder { get; init; } = 2;

    [Option("Training-set sizes at which scattering + ridge classifier and the CNN are compared: the first n training images (all of them when fewer). Bruna & Mallat's table runs from 300 to 60,000.",
        Min = 10, Max = 60_000, Unit = "examples")]
    public int[] TrainSizes { get; init; } = [300, 1000, 2000, 5000];

    [Option("Held-out examples the classifiers are tested on: the first n of the test part (all of it when it holds fewer).", Min = 10, Max = 10_000, Unit = "examples")]
    public int TestExamples { get; init; } = 2000;

    [Option("Ridge λ of the linear classifier on standardised scattering coefficients: the penalty per example, W = (ZᵀZ + λnI)⁻¹Zᵀ(Y − Ȳ).", Min = 1e-8, Max = 1e4)]
    public double Ridge { get; init; } = 1e-2;

    [Option("SGD steps of LeNet-5 at every training-set size (momentum 0.9, cosine-annealed step, weight decay 5·10⁻⁴).", Min = 1, Max = 1_000_000, Unit = "steps")]
    public int CnnSteps { get; init; } = 1500;

    [Option("Examples per SGD mini-batch of the CNN (all of them when the training set is smaller).", Min = 1, Max = 4096)]
    public int CnnBatchSize { get; init; } = 64;

    [Option("Initial SGD step η of the CNN.", Min = 1e-5, Max = 1)]
    public double CnnLearningRate { get; init; } = 0.05;

    [Option("Held-out images on which energy by order, translation and deformation are measured (averaged over them).", Min = 1, Max = 2000, Unit = "images")]
    public int ProbeImages { get; init; } = 64;

    [Option("Largest horizontal translation τ of the probe images, in pixels (every whole shift from 0 to it is measured; pixels shifted past the edge are lost, blank ones enter).", Min = 1, Max = 27, Unit = "pixels")]
    public int MaxShift { get; init; } = 8;

    [Option("Sizes ε = ‖∇τ‖∞ of the deformations x(u) ↦ x(u − τ(u)), τ(u) = ε(u − centre): a dilation by 1/(1 − ε) about the image centre, which translates nothing.",
        Min = 1e-4, Max = 0.5)]
    public double[] Deformations { get; init; } = [0.025, 0.05, 0.1, 0.15, 0.2];

    [Option("A grayscale image of your own (a CSV of rows or a PNG, read as luminance 0…1) whose coefficients are drawn and written to tables/coefficients.csv; empty: the first held-out digit.")]
    public string Image { get; init; } = "";

    [OptionGroup]
    public ThreadOptions Runtime { get; init; } = new();
}

/// <summary>
/// The 2-D Morlet scattering transform (Mallat 2012; Bruna &amp; Mallat 2013) with Kymatio's conventions: where its
/// energy lies by order, how little it moves under translations below 2^J and under small deformations (against a
/// CNN's outputs and the raw pixels), and scattering + a linear classifier against a CNN as the training set shrinks.
/// </summary>
public sealed partial class Scattering : Experiment<ScatteringOptions>
{
    /// <summary>
    /// Images scattered at once. Small batches are the fastest: the order-2 step from the finest scale holds batch × L²
    /// padded grids of complex doubles, and beyond a few images these stop fitting in cache (timed on the shared
    /// machine at J = 3, L = 8: 13 ms an image in batches of 4, 24 ms in 8s, 47 ms in 32s).
    /// </summary>
    private const int TransformBatch = 4;

    public override string Id => "scattering";
    public override string Title => "The wavelet scattering transform: energy, invariance, stability and small-sample classification";
    public override Topic Topic => Topic.Visualization;
    public override IReadOnlyList<string> Papers => ["mallat2012group", "bruna2013invariant", "andreux2020kymatio", "lecun1998gradient"];

    public override string Summary =>
        "Computes Kymatio's 2-D Morlet scattering transform (orders 0–2, J scales, L angles, through the FFT in float64; it reproduces Kymatio's " +
        "stored test vector) of MNIST digits and measures the fraction of ‖x‖² carried by each order, the relative change of Sx under translations " +
        "against 2^J and under small dilations against a CNN's and the pixels', and the test error of scattering + a ridge classifier against LeNet-5 " +
        "as the training set shrinks, as in Bruna & Mallat's table. Any grayscale image (CSV or PNG) can be scattered and its coefficients written out.";

    public override ScatteringOptions Quick => Defaults with
    {
        TrainSizes = [100, 200],
        TestExamples = 200,
        CnnSteps = 100,
        ProbeImages = 4,
        Deformations = [0.05, 0.1, 0.2],
    };

    public override CostEstimate EstimateCost(ScatteringOptions o)
    {
        var shape = Datasets.Shape(o.Dataset);
        int largest = Math.Min(o.TrainSizes.Max(), shape.Train);
        double images = largest + Math.Min(o.TestExamples, shape.Test) + o.ProbeImages * (o.MaxShift + 1 + o.Deformations.Length + 1);
        // An image's transform grows as L² (order 2) on a grid of about (28 + 2^(J+1))² points.
        double transformSeconds = images * CostCalibration.Scattering.SecondsPerImageAtDefaults * o.L * o.L / 64.0;
        double cnnSeconds = (double)o.TrainSizes.Length * o.CnnSteps * o.CnnBatchSize * CostCalibration.Scattering.SecondsPerCnnExample;
        return new CostEstimate((long)images, "images scattered", TimeSpan.FromSeconds(transformSeconds + cnnSeconds));
    }

    public override ExperimentResult Run(ScatteringOptions o, RunContext context) => Present(o, Measure(o, context));

    /// <summary>A scattered image: its pixels, its coefficients (channels × rows × cols, channels in <see cref="Paths"/>' order) and their paths.</summary>
    private sealed record ScatteredImage(string Source, double[,] Pixels, double[] Coefficients, int Rows, int Cols, IReadOnlyList<ScatteringPath> Paths);

    /// <summary>Test errors at one training-set size.</summary>
    private sealed record SizeResult(int TrainCount, double ScatteringError, double CnnError, double CnnTrainError);

    /// <summary>
    /// What a run measures.
    /// </summary>
    /// <param name="WaveletSpectra">ψ̂ of every (j, θ) on the padded grid (zero frequency at [0, 0]), in the bank's order.</param>
    /// <param name="LowPassSpectrum">φ̂ on the padded grid.</param>
    /// <param name="EnergyByOrder">Mean over the probe images of 4^J‖S_m x‖² / ‖x‖² for m = 0…max order.</param>
    /// <param name="FirstLayerEnergy">Mean over the probe images of (‖x ⋆ φ‖² + Σ_λ‖x ⋆ ψ_λ‖²)/‖x‖²: the energy the wavelet frame passes on.</param>
    /// <param name="Shifts">Translations τ in pixels.</param>
    /// <param name="ShiftScatteringChange">Mean ‖Sx − S(x shifted by τ)‖ / ‖Sx‖ at each τ.</param>
    /// <param name="ShiftPixelChange">Mean ‖x − x shifted by τ‖ / ‖x‖ at each τ.</param>
    /// <param name="DeformationScatteringChange">Mean ‖Sx − S(x∘(1−τ))‖ / ‖Sx‖ at each ε.</param>
    /// <param name="DeformationCnnChange">The same relative change of the trained CNN's outputs (logits).</param>
    /// <param name="DeformationPixelChange">The same relative change of the pixels.</param>
    private sealed record Measurement(string DatasetName, int TestCount, int Probes, int FeatureCount, double[][,] WaveletSpectra, double[,] LowPassSpectrum,
        ScatteredImage Shown, double[] EnergyByOrder, double FirstLayerEnergy, double[] Shifts, double[] ShiftScatteringChange, double[] ShiftPixelChange,
        double[] DeformationScatteringChange, double[] DeformationCnnChange, double[] DeformationPixelChange, List<SizeResult> Sizes);

    private static Measurement Measure(ScatteringOptions o, RunContext context)
    {
        var device = TorchSetup.Prepare(context.Device);
        using var threads = IntraOpThreads.Use(o.Runtime.Threads);
        var data = Datasets.Load(o.Dataset, context.Data, context.Seed);
        if (data.Train.ExampleShape is not [1, var height, var width])
            throw new TheoryLabException($"{o.Dataset} holds examples of shape {string.Join("×", data.Train.ExampleShape)}; scattering takes single-channel images such as mnist-t10k's 1×28×28.");
        if (height < 1 << o.J || width < 1 << o.J)
            throw new TheoryLabException($"J = {o.J} needs images of at least 2^J = {1 << o.J} pixels a side; {o.Dataset}'s are {height}×{width}: lower J.");
        var sizes = o.TrainSizes.Select(n => Math.Min(n, data.Train.Count)).Distinct().Order().ToArray();
        var train = data.Train.Select([.. Enumerable.Range(0, sizes[^1])]);
        var test = data.Test.Select([.. Enumerable.Range(0, Math.Min(o.TestExamples, data.Test.Count))]);
        int probes = Math.Min(o.ProbeImages, test.Count);

        using var scope = NewDisposeScope();
        using var scattering = new Scattering2D(o.J, o.L, o.MaxOrder, height, width);
        var shifts = Enumerable.Range(0, o.MaxShift + 1).ToArray();
        int steps = 3 + (train.Count + test.Count + TransformBatch - 1) / TransformBatch + sizes.Length + shifts.Length + o.Deformations.Length;
        using var task = context.Progress.Start("scattering", steps);

        var shown = o.Image.Length > 0 ? ScatterOwnImage(o) : Scatter(scattering, Pixels(test, 0), $"{test.Name} image 0");
        task.Advance(1, $"{shown.Source}: {shown.Paths.Count} channels of {shown.Rows}×{shown.Cols}");

        var probeImages = Images(test, probes);
        var probeCoefficients = Transform(scattering, probeImages);
        var (energy, firstLayer) = EnergyByOrder(scattering, probeImages);
        task.Advance(1, $"energy by order: {string.Join(", ", energy.Select(e => e.ToString("G3")))}");

        var shiftScattering = new double[shifts.Length];
        var shiftPixels = new double[shifts.Length];
        foreach (int s in shifts)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var moved = Shifted(probeImages, s);
            shiftScattering[s] = MeanRelativeChange(probeCoefficients, Transform(scattering, moved));
            shiftPixels[s] = MeanRelativeChange(probeImages, moved);
            task.Advance(1, $"τ = {s} px: ‖ΔSx‖/‖Sx‖ = {shiftScattering[s]:G3}");
        }

        var trainFeatures = Features(scattering, train, context, task);
        var testFeatures = Features(scattering, test, context, task);
        var results = new List<SizeResult>();
        nn.Module<Tensor, Tensor>? cnn = null;
        foreach (int n in sizes)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var labels = train.Labels[..n];
            double scatteringError;
            using (var classifier = new RidgeClassifier(trainFeatures[..n], labels, train.Classes, o.Ridge))
                scatteringError = classifier.Error(testFeatures, test.Labels);
            cnn?.Dispose();
            var (model, run) = TrainCnn(o, context, new TrainTest(train.Select([.. Enumerable.Range(0, n)]), test), device);
            cnn = model;
            results.Add(new SizeResult(n, scatteringError, run.Final.Test.Error, run.Final.Train.Error));
            task.Advance(1, $"n = {n}: scattering {scatteringError:P2}, CNN {run.Final.Test.Error:P2} test error");
        }

        // The CNN read inputs standardised by its training set's mean and deviation; deformed images get the same.
        var (mean, deviation) = PixelMoments(train);
        var probeLogits = Logits(cnn!, probeImages, mean, deviation, device);
        var deformScattering = new double[o.Deformations.Length];
        var deformCnn = new double[o.Deformations.Length];
        var deformPixels = new double[o.Deformations.Length];
        for (int i = 0; i < o.Deformations.Length; i++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var deformed = Dilated(probeImages, o.Deformations[i]);
            deformScattering[i] = MeanRelativeChange(probeCoefficients, Transform(scattering, deformed));
            deformCnn[i] = MeanRelativeChange(probeLogits, Logits(cnn!, deformed, mean, deviation, device));
            deformPixels[i] = MeanRelativeChange(probeImages, deformed);
            task.Advance(1, $"ε = {o.Deformations[i]}: scattering {deformScattering[i]:G3}, CNN {deformCnn[i]:G3}");
        }
        cnn!.Dispose();

        var filters = scattering.Filters;
        return new Measurement(data.Train.Name, test.Count, probes, (int)trainFeatures.shape[1],
            [.. filters.Wavelets.Select(w => w.Fourier)], filters.LowPass, shown, energy, firstLayer, [.. shifts.Select(s => (double)s)], shiftScattering, shiftPixels,
            deformScattering, deformCnn, deformPixels, results);
    }

    /// <summary>The user's image, scattered by a transform built for its size.</summary>
    private static ScatteredImage ScatterOwnImage(ScatteringOptions o)
    {
        var pixels = GrayscaleImage.Read(o.Image);
        int rows = pixels.GetLength(0), cols = pixels.GetLength(1);
        if (rows < 1 << o.J || cols < 1 << o.J)
            throw new TheoryLabException($"image '{o.Image}' is {rows}×{cols}; J = {o.J} needs at least 2^J = {1 << o.J} pixels a side: lower J or give a larger image.");
        using var own = new Scattering2D(o.J, o.L, o.MaxOrder, rows, cols);
        return Scatter(own, pixels, Path.GetFileName(o.Image));
    }

    private static ScatteredImage Scatter(Scattering2D scattering, double[,] pixels, string source)
    {
        using var scope = NewDisposeScope();
        int rows = pixels.GetLength(0), cols = pixels.GetLength(1);
        var flat = new double[pixels.Length];
        Buffer.BlockCopy(pixels, 0, flat, 0, flat.Length * sizeof(double));
        var coefficients = scattering.Transform(tensor(flat, [rows, cols])).contiguous().data<double>().ToArray();
        return new ScatteredImage(source, pixels, coefficients, scattering.OutputRows, scattering.OutputCols, scattering.Paths);
    }

    private static double[,] Pixels(LabeledData data, int index)
    {
        int rows = data.ExampleShape[1], cols = data.ExampleShape[2];
        var pixels = new double[rows, cols];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) pixels[r, c] = data.Inputs[(long)index * rows * cols + r * cols + c];
        return pixels;
    }

    /// <summary>The first <paramref name="count"/> images as a float64 (count, rows, cols) tensor.</summary>
    private static Tensor Images(LabeledData data, int count) =>
        tensor(data.Inputs[..(count * data.ExampleSize)], dtype: float64).reshape(count, data.ExampleShape[1], data.ExampleShape[2]);

    /// <summary>The transform of (n, rows, cols) images, a batch at a time to bound memory.</summary>
    private static Tensor Transform(Scattering2D scattering, Tensor images)
    {
        using var scope = NewDisposeScope();
        return Chunked.Map(images, TransformBatch, scattering.Transform).MoveToOuterDisposeScope();
    }

    /// <summary>Every image's coefficients flattened to one feature vector: (n, channels · rows · cols).</summary>
    private static Tensor Features(Scattering2D scattering, LabeledData data, RunContext context, IProgressTask task)
    {
        using var scope = NewDisposeScope();
        var images = Images(data, data.Count);
        var parts = new List<Tensor>();
        for (long start = 0; start < data.Count; start += TransformBatch)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var block = scattering.Transform(images.narrow(0, start, Math.Min(TransformBatch, data.Count - start)));
            parts.Add(block.reshape(block.shape[0], -1));
            task.Advance(1, $"scattered {Math.Min(start + TransformBatch, data.Count):N0} of {data.Name}");
        }
        return cat(parts, 0).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Mean over images of 4^J Σ over the channels of order m of ‖S[p]x‖², over ‖x‖². Each image is set in zeros on
    /// the padded grid and transformed as periodic, with no border cut, so every pixel's energy is accounted for;
    /// the 4^J undoes the subsampling (each coefficient stands for 2^J × 2^J positions). The orders' fractions add
    /// up to about 1 when the transform keeps energy (Mallat 2012).
    /// </summary>
    /// <returns>
    /// The fractions by order, and the fraction the first layer keeps, (‖x ⋆ φ‖² + Σ_λ‖x ⋆ ψ_λ‖²)/‖x‖² (by Parseval
    /// through the bank's Littlewood–Paley sum): what no order can carry beyond it is lost to the frame's deficit.
    /// </returns>
    private static (double[] Fractions, double FirstLayer) EnergyByOrder(Scattering2D scattering, Tensor images)
    {
        using var scope = NewDisposeScope();
        using var two = 2.ToScalar();
        var norms = images.pow(two).sum([1, 2]);
        int rows = (int)images.shape[1], cols = (int)images.shape[2];
        var embedded = zeros([images.shape[0], scattering.Filters.Rows, scattering.Filters.Cols], dtype: float64);
        embedded.narrow(1, KymatioPadding.PaddingBefore(rows, scattering.Scales), rows).narrow(2, KymatioPadding.PaddingBefore(cols, scattering.Scales), cols).copy_(images);
        using var subsampling = Math.Pow(4, scattering.Scales).ToScalar();
        var perChannel = scattering.TransformPeriodic(embedded).pow(two).sum([2, 3]) * subsampling;
        var energy = new double[scattering.MaxOrder + 1];
        for (int m = 0; m <= scattering.MaxOrder; m++)
        {
            var channels = tensor(scattering.Paths.Select((p, i) => (p, i)).Where(x => x.p.Order == m).Select(x => (long)x.i).ToArray());
            energy[m] = (perChannel.index_select(1, channels).sum(1) / norms).mean().AsDouble();
        }
        var bank = scattering.Filters;
        var sum = LittlewoodPaley.Sum(bank.LowPass, bank.Wavelets.Select(w => w.Fourier));
        var weights = tensor(sum.Cast<double>().ToArray(), [bank.Rows, bank.Cols]);
        using var frequencies = (bank.Rows * bank.Cols).ToScalar();
        var kept = (fft.fft2(embedded).abs().pow(two) * weights).sum([1, 2]) / frequencies;
        return (energy, (kept / norms).mean().AsDouble());
    }

    /// <summary>The (n, rows, cols) images moved <paramref name="shift"/> pixels to the right, blank pixels entering on the left.</summary>
    private static Tensor Shifted(Tensor images, int shift)
    {
        if (shift == 0) return images.clone();
        long cols = images.shape[2];
        return cat([zeros([images.shape[0], images.shape[1], shift], dtype: images.dtype), images.narrow(2, 0, cols - shift)], 2);
    }

    /// <summary>Mean over the first axis of ‖a − b‖ / ‖a‖, each example's norms taken over its other axes.</summary>
    private static double MeanRelativeChange(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        var difference = (a - b).reshape(a.shape[0], -1).norm(1);
        return (difference / a.reshape(a.shape[0], -1).norm(1)).mean().AsDouble();
    }

    /// <summary>
    /// x(u − τ(u)) with τ(u) = ε(u − c), c the image centre: the image dilated by 1/(1 − ε) about its centre, by
    /// bilinear interpolation (zero outside). ‖∇τ‖∞ = ε and the centre does not move.
    /// </summary>
    private static Tensor Dilated(Tensor images, double epsilon)
    {
        long count = images.shape[0];
        int rows = (int)images.shape[1], cols = (int)images.shape[2];
        var source = images.contiguous().data<double>().ToArray();
        var result = new double[source.Length];
        double cr = (rows - 1) / 2.0, cc = (cols - 1) / 2.0;
        for (long n = 0; n < count; n++)
        {
            long offset = n * rows * cols;
            for (int r = 0; r < rows; r++)
            {
                double y = cr + (1 - epsilon) * (r - cr);
                for (int c = 0; c < cols; c++)
                {
                    double x = cc + (1 - epsilon) * (c - cc);
                    int r0 = (int)Math.Floor(y), c0 = (int)Math.Floor(x);
                    double fy = y - r0, fx = x - c0;
                    double Value(int rr, int cc2) => rr < 0 || rr >= rows || cc2 < 0 || cc2 >= cols ? 0 : source[offset + rr * cols + cc2];
                    result[offset + r * cols + c] =
                        (1 - fy) * ((1 - fx) * Value(r0, c0) + fx * Value(r0, c0 + 1)) + fy * ((1 - fx) * Value(r0 + 1, c0) + fx * Value(r0 + 1, c0 + 1));
                }
            }
        }
        return tensor(result, [count, rows, cols]);
    }

    /// <summary>LeNet-5 trained by SGD with momentum on the training part, as lenet5 trains it.</summary>
    private static (nn.Module<Tensor, Tensor> Model, ClassificationRun Run) TrainCnn(ScatteringOptions o, RunContext context, TrainTest data, Device device)
    {
        var sets = new ClassificationSets(data, device);
        using var weights = context.TorchGenerator($"scattering cnn n={data.Train.Count}");
        var model = LeNet.Five().Build(weights).to(device);
        var sgd = new SgdSettings(new CosineStep(o.CnnLearningRate, o.CnnSteps), 0.9, 5e-4);
        using var optimizer = sgd.CreateOptimizer();
        var run = ClassificationRecipe.Train(model, sets, sets.TrainingBatches(Math.Min(o.CnnBatchSize, data.Train.Count), context.Seed), optimizer, o.CnnSteps,
            new SortedSet<long>(), cancellation: context.Cancellation);
        return (model, run);
    }

    /// <summary>The mean and standard deviation of all pixels, as <see cref="LabeledDataTensors.Standardised"/> computes them.</summary>
    private static (double Mean, double Deviation) PixelMoments(LabeledData data)
    {
        double mean = data.Inputs.Average(x => (double)x);
        return (mean, Math.Sqrt(data.Inputs.Average(x => (x - mean) * (x - mean))));
    }

    private static Tensor Logits(nn.Module<Tensor, Tensor> cnn, Tensor images, double mean, double deviation, Device device)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        using Scalar shift = mean.ToScalar(), scale = deviation.ToScalar();
        var inputs = ((images - shift) / scale).to(float32).unsqueeze(1).to(device);
        cnn.eval();
        return cnn.call(inputs).to(CPU).to(float64).MoveToOuterDisposeScope();
    }
}

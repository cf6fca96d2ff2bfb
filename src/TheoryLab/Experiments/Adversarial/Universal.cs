using TheoryLab.Analysis.Adversarial;
using TheoryLab.Data;
using TheoryLab.Kernel;
using TheoryLab.Models.ConvNets;
using TheoryLab.Options;
using TheoryLab.Torch;
using TheoryLab.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Experiments.Adversarial;

/// <summary>
/// Options of <see cref="Universal"/>. Defaults: Moosavi-Dezfooli et al.'s Algorithm 1 (δ = 0.2, DeepFool with
/// overshoot 0.02) on a LeNet-5 instead of their ImageNet networks, scaled to this machine: MNIST's 10,000 test images
/// (the only MNIST split here) split 8,000 for training and 2,000 held out; v computed on 300 of the training images
/// (they used 10,000 ImageNet images) for at most 3 passes, so that eight radii fit in five minutes of a 2-core CPU,
/// and its fooling rate measured on the held-out 2,000.
/// </summary>
public sealed record UniversalOptions
{
    [Option("MNIST-family set whose 10,000 test images are split 8,000 for training and 2,000 held out (the training files are not on this machine).",
        Choices = ["mnist-t10k", "fashion-mnist-t10k", "kmnist-t10k"])]
    public string Dataset { get; init; } = "mnist-t10k";

    [Option("Passes of Adam over the 8,000 training images for the LeNet-5.", Min = 1, Max = 1000, Unit = "epochs")]
    public int Epochs { get; init; } = 10;

    [Option("Examples per mini-batch.", Min = 1, Max = 8000)]
    public int BatchSize { get; init; } = 100;

    [Option("Adam's step size η.", Min = 1e-6, Max = 1)]
    public double LearningRate { get; init; } = 1e-3;

    [Option("Radii ξ of the ℓ∞ ball, in pixels of [0, 1] (the paper: ξ = 10 on ImageNet's [0, 255], about 0.04 of the range, which barely moves an MNIST digit).", Min = 0, Max = 1)]
    public double[] LinfRadii { get; init; } = [0.05, 0.1, 0.2, 0.3];

    [Option("Radii ξ of the ℓ2 ball, in pixels of [0, 1] (the paper: ξ = 2,000 on ImageNet's 224×224×3 images in [0, 255], about 0.04 of their typical norm).", Min = 0, Max = 28)]
    public double[] L2Radii { get; init; } = [1, 2, 4, 6];

    [Option("The ℓ∞ radius whose perturbation is shown and reported (the nearest of the ℓ∞ radii).", Min = 0, Max = 1)]
    public double HeadlineLinf { get; init; } = 0.2;

    [Option("The ℓ2 radius whose perturbation is shown and reported (the nearest of the ℓ2 radii).", Min = 0, Max = 28)]
    public double HeadlineL2 { get; init; } = 4;

    [Option("Training images the perturbation is computed on, the first of the 8,000 (the paper: 10,000 ImageNet images).", Min = 1, Max = 8000, Unit = "images")]
    public int Images { get; init; } = 300;

    [Option("The algorithm stops once the fooling rate on its images exceeds 1 − δ (the paper: δ = 0.2).", Min = 0, Max = 0.99)]
    public double Delta { get; init; } = 0.2;

    [Option("Passes over the images at most (the paper runs until the fooling rate is reached).", Min = 1, Max = 100, Unit = "passes")]
    public int MaxPasses { get; init; } = 3;

    [Option("DeepFool's overshoot (the paper: 0.02).", Min = 0, Max = 1)]
    public double Overshoot { get; init; } = 0.02;

    [Option("DeepFool's iterations at most for each image (the paper: 50).", Min = 1, Max = 1000, Unit = "iterations")]
    public int DeepFoolIterations { get; init; } = 50;

    [Option("Held-out images the perturbed digits are shown for beside the perturbations.", Min = 0, Max = 16, Unit = "images")]
    public int SheetImages { get; init; } = 5;

    [OptionGroup]
    public ThreadOptions Runtime { get; init; } = new();
}

/// <summary>
/// Universal adversarial perturbations (Moosavi-Dezfooli, Fawzi, Fawzi &amp; Frossard 2017): one perturbation v, found
/// by Algorithm 1 on training images, changes the prediction of a LeNet-5 on most held-out MNIST digits; its fooling
/// rate grows with the ℓ∞ or ℓ2 budget ξ and lies far above that of a random perturbation of the same norm.
/// </summary>
public sealed partial class Universal : Experiment<UniversalOptions>
{
    public override string Id => "universal";
    public override string Title => "Universal adversarial perturbations";
    public override Topic Topic => Topic.Adversarial;
    public override IReadOnlyList<string> Papers => ["moosavidezfooli2017universal", "moosavidezfooli2016deepfool", "lecun1998gradient"];

    public override string Summary =>
        "Trains a LeNet-5 on MNIST pixels in [0, 1] and computes one image-agnostic perturbation v by Moosavi-Dezfooli et al.'s Algorithm 1 (DeepFool on each " +
        "training image still correctly predicted under x + v, then projection onto the ℓ∞ or ℓ2 ball of radius ξ): its fooling rate on held-out digits against ξ, " +
        "beside a random perturbation of the same norm, and the perturbation images.";

    public override UniversalOptions Quick => Defaults with
    {
        Epochs = 1,
        LinfRadii = [0.1, 0.2],
        L2Radii = [2, 4],
        Images = 30,
        MaxPasses = 2,
        SheetImages = 2,
    };

    /// <summary>Training, then per radius up to MaxPasses passes of one DeepFool (about five iterations of ten gradients) per image, and the held-out evaluations.</summary>
    public override CostEstimate EstimateCost(UniversalOptions o)
    {
        double lenet = LeNet.Five().MultiplyAddsPerExample;
        long train = Datasets.TestSplitTrainCount;
        int radii = o.LinfRadii.Length + o.L2Radii.Length;
        double multiplies = o.Epochs * train * 3.0 * lenet;
        double images = (double)radii * o.MaxPasses * o.Images;
        return new CostEstimate(o.Epochs * train, "training examples",
            TimeSpan.FromSeconds(multiplies * CostCalibration.Universal.SecondsPerMultiplyAdd + images * CostCalibration.Universal.SecondsPerImageVisit));
    }

    public override ExperimentResult Run(UniversalOptions o, RunContext context) => Present(o, Measure(o, context));

    /// <summary>The universal perturbation of one radius and the random control.</summary>
    /// <param name="TrainingFoolingRate">The fooling rate on the images v was computed on, after its last pass.</param>
    /// <param name="HeldOutFoolingRate">The share of held-out images whose prediction x + v changes.</param>
    /// <param name="RandomFoolingRate">The same for a random perturbation of norm ξ (random signs times ξ for ℓ∞, uniform on the sphere for ℓ2).</param>
    /// <param name="HeldOutAccuracy">The held-out accuracy under x + v.</param>
    /// <param name="Norm">‖v‖ in the ball's norm (at most ξ).</param>
    private sealed record Point(PerturbationNorm Ball, double Radius, int Passes, double TrainingFoolingRate, double HeldOutFoolingRate,
        double RandomFoolingRate, double HeldOutAccuracy, double Norm);

    /// <summary>A perturbation shown, with held-out digits under it.</summary>
    private sealed record Shown(PerturbationNorm Ball, double Radius, float[] Perturbation, float[][] Perturbed, int[] CleanPredictions, int[] Predictions);

    /// <summary>What a run measures.</summary>
    private sealed record Measurement(string Dataset, int TrainCount, int TestCount, int Images, long Parameters, double CleanAccuracy,
        Point[] Points, Shown[] Shown, int[] Labels);

    private static Measurement Measure(UniversalOptions o, RunContext context)
    {
        var device = TorchSetup.Prepare(context.Device);
        using var threads = IntraOpThreads.Use(o.Runtime.Threads);
        using var scope = NewDisposeScope();
        var data = Datasets.Load(o.Dataset, context.Data, context.Seed);
        var (trainPixels, trainLabels) = data.Train.ToTensors(device);
        var (testPixels, testLabels) = data.Test.ToTensors(device);
        var space = InputSpace.UnitPixels;
        var spec = LeNet.Five();
        int images = Math.Min(o.Images, data.Train.Count);
        var radii = o.LinfRadii.Select(r => (Ball: PerturbationNorm.Linf, Radius: r)).Concat(o.L2Radii.Select(r => (Ball: PerturbationNorm.L2, Radius: r))).ToArray();

        using var task = context.Progress.Start("images visited", 1 + (long)radii.Length * o.MaxPasses * images);
        using var network = PixelClassifier.Train(spec, "LeNet-5", trainPixels, trainLabels, space, o.Epochs, o.BatchSize, o.LearningRate, context, device);
        double cleanAccuracy = PixelClassifier.Accuracy(network, space, testPixels, testLabels);
        task.Advance(1, $"LeNet-5: held-out accuracy {cleanAccuracy:P1}");

        var computedOn = trainPixels[..images];
        int sheet = (int)Math.Min(o.SheetImages, testPixels.shape[0]);
        var points = new List<Point>();
        var shown = new List<Shown>();
        using var noise = context.TorchGenerator("random perturbations");
        foreach (var (ball, radius) in radii)
        {
            int visited = 0;
            using var found = UniversalPerturbation.Compute(network, space, computedOn, ball, radius, o.Delta, o.MaxPasses, o.Overshoot, o.DeepFoolIterations,
                () => { visited++; task.Advance(); }, context.Cancellation);
            task.Advance((long)o.MaxPasses * images - visited);
            var v = found.Perturbation;
            using var random = RandomPerturbation(v, ball, radius, noise);
            double heldOut = UniversalPerturbation.FoolingRate(network, space, testPixels, v);
            points.Add(new Point(ball, radius, found.Passes, found.FoolingRates[^1], heldOut,
                UniversalPerturbation.FoolingRate(network, space, testPixels, random),
                PixelClassifier.Accuracy(network, space, space.Confine(testPixels.Plus(v)), testLabels),
                ball == PerturbationNorm.Linf ? v.abs().max().AsDouble() : v.norm().AsDouble()));
            if (radius == Headline(o, ball))
                shown.Add(Show(network, space, ball, radius, v, testPixels[..sheet]));
            task.Advance(0, $"{(ball == PerturbationNorm.Linf ? "ℓ∞" : "ℓ2")} ξ = {radius}: fools {heldOut:P1} of the held-out digits");
        }
        int[] labels = [.. testLabels[..sheet].data<long>().Select(l => (int)l)];
        return new Measurement(o.Dataset, data.Train.Count, data.Test.Count, images, spec.Parameters, cleanAccuracy, [.. points], [.. shown], labels);
    }

    /// <summary>The radius of the ball reported and shown: the one of the options' radii nearest the headline option.</summary>
    private static double Headline(UniversalOptions o, PerturbationNorm ball) => ball == PerturbationNorm.Linf
        ? o.LinfRadii.MinBy(r => Math.Abs(r - o.HeadlineLinf))
        : o.L2Radii.MinBy(r => Math.Abs(r - o.HeadlineL2));

    /// <summary>The paper's control: a perturbation of the same norm drawn at random, ξ times random signs for ℓ∞ (a corner of the cube, the largest ℓ∞ noise), ξ times a uniform direction for ℓ2.</summary>
    private static Tensor RandomPerturbation(Tensor like, PerturbationNorm ball, double radius, Generator generator)
    {
        using var scope = NewDisposeScope();
        if (ball == PerturbationNorm.Linf)
        {
            using Scalar width = (2 * radius).ToScalar(), shift = radius.ToScalar();
            return randint(0, 2, like.shape, dtype: like.dtype, device: like.device, generator: generator).mul(width).sub(shift).MoveToOuterDisposeScope();
        }
        var direction = randn(like.shape, dtype: like.dtype, device: like.device, generator: generator);
        using var stretch = (radius / direction.norm().AsDouble()).ToScalar();
        return direction.mul(stretch).MoveToOuterDisposeScope();
    }

    private static Shown Show(nn.Module<Tensor, Tensor> model, InputSpace space, PerturbationNorm ball, double radius, Tensor v, Tensor pixels)
    {
        using var scope = NewDisposeScope();
        var perturbed = space.Confine(pixels.Plus(v));
        int[] Predict(Tensor x)
        {
            using var noGrad = no_grad();
            return [.. space.Logits(model, x).argmax(1).data<long>().Select(p => (int)p)];
        }
        float[][] images = [.. Enumerable.Range(0, (int)pixels.shape[0]).Select(i => perturbed[i].flatten().data<float>().ToArray())];
        return new Shown(ball, radius, v.flatten().data<float>().ToArray(), images, Predict(pixels), Predict(perturbed));
    }
}

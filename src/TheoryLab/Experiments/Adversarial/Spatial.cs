using TheoryLab.Analysis.Adversarial;
using TheoryLab.Data;
using TheoryLab.Kernel;
using TheoryLab.Models.ConvNets;
using TheoryLab.Options;
using TheoryLab.Torch;
using TheoryLab.Training;
using static TorchSharp.torch;

namespace TheoryLab.Experiments.Adversarial;

/// <summary>
/// Options of <see cref="Spatial"/>. Defaults: Engstrom et al.'s MNIST threat (rotations within ±30°, translations
/// within ±3 px, their 31 × 5 × 5 grid of 775 transforms, worst-of-10 random transforms) against a LeNet-5 instead of
/// their larger MNIST network, trained for 5 epochs on 8,000 of MNIST's 10,000 test images (the only MNIST split
/// here) and attacked on 500 of the 2,000 held out (the paper: 10,000 test images), sizes that fit five minutes of a
/// 2-core CPU: plainly, with random rotations and translations of the box as data
/// augmentation, and on the worst of 10 random transforms (the paper's cheap adversarial training).
/// </summary>
public sealed record SpatialOptions
{
    [Option("MNIST-family set whose 10,000 test images are split 8,000 for training and 2,000 held out (the training files are not on this machine).",
        Choices = ["mnist-t10k", "fashion-mnist-t10k", "kmnist-t10k"])]
    public string Dataset { get; init; } = "mnist-t10k";

    [Option("Passes of Adam over the 8,000 training images for each LeNet-5.", Min = 1, Max = 1000, Unit = "epochs")]
    public int Epochs { get; init; } = 5;

    [Option("Examples per mini-batch.", Min = 1, Max = 8000)]
    public int BatchSize { get; init; } = 100;

    [Option("Adam's step size η.", Min = 1e-6, Max = 1)]
    public double LearningRate { get; init; } = 1e-3;

    [Option("The box's rotation bound: θ within ± this many degrees (the paper: 30).", Min = 0, Max = 180, Unit = "degrees")]
    public double MaxDegrees { get; init; } = 30;

    [Option("The box's translation bound: dx and dy within ± this many pixels (the paper on MNIST: 3).", Min = 0, Max = 14, Unit = "pixels")]
    public double MaxShift { get; init; } = 3;

    [Option("Rotations of the grid attack, equally spaced over the box; odd, so that 0 is one (the paper: 31).", Min = 1, Max = 361)]
    public int GridRotations { get; init; } = 31;

    [Option("Translations of the grid attack in each of x and y, equally spaced over the box; odd (the paper: 5).", Min = 1, Max = 29)]
    public int GridShifts { get; init; } = 5;

    [Option("Random transforms per example of the random attack, worst of them kept (the paper: 10).", Min = 1, Max = 1000)]
    public int RandomTries { get; init; } = 10;

    [Option("Signed gradient steps of the first-order attack on (θ, dx, dy), from a uniform random start in the box.", Min = 0, Max = 10_000, Unit = "steps")]
    public int FirstOrderSteps { get; init; } = 20;

    [Option("Each first-order step as a share of the box's half-width in each parameter (0.1: 3° and 0.3 px in the paper's box).", Min = 0, Max = 2)]
    public double FirstOrderStep { get; init; } = 0.1;

    [Option("Random transforms per training example whose worst the third network trains on (the paper: 10); 0 trains only the standard and augmented networks.", Min = 0, Max = 100)]
    public int TrainingTries { get; init; } = 10;

    [Option("Held-out images attacked, the first of the 2,000.", Min = 1, Max = 2000, Unit = "images")]
    public int Images { get; init; } = 500;

    [Option("Held-out digits shown at each network's worst grid transform.", Min = 0, Max = 12, Unit = "images")]
    public int SheetImages { get; init; } = 6;

    [OptionGroup]
    public ThreadOptions Runtime { get; init; } = new();
}

/// <summary>
/// Spatial robustness (Engstrom, Tran, Tsipras, Schmidt &amp; Madry 2019): small rotations and translations, found by
/// an exhaustive grid over a box, break most of a standard CNN's correct predictions on MNIST; random transforms and a
/// first-order attack on (θ, dx, dy) find fewer; training on random or worst-of-10 transforms of the box restores much
/// of the accuracy; and accuracy falls as the grid of transforms is refined.
/// </summary>
public sealed partial class Spatial : Experiment<SpatialOptions>
{
    public override string Id => "spatial";
    public override string Title => "Spatial robustness: rotations and translations";
    public override Topic Topic => Topic.Adversarial;
    public override IReadOnlyList<string> Papers => ["engstrom2019exploring", "madry2018towards", "lecun1998gradient"];

    public override string Summary =>
        "Trains a LeNet-5 on MNIST pixels in [0, 1] plainly, with random rotations and translations as augmentation, and on the worst of 10 random ones, and attacks " +
        "each with Engstrom et al.'s spatial adversaries in a box of ±30° and ±3 px (bilinear resampling, zero fill): worst of 10 random transforms, the exhaustive " +
        "31 × 5 × 5 grid, and projected gradient ascent on (θ, dx, dy); accuracy against the number of grid points, and digits at their worst transform.";

    public override SpatialOptions Quick => Defaults with
    {
        Epochs = 1,
        GridRotations = 7,
        GridShifts = 3,
        FirstOrderSteps = 10,
        FirstOrderStep = 0.2,
        TrainingTries = 4,
        Images = 500,
        SheetImages = 4,
    };

    protected override IEnumerable<string> Inconsistencies(SpatialOptions o)
    {
        if (o.GridRotations % 2 == 0) yield return $"grid-rotations = {o.GridRotations} is even: take an odd count, so that the grid contains θ = 0.";
        if (o.GridShifts % 2 == 0) yield return $"grid-shifts = {o.GridShifts} is even: take an odd count, so that the grid contains no translation.";
    }

    /// <summary>Training passes (the worst-of-k network also evaluates its k draws), then each network's evaluations: the grid, the random draws and the first-order steps (a forward and a backward pass each).</summary>
    public override CostEstimate EstimateCost(SpatialOptions o)
    {
        double lenet = LeNet.Five().MultiplyAddsPerExample;
        long train = Datasets.TestSplitTrainCount;
        int networks = o.TrainingTries > 0 ? 3 : 2;
        double trainingPasses = o.Epochs * train * (3.0 * networks + (o.TrainingTries > 0 ? o.TrainingTries + 1 : 0));
        double evaluations = networks * (double)o.Images * (2 + o.RandomTries + new SpatialGrid(o.GridRotations, o.GridShifts).Count + 4.0 * (o.FirstOrderSteps + 1));
        double transformed = o.Epochs * train * (networks - 1 + o.TrainingTries) + evaluations;
        return new CostEstimate(o.Epochs * train * networks, "training examples",
            TimeSpan.FromSeconds((trainingPasses + evaluations) * lenet * CostCalibration.Spatial.SecondsPerMultiplyAdd
                + transformed * CostCalibration.Spatial.SecondsPerTransformedImage));
    }

    public override ExperimentResult Run(SpatialOptions o, RunContext context) => Present(o, Measure(o, context));

    /// <summary>How a network was trained.</summary>
    private enum Training
    {
        Standard,
        Augmented,
        WorstOfK,
    }

    /// <summary>One network's accuracies on the attacked held-out images.</summary>
    /// <param name="ChainAccuracies">Worst-of-grid accuracy on each grid of the nested chain, the last the full grid.</param>
    /// <param name="RotationAccuracies">Accuracy at each grid rotation with no translation.</param>
    /// <param name="Worst">The worst grid transform of each digit shown (its first misclassifying point along the chain).</param>
    private sealed record Network(Training Training, double Natural, double Random, double Grid, double FirstOrder, double[] ChainAccuracies,
        double[] RotationAccuracies, SpatialPoint[] Worst, float[][] WorstImages, int[] WorstPredictions);

    /// <summary>What a run measures.</summary>
    private sealed record Measurement(string Dataset, int TrainCount, int TestCount, int Images, long Parameters, SpatialGrid[] Chain, double[] Angles,
        Network[] Networks, float[][] Shown, int[] Labels);

    private static Measurement Measure(SpatialOptions o, RunContext context)
    {
        var device = TorchSetup.Prepare(context.Device);
        using var threads = IntraOpThreads.Use(o.Runtime.Threads);
        using var scope = NewDisposeScope();
        var data = Datasets.Load(o.Dataset, context.Data, context.Seed);
        var (trainPixels, trainLabels) = data.Train.ToTensors(device);
        var (testPixels, testLabels) = data.Test.ToTensors(device);
        int images = (int)Math.Min(o.Images, testPixels.shape[0]);
        var (pixels, labels) = (testPixels[..images], testLabels[..images]);
        var threat = new SpatialThreat(o.MaxDegrees, o.MaxShift);
        var grid = new SpatialGrid(o.GridRotations, o.GridShifts);
        double[] angles = [.. new SpatialGrid(o.GridRotations, 1).Points(threat).Select(p => p.Degrees)];
        int sheet = Math.Min(o.SheetImages, images);
        Training[] trainings = o.TrainingTries > 0 ? [Training.Standard, Training.Augmented, Training.WorstOfK] : [Training.Standard, Training.Augmented];

        using var task = context.Progress.Start("evaluations", trainings.Length * (1L + grid.Count + 2));   // the grid's points as tried, broken examples skipped
        var networks = new List<Network>();
        foreach (var training in trainings)
        {
            using var networkScope = NewDisposeScope();
            using var network = Train(o, training, threat, trainPixels, trainLabels, context, device);
            task.Advance(1, $"{training}: trained");
            double natural = PixelClassifier.Accuracy(network, threat.Space, pixels, labels);
            double random;
            using (var generator = context.TorchGenerator($"{training} random attack"))
                random = PixelClassifier.Accuracy(network, threat.Space, SpatialTransform.Apply(pixels, RandomSpatial.Attack(network, threat, pixels, labels, o.RandomTries, generator)), labels);
            task.Advance();
            double firstOrder;
            using (var generator = context.TorchGenerator($"{training} first-order start"))
                firstOrder = PixelClassifier.Accuracy(network, threat.Space,
                    SpatialTransform.Apply(pixels, SpatialPgd.Attack(network, threat, pixels, labels, o.FirstOrderSteps, o.FirstOrderStep, generator)), labels);
            task.Advance();
            var outcome = WorstOfGrid.Evaluate(network, threat, grid, pixels, labels, () => task.Advance(), context.Cancellation);
            var worst = outcome.Worst[..sheet];
            var shown = SpatialTransform.Apply(pixels[..sheet], tensor(worst.SelectMany(w => new[] { w.Degrees, w.Dx, w.Dy }).ToArray(), [sheet, 3], dtype: float64).to(pixels.dtype));
            int[] predictions;
            using (no_grad()) predictions = [.. threat.Space.Logits(network, shown).argmax(1).data<long>().Select(p => (int)p)];
            double[] rotations = [.. angles.Select(a => PixelClassifier.Accuracy(network, threat.Space, SpatialTransform.Apply(pixels, a, 0, 0), labels))];
            networks.Add(new Network(training, natural, random, outcome.Accuracy, firstOrder, outcome.ChainAccuracies, rotations, worst, Rows(shown), predictions));
            task.Advance(0, $"{training}: natural {natural:P1}, grid {outcome.Accuracy:P1}");
        }
        int[] shownLabels = [.. labels[..sheet].data<long>().Select(l => (int)l)];
        return new Measurement(o.Dataset, data.Train.Count, data.Test.Count, images, LeNet.Five().Parameters, grid.NestedChain(), angles, [.. networks], Rows(pixels[..sheet]), shownLabels);
    }

    /// <summary>A LeNet-5 trained on clean images, on one uniform random transform of the box per example and step, or on the worst of k such.</summary>
    private static nn.Module<Tensor, Tensor> Train(SpatialOptions o, Training training, SpatialThreat threat, Tensor pixels, Tensor labels, RunContext context, Device device)
    {
        using var generator = context.TorchGenerator($"{training} training transforms");
        LossFunction? objective = training switch
        {
            Training.Augmented => (m, batch) =>
                PixelClassifier.CrossEntropy(m, threat.Space, SpatialTransform.Apply(batch.Inputs, threat.Uniform(batch.Inputs.shape[0], batch.Inputs.dtype, batch.Inputs.device, generator)), batch.Targets!),
            Training.WorstOfK => (m, batch) =>
                PixelClassifier.CrossEntropy(m, threat.Space, SpatialTransform.Apply(batch.Inputs, RandomSpatial.Attack(m, threat, batch.Inputs, batch.Targets!, o.TrainingTries, generator)), batch.Targets!),
            _ => null,
        };
        return PixelClassifier.Train(LeNet.Five(), $"{training} LeNet-5", pixels, labels, threat.Space, o.Epochs, o.BatchSize, o.LearningRate, context, device, objective);
    }

    private static float[][] Rows(Tensor images) => [.. Enumerable.Range(0, (int)images.shape[0]).Select(i => images[i].flatten().data<float>().ToArray())];
}

using TheoryLab.Analysis.Adversarial;
using TheoryLab.Data;
using TheoryLab.Kernel;
using TheoryLab.Models.ConvNets;
using TheoryLab.Models.MeanField;
using TheoryLab.Models.ResNets;
using TheoryLab.Options;
using TheoryLab.Torch;
using TheoryLab.Training;
using static TorchSharp.torch;

namespace TheoryLab.Experiments.Adversarial;

/// <summary>
/// Options of <see cref="Transferability"/>. Defaults: Liu et al.'s non-targeted transfer matrix, on MNIST instead of
/// their ImageNet models, with four architectures of this library (softmax regression, a 784–240–240–10 ReLU perceptron,
/// LeNet-5 and a ResNet-8 of width 8), trained on the same 8,000 of MNIST's 10,000 test images (the only MNIST split
/// here) for 5 epochs and attacked on 500 held-out ones by FGSM and Madry et al.'s PGD at ℓ∞ ε = 0.3, pixels clipped
/// to [0, 1]: sizes that fit five minutes of a 2-core CPU.
/// </summary>
public sealed record TransferabilityOptions
{
    [Option("MNIST-family set whose 10,000 test images are split 8,000 for training and 2,000 held out (the training files are not on this machine).",
        Choices = ["mnist-t10k", "fashion-mnist-t10k", "kmnist-t10k"])]
    public string Dataset { get; init; } = "mnist-t10k";

    [Option("Passes of Adam over the 8,000 training images for each network.", Min = 1, Max = 1000, Unit = "epochs")]
    public int Epochs { get; init; } = 5;

    [Option("Examples per mini-batch.", Min = 1, Max = 8000)]
    public int BatchSize { get; init; } = 100;

    [Option("Adam's step size η for every network.", Min = 1e-6, Max = 1)]
    public double LearningRate { get; init; } = 1e-3;

    [Option("Widths of the perceptron's hidden ReLU layers.", Min = 1, Max = 4096, Unit = "units")]
    public int[] Hidden { get; init; } = [240, 240];

    [Option("Depth 6n + 2 of the small ResNet (He et al.'s CIFAR family with batch norm; 8 is one block per stage).", Min = 8, Max = 110, Unit = "layers")]
    public int ResNetDepth { get; init; } = 8;

    [Option("Channels of the small ResNet's first stage (2× and 4× in the others; He et al.: 16), narrow for a 2-core CPU.", Min = 1, Max = 64, Unit = "channels")]
    public int ResNetWidth { get; init; } = 8;

    [Option("The ℓ∞ budget ε of both attacks, in pixels of [0, 1] (Madry et al.'s MNIST setting: 0.3).", Min = 0, Max = 1)]
    public double Epsilon { get; init; } = 0.3;

    [Option("PGD's steps (Madry et al.: 40).", Min = 1, Max = 10_000, Unit = "steps")]
    public int PgdSteps { get; init; } = 40;

    [Option("PGD's signed step size (Madry et al.: 0.01).", Min = 1e-6, Max = 1)]
    public double PgdStepSize { get; init; } = 0.01;

    [Option("Held-out images attacked on every source, the first of the 2,000.", Min = 1, Max = 2000, Unit = "images")]
    public int Images { get; init; } = 500;

    [OptionGroup]
    public ThreadOptions Runtime { get; init; } = new();
}

/// <summary>
/// Transferability of adversarial examples (Liu, Chen, Liu &amp; Song 2017): examples crafted by FGSM and PGD on one
/// architecture fool another trained on the same data, the white-box success on the diagonal of a source × target
/// matrix and the black-box transfers off it.
/// </summary>
public sealed partial class Transferability : Experiment<TransferabilityOptions>
{
    public override string Id => "transferability";
    public override string Title => "Transferability of adversarial examples between architectures";
    public override Topic Topic => Topic.Adversarial;
    public override IReadOnlyList<string> Papers => ["liu2017delving", "madry2018towards", "goodfellow2015explaining", "lecun1998gradient", "he2016deep"];

    public override string Summary =>
        "Trains softmax regression, a ReLU perceptron, LeNet-5 and a small ResNet on the same MNIST pixels in [0, 1], crafts FGSM and PGD examples at ℓ∞ ε = 0.3 on each " +
        "and measures, for every target, the share of its correctly classified held-out digits that each source's examples fool (Liu et al. 2017's non-targeted transfer): " +
        "a 4 × 4 matrix per attack whose diagonal is the white-box attack.";

    public override TransferabilityOptions Quick => Defaults with
    {
        Epochs = 1,
        Hidden = [64],
        ResNetWidth = 4,
        PgdSteps = 10,
        PgdStepSize = 0.04,
        Images = 100,
    };

    /// <summary>The four networks' training, then on each source one FGSM pass and PGD's steps (forward and backward) and every target's forward passes.</summary>
    public override CostEstimate EstimateCost(TransferabilityOptions o)
    {
        long train = Datasets.TestSplitTrainCount;
        double[] perExample = [.. Architectures(o).Select(a => (double)a.MultiplyAddsPerExample)];
        double all = perExample.Sum();
        double training = o.Epochs * train * 3.0 * all;
        double attacks = perExample.Sum(source => o.Images * (3.0 * source * (o.PgdSteps + 2) + 2 * all));
        return new CostEstimate(o.Epochs * train * perExample.Length, "training examples",
            TimeSpan.FromSeconds((training + attacks) * CostCalibration.Transferability.SecondsPerMultiplyAdd));
    }

    public override ExperimentResult Run(TransferabilityOptions o, RunContext context) => Present(o, Measure(o, context));

    /// <summary>The four architectures, in the order of the matrices' rows and columns.</summary>
    private static SequentialSpec[] Architectures(TransferabilityOptions o) =>
    [
        Perceptron.Classifier("softmax regression", [1, 28, 28], [], 10, Activations.Relu),
        Perceptron.Classifier($"{o.Hidden.Length + 1}-layer ReLU perceptron", [1, 28, 28], o.Hidden, 10, Activations.Relu),
        LeNet.Five(),
        ResNet.Cifar([1, 28, 28], o.ResNetDepth, o.ResNetWidth),
    ];

    /// <summary>One trained network.</summary>
    private sealed record Network(string Name, long Parameters, double CleanAccuracy);

    /// <summary>One attack's transfers: [source, target] counts over the attacked images, and each target's accuracy on each source's examples.</summary>
    private sealed record Matrix(string Attack, TransferSuccess[,] Success, double[,] Accuracy);

    /// <summary>What a run measures.</summary>
    private sealed record Measurement(string Dataset, int TrainCount, int TestCount, int Images, Network[] Networks, Matrix Fgsm, Matrix Pgd);

    private static Measurement Measure(TransferabilityOptions o, RunContext context)
    {
        var device = TorchSetup.Prepare(context.Device);
        using var threads = IntraOpThreads.Use(o.Runtime.Threads);
        using var scope = NewDisposeScope();
        var data = Datasets.Load(o.Dataset, context.Data, context.Seed);
        var (trainPixels, trainLabels) = data.Train.ToTensors(device);
        var (testPixels, testLabels) = data.Test.ToTensors(device);
        var space = InputSpace.UnitPixels;
        var specs = Architectures(o);
        int images = (int)Math.Min(o.Images, testPixels.shape[0]);
        var x = testPixels[..images];
        var y = testLabels[..images];

        using var task = context.Progress.Start("networks trained and attacked", 2L * specs.Length);
        var models = new List<nn.Module<Tensor, Tensor>>();
        var networks = new List<Network>();
        try
        {
            foreach (var spec in specs)
            {
                models.Add(PixelClassifier.Train(spec, spec.Name, trainPixels, trainLabels, space, o.Epochs, o.BatchSize, o.LearningRate, context, device));
                networks.Add(new Network(spec.Name, spec.Parameters, PixelClassifier.Accuracy(models[^1], space, testPixels, testLabels)));
                task.Advance(1, $"{spec.Name}: held-out accuracy {networks[^1].CleanAccuracy:P1}");
            }
            int n = specs.Length;
            var fgsm = new Matrix("FGSM", new TransferSuccess[n, n], new double[n, n]);
            var pgd = new Matrix("PGD", new TransferSuccess[n, n], new double[n, n]);
            var fgsmThreat = ThreatModel.Fgsm(o.Epsilon, space: space);
            var pgdThreat = Pgd(o, space);
            for (int source = 0; source < n; source++)
            {
                using var generator = context.TorchGenerator($"{specs[source].Name} PGD starts");
                Tensor[] fgsmExamples = [], pgdExamples = [];
                for (int start = 0; start < images; start += AttackChunk)
                {
                    context.Cancellation.ThrowIfCancellationRequested();
                    var chunkX = x[start..Math.Min(start + AttackChunk, images)];
                    var chunkY = y[start..Math.Min(start + AttackChunk, images)];
                    fgsmExamples = [.. fgsmExamples, Analysis.Adversarial.Fgsm.Attack(models[source], fgsmThreat, chunkX, chunkY)];
                    pgdExamples = [.. pgdExamples, Analysis.Adversarial.Pgd.Attack(models[source], pgdThreat, chunkX, chunkY, generator)];
                }
                using var fgsmAll = cat(fgsmExamples, 0);
                using var pgdAll = cat(pgdExamples, 0);
                for (int target = 0; target < n; target++)
                {
                    Score(fgsm, source, target, models[target], space, x, fgsmAll, y);
                    Score(pgd, source, target, models[target], space, x, pgdAll, y);
                }
                foreach (var t in fgsmExamples.Concat(pgdExamples)) t.Dispose();
                task.Advance(1, $"{specs[source].Name}: PGD fools {pgd.Success[source, source].Rate:P1} white-box");
            }
            return new Measurement(o.Dataset, data.Train.Count, data.Test.Count, images, [.. networks], fgsm, pgd);
        }
        finally
        {
            foreach (var model in models) model.Dispose();
        }
    }

    /// <summary>Madry et al.'s MNIST PGD with the options' steps and step size, from a random start.</summary>
    private static ThreatModel Pgd(TransferabilityOptions o, InputSpace space) =>
        new(PerturbationNorm.Linf, o.Epsilon) { Space = space, Steps = o.PgdSteps, StepSize = o.PgdStepSize, RandomStart = true };

    /// <summary>Images attacked at once, so that PGD's graphs stay small.</summary>
    private const int AttackChunk = 500;

    private static void Score(Matrix matrix, int source, int target, nn.Module<Tensor, Tensor> model, InputSpace space, Tensor clean, Tensor adversarial, Tensor labels)
    {
        matrix.Success[source, target] = Transfer.Success(model, space, clean, adversarial, labels);
        matrix.Accuracy[source, target] = PixelClassifier.Accuracy(model, space, adversarial, labels);
    }
}

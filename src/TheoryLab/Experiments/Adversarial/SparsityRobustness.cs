using TheoryLab.Analysis.Adversarial;
using TheoryLab.Data;
using TheoryLab.Kernel;
using TheoryLab.Models.ConvNets;
using TheoryLab.Models.MeanField;
using TheoryLab.Numerics;
using TheoryLab.Options;
using TheoryLab.Torch;
using TheoryLab.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Experiments.Adversarial;

/// <summary>
/// Options of <see cref="SparsityRobustness"/>. Defaults: Gopalakrishnan et al.'s MNIST setting scaled to this machine:
/// MNIST's 10,000 test images (the only MNIST split here) split 8,000 for training and 2,000 held out, of which the
/// first 500 are attacked (so that the defaults fit in five minutes); a Haar wavelet front end (they used Daubechies wavelets) keeping K of the 784 coefficients;
/// 10-class softmax regression (they also trained a 3-versus-7 linear SVM) and a 784–256–10 ReLU perceptron (they used
/// a CNN), each trained on front-ended images; FGSM and PGD through the front end at ℓ∞ budgets including theirs
/// (0.12 for the linear classifier, 0.25 for the network).
/// </summary>
public sealed record SparsityRobustnessOptions
{
    [Option("MNIST-family set whose 10,000 test images are split 8,000 for training and 2,000 held out (the training files are not on this machine).",
        Choices = ["mnist-t10k", "fashion-mnist-t10k", "kmnist-t10k"])]
    public string Dataset { get; init; } = "mnist-t10k";

    [Option("The orthonormal basis the front end sparsifies in: the Haar wavelet (Daubechies' first; the paper used Daubechies wavelets) or the 2-D DCT.", Choices = ["haar", "dct"])]
    public string Basis { get; init; } = "haar";

    [Option("Coefficients K kept per image, of N = 784 (the paper: K/N = 2 % for the linear SVM, 3 % for the CNN); the classifiers without front end are shown at K = N.", Min = 1, Max = 783, Unit = "coefficients")]
    public int[] Keep { get; init; } = [8, 16, 24, 50, 100, 200];

    [Option("ℓ∞ budgets ε of FGSM and PGD, in pixels of [0, 1] (the paper: 0.12 against the linear SVM, 0.25 against the CNN).", Min = 0, Max = 1)]
    public double[] Epsilons { get; init; } = [0.05, 0.12, 0.25];

    [Option("Widths of the perceptron's hidden ReLU layers (the paper's nonlinear classifier was a CNN).", Min = 1, Max = 4096, Unit = "units")]
    public int[] Hidden { get; init; } = [256];

    [Option("Passes of Adam over the 8,000 training images for each classifier at each K.", Min = 1, Max = 1000, Unit = "epochs")]
    public int Epochs { get; init; } = 10;

    [Option("Examples per mini-batch.", Min = 1, Max = 8000)]
    public int BatchSize { get; init; } = 100;

    [Option("Adam's step size η.", Min = 1e-6, Max = 1)]
    public double LearningRate { get; init; } = 1e-3;

    [Option("PGD's signed steps, from a uniform random start in the ε-ball.", Min = 1, Max = 1000, Unit = "steps")]
    public int PgdSteps { get; init; } = 20;

    [Option("PGD's step size as a multiple of ε / steps (2.5: the steps could cross the ball's diameter 1.25 times).", Min = 0.1, Max = 100)]
    public double PgdStepFactor { get; init; } = 2.5;

    [Option("Held-out images attacked and whose margin gradients are measured, the first of the 2,000.", Min = 10, Max = 2000, Unit = "images")]
    public int AttackImages { get; init; } = 500;

    [OptionGroup]
    public ThreadOptions Runtime { get; init; } = new();
}

/// <summary>
/// A sparsifying front end against ℓ∞ attacks (Gopalakrishnan, Marzi, Cekic, Madhow &amp; Pedarsani 2018): keeping the
/// K largest coefficients of each image in an orthonormal basis before a classifier shrinks the most an ℓ∞ budget ε can
/// move its margin, from ε‖w‖₁ to ε‖P_K w‖₁ for a linear classifier, and so raises the accuracy left under FGSM and PGD
/// that differentiate through the front end (the paper's locally linear, semi-white-box attack).
/// </summary>
public sealed partial class SparsityRobustness : Experiment<SparsityRobustnessOptions>
{
    public override string Id => "sparsity-robustness";
    public override string Title => "Sparsifying front ends against ℓ∞ attacks";
    public override Topic Topic => Topic.Adversarial;
    public override IReadOnlyList<string> Papers => ["gopalakrishnan2018combating", "marzi2018sparsity", "goodfellow2015explaining", "madry2018towards"];

    public override string Summary =>
        "Trains softmax regression and a ReLU perceptron on MNIST images passed through a front end that keeps each image's K largest coefficients in a Haar " +
        "wavelet (or DCT) basis, x ↦ Ψᵀ top_K(Ψ x) (Gopalakrishnan et al. 2018), and attacks them with FGSM and PGD differentiating through the front end: " +
        "accuracy under ℓ∞ attack against K for each ε, beside the classifiers without front end, and the margin's local ℓ∞ Lipschitz constant ‖∇ₓ m‖₁, " +
        "which the front end shrinks by the factor ‖P_S g‖₁ / ‖g‖₁, against the random-subspace scale √(K/N).";

    public override SparsityRobustnessOptions Quick => Defaults with
    {
        Keep = [16, 50],
        Epsilons = [0.12, 0.25],
        Hidden = [64],
        Epochs = 2,
        PgdSteps = 5,
        AttackImages = 200,
    };

    /// <summary>Per classifier and K: the front end on the training images once, training passes, and per attacked image the attacks' forward and backward passes.</summary>
    public override CostEstimate EstimateCost(SparsityRobustnessOptions o)
    {
        const int side = 28;
        double frontEnd = 4.0 * side * side * side;
        double[] models = [784 * 10, Perceptron(o).MultiplyAddsPerExample];
        int variants = o.Keep.Length + 1;
        long train = Datasets.TestSplitTrainCount;
        int images = Math.Min(o.AttackImages, 10_000 - Datasets.TestSplitTrainCount);
        // Each PGD step is a gradient (forward and backward) and a forward pass to judge it; FGSM one gradient; the margins two gradients.
        double passes = o.Epsilons.Length * (3.0 + 4.0 * o.PgdSteps) + 6;
        double multiplies = models.Sum(m => variants * (train * frontEnd + o.Epochs * train * 3.0 * m + images * passes * (m + frontEnd)));
        return new CostEstimate((long)(models.Length * variants * o.Epochs * train), "training examples",
            TimeSpan.FromSeconds(multiplies * CostCalibration.SparsityRobustness.SecondsPerMultiplyAdd));
    }

    public override ExperimentResult Run(SparsityRobustnessOptions o, RunContext context) => Present(o, Measure(o, context));

    /// <summary>One classifier at one K (K = N: no front end).</summary>
    /// <param name="Clean">Accuracy on the attacked held-out images, clean.</param>
    /// <param name="Fgsm">Accuracy under FGSM at each ε of <see cref="Measurement.Epsilons"/>.</param>
    /// <param name="Pgd">Accuracy under PGD at each ε.</param>
    /// <param name="Lipschitz">Mean over the images of ‖∇ₓ m‖₁ through the front end, the margin m against the runner-up class.</param>
    /// <param name="Shrinkage">Mean over the images of ‖∇ₓ m‖₁ / ‖g‖₁, g the classifier's own margin gradient at the front end's output: the factor ‖P_S g‖₁ / ‖g‖₁ (1 without front end).</param>
    private sealed record Point(int Keep, double Clean, double[] Fgsm, double[] Pgd, double Lipschitz, double Shrinkage);

    /// <summary>A classifier's points, K increasing, the last at K = N without front end.</summary>
    private sealed record Classifier(string Name, long Parameters, Point[] Points);

    /// <summary>What a run measures.</summary>
    /// <param name="Keeps">The K of the points, increasing, N last.</param>
    /// <param name="EnergyKept">Mean over the attacked images of ‖front end(x)‖² / ‖x‖² at each K.</param>
    private sealed record Measurement(string Dataset, string Basis, int TrainCount, int Images, int Pixels, double[] Epsilons, int[] Keeps,
        double[] EnergyKept, Classifier[] Classifiers);

    private static Measurement Measure(SparsityRobustnessOptions o, RunContext context)
    {
        var device = TorchSetup.Prepare(context.Device);
        using var threads = IntraOpThreads.Use(o.Runtime.Threads);
        using var scope = NewDisposeScope();
        var data = Datasets.Load(o.Dataset, context.Data, context.Seed);
        var (trainPixels, trainLabels) = data.Train.ToTensors(device);
        var (testPixels, testLabels) = data.Test.ToTensors(device);
        int images = Math.Min(o.AttackImages, data.Test.Count);
        var (pixels, labels) = (testPixels[..images], testLabels[..images]);
        int side = (int)trainPixels.shape[^1], n = side * side;
        var basis = SeparableBasis.Named(o.Basis, side);
        int[] keeps = [.. o.Keep.Where(k => k < n).Distinct().Order(), n];
        double[] epsilons = [.. o.Epsilons.Distinct().Order()];
        SequentialSpec[] specs = [Softmax(), Perceptron(o)];

        using var task = context.Progress.Start("classifiers", specs.Length * keeps.Length);
        var energy = keeps.Select(keep => EnergyKept(basis, keep, n, pixels)).ToArray();
        var classifiers = new List<Classifier>();
        foreach (var spec in specs)
        {
            var points = new List<Point>();
            foreach (int keep in keeps)
            {
                context.Cancellation.ThrowIfCancellationRequested();
                points.Add(Attack(o, spec, keep < n ? new SparsifyingFrontEnd(basis, keep) : null, epsilons, trainPixels, trainLabels, pixels, labels, context, device));
                task.Advance(1, $"{spec.Name}, K = {keep}: clean {points[^1].Clean:P1}, PGD {points[^1].Pgd[^1]:P1} at ε = {epsilons[^1]}");
            }
            classifiers.Add(new Classifier(spec.Name, spec.Parameters, [.. points]));
        }
        return new Measurement(o.Dataset, basis.Name, data.Train.Count, images, n, epsilons, keeps, energy, [.. classifiers]);
    }

    /// <summary>
    /// One classifier trained on the front end's images (the same initial weights and batch order at every K), then
    /// attacked through the front end, and its margin gradients measured.
    /// </summary>
    private static Point Attack(SparsityRobustnessOptions o, SequentialSpec spec, SparsifyingFrontEnd? frontEnd, double[] epsilons,
        Tensor trainPixels, Tensor trainLabels, Tensor pixels, Tensor labels, RunContext context, Device device)
    {
        using var scope = NewDisposeScope();
        var space = InputSpace.UnitPixels;
        Tensor inputs;
        using (no_grad()) inputs = frontEnd is null ? trainPixels : frontEnd.call(trainPixels);
        var classifier = PixelClassifier.Train(spec, spec.Name, inputs, trainLabels, space, o.Epochs, o.BatchSize, o.LearningRate, context, device);
        using var model = frontEnd?.Before(classifier) ?? classifier;
        int keep = frontEnd?.Keep ?? (int)pixels[0].numel();
        using var generator = context.TorchGenerator($"{spec.Name} K = {keep} PGD starts");
        long clean = 0;
        var fgsm = new long[epsilons.Length];
        var pgd = new long[epsilons.Length];
        double lipschitz = 0, shrinkage = 0;
        using var tiny = 1e-30.ToScalar();
        for (int start = 0; start < pixels.shape[0]; start += AttackChunk)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            using var chunkScope = NewDisposeScope();
            long end = Math.Min(start + AttackChunk, pixels.shape[0]);
            var (x, y) = (pixels[start..(int)end], labels[start..(int)end]);
            clean += Correct(model, x, y);
            for (int e = 0; e < epsilons.Length; e++)
            {
                fgsm[e] += Correct(model, Fgsm.Attack(model, ThreatModel.Fgsm(epsilons[e], space: space), x, y), y);
                var threat = new ThreatModel(PerturbationNorm.Linf, epsilons[e])
                { Space = space, Steps = o.PgdSteps, StepSize = o.PgdStepFactor * epsilons[e] / o.PgdSteps, RandomStart = true };
                pgd[e] += Correct(model, Analysis.Adversarial.Pgd.Attack(model, threat, x, y, generator), y);
            }
            var through = MarginGradient.L1Norms(model, space, x, y);
            lipschitz += through.sum().AsDouble();
            if (frontEnd is null)
            {
                shrinkage += end - start;
                continue;
            }
            Tensor fronted;
            using (no_grad()) fronted = frontEnd.call(x);
            var after = MarginGradient.L1Norms(classifier, space, fronted, y);
            shrinkage += through.div(after.clamp_min(tiny)).sum().AsDouble();
        }
        double count = pixels.shape[0];
        return new Point(keep, clean / count, [.. fgsm.Select(c => c / count)], [.. pgd.Select(c => c / count)], lipschitz / count, shrinkage / count);
    }

    /// <summary>Images attacked at once, so that PGD's graphs stay small.</summary>
    private const int AttackChunk = 500;

    private static long Correct(nn.Module<Tensor, Tensor> model, Tensor pixels, Tensor labels)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        return model.call(pixels).argmax(1).eq(labels).sum().AsInt64();
    }

    /// <summary>Mean share ‖front end(x)‖² / ‖x‖² of the images' energy the K largest coefficients hold (Parseval), 1 at K = N.</summary>
    private static double EnergyKept(SeparableBasis basis, int keep, int n, Tensor pixels)
    {
        if (keep >= n) return 1;
        using var scope = NewDisposeScope();
        using var frontEnd = new SparsifyingFrontEnd(basis, keep);
        using var noGrad = no_grad();
        var kept = frontEnd.call(pixels).flatten(1).Squared().sum(1);
        return kept.div(pixels.flatten(1).Squared().sum(1)).mean().AsDouble();
    }

    private static SequentialSpec Softmax() => Models.ConvNets.Perceptron.Classifier("softmax regression", [1, 28, 28], [], 10, Activations.Relu);

    private static SequentialSpec Perceptron(SparsityRobustnessOptions o) =>
        Models.ConvNets.Perceptron.Classifier($"784–{string.Join("–", o.Hidden)}–10 ReLU perceptron", [1, 28, 28], o.Hidden, 10, Activations.Relu);
}

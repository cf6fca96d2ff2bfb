using TheoryLab.Analysis.Adversarial;
using TheoryLab.Data;
using TheoryLab.Kernel;
using TheoryLab.Models.ConvNets;
using TheoryLab.Models.MeanField;
using TheoryLab.Options;
using TheoryLab.Torch;
using TheoryLab.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Experiments.Adversarial;

/// <summary>
/// Options of <see cref="FgsmLinear"/>. Defaults: GSS's MNIST setting, ε = 0.25 on pixels in [0, 1], scaled to this
/// machine: MNIST's 10,000 test images (the only MNIST split here) split 8,000 for training and 2,000 attacked;
/// softmax regression and a 784–240–240–10 ReLU perceptron (GSS attacked a maxout network) trained by Adam for 10
/// epochs; the perceptron again with GSS's adversarial objective; a linear classifier on d = 10 … 10,000 inputs.
/// </summary>
public sealed record FgsmLinearOptions
{
    [Option("MNIST-family set whose 10,000 test images are split 8,000 for training and 2,000 held out and attacked (the training files are not on this machine).",
        Choices = ["mnist-t10k", "fashion-mnist-t10k", "kmnist-t10k"])]
    public string Dataset { get; init; } = "mnist-t10k";

    [Option("The budget ε of the headline attack and of adversarial training, in pixels of [0, 1] (GSS: 0.25 on MNIST).", Min = 0, Max = 1)]
    public double Epsilon { get; init; } = 0.25;

    [Option("Budgets of the sweep of adversarial error against ε (the headline ε is added when missing).", Min = 0, Max = 1)]
    public double[] Epsilons { get; init; } = [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3];

    [Option("Normalise inputs inside the model by the training pixels' mean and standard deviation; ε stays measured in pixels either way (GSS fed raw pixels).")]
    public bool Normalise { get; init; }

    [Option("Widths of the perceptron's hidden ReLU layers (GSS's maxout network had two layers of 240 units of 5 pieces).", Min = 1, Max = 4096, Unit = "units")]
    public int[] Hidden { get; init; } = [240, 240];

    [Option("Passes of Adam over the 8,000 training images for each model.", Min = 1, Max = 1000, Unit = "epochs")]
    public int Epochs { get; init; } = 10;

    [Option("Examples per mini-batch.", Min = 1, Max = 8000)]
    public int BatchSize { get; init; } = 100;

    [Option("Adam's step size η for every model.", Min = 1e-6, Max = 1)]
    public double LearningRate { get; init; } = 1e-3;

    [Option("Weight α of the clean loss in GSS's adversarial objective α J(x) + (1 − α) J(x + ε sign ∇ₓJ) (GSS: 0.5).", Min = 0, Max = 1)]
    public double CleanWeight { get; init; } = 0.5;

    [Option("Input dimensions d of the linear classifier of the dimension study.", Min = 1, Max = 100_000)]
    public int[] Dimensions { get; init; } = [10, 30, 100, 300, 1000, 3000, 10_000];

    [Option("FGSM's budget ε in the dimension study, on inputs uniform in [0, 1]^d (small, so the error's growth with d shows).", Min = 1e-6, Max = 1)]
    public double DimensionEpsilon { get; init; } = 0.01;

    [Option("Inputs drawn and attacked at each dimension.", Min = 10, Max = 100_000, Unit = "examples")]
    public int DimensionExamples { get; init; } = 1000;

    [Option("Passes of Adam over the training images for the LeNet-5 that PGD attacks (0 leaves the PGD study out).", Min = 0, Max = 1000, Unit = "epochs")]
    public int LenetEpochs { get; init; } = 10;

    [Option("PGD's ℓ∞ budget ε against LeNet-5 (Madry et al.'s MNIST setting: 0.3).", Min = 0, Max = 1)]
    public double PgdEpsilon { get; init; } = 0.3;

    [Option("PGD's steps (Madry et al.: 40).", Min = 1, Max = 10_000, Unit = "steps")]
    public int PgdSteps { get; init; } = 40;

    [Option("PGD's signed step size (Madry et al.: 0.01).", Min = 1e-6, Max = 1)]
    public double PgdStepSize { get; init; } = 0.01;

    [Option("PGD's starts, each uniform in the ε-ball; each example keeps its worst point (Madry et al. evaluate with 1, and up to 50 restarts).", Min = 1, Max = 100, Unit = "starts")]
    public int PgdRestarts { get; init; } = 1;

    [Option("Held-out images PGD attacks, the first of the 2,000.", Min = 1, Max = 10_000, Unit = "images")]
    public int PgdImages { get; init; } = 2000;

    [Option("Held-out digits shown clean, as perturbation and adversarial.", Min = 1, Max = 32, Unit = "images")]
    public int SheetImages { get; init; } = 8;

    [OptionGroup]
    public ThreadOptions Runtime { get; init; } = new();
}

/// <summary>
/// The linear explanation of adversarial examples (Goodfellow, Shlens &amp; Szegedy 2015): FGSM's one step of ε sign ∇ₓJ
/// fools softmax regression and a perceptron on MNIST at ε = 0.25; the error grows with ε; on a linear classifier the
/// logit moves by exactly ε‖w‖₁, which grows like the input dimension d while the clean margin grows like √d; and
/// training on FGSM's examples lowers the adversarial error.
/// </summary>
public sealed partial class FgsmLinear : Experiment<FgsmLinearOptions>
{
    /// <summary>Magnitude m of every weight of the dimension study's linear classifier: ‖w‖₁ = m d. Margins stay within a few m √(d/12), below 30 up to d = 10⁵, so the softmax never rounds to 1 in double precision (that takes a margin of about 37) and FGSM's gradient keeps its sign.</summary>
    private const double DimensionWeight = 0.1;

    public override string Id => "fgsm-linear";
    public override string Title => "FGSM and the linear explanation of adversarial examples";
    public override Topic Topic => Topic.Adversarial;
    public override IReadOnlyList<string> Papers => ["goodfellow2015explaining", "madry2018towards", "lecun1998gradient"];

    public override string Summary =>
        "Trains softmax regression and a ReLU perceptron on MNIST pixels in [0, 1] and attacks the held-out digits with the fast gradient sign method " +
        "x + ε sign ∇ₓJ (Goodfellow, Shlens & Szegedy 2015): adversarial error and the confidence of the wrong predictions at ε = 0.25, error against ε, " +
        "the perceptron retrained with GSS's adversarial objective α J(x) + (1 − α) J(x_adv), and a linear classifier on d-dimensional inputs whose logit " +
        "FGSM moves by exactly ε‖w‖₁, growing like d while the margin grows like √d, against the closed forms; and a LeNet-5 under Madry et al.'s PGD (40 steps of 0.01 from a random start at ε = 0.3) beside FGSM.";

    public override FgsmLinearOptions Quick => Defaults with
    {
        Epsilons = [0, 0.1, 0.25],
        Hidden = [64],
        Epochs = 1,
        Dimensions = [10, 100, 1000],
        DimensionExamples = 200,
        SheetImages = 4,
        LenetEpochs = 1,
        PgdImages = 100,
    };

    /// <summary>Three trainings (the adversarial one costing two passes more per step), a forward and backward pass per ε per model, and the dimension study's matrices.</summary>
    public override CostEstimate EstimateCost(FgsmLinearOptions o)
    {
        long train = Datasets.TestSplitTrainCount, test = 10_000 - Datasets.TestSplitTrainCount;
        double perceptron = Perceptron(o).MultiplyAddsPerExample, softmax = 784 * 10;
        double training = o.Epochs * train * 3.0 * (softmax + perceptron + 3 * perceptron);
        double attacks = (o.Epsilons.Length + 1) * test * 3.0 * (softmax + 2 * perceptron)
            + Math.Min(o.PgdImages, test) * (o.PgdSteps + 2.0) * o.PgdRestarts * 3.0 * (softmax + 2 * perceptron);
        double dimensions = o.Dimensions.Sum(d => (double)d) * o.DimensionExamples * 6;
        double lenet = LeNet.Five().MultiplyAddsPerExample * 3.0 * (o.LenetEpochs * train + (o.LenetEpochs > 0 ? Math.Min(o.PgdImages, test) * (o.PgdSteps + 2.0) * o.PgdRestarts : 0));
        double multiplies = training + attacks + dimensions + lenet;
        return new CostEstimate((long)(o.Epochs * train * 3), "training examples", TimeSpan.FromSeconds(multiplies * CostCalibration.FgsmLinear.SecondsPerMultiplyAdd));
    }

    public override ExperimentResult Run(FgsmLinearOptions o, RunContext context) => Present(o, Measure(o, context));

    /// <summary>One classifier under FGSM.</summary>
    /// <param name="Error">Held-out error after FGSM at each ε of <see cref="Measurement.Epsilons"/> (ε = 0 is the clean error).</param>
    /// <param name="Confidence">Mean probability the model gives its (wrong) prediction over the misclassified adversarial examples at each ε; NaN where none is misclassified.</param>
    /// <param name="PgdError">Error under PGD at the headline ε (the PGD options' steps, step size, random start and restarts) on the first <see cref="FgsmLinearOptions.PgdImages"/> held-out images.</param>
    /// <param name="FgsmErrorOnPgdImages">FGSM's error at the headline ε on those same images, beside it.</param>
    private sealed record Attacked(string Name, long Parameters, double[] Error, double[] Confidence, double PgdError, double FgsmErrorOnPgdImages);

    /// <summary>FGSM on a linear classifier with weights of magnitude m on inputs uniform in [0, 1]^d, unclipped.</summary>
    /// <param name="ClosedForm">ε‖w‖₁, the change of the logit difference the closed form gives.</param>
    /// <param name="MeanChange">The measured change of the true class's logit margin, mean over the examples.</param>
    /// <param name="LargestDeviation">The largest |change / ε‖w‖₁ − 1| over the examples.</param>
    /// <param name="MarginScale">The standard deviation of the clean margin, m √(d/12).</param>
    /// <param name="Error">Share of the examples whose prediction FGSM flips (all are correct before: labels are the classifier's own).</param>
    private sealed record DimensionPoint(int Dimension, double ClosedForm, double MeanChange, double LargestDeviation, double MarginScale, double Error);

    /// <summary>The held-out digits of the image sheet under FGSM at the headline ε on softmax regression.</summary>
    private sealed record Sheet(float[][] Clean, float[][] Adversarial, int[] Labels, int[] CleanPredictions, int[] AdversarialPredictions);

    /// <summary>LeNet-5's held-out accuracy, clean and under FGSM and PGD at the same ε (<see cref="FgsmLinearOptions.PgdEpsilon"/>), on the attacked images.</summary>
    private sealed record Robustness(long Parameters, int Images, double Clean, double Fgsm, double Pgd);

    /// <summary>What a run measures.</summary>
    /// <param name="Epsilons">The swept budgets, increasing, the headline ε among them.</param>
    /// <param name="Models">Softmax regression, the perceptron and the adversarially trained perceptron.</param>
    private sealed record Measurement(string Dataset, int TrainCount, int TestCount, InputSpace Space, double[] Epsilons,
        Attacked[] Models, DimensionPoint[] Dimensions, Sheet Sheet, Robustness? Lenet);

    private static Measurement Measure(FgsmLinearOptions o, RunContext context)
    {
        var device = TorchSetup.Prepare(context.Device);
        using var threads = IntraOpThreads.Use(o.Runtime.Threads);
        using var scope = NewDisposeScope();
        var data = Datasets.Load(o.Dataset, context.Data, context.Seed);
        var (trainPixels, trainLabels) = data.Train.ToTensors(device);
        var (testPixels, testLabels) = data.Test.ToTensors(device);
        var space = Space(o, data.Train);
        double[] epsilons = [.. o.Epsilons.Append(o.Epsilon).Distinct().Order()];

        using var task = context.Progress.Start("stages", 3 + o.Dimensions.Length + (o.LenetEpochs > 0 ? 1 : 0));
        var softmax = Train(o, Softmax(), "softmax regression", trainPixels, trainLabels, space, adversarial: false, context, device);
        var models = new List<Attacked> { Sweep(o, "softmax regression", softmax, Softmax(), space, epsilons, testPixels, testLabels, context) };
        task.Advance(1, $"softmax regression: FGSM error {models[^1].Error[^1]:P1} at ε = {epsilons[^1]}");
        foreach (bool adversarial in new[] { false, true })
        {
            string name = adversarial ? "perceptron, adversarially trained" : "perceptron";
            using var network = Train(o, Perceptron(o), name, trainPixels, trainLabels, space, adversarial, context, device);
            models.Add(Sweep(o, name, network, Perceptron(o), space, epsilons, testPixels, testLabels, context));
            task.Advance(1, $"{name}: FGSM error {models[^1].Error[^1]:P1} at ε = {epsilons[^1]}");
        }
        var sheet = SheetOf(o, softmax, space, testPixels, testLabels);
        softmax.Dispose();

        var dimensions = new List<DimensionPoint>();
        foreach (int d in o.Dimensions)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            dimensions.Add(DimensionStudy(o, d, context));
            task.Advance(1, $"d = {d}: FGSM flips {dimensions[^1].Error:P1}");
        }
        Robustness? lenet = null;
        if (o.LenetEpochs > 0)
        {
            lenet = LenetStudy(o, trainPixels, trainLabels, testPixels, testLabels, space, context, device);
            task.Advance(1, $"LeNet-5: PGD leaves {lenet.Pgd:P1}, FGSM {lenet.Fgsm:P1}");
        }
        return new Measurement(o.Dataset, data.Train.Count, data.Test.Count, space, epsilons, [.. models], [.. dimensions], sheet, lenet);
    }

    /// <summary>Pixels in [0, 1], clipped; with normalisation, the model sees them standardised by the training pixels' mean and deviation.</summary>
    private static InputSpace Space(FgsmLinearOptions o, LabeledData train)
    {
        if (!o.Normalise) return InputSpace.UnitPixels;
        double mean = train.Inputs.Average(x => (double)x);
        double std = Math.Sqrt(train.Inputs.Average(x => (x - mean) * (x - mean)));
        return InputSpace.UnitPixels with { Mean = mean, Std = std };
    }

    private static SequentialSpec Softmax() => Models.ConvNets.Perceptron.Classifier("softmax regression", [1, 28, 28], [], 10, Activations.Relu);

    private static SequentialSpec Perceptron(FgsmLinearOptions o) =>
        Models.ConvNets.Perceptron.Classifier($"{o.Hidden.Length + 1}-layer ReLU perceptron", [1, 28, 28], o.Hidden, 10, Activations.Relu);

    /// <summary>
    /// A standard LeNet-5 trained on the same images, then Madry et al.'s PGD and FGSM at the same ε on the first held-out images.
    /// </summary>
    private static Robustness LenetStudy(FgsmLinearOptions o, Tensor trainPixels, Tensor trainLabels, Tensor testPixels, Tensor testLabels,
        InputSpace space, RunContext context, Device device)
    {
        var spec = LeNet.Five();
        using var network = Train(o with { Epochs = o.LenetEpochs }, spec, "LeNet-5", trainPixels, trainLabels, space, adversarial: false, context, device);
        var (clean, fgsm, pgd) = Iterative(o, o.PgdEpsilon, network, space, testPixels, testLabels, context, "PGD starts");
        return new Robustness(spec.Parameters, (int)Math.Min(o.PgdImages, testPixels.shape[0]), clean, fgsm, pgd);
    }

    /// <summary>
    /// Accuracy on the first <see cref="FgsmLinearOptions.PgdImages"/> held-out images, clean, under FGSM and under
    /// PGD at <paramref name="epsilon"/>, attacked in chunks so that the steps' graphs stay small.
    /// </summary>
    private static (double Clean, double Fgsm, double Pgd) Iterative(FgsmLinearOptions o, double epsilon, nn.Module<Tensor, Tensor> model, InputSpace space,
        Tensor testPixels, Tensor testLabels, RunContext context, string purpose)
    {
        int images = (int)Math.Min(o.PgdImages, testPixels.shape[0]);
        var pgd = new ThreatModel(PerturbationNorm.Linf, epsilon) { Space = space, Steps = o.PgdSteps, StepSize = o.PgdStepSize, RandomStart = true, Restarts = o.PgdRestarts };
        var fgsm = ThreatModel.Fgsm(epsilon, space: space);
        using var generator = context.TorchGenerator(purpose);
        long clean = 0, afterFgsm = 0, afterPgd = 0;
        for (int start = 0; start < images; start += AttackChunk)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var x = testPixels[start..Math.Min(start + AttackChunk, images)];
            var y = testLabels[start..Math.Min(start + AttackChunk, images)];
            clean += Correct(model, space, x, y);
            afterFgsm += Correct(model, space, Fgsm.Attack(model, fgsm, x, y), y);
            afterPgd += Correct(model, space, Pgd.Attack(model, pgd, x, y, generator), y);
        }
        return ((double)clean / images, (double)afterFgsm / images, (double)afterPgd / images);
    }

    /// <summary>Images attacked at once by the PGD study.</summary>
    private const int AttackChunk = 500;

    private static long Correct(nn.Module<Tensor, Tensor> model, InputSpace space, Tensor pixels, Tensor labels)
    {
        using var noGrad = no_grad();
        return space.Logits(model, pixels).argmax(1).eq(labels).sum().AsInt64();
    }

    /// <summary>
    /// A model trained by Adam on cross-entropy through the input space, or on GSS's adversarial objective
    /// α J(x) + (1 − α) J(FGSM(x)) with FGSM's example recomputed from the current weights at every step.
    /// </summary>
    private static nn.Module<Tensor, Tensor> Train(FgsmLinearOptions o, SequentialSpec spec, string purpose, Tensor pixels, Tensor labels,
        InputSpace space, bool adversarial, RunContext context, Device device)
    {
        var threat = ThreatModel.Fgsm(o.Epsilon, space: space);
        LossFunction? objective = adversarial
            ? (m, batch) =>
            {
                using Scalar clean = o.CleanWeight.ToScalar(), attacked = (1 - o.CleanWeight).ToScalar();
                return PixelClassifier.CrossEntropy(m, space, batch.Inputs, batch.Targets!).mul(clean)
                    .Plus(PixelClassifier.CrossEntropy(m, space, Fgsm.Attack(m, threat, batch.Inputs, batch.Targets!), batch.Targets!).mul(attacked));
            }
            : null;
        return PixelClassifier.Train(spec, purpose, pixels, labels, space, o.Epochs, o.BatchSize, o.LearningRate, context, device, objective);
    }

    /// <summary>The model's held-out error and wrong-prediction confidence under FGSM at every ε, and its error under PGD and FGSM at the headline ε.</summary>
    private static Attacked Sweep(FgsmLinearOptions o, string name, nn.Module<Tensor, Tensor> model, SequentialSpec spec, InputSpace space, double[] epsilons,
        Tensor pixels, Tensor labels, RunContext context)
    {
        var error = new double[epsilons.Length];
        var confidence = new double[epsilons.Length];
        for (int k = 0; k < epsilons.Length; k++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var adversarial = Fgsm.Attack(model, ThreatModel.Fgsm(epsilons[k], space: space), pixels, labels);
            (error[k], confidence[k]) = Score(model, space, adversarial, labels);
        }
        var (_, fgsm, pgd) = Iterative(o, o.Epsilon, model, space, pixels, labels, context, $"{name} PGD starts");
        return new Attacked(name, spec.Parameters, error, confidence, 1 - pgd, 1 - fgsm);
    }

    /// <summary>The error, and the mean probability of the predicted class over the misclassified examples (NaN when there are none).</summary>
    private static (double Error, double Confidence) Score(nn.Module<Tensor, Tensor> model, InputSpace space, Tensor pixels, Tensor labels)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var probabilities = nn.functional.softmax(space.Logits(model, pixels), 1);
        var (top, predicted) = probabilities.max(1);
        var wrong = predicted.ne(labels);
        long misclassified = wrong.sum().AsInt64();
        double confidence = misclassified == 0 ? double.NaN : top.masked_select(wrong).to(ScalarType.Float64).mean().AsDouble();
        return ((double)misclassified / labels.shape[0], confidence);
    }

    private static Sheet SheetOf(FgsmLinearOptions o, nn.Module<Tensor, Tensor> model, InputSpace space, Tensor pixels, Tensor labels)
    {
        using var scope = NewDisposeScope();
        int n = (int)Math.Min(o.SheetImages, pixels.shape[0]);
        var clean = pixels[..n];
        var adversarial = Fgsm.Attack(model, ThreatModel.Fgsm(o.Epsilon, space: space), clean, labels[..n]);
        int[] Predict(Tensor x)
        {
            using var noGrad = no_grad();
            return [.. space.Logits(model, x).argmax(1).data<long>().Select(p => (int)p)];
        }
        float[][] Images(Tensor x) => [.. Enumerable.Range(0, n).Select(i => x[i].flatten().data<float>().ToArray())];
        return new Sheet(Images(clean), Images(adversarial), [.. labels[..n].data<long>().Select(l => (int)l)], Predict(clean), Predict(adversarial));
    }

    /// <summary>
    /// A linear classifier whose logit difference is w·(x − ½) with every |wᵢ| = m and random signs, on inputs uniform
    /// in [0, 1]^d labelled by its own predictions, attacked by FGSM without clipping: each margin should fall by ε‖w‖₁ = ε m d.
    /// </summary>
    private static DimensionPoint DimensionStudy(FgsmLinearOptions o, int d, RunContext context)
    {
        using var scope = NewDisposeScope();
        using var generator = context.TorchGenerator($"dimension {d}");
        using Scalar one = 1.ToScalar(), two = 2.ToScalar(), weight = DimensionWeight.ToScalar();
        var signs = randint(0, 2, [d], dtype: ScalarType.Float64, generator: generator).mul(two).sub(one);
        var w = signs.mul(weight);
        using var model = SignedLinear(w);
        var x = rand([o.DimensionExamples, d], dtype: ScalarType.Float64, generator: generator);
        Tensor Margins(Tensor inputs, Tensor y)
        {
            using var noGrad = no_grad();
            var logits = model.call(inputs);
            return logits.gather(1, y.unsqueeze(1)).squeeze(1).sub(logits.gather(1, y.neg().Plus(one).unsqueeze(1)).squeeze(1));
        }
        Tensor labels;
        using (no_grad()) labels = model.call(x).argmax(1);
        var threat = ThreatModel.Fgsm(o.DimensionEpsilon, space: InputSpace.Unbounded);
        var adversarial = Fgsm.Attack(model, threat, x, labels);
        double closedForm = o.DimensionEpsilon * w.abs().sum().AsDouble();
        var change = Margins(x, labels).sub(Margins(adversarial, labels));
        using var predicted = closedForm.ToScalar();
        double deviation = change.div(predicted).sub(one).abs().max().AsDouble();
        double error;
        using (no_grad()) error = model.call(adversarial).argmax(1).ne(labels).to(ScalarType.Float64).mean().AsDouble();
        return new DimensionPoint(d, closedForm, change.mean().AsDouble(), deviation, DimensionWeight * Math.Sqrt(d / 12.0), error);
    }

    /// <summary>Two logits ∓(w·x − Σw/2)/2, whose difference (class 1 minus class 0) is w·(x − ½).</summary>
    private static nn.Module<Tensor, Tensor> SignedLinear(Tensor w)
    {
        var linear = nn.Linear(w.shape[0], 2, dtype: ScalarType.Float64);
        using var noGrad = no_grad();
        using Scalar minusTwo = (-2).ToScalar(), two = 2.ToScalar();
        linear.weight!.copy_(stack([w.div(minusTwo), w.div(two)]));
        double half = w.sum().AsDouble() / 4;
        linear.bias!.copy_(tensor(new[] { half, -half }, dtype: ScalarType.Float64));
        return linear;
    }
}

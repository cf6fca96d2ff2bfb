using TheoryLab.Analysis.SampleQuality;
using TheoryLab.Data;
using TheoryLab.Data.Toy;
using TheoryLab.Kernel;
using TheoryLab.Models.FullyConnected;
using TheoryLab.Models.Generative;
using TheoryLab.Models.Initialisation;
using TheoryLab.Models.MeanField;
using TheoryLab.Numerics.Statistics;
using TheoryLab.Options;
using TheoryLab.Torch;
using TheoryLab.Training;
using TheoryLab.Training.Gans;
using TheoryLab.Training.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Experiments.Generative;

/// <summary>
/// Options of <see cref="Gan"/>. Defaults: the ring of 8 and the grid of 25 Gaussians, MLP generator and discriminator
/// of two hidden layers of 128 ReLU units, both generator losses, 2,500 samples judged at 20 points of training; then a
/// scaled-down DCGAN on MNIST's 10,000 test images (8,000 for training) judged by a Fréchet distance in the features
/// of a classifier trained on the real images.
/// </summary>
public sealed record GanOptions
{
    [Option("Targets in the plane: ring, 8 Gaussians of σ = 0.02 on a circle of radius 2 (Metz et al. 2017); grid, 25 Gaussians of σ = 0.05 on a 5 × 5 lattice of spacing 2 (Srivastava et al. 2017, Lin et al. 2018).",
        Choices = ["ring", "grid"])]
    public string[] Layouts { get; init; } = ["ring", "grid"];

    [Option("Generator losses: non-saturating, −log D(G(z)) (what Goodfellow et al. train with); minimax, log(1 − D(G(z))) (the game's own term).",
        Choices = ["non-saturating", "minimax"])]
    public string[] Losses { get; init; } = ["non-saturating", "minimax"];

    [Option("Alternating steps (one discriminator update, then one generator update) of each 2-D GAN; the papers train for tens of thousands, scaled down for a 2-core CPU.", Min = 1, Max = 10_000_000, Unit = "steps")]
    public int PlanarSteps { get; init; } = 5000;

    [Option("Real samples and latent codes per step of the 2-D GANs (fresh draws from the target every step).", Min = 2, Max = 65_536)]
    public int PlanarBatchSize { get; init; } = 256;

    [Option("Dimension of the 2-D generator's latent code z ~ N(0, I).", Min = 1, Max = 1024)]
    public int PlanarLatent { get; init; } = 16;

    [Option("Units in each of the two hidden ReLU layers of the 2-D generator and discriminator (Metz et al.: 128).", Min = 1, Max = 4096, Unit = "units")]
    public int PlanarHidden { get; init; } = 128;

    [Option("Adam's step η for both 2-D networks (β₁ = 0.5, β₂ = 0.999).", Min = 1e-6, Max = 1)]
    public double PlanarLearningRate { get; init; } = 1e-3;

    [Option("Generator samples judged at each evaluation (Srivastava et al. judge 2,500).", Min = 10, Max = 1_000_000, Unit = "samples")]
    public int PlanarSamples { get; init; } = 2500;

    [Option("A mode is hit when at least this many of the judged samples lie within 3σ of it (and nearer it than any other mode); stray samples below it do not count as covering a mode.", Min = 1, Max = 1_000_000, Unit = "samples")]
    public int ModeHitThreshold { get; init; } = 10;

    [Option("Evaluations of each 2-D GAN, evenly spaced from step 0 to the last.", Min = 1, Max = 1000, Unit = "evaluations")]
    public int PlanarEvaluations { get; init; } = 20;

    [Option("28 × 28 image set of the DCGAN study (a -t10k set trains on 8,000 of the 10,000 test images, the only MNIST images on some machines, and holds out the rest); none skips the study.",
        Choices = ["mnist-t10k", "fashion-mnist-t10k", "kmnist-t10k", "mnist", "fashion-mnist", "kmnist", "none"])]
    public string Dataset { get; init; } = "mnist-t10k";

    [Option("Alternating steps of the DCGAN (the paper trains for epochs of hundreds of thousands of images; scaled down for a 2-core CPU).", Min = 1, Max = 10_000_000, Unit = "steps")]
    public int ImageSteps { get; init; } = 2000;

    [Option("Images and latent codes per DCGAN step (Radford et al.: 128).", Min = 2, Max = 4096)]
    public int ImageBatchSize { get; init; } = 64;

    [Option("Dimension of the DCGAN's latent code z ~ N(0, I) (Radford et al.: 100, uniform).", Min = 1, Max = 1024)]
    public int ImageLatent { get; init; } = 100;

    [Option("Channels c of the DCGAN's 14 × 14 layers (2c at 7 × 7), for generator and discriminator alike (Radford et al. use 128 to 1024 channels at 64 × 64).", Min = 1, Max = 512)]
    public int ImageChannels { get; init; } = 16;

    [Option("Adam's step η for the DCGAN (Radford et al.: 0.0002, with β₁ = 0.5).", Min = 1e-6, Max = 1)]
    public double ImageLearningRate { get; init; } = 2e-4;

    [Option("Adam steps (η = 10⁻³, batches of 128) of the classifier whose penultimate features the Fréchet distance compares.", Min = 1, Max = 1_000_000, Unit = "steps")]
    public int ClassifierSteps { get; init; } = 400;

    [Option("Images on each side of a Fréchet distance: generated ones, and real ones from the training and the held-out split (the FID is usually computed on 50,000; scaled down, which raises every distance by a finite-sample bias that the real-against-real floor shows).", Min = 100, Max = 100_000, Unit = "images")]
    public int FrechetSamples { get; init; } = 2000;

    [Option("Evaluations of the DCGAN, evenly spaced from step 0 to the last.", Min = 1, Max = 1000, Unit = "evaluations")]
    public int ImageEvaluations { get; init; } = 10;

    [OptionGroup]
    public ThreadOptions Runtime { get; init; } = new();
}

/// <summary>
/// Generative adversarial nets (Goodfellow et al. 2014) where every number is exact, and where it is not. On 2-D
/// mixtures of Gaussians the modes hit, the fraction of high-quality samples and the mean log-density under the target
/// are computed exactly from the samples, for the non-saturating and the original minimax generator loss; on 28 × 28
/// digits a DCGAN-style model (Radford et al. 2016) is judged by the Fréchet distance (Heusel et al. 2017) in the
/// feature space of a classifier trained on the real images, and by how many classes that classifier sees it produce.
/// </summary>
public sealed partial class Gan : Experiment<GanOptions>
{
    public override string Id => "gan";
    public override string Title => "Generative adversarial nets: mode coverage and sample quality";
    public override Topic Topic => Topic.Generative;

    public override IReadOnlyList<string> Papers =>
        ["goodfellow2014generative", "radford2016unsupervised", "heusel2017gans", "metz2017unrolled", "srivastava2017veegan", "lin2018pacgan"];

    public override string Summary =>
        "Trains GANs with MLP generator and discriminator on the 8-Gaussian ring and the 25-Gaussian grid, with the non-saturating " +
        "loss −log D(G(z)) and the minimax loss log(1 − D(G(z))), and measures exactly, across training, the modes hit, the fraction of " +
        "samples within 3σ of a mode and their mean log-density under the target, beside the target's own values (all modes, " +
        "1 − e^{−9/2} = 0.989). Then a small DCGAN on MNIST digits, judged across training by the Fréchet distance between Gaussians fitted " +
        "to the penultimate features of a classifier trained on real digits (floor: two disjoint real sets) and by the classes it produces.";

    public override GanOptions Quick => Defaults with
    {
        PlanarSteps = 2000,
        PlanarBatchSize = 128,
        PlanarHidden = 64,
        PlanarSamples = 1000,
        PlanarEvaluations = 4,
        ImageSteps = 40,
        ImageBatchSize = 32,
        ImageChannels = 8,
        ClassifierSteps = 60,
        FrechetSamples = 400,
        ImageEvaluations = 2,
    };

    public override CostEstimate EstimateCost(GanOptions o)
    {
        double planarRuns = o.Layouts.Length * o.Losses.Length;
        double planar = planarRuns * o.PlanarSteps * (double)o.PlanarBatchSize * o.PlanarHidden * (o.PlanarHidden + o.PlanarLatent);
        double planarSteps = planarRuns * o.PlanarSteps;
        double judged = planarRuns * (o.PlanarEvaluations + 1) * (double)o.PlanarSamples;
        bool images = o.Dataset != "none";
        double image = images ? o.ImageSteps * (double)o.ImageBatchSize * o.ImageChannels * o.ImageChannels : 0;
        double classifier = images ? o.ClassifierSteps * 128.0 + (o.ImageEvaluations + 3) * (double)o.FrechetSamples : 0;
        return new CostEstimate((long)(planarSteps + (images ? o.ImageSteps : 0)), "steps", TimeSpan.FromSeconds(
            planar * CostCalibration.Gan.SecondsPerPlanarMultiply + planarSteps * CostCalibration.Gan.SecondsPerPlanarStep + judged * CostCalibration.Gan.SecondsPerJudgedSample +
            image * CostCalibration.Gan.SecondsPerImageMultiply + classifier * CostCalibration.Gan.SecondsPerClassifierImage));
    }

    /// <summary>Nothing to prepare when the image study is skipped: the 2-D targets are generated.</summary>
    public override void PrepareData(GanOptions o, DataStore store)
    {
        if (o.Dataset != "none") base.PrepareData(o, store);
    }

    protected override IEnumerable<string> Inconsistencies(GanOptions o)
    {
        if (o.Layouts.Length == 0) yield return "layouts is empty; give ring, grid or both.";
        if (o.Losses.Length == 0) yield return "losses is empty; give non-saturating, minimax or both.";
        if (o.ModeHitThreshold > o.PlanarSamples) yield return $"mode-hit-threshold {o.ModeHitThreshold} exceeds the {o.PlanarSamples} samples judged; lower it or raise planar-samples.";
    }

    public override ExperimentResult Run(GanOptions o, RunContext context) => Present(o, Measure(o, context));

    /// <summary>The target's own samples judged as a generator's are, and the points drawn for the figures.</summary>
    private sealed record TargetQuality(string Layout, int Modes, double Sigma, double[] MeansX, double[] MeansY, PlanarSampleQuality Quality);

    /// <summary>A few of the generator's samples at one step, interleaved (x, y), for the scatter figures.</summary>
    private sealed record Snapshot(long Step, float[] Points);

    /// <summary>One 2-D GAN: its sample quality at each evaluated step and the discriminator's loss −V(D, G) there.</summary>
    private sealed record PlanarRun(string Layout, string Loss, long[] Steps, PlanarSampleQuality[] Quality, double[] DiscriminatorLoss, List<Snapshot> Snapshots);

    /// <summary>The DCGAN study.</summary>
    /// <param name="ClassifierAccuracy">The feature classifier's accuracy on the held-out real images.</param>
    /// <param name="Floor">Squared Fréchet distance between the held-out real images and as many training images: what a perfect generator would score.</param>
    /// <param name="Frechet">Squared Fréchet distance between generated and real training images at each evaluated step.</param>
    /// <param name="ClassShares">The classifier's label distribution of the generated images at each evaluated step (rows) over classes.</param>
    /// <param name="RealShares">Its label distribution of the real training images used for the distance.</param>
    /// <param name="Images">The last step's first 64 generated images, 784 pixels each in [−1, 1], row-major.</param>
    private sealed record ImageStudy(string DatasetName, int TrainCount, int HeldOutCount, double ClassifierAccuracy, double Floor, long[] Steps,
        double[] Frechet, double[][] ClassShares, double[] RealShares, double[] DiscriminatorLoss, float[][] Images);

    private sealed record Measurement(List<TargetQuality> Targets, List<PlanarRun> Planar, ImageStudy? Image);

    private static PlanarMixture Target(string layout) => layout == "ring" ? PlanarMixture.Ring() : PlanarMixture.Grid();

    private static GeneratorObjective Objective(string loss) => loss == "minimax" ? GeneratorObjective.Minimax : GeneratorObjective.NonSaturating;

    private static Measurement Measure(GanOptions o, RunContext context)
    {
        TorchSetup.Prepare(context.Device);
        using var threads = IntraOpThreads.Use(o.Runtime.Threads);
        var targets = new List<TargetQuality>();
        var planar = new List<PlanarRun>();
        bool images = o.Dataset != "none";
        long total = (long)o.Layouts.Length * o.Losses.Length * o.PlanarSteps + (images ? o.ClassifierSteps + o.ImageSteps : 0);
        using (var task = context.Progress.Start("GAN training", total))
        {
            foreach (var layout in o.Layouts)
            {
                var target = Target(layout);
                var own = target.Sample(o.PlanarSamples, Seeds.Derive(context.Seed, $"gan {layout} target samples"));
                targets.Add(new TargetQuality(layout, target.Modes, target.Sigma, [.. target.Means.Select(m => m.X)], [.. target.Means.Select(m => m.Y)],
                    PlanarSampleQuality.Of(target, own, minimumHits: o.ModeHitThreshold)));
                foreach (var loss in o.Losses)
                {
                    planar.Add(TrainPlanar(o, context, layout, target, loss, task));
                    var last = planar[^1].Quality[^1];
                    task.Advance(0, $"{layout}, {loss}: {last.ModesHit}/{target.Modes} modes, {last.HighQualityFraction:P1} within 3σ");
                }
            }
            return new Measurement(targets, planar, images ? StudyImages(o, context, task) : null);
        }
    }

    /// <summary>One 2-D GAN, trained on fresh draws from the target and judged on a fixed latent batch at every evaluation.</summary>
    private static PlanarRun TrainPlanar(GanOptions o, RunContext context, string layout, PlanarMixture target, string loss, IProgressTask task)
    {
        using var scope = NewDisposeScope();
        string key = $"gan {layout} {loss}";
        using var weights = context.TorchGenerator($"{key} weights");
        using var latent = context.TorchGenerator($"{key} latent");
        using var judged = context.TorchGenerator($"{key} judged latent");
        using var generator = new Mlp([o.PlanarLatent, o.PlanarHidden, o.PlanarHidden, 2], Activations.Relu, TorchDefaultInitialisation.Instance, weights, ScalarType.Float32);
        using var discriminator = new Mlp([2, o.PlanarHidden, o.PlanarHidden, 1], Activations.Relu, TorchDefaultInitialisation.Instance, weights, ScalarType.Float32);
        var realSeeds = context.Random($"{key} real batches");
        var fixedLatent = randn([o.PlanarSamples, o.PlanarLatent], generator: judged);

        var steps = TrainingCallbacks.EvenlySpaced(o.PlanarSteps, o.PlanarEvaluations);
        var snapshotSteps = SnapshotSteps(steps);
        var quality = new List<PlanarSampleQuality>();
        var snapshots = new List<Snapshot>();
        var evaluate = TrainingCallbacks.At(steps, moment =>
        {
            using var inner = NewDisposeScope();
            using var noGrad = no_grad();
            var points = generator.call(fixedLatent).contiguous().data<float>().ToArray();
            quality.Add(PlanarSampleQuality.Of(target, points, minimumHits: o.ModeHitThreshold));
            if (snapshotSteps.Contains(moment.Step)) snapshots.Add(new Snapshot(moment.Step, points[..(2 * Math.Min(SnapshotPoints, o.PlanarSamples))]));
        });
        var game = new GanGame(generator, discriminator, n => randn([n, o.PlanarLatent], generator: latent),
            _ => tensor(target.Sample(o.PlanarBatchSize, realSeeds.Next())).reshape(o.PlanarBatchSize, 2), o.PlanarBatchSize, Objective(loss));
        using var generatorOptimizer = new Adam(o.PlanarLearningRate, beta1: 0.5);
        using var discriminatorOptimizer = new Adam(o.PlanarLearningRate, beta1: 0.5);
        var losses = GanTraining.Train(game, generatorOptimizer, discriminatorOptimizer, o.PlanarSteps, [evaluate, TrainingCallbacks.Progress(task)], context.Cancellation);
        var ordered = steps.Order().ToArray();
        return new PlanarRun(layout, loss, ordered, [.. quality], [.. ordered.Select(s => s == 0 ? double.NaN : losses[s - 1])], snapshots);
    }

    /// <summary>Samples drawn per snapshot in the scatter figures.</summary>
    private const int SnapshotPoints = 500;

    /// <summary>The evaluated steps shown as scatter snapshots: the first after the start, one near the middle, and the last.</summary>
    private static HashSet<long> SnapshotSteps(IReadOnlySet<long> steps)
    {
        var ordered = steps.Order().ToArray();
        return [ordered[Math.Min(1, ordered.Length - 1)], ordered[ordered.Length / 2], ordered[^1]];
    }

    /// <summary>The DCGAN study: the feature classifier, the real-against-real floor, then the GAN judged across training.</summary>
    private static ImageStudy StudyImages(GanOptions o, RunContext context, IProgressTask task)
    {
        using var scope = NewDisposeScope();
        var splits = Datasets.Load(o.Dataset, context.Data, context.Seed);
        // Pixels from [0, 1] to [−1, 1], the range of the generator's tanh.
        var (trainImages, trainLabels) = splits.Train.ToTensors();
        var (testImages, testLabels) = splits.Test.ToTensors();
        using Scalar two = 2.ToScalar(), one = 1.ToScalar();
        trainImages = trainImages.reshape(-1, 1, 28, 28) * two - one;
        testImages = testImages.reshape(-1, 1, 28, 28) * two - one;

        using var classifierWeights = context.TorchGenerator("gan feature classifier");
        using var classifier = new FeatureClassifier(splits.Train.Classes, classifierWeights);
        classifier.Fit(trainImages, trainLabels, o.ClassifierSteps, 128, Seeds.Derive(context.Seed, "gan feature classifier batches"), context.Cancellation);
        task.Advance(o.ClassifierSteps, "feature classifier trained");
        double accuracy = classifier.Accuracy(testImages, testLabels);

        // The real reference: the first images of a seeded permutation of the training split; the floor compares the held-out
        // images with as many of those, two disjoint real sets.
        int n = (int)Math.Min(o.FrechetSamples, trainImages.shape[0]);
        int heldOut = (int)Math.Min(n, testImages.shape[0]);
        using var pick = context.TorchGenerator("gan real reference");
        var reference = trainImages.index_select(0, randperm(trainImages.shape[0], generator: pick)[..n]);
        var referenceFit = GaussianFit.Of(classifier.Features(reference));
        double floor = FrechetDistance.Squared(GaussianFit.Of(classifier.Features(testImages[..heldOut])), GaussianFit.Of(classifier.Features(reference[..heldOut])));
        int classes = splits.Train.Classes;
        var realShares = Shares(classifier.Predict(reference), classes);

        using var weights = context.TorchGenerator("gan dcgan weights");
        using var latent = context.TorchGenerator("gan dcgan latent");
        using var judged = context.TorchGenerator("gan dcgan judged latent");
        using var generator = new DcganGenerator(o.ImageLatent, o.ImageChannels, weights);
        using var discriminator = new DcganDiscriminator(o.ImageChannels, weights);
        var fixedLatent = randn([n, o.ImageLatent], generator: judged);
        var steps = TrainingCallbacks.EvenlySpaced(o.ImageSteps, o.ImageEvaluations);
        var frechet = new List<double>();
        var shares = new List<double[]>();
        float[][] grid = [];
        var evaluate = TrainingCallbacks.At(steps, moment =>
        {
            using var inner = NewDisposeScope();
            using var noGrad = no_grad();
            // The generator stays in training mode, so its batch normalisation uses the statistics of the judged batch, as in training.
            var generated = Chunked.Map(fixedLatent, GeneratedChunk, generator.call);
            frechet.Add(FrechetDistance.Squared(GaussianFit.Of(classifier.Features(generated)), referenceFit));
            shares.Add(Shares(classifier.Predict(generated), classes));
            if (moment.Step == o.ImageSteps)
                grid = [.. Enumerable.Range(0, Math.Min(GridImages, n)).Select(i => generated[i].flatten().data<float>().ToArray())];
        });

        var batches = new TensorBatches(trainImages, null, o.ImageBatchSize, shuffle: true, Seeds.Derive(context.Seed, "gan dcgan batches"));
        var losses = GanTraining.TrainOnImages(generator, discriminator, size => randn([size, o.ImageLatent], generator: latent), batches, o.ImageLearningRate,
            o.ImageSteps, [evaluate, TrainingCallbacks.Progress(task)], context.Cancellation);
        var ordered = steps.Order().ToArray();
        return new ImageStudy(o.Dataset, (int)trainImages.shape[0], (int)testImages.shape[0], accuracy, floor, ordered, [.. frechet], [.. shares], realShares,
            [.. ordered.Select(s => s == 0 ? double.NaN : losses[s - 1])], grid);
    }

    /// <summary>Generated images shown in the grid figure, an 8 × 8 tiling.</summary>
    private const int GridImages = 64;

    /// <summary>Latent codes the generator maps at once when judged: a training batch's order of size.</summary>
    private const int GeneratedChunk = 500;

    /// <summary>The fraction of <paramref name="labels"/> in each of <paramref name="classes"/> classes.</summary>
    private static double[] Shares(int[] labels, int classes)
    {
        var shares = new double[classes];
        foreach (int label in labels) shares[label] += 1.0 / labels.Length;
        return shares;
    }
}

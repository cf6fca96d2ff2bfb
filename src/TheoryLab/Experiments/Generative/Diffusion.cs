using TheoryLab.Analysis.SampleQuality;
using TheoryLab.Data;
using TheoryLab.Data.Toy;
using TheoryLab.Kernel;
using TheoryLab.Models.Generative;
using TheoryLab.Numerics.Diffusion;
using TheoryLab.Numerics.Statistics;
using TheoryLab.Options;
using TheoryLab.Torch;
using TheoryLab.Training;
using TheoryLab.Training.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Experiments.Generative;

/// <summary>
/// Options of <see cref="Diffusion"/>. Defaults: Ho et al.'s forward process (T = 1,000, β linear from 10⁻⁴ to 0.02);
/// an 8-mode ring of σ = 0.1 learned by a ReLU MLP, sampled by DDPM and DDIM with 10 to 1,000 steps beside the exact
/// score; 8,000 MNIST test images average-pooled to 14 × 14 learned by a wider MLP. Scaled to a 2-core CPU: the paper
/// trains a 35.7M-parameter U-Net for 800,000 steps on CIFAR-10.
/// </summary>
public sealed record DiffusionOptions
{
    [Option("Planar target: ring (8 modes evenly on a circle of radius 2) or grid (5 × 5 modes 2 apart), equal-weight isotropic Gaussians.", Choices = ["ring", "grid"])]
    public string Target { get; init; } = "ring";

    [Option("Standard deviation σ of every mode of the planar target; wider than the GAN literature's 0.02 (ring) so that a small MLP can resolve the score near t = 0, whose scale is σ.", Min = 0.005, Max = 1)]
    public double TargetSigma { get; init; } = 0.1;

    [Option("Noising steps T of the forward process (Ho et al.: 1,000).", Min = 2, Max = 10_000, Unit = "steps")]
    public int DiffusionSteps { get; init; } = 1000;

    [Option("β_1, the first step's noise variance; β rises linearly to beta_last (Ho et al.: 10⁻⁴).", Min = 1e-6, Max = 0.5)]
    public double BetaFirst { get; init; } = 1e-4;

    [Option("β_T, the last step's noise variance (Ho et al.: 0.02).", Min = 1e-6, Max = 0.999)]
    public double BetaLast { get; init; } = 0.02;

    [Option("Forward chains simulated step by step from the planar target to check q(x_t | x_0) against its closed form.", Min = 100, Max = 10_000_000, Unit = "chains")]
    public int ForwardChains { get; init; } = 20_000;

    [Option("Steps t at which the simulated forward marginals are compared with the closed form (0 is the data).", Min = 0, Max = 10_000, Unit = "steps")]
    public int[] ForwardTimes { get; init; } = [0, 100, 300, 1000];

    [Option("Points drawn once from the planar target to train on.", Min = 100, Max = 10_000_000, Unit = "points")]
    public int TrainingPoints { get; init; } = 20_000;

    [Option("Hidden layers of the planar noise predictor, each of this many ReLU units.", Min = 1, Max = 4096, Unit = "units")]
    public int[] Hidden { get; init; } = [128, 128, 128];

    [Option("Size E of the sinusoidal step embedding fed to both noise predictors.", Min = 2, Max = 1024)]
    public int Embedding { get; init; } = 32;

    [Option("Adam steps on the simple loss E‖ε − ε_θ(√ᾱ_t x_0 + √(1 − ᾱ_t) ε, t)‖², t uniform on 1..T, for the planar target.", Min = 1, Max = 10_000_000, Unit = "steps")]
    public int TrainingSteps { get; init; } = 10_000;

    [Option("Points per mini-batch (each with its own t and ε).", Min = 1, Max = 65_536)]
    public int BatchSize { get; init; } = 256;

    [Option("Adam's step η for the planar noise predictor.", Min = 1e-6, Max = 1)]
    public double LearningRate { get; init; } = 1e-3;

    [Option("Decay d of the exponential moving average of the weights that both predictors sample with, θ̄ ← d θ̄ + (1 − d) θ each step (Ho et al.: 0.9999 over 800,000 steps; here about the last 500 steps count, and the initial weights keep a share d^steps, e⁻⁸ at the image predictor's 4,000 steps).", Min = 0, Max = 0.99999)]
    public double AverageDecay { get; init; } = 0.998;

    [Option("Points each sampler draws, and the size of every sample of the planar target it is compared with.", Min = 10, Max = 100_000, Unit = "points")]
    public int Samples { get; init; } = 2000;

    [Option("Numbers of reverse steps S at which DDPM (η = 1) and DDIM (η = 0) sample, on steps spread evenly over 1..T (S = T is DDPM itself).", Min = 1, Max = 10_000, Unit = "steps")]
    public int[] SamplingSteps { get; init; } = [10, 20, 50, 100, 1000];

    [Option("Bandwidth h of the Gaussian kernel exp(−‖a − b‖²/2h²) of the planar MMD²: twice the default σ, so the statistic sees the modes' widths and weights.", Min = 1e-4, Max = 100)]
    public double KernelBandwidth { get; init; } = 0.2;

    [Option("Pairs of independent target samples whose MMD² gives the floor and its spread.", Min = 2, Max = 1000, Unit = "pairs")]
    public int FloorRepeats { get; init; } = 10;

    [Option("Steps t, spread evenly over 1..T, at which the trained ε_θ is compared with the exact ε*.", Min = 2, Max = 10_000, Unit = "steps")]
    public int ErrorTimes { get; init; } = 50;

    [Option("Fresh points (x_0, ε) at each of those steps.", Min = 10, Max = 1_000_000, Unit = "points")]
    public int ErrorPoints { get; init; } = 2000;

    [Option("Image set (a -t10k set: 8,000 of the 10,000 test images to train on, 2,000 held out), scaled to [−1, 1] as in Ho et al.",
        Choices = ["mnist-t10k", "fashion-mnist-t10k", "kmnist-t10k"])]
    public string Dataset { get; init; } = "mnist-t10k";

    [Option("Side of the average-pooling window applied to the images first (2: 28 × 28 → 14 × 14), to fit the CPU.", Min = 1, Max = 14, Unit = "pixels")]
    public int ImagePooling { get; init; } = 2;

    [Option("Hidden layers of the image noise predictor (an MLP on the pixels, not Ho et al.'s U-Net).", Min = 1, Max = 8192, Unit = "units")]
    public int[] ImageHidden { get; init; } = [512, 512, 512];

    [Option("Adam steps of the image noise predictor (Ho et al.: 800,000 on CIFAR-10).", Min = 1, Max = 10_000_000, Unit = "steps")]
    public int ImageTrainingSteps { get; init; } = 4000;

    [Option("Images per mini-batch (Ho et al.: 128).", Min = 1, Max = 65_536)]
    public int ImageBatchSize { get; init; } = 128;

    [Option("Adam's step η for the image noise predictor (Ho et al.: 2·10⁻⁴ for their U-Net).", Min = 1e-6, Max = 1)]
    public double ImageLearningRate { get; init; } = 1e-3;

    [Option("Images each sampler draws, and the held-out and training images it is compared with.", Min = 10, Max = 2000, Unit = "images")]
    public int ImageSamples { get; init; } = 300;

    [OptionGroup]
    public ThreadOptions Runtime { get; init; } = new();
}

/// <summary>
/// Denoising diffusion probabilistic models (Ho, Jain &amp; Abbeel 2020): the forward process's closed form against
/// simulation; a noise predictor trained on a planar Gaussian mixture, whose diffused marginals are mixtures again so
/// that the optimal predictor and an exact-score sampler are known; DDPM and DDIM (Song et al. 2021) sample quality
/// against the number of sampling steps by MMD²; and the same on small MNIST-family images.
/// </summary>
public sealed partial class Diffusion : Experiment<DiffusionOptions>
{
    public override string Id => "diffusion";
    public override string Title => "Denoising diffusion: forward process, exact score and few-step sampling";
    public override Topic Topic => Topic.Generative;
    public override IReadOnlyList<string> Papers => ["ho2020denoising", "sohldickstein2015deep", "song2021denoising", "gretton2012kernel"];

    public override string Summary =>
        "Checks the forward process q(x_t | x_0) = N(√ᾱ_t x_0, (1 − ᾱ_t) I) against step-by-step simulation; trains an MLP noise predictor " +
        "on a planar Gaussian mixture, where the diffused marginal is again a mixture so the optimal ε* and the exact score are known, and " +
        "measures ‖ε_θ − ε*‖² against t; samples by DDPM (η = 1) and DDIM (η = 0) with 10 to 1,000 steps, from the network and from the " +
        "exact score, scored by the unbiased MMD² against the target beside the floor of two target samples, the exact log-density and " +
        "the fraction within 3σ of a mode; and repeats the training and sampling on pooled MNIST-family images scored by pixel-space MMD².";

    public override DiffusionOptions Quick => Defaults with
    {
        ForwardChains = 4000,
        AverageDecay = 0.98,
        TrainingPoints = 4000,
        Hidden = [64, 64],
        TrainingSteps = 600,
        Samples = 400,
        SamplingSteps = [10, 100, 1000],
        FloorRepeats = 4,
        ErrorTimes = 10,
        ErrorPoints = 400,
        ImagePooling = 4,
        ImageHidden = [128, 128],
        ImageTrainingSteps = 300,
        ImageSamples = 100,
    };

    protected override IEnumerable<string> Inconsistencies(DiffusionOptions o)
    {
        if (o.BetaLast < o.BetaFirst) yield return $"beta_last ({o.BetaLast}) is below beta_first ({o.BetaFirst}); the schedule rises, so swap them.";
        if (o.SamplingSteps.Length == 0) yield return "sampling_steps is empty: give at least one number of steps, e.g. 1000.";
        if (o.SamplingSteps.Any(s => s > o.DiffusionSteps)) yield return $"sampling_steps holds more than diffusion_steps = {o.DiffusionSteps}; sample with at most T steps.";
        if (o.ForwardTimes.Any(t => t > o.DiffusionSteps)) yield return $"forward_times holds a step beyond diffusion_steps = {o.DiffusionSteps}; give steps from 0 to T.";
        if (o.ErrorTimes > o.DiffusionSteps) yield return $"error_times ({o.ErrorTimes}) exceeds diffusion_steps ({o.DiffusionSteps}); give at most T.";
        if (o.Embedding % 2 != 0) yield return $"embedding ({o.Embedding}) must be even: it holds a sine and a cosine of each frequency.";
        if (28 % o.ImagePooling != 0) yield return $"image_pooling ({o.ImagePooling}) must divide the images' side 28: use 1, 2, 4, 7 or 14.";
    }

    public override CostEstimate EstimateCost(DiffusionOptions o)
    {
        // Multiply-adds of one forward pass of a noise predictor: [x, embedding] → hidden layers → x.
        double Multiplies(int dimension, int[] hidden) =>
            (double)(dimension + o.Embedding) * hidden[0] + hidden.Zip(hidden.Skip(1)).Sum(p => (double)p.First * p.Second) + (double)hidden[^1] * dimension;
        int pixels = 28 * 28 / (o.ImagePooling * o.ImagePooling);
        double planarNet = Multiplies(2, o.Hidden), imageNet = Multiplies(pixels, o.ImageHidden);
        int samplingPasses = o.SamplingSteps.Distinct().Sum();
        double training = 3 * ((double)o.TrainingSteps * o.BatchSize * planarNet + (double)o.ImageTrainingSteps * o.ImageBatchSize * imageNet);
        double sampling = 2 * samplingPasses * ((double)o.Samples * planarNet + (double)o.ImageSamples * imageNet) + (double)o.ErrorTimes * o.ErrorPoints * planarNet;
        double steps = o.TrainingSteps + o.ImageTrainingSteps + 4.0 * samplingPasses;
        return new CostEstimate(o.TrainingSteps + o.ImageTrainingSteps, "training steps", TimeSpan.FromSeconds(
            (training + sampling) * CostCalibration.Diffusion.SecondsPerMultiply + steps * CostCalibration.Diffusion.SecondsPerStep));
    }

    public override ExperimentResult Run(DiffusionOptions o, RunContext context) => Present(o, Measure(o, context));

    /// <summary>The simulated forward process at step t beside its closed form.</summary>
    /// <param name="Histogram">Density of the first coordinate of the simulated chains in each bin.</param>
    /// <param name="ClosedForm">The closed-form marginal density of the first coordinate at each bin centre.</param>
    /// <param name="MeanSquare">Mean of ‖x_t‖² over the chains.</param>
    /// <param name="ClosedFormMeanSquare">ᾱ_t E‖x_0‖² + d(1 − ᾱ_t).</param>
    private sealed record ForwardMarginal(int T, double AlphaBar, double[] Histogram, double[] ClosedForm, double MeanSquare, double ClosedFormMeanSquare);

    /// <summary>The trained predictor against the exact one at step t, means over fresh (x_0, ε) of squared norms.</summary>
    /// <param name="Loss">E‖ε_θ − ε‖², the simple loss at t.</param>
    /// <param name="Irreducible">E‖ε* − ε‖², what the best predictor still loses.</param>
    /// <param name="Excess">E‖ε_θ − ε*‖².</param>
    private sealed record NoiseError(int T, double Loss, double Irreducible, double Excess);

    /// <summary>One sampler's output and its scores against the target.</summary>
    /// <param name="Exact">Sampled with the exact ε* rather than the network.</param>
    /// <param name="Eta">1 for DDPM, 0 for DDIM.</param>
    /// <param name="Points">The samples, rows of the dimension one after the other.</param>
    /// <param name="MeanLogDensity">Mean of the planar target's log-density at the samples (NaN for images).</param>
    /// <param name="WithinThreeSigma">Fraction of samples within 3σ of their nearest mode (NaN for images).</param>
    private sealed record SamplerRun(bool Exact, double Eta, int Steps, double[] Points, double Mmd, double MeanLogDensity, double WithinThreeSigma);

    /// <summary>MMD² between independent samples of the same distribution, repeated: the statistic's floor and spread.</summary>
    /// <param name="MeanLogDensity">Mean log-density of one target sample under the target (NaN for images).</param>
    /// <param name="WithinThreeSigma">Fraction of that sample within 3σ of its nearest mode (NaN for images).</param>
    private sealed record Floor(double[] Values, double MeanLogDensity, double WithinThreeSigma);

    /// <summary>
    /// What a run measures: the forward marginals (histogram bins shared), the planar training curve, the predictor's
    /// error against t, the planar samplers and their floor and reference sample, and the image training, samplers and floor.
    /// TargetMeanLogDensity is E_p log p = −log K − log 2πσ² − 1, exact up to the overlap of modes far apart.
    /// </summary>
    private sealed record Measurement(
        int Modes, double TargetMeanLogDensity, double[] BinCentres, List<ForwardMarginal> Forward,
        long[] LossSteps, double[] Losses, List<NoiseError> NoiseErrors, double[] Reference, List<SamplerRun> Planar, Floor PlanarFloor,
        string ImageSet, int ImageSide, int ImageTrainCount, double ImageBandwidth, long[] ImageLossSteps, double[] ImageLosses,
        double[] HeldOut, List<SamplerRun> Images, Floor ImageFloor);

    private static Measurement Measure(DiffusionOptions o, RunContext context)
    {
        TorchSetup.Prepare(context.Device);
        using var threads = IntraOpThreads.Use(o.Runtime.Threads);
        var schedule = NoiseSchedule.Linear(o.DiffusionSteps, o.BetaFirst, o.BetaLast);
        var target = o.Target == "grid" ? PlanarMixture.Grid(sigma: o.TargetSigma) : PlanarMixture.Ring(sigma: o.TargetSigma);
        var mixture = new DiffusedGaussianMixture(schedule, [.. target.Means.Select(m => new[] { m.X, m.Y })], target.Sigma);
        var samplingSteps = o.SamplingSteps.Distinct().Order().ToArray();

        var (centres, forward) = SimulateForward(o, context, schedule, target, mixture);

        var trainingPoints = target.Sample(o.TrainingPoints, context.Random("planar training points").Next());
        using var planarNet = new NoisePredictionNetwork(2, o.Embedding, o.Hidden, context.TorchGenerator("planar noise predictor"));
        var (lossSteps, losses) = TrainPredictor(context, "planar", planarNet, schedule, tensor(trainingPoints).reshape(-1, 2),
            o.TrainingSteps, o.BatchSize, o.LearningRate, o.AverageDecay);
        var noiseErrors = CompareWithOptimal(o, context, schedule, target, mixture, planarNet);

        var reference = target.Sample(o.Samples, context.Random("planar reference").Next()).Select(v => (double)v).ToArray();
        var planar = new List<SamplerRun>();
        using (var task = context.Progress.Start("planar sampling", 4 * samplingSteps.Length))
            foreach (bool exact in new[] { true, false })
                foreach (double eta in new[] { 1.0, 0.0 })
                    foreach (int steps in samplingSteps)
                    {
                        NoisePrediction predict = exact ? mixture.OptimalNoise : Predictor(planarNet);
                        var points = DiffusionSampler.Sample(schedule, predict, o.Samples, 2, steps, eta,
                            context.Random($"planar sampler exact={exact} eta={eta} steps={steps}"), cancellation: context.Cancellation);
                        var quality = PlanarSampleQuality.Of(target, points);
                        planar.Add(new SamplerRun(exact, eta, steps, points, MaximumMeanDiscrepancy.UnbiasedSquared(points, reference, 2, o.KernelBandwidth), quality.MeanLogDensity, quality.HighQualityFraction));
                        task.Advance(1, $"{(exact ? "exact" : "network")} {(eta > 0 ? "DDPM" : "DDIM")} {steps} steps: MMD² {planar[^1].Mmd:G3}");
                    }
        // Independent pairs of target samples, none shared, so that the spread of their MMD² is that of one estimate.
        var floorSamples = Enumerable.Range(0, 2 * o.FloorRepeats)
            .Select(r => target.Sample(o.Samples, context.Random($"planar floor {r}").Next()).Select(v => (double)v).ToArray()).ToArray();
        var floorQuality = PlanarSampleQuality.Of(target, floorSamples[0]);
        var planarFloor = new Floor([.. Enumerable.Range(0, o.FloorRepeats).Select(r =>
            MaximumMeanDiscrepancy.UnbiasedSquared(floorSamples[2 * r], floorSamples[2 * r + 1], 2, o.KernelBandwidth))], floorQuality.MeanLogDensity, floorQuality.HighQualityFraction);

        var image = MeasureImages(o, context, schedule, samplingSteps);
        double targetMeanLogDensity = PlanarSampleQuality.TargetMeanLogDensity(target.Modes, target.Sigma);
        return new Measurement(target.Modes, targetMeanLogDensity, centres, forward, lossSteps, losses, noiseErrors, reference, planar, planarFloor,
            image.Set, image.Side, image.TrainCount, image.Bandwidth, image.LossSteps, image.Losses, image.HeldOut, image.Runs, image.Floor);
    }

    /// <summary>
    /// Runs the chain x_t = √(1 − β_t) x_{t−1} + √β_t z step by step from target samples and histograms the first
    /// coordinate at the forward times, beside the closed-form marginal: a 1-D mixture with means √ᾱ_t μ_k and variance v_t.
    /// </summary>
    private static (double[] Centres, List<ForwardMarginal> Marginals) SimulateForward(DiffusionOptions o, RunContext context, NoiseSchedule schedule,
        PlanarMixture target, DiffusedGaussianMixture mixture)
    {
        const double Range = 3.5;
        const int Bins = 70;
        double width = 2 * Range / Bins;
        var centres = Enumerable.Range(0, Bins).Select(b => -Range + (b + 0.5) * width).ToArray();
        var x = target.Sample(o.ForwardChains, context.Random("forward start").Next()).Select(v => (double)v).ToArray();
        double startSquare = target.Means.Average(m => m.X * m.X + m.Y * m.Y) + 2 * target.Sigma * target.Sigma;
        var normal = new NormalDraws(context.Random("forward noise"));
        var times = o.ForwardTimes.Distinct().Order().ToArray();
        var marginals = new List<ForwardMarginal>();
        using var task = context.Progress.Start("forward process", schedule.Steps);
        for (int t = 0; t <= schedule.Steps; t++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            if (t > 0)
            {
                double keep = Math.Sqrt(1 - schedule.Beta(t)), spread = Math.Sqrt(schedule.Beta(t));
                for (int i = 0; i < x.Length; i++) x[i] = keep * x[i] + spread * normal.Next();
                task.Advance();
            }
            if (!times.Contains(t)) continue;
            var histogram = new double[Bins];
            double square = 0;
            for (int i = 0; i < x.Length; i += 2)
            {
                int bin = (int)Math.Floor((x[i] + Range) / width);
                if (bin >= 0 && bin < Bins) histogram[bin] += 1.0 / (o.ForwardChains * width);
                square += (x[i] * x[i] + x[i + 1] * x[i + 1]) / o.ForwardChains;
            }
            // The first coordinate of q_t: a 1-D mixture of the means' first coordinates, √ᾱ_t μ_k,x, with the modes' variance.
            double scale = schedule.SignalScale(t);
            var firstCoordinate = new IsotropicGaussianMixture([.. target.Means.Select(m => new[] { scale * m.X })], mixture.ModeVariance(t));
            var closedForm = centres.Select(c => Math.Exp(firstCoordinate.LogDensity([c]))).ToArray();
            marginals.Add(new ForwardMarginal(t, schedule.AlphaBar(t), histogram, closedForm, square, schedule.AlphaBar(t) * startSquare + 2 * (1 - schedule.AlphaBar(t))));
        }
        return (centres, marginals);
    }

    /// <summary>
    /// Adam on the simple loss: each example of a batch gets its own t uniform on 1..T and ε ~ N(0, I), drawn from a
    /// generator of the run; the model ends with the moving average of its weights. Returns the mean batch loss (of the
    /// trained weights, not the average) over each of about 100 windows of steps, at the window's end.
    /// </summary>
    private static (long[] Steps, double[] Losses) TrainPredictor(RunContext context, string name, NoisePredictionNetwork model, NoiseSchedule schedule,
        Tensor data, int steps, int batchSize, double learningRate, double averageDecay)
    {
        using var scope = NewDisposeScope();
        using var generator = context.TorchGenerator($"{name} training noise");
        var alphaBars = tensor(Enumerable.Range(0, schedule.Steps + 1).Select(t => (float)schedule.AlphaBar(t)).ToArray());
        LossFunction loss = (m, batch) =>
        {
            var x0 = batch.Inputs;
            long n = x0.shape[0];
            var t = randint(1, schedule.Steps + 1, [n], dtype: int64, generator: generator);
            var alphaBar = alphaBars.index_select(0, t).unsqueeze(1);
            var noise = randn(x0.shape, dtype: float32, generator: generator);
            using Scalar one = 1.ToScalar(), two = 2.ToScalar();
            var noisy = (alphaBar.sqrt() * x0).Plus(alphaBar.SubtractedFrom(one).sqrt() * noise);
            return (m.call(NoisePredictionNetwork.Inputs(noisy, t)) - noise).pow(two).sum(1).mean();
        };
        int window = Math.Max(1, steps / 100);
        var ends = new List<long>();
        var means = new List<double>();
        double sum = 0;
        int inWindow = 0;
        using var task = context.Progress.Start($"{name} training", steps);
        TrainingCallback record = moment =>
        {
            if (moment.BatchLoss is not { } batchLoss) return;
            sum += batchLoss;
            inWindow++;
            if (inWindow == window || moment.IsEnd)
            {
                ends.Add(moment.Step);
                means.Add(sum / inWindow);
                (sum, inWindow) = (0, 0);
            }
        };
        var problem = new Problem(model, new TensorBatches(data, null, batchSize, shuffle: true, seed: context.Seed), loss);
        using var optimizer = new Adam(learningRate);
        using var average = new ParameterAverage(model, averageDecay);
        Trainer.Train(problem, optimizer, steps, [record, average.Callback, TrainingCallbacks.Progress(task)], context.Cancellation);
        average.CopyInto();
        model.eval();
        return ([.. ends], [.. means]);
    }

    /// <summary>The network as a <see cref="NoisePrediction"/>: float32 in, float64 out, no gradients.</summary>
    private static NoisePrediction Predictor(NoisePredictionNetwork model) => (points, dimension, t) =>
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        int n = points.Length / dimension;
        var x = tensor(points.Select(v => (float)v).ToArray()).reshape(n, dimension);
        using var step = t.ToScalar();
        var output = model.call(NoisePredictionNetwork.Inputs(x, full(n, step, dtype: float32)));
        return [.. output.data<float>().Select(v => (double)v)];
    };

    /// <summary>At steps spread evenly over 1..T, the trained and the exact predictor on the same fresh (x_0, ε).</summary>
    private static List<NoiseError> CompareWithOptimal(DiffusionOptions o, RunContext context, NoiseSchedule schedule, PlanarMixture target,
        DiffusedGaussianMixture mixture, NoisePredictionNetwork model)
    {
        var predict = Predictor(model);
        var normal = new NormalDraws(context.Random("noise error draws"));
        var errors = new List<NoiseError>();
        using var task = context.Progress.Start("ε_θ against ε*", o.ErrorTimes);
        foreach (int t in DiffusionSampler.Timesteps(schedule.Steps, o.ErrorTimes))
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var start = target.Sample(o.ErrorPoints, normal.Random.Next());
            var noise = new double[start.Length];
            var noisy = new double[start.Length];
            for (int i = 0; i < noise.Length; i++)
            {
                noise[i] = normal.Next();
                noisy[i] = schedule.SignalScale(t) * start[i] + schedule.NoiseScale(t) * noise[i];
            }
            var network = predict(noisy, 2, t);
            var optimal = mixture.OptimalNoise(noisy, 2, t);
            double loss = 0, irreducible = 0, excess = 0;
            for (int i = 0; i < noise.Length; i++)
            {
                loss += Math.Pow(network[i] - noise[i], 2) / o.ErrorPoints;
                irreducible += Math.Pow(optimal[i] - noise[i], 2) / o.ErrorPoints;
                excess += Math.Pow(network[i] - optimal[i], 2) / o.ErrorPoints;
            }
            errors.Add(new NoiseError(t, loss, irreducible, excess));
            task.Advance();
        }
        return errors;
    }

    private sealed record ImageMeasurement(string Set, int Side, int TrainCount, double Bandwidth, long[] LossSteps, double[] Losses,
        double[] HeldOut, List<SamplerRun> Runs, Floor Floor);

    /// <summary>
    /// Trains the image noise predictor on pooled images scaled to [−1, 1], samples with DDPM and DDIM at every number
    /// of steps, and scores each sample by MMD² in pixel space against held-out images, the kernel's bandwidth the
    /// median distance between those held-out images; the floor compares training images with the same held-out ones.
    /// </summary>
    private static ImageMeasurement MeasureImages(DiffusionOptions o, RunContext context, NoiseSchedule schedule, int[] samplingSteps)
    {
        using var scope = NewDisposeScope();
        var splits = Datasets.Load(o.Dataset, context.Data, context.Seed);
        int side = 28 / o.ImagePooling, pixels = side * side;
        Tensor Pooled(LabeledData data)
        {
            using Scalar two = 2.ToScalar(), one = 1.ToScalar();
            return nn.functional.avg_pool2d(tensor(data.Inputs).reshape(data.Count, 1, 28, 28), o.ImagePooling).reshape(data.Count, pixels) * two - one;
        }
        var train = Pooled(splits.Train);
        var test = Pooled(splits.Test);
        int held = Math.Min(o.ImageSamples, splits.Test.Count);
        var heldOut = ToDoubles(test[..held]);
        double bandwidth = MaximumMeanDiscrepancy.MedianDistance(heldOut, pixels);

        using var model = new NoisePredictionNetwork(pixels, o.Embedding, o.ImageHidden, context.TorchGenerator("image noise predictor"));
        var (lossSteps, losses) = TrainPredictor(context, "image", model, schedule, train, o.ImageTrainingSteps, o.ImageBatchSize, o.ImageLearningRate, o.AverageDecay);

        var runs = new List<SamplerRun>();
        using (var task = context.Progress.Start("image sampling", 2 * samplingSteps.Length))
            foreach (double eta in new[] { 1.0, 0.0 })
                foreach (int steps in samplingSteps)
                {
                    var points = DiffusionSampler.Sample(schedule, Predictor(model), o.ImageSamples, pixels, steps, eta,
                        context.Random($"image sampler eta={eta} steps={steps}"), clip: 1, cancellation: context.Cancellation);
                    runs.Add(new SamplerRun(false, eta, steps, points, MaximumMeanDiscrepancy.UnbiasedSquared(points, heldOut, pixels, bandwidth), double.NaN, double.NaN));
                    task.Advance(1, $"{(eta > 0 ? "DDPM" : "DDIM")} {steps} steps: MMD² {runs[^1].Mmd:G3}");
                }
        var random = context.Random("image floor");
        var floors = Enumerable.Range(0, o.FloorRepeats).Select(_ =>
        {
            var chosen = Enumerable.Range(0, (int)train.shape[0]).OrderBy(_ => random.Next()).Take(o.ImageSamples).Select(i => (long)i).ToArray();
            return MaximumMeanDiscrepancy.UnbiasedSquared(ToDoubles(train.index_select(0, tensor(chosen))), heldOut, pixels, bandwidth);
        }).ToArray();
        return new ImageMeasurement(splits.Train.Name, side, (int)train.shape[0], bandwidth, lossSteps, losses, heldOut, runs, new Floor(floors, double.NaN, double.NaN));
    }

    private static double[] ToDoubles(Tensor t) => [.. t.contiguous().data<float>().Select(v => (double)v)];
}

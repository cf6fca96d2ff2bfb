using TheoryLab.Kernel;
using TheoryLab.Models.MeanField;
using TheoryLab.Numerics.Statistics;
using TheoryLab.Options;
using TheoryLab.Torch;

namespace TheoryLab.Experiments.SignalPropagation;

/// <summary>
/// Options of <see cref="DynamicalIsometry"/>. Defaults: orthogonal tanh networks at the edge of chaos with a small q*
/// (σ_b² = 10⁻⁵ gives q* ≈ 0.02), depths up to 128 as in Pennington, Schoenholz and Ganguli (2017); width 400 and four
/// networks per point keep the float64 Jacobians of depth 128 within a minute or two on a 2-core CPU. The training
/// comparison (their CIFAR-10 runs at depth 200) is scaled down to MNIST-1D, width 64, depths 2, 8 and 32, 1000 SGD steps.
/// </summary>
public sealed record DynamicalIsometryOptions
{
    [Option("weight matrices: gaussian (iid N(0, σ_w²/N)) or orthogonal (σ_w times a Haar-random orthogonal matrix)", Choices = ["gaussian", "orthogonal"])]
    public string Weights { get; init; } = "orthogonal";

    [Option("nonlinearity φ of every layer", ChoicesFrom = typeof(MeanFieldActivations))]
    public string Activation { get; init; } = "tanh";

    [Option("depth L whose Jacobian spectrum the findings report; spectra are also measured at every power of 2 below it", Min = 2, Max = 1024, Unit = "layers")]
    public int Depth { get; init; } = 128;

    [Option("neurons per layer of the Monte-Carlo networks (finite-width corrections to the spectrum grow like L/N)", Min = 10, Max = 4000, Unit = "neurons")]
    public int Width { get; init; } = 400;

    [Option("weight variance σ_w²; 0 (the default) puts the networks at the edge of chaos, χ₁ = 1, for the chosen σ_b²", Min = 0, Max = 100, Unit = "σ_w²")]
    public double SigmaW2 { get; init; } = 0;

    [Option("bias variance σ_b²; the smaller, the smaller q* at criticality and the closer tanh networks come to dynamical isometry", Min = 0, Max = 100, Unit = "σ_b²")]
    public double SigmaB2 { get; init; } = 1e-5;

    [Option("independent random networks whose Jacobians are measured", Min = 1, Max = 1000, Unit = "networks")]
    public int Networks { get; init; } = 4;

    [Option("histogram bins of the measured singular values", Min = 5, Max = 1000, Unit = "bins")]
    public int Bins { get; init; } = 40;

    [Option("depths of the training comparison of orthogonal and Gaussian weights at the same σ_w², σ_b²", Min = 1, Max = 1024, Unit = "layers")]
    public int[] TrainingDepths { get; init; } = [2, 8, 32];

    [Option("neurons per hidden layer of the trained networks", Min = 2, Max = 4096, Unit = "neurons")]
    public int TrainingWidth { get; init; } = 64;

    [Option("training accuracy (on the first 1,000 training examples) whose first crossing measures learning speed", Min = 0.01, Max = 1)]
    public double AccuracyThreshold { get; init; } = 0.5;

    [OptionGroup]
    public InitialisationTrainingOptions Training { get; init; } = new() { LearningRate = 0.03, Evaluations = 50 };
}

/// <summary>
/// Singular-value spectra of the input–output Jacobian of deep random networks at the edge of chaos (Pennington,
/// Schoenholz and Ganguli 2017, 2018): Monte-Carlo spectra of Gaussian or orthogonal networks against the
/// free-probability density, the mean and variance of the eigenvalues of JJᵀ and the largest singular value against
/// their predictions, and how fast orthogonal and Gaussian networks of growing depth learn.
/// </summary>
public sealed partial class DynamicalIsometry : Experiment<DynamicalIsometryOptions>
{
    public override string Id => "jacobian-spectrum";
    public override string Title => "Jacobian spectra and dynamical isometry";
    public override Topic Topic => Topic.SignalPropagation;
    public override IReadOnlyList<string> Papers => ["pennington2017resurrecting", "pennington2018emergence", "greydanus2020scaling"];

    public override string Summary =>
        "Draws Gaussian or orthogonal random networks at the edge of chaos (χ₁ = 1), accumulates their input–output Jacobians " +
        "J = Π D^l W^l in float64 and compares the spectrum of JJᵀ at depths 2 to L with free probability: the density from " +
        "S_{JJᵀ} = Π S_{WᵀW} S_{D²}, the mean χ₁^L, the variance L(μ₂/μ₁² − 1 − s₁) and the upper edge. Then trains orthogonal " +
        "and Gaussian networks of several depths on MNIST-1D and reports the SGD steps each needs to reach an accuracy.";

    public override DynamicalIsometryOptions Quick => new()
    {
        Depth = 32,
        Width = 160,
        // A standard error near 1 % on the orthogonal variance; with weights=gaussian, whose variance spreads over
        // networks by about 30 on a mean of 36 at L/N = 0.2, about a fifth of the mean. Three networks gave no
        // usable standard error for that skewed spread.
        Networks = 16,
        Bins = 25,
        TrainingDepths = [2, 16],
        Training = Defaults.Training with { TrainingSteps = 300, Evaluations = 15 },
    };

    public override CostEstimate EstimateCost(DynamicalIsometryOptions o)
    {
        double n = o.Width;
        // Per layer: the product W J (n³), and for orthogonal weights a QR factorisation (about 2n³); an SVD (about 10n³) per measured depth.
        double perNetwork = o.Depth * n * n * n * (o.Weights == "orthogonal" ? 3 : 1) + MeasuredDepths(o.Depth).Count * 10 * n * n * n;
        // Forward and backward of a step: three products per layer of batch × width², evaluations about a third of a step per example.
        double training = 2 * o.TrainingDepths.Sum(d => 3.0 * o.Training.TrainingSteps * o.Training.BatchSize * (d * (double)o.TrainingWidth * o.TrainingWidth));
        double seconds = o.Networks * perNetwork / 1e9 * CostCalibration.JacobianSpectrum.SecondsPerGigaMacJacobian + training / 1e9 * CostCalibration.JacobianSpectrum.SecondsPerGigaMacTraining;
        return new CostEstimate(o.Networks + 2L * o.TrainingDepths.Length, "random networks and training runs", TimeSpan.FromSeconds(seconds + 3));
    }

    public override ExperimentResult Run(DynamicalIsometryOptions o, RunContext context) => Present(o, Measure(o, context));

    /// <summary>The kinds of weights of the training comparison, in the order they are trained at each depth.</summary>
    private static readonly string[] TrainingKinds = ["orthogonal", "gaussian"];

    /// <summary>
    /// What the experiment measures, before any table or figure: the networks' spec, the measured depths with the
    /// free-probability spectra there for these weights and the other kind, every network's eigenvalues of JJᵀ at every
    /// measured depth (by network, then depth) with their <see cref="SpectrumMoments"/>, and the training comparison.
    /// </summary>
    private sealed record Measurement(MlpSpec Spec, List<int> Depths, JacobianSpectrum[] Theory, WeightDistribution OtherWeights, JacobianSpectrum[] OtherTheory,
        double[][][] Eigenvalues, (double Mean, double Error)[][] Moments, TrainingComparison Training);

    /// <summary>
    /// The training runs at each depth of <paramref name="Depths"/>: Curves[i][j] of the kind TrainingKinds[j], and
    /// StepsToThreshold[kind][i] the first evaluated step at the accuracy threshold (NaN when never reached).
    /// </summary>
    private sealed record TrainingComparison(int[] Depths, TrainingCurve[][] Curves, IReadOnlyDictionary<string, double[]> StepsToThreshold);

    /// <summary>
    /// The free-probability theory the experiment measures against, for these options: the networks at the chosen σ_w²
    /// (or at the edge of chaos), the measured depths, and the spectra of JJᵀ there for these weights and the other kind.
    /// Pure computation, in milliseconds: the explorer draws it as the sliders move.
    /// </summary>
    public static JacobianTheory Theory(DynamicalIsometryOptions o)
    {
        var activation = Activations.ByName(o.Activation);
        double sigmaW2 = o.SigmaW2 > 0 ? o.SigmaW2 : Criticality.CriticalSigmaW2(activation, o.SigmaB2);
        if (double.IsNaN(sigmaW2)) throw new TheoryLabException($"{o.Activation} has no edge of chaos at σ_b² = {o.SigmaB2}; set sigma_w2 explicitly.");
        var weights = WeightDistribution.ByName(o.Weights);
        var otherWeights = WeightDistribution.ByName(o.Weights == "orthogonal" ? "gaussian" : "orthogonal");
        var depths = MeasuredDepths(o.Depth);
        JacobianSpectrum[] Spectra(WeightDistribution w) => [.. depths.Select(d => new MlpSpec(activation, sigmaW2, o.SigmaB2, d, o.Width, w).JacobianSpectrum())];
        return new JacobianTheory(new MlpSpec(activation, sigmaW2, o.SigmaB2, o.Depth, o.Width, weights), depths, Spectra(weights), otherWeights, Spectra(otherWeights));
    }

    private static Measurement Measure(DynamicalIsometryOptions o, RunContext context)
    {
        var (spec, depths, theory, otherWeights, otherTheory) = Theory(o);
        var activation = spec.Activation;
        double sigmaW2 = spec.SigmaW2;

        TorchSetup.Prepare(context.Device);
        double[][][] eigenvalues;
        using (var generator = context.TorchGenerator("random networks"))
        using (var task = context.Progress.Start("random Jacobians", o.Networks))
            eigenvalues = JacobianMonteCarlo.Eigenvalues(spec, depths, o.Networks, generator, task, context.Cancellation);

        var moments = SpectrumMoments(eigenvalues, depths.Count);
        var training = Train(o, activation, sigmaW2, context);
        return new Measurement(spec, [.. depths], theory, otherWeights, otherTheory, eigenvalues, moments, training);
    }

    private static TrainingComparison Train(DynamicalIsometryOptions o, Activation activation, double sigmaW2, RunContext context)
    {
        var depths = o.TrainingDepths.Distinct().Order().ToArray();
        var steps = TrainingKinds.ToDictionary(k => k, _ => new double[depths.Length]);
        var curves = depths.Select(_ => new TrainingCurve[TrainingKinds.Length]).ToArray();
        using var training = new InitialisationTraining(o.Training.Dataset, context);
        using var task = context.Progress.Start($"training on {o.Training.Dataset}", (long)depths.Length * TrainingKinds.Length * o.Training.TrainingSteps);
        for (int i = 0; i < depths.Length; i++)
            for (int j = 0; j < TrainingKinds.Length; j++)
            {
                string kind = TrainingKinds[j];
                var spec = new MlpSpec(activation, sigmaW2, o.SigmaB2, depths[i], o.TrainingWidth, WeightDistribution.ByName(kind));
                using var generator = context.TorchGenerator($"training network {kind} {depths[i]}");
                curves[i][j] = training.Train(spec, o.Training, generator, context.Seed, task, context.Cancellation);
                steps[kind][i] = curves[i][j].StepsToAccuracy(o.AccuracyThreshold);
            }
        return new TrainingComparison(depths, curves, steps);
    }

    /// <summary>2, 4, 8, … below <paramref name="depth"/>, and the depth itself.</summary>
    private static List<int> MeasuredDepths(int depth)
    {
        var depths = new List<int>();
        for (int d = 2; d < depth; d *= 2) depths.Add(d);
        depths.Add(depth);
        return depths;
    }

    /// <summary>Per measured depth: the across-network mean and standard error of the mean λ, the variance of λ and the largest σ.</summary>
    private static (double Mean, double Error)[][] SpectrumMoments(double[][][] eigenvalues, int depthCount)
    {
        var result = new (double, double)[depthCount][];
        for (int k = 0; k < depthCount; k++)
        {
            var perNetwork = eigenvalues.Select(e => e[k]).ToArray();
            result[k] =
            [
                AcrossNetworks(perNetwork.Select(l => l.Average())),
                AcrossNetworks(perNetwork.Select(l => Moments.VarianceOfValues(l))),
                AcrossNetworks(perNetwork.Select(l => Math.Sqrt(l.Max()))),
            ];
        }
        return result;
    }

    private static (double Mean, double Error) AcrossNetworks(IEnumerable<double> values)
    {
        var v = values.ToArray();
        return (v.Average(), Moments.StandardError(v));
    }
}

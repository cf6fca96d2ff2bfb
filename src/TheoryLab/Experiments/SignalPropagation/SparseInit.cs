using TheoryLab.Kernel;
using TheoryLab.Models.MeanField;
using TheoryLab.Numerics;
using TheoryLab.Numerics.Statistics;
using TheoryLab.Options;
using TheoryLab.Text;
using TheoryLab.Torch;

namespace TheoryLab.Experiments.SignalPropagation;

/// <summary>
/// Options of <see cref="SparseInit"/>. Defaults: tanh with σ_b² = 0.05 at its edge of chaos as in Schoenholz et al.'s
/// setting, width 1000 (Poole et al.), masks keeping 50 %, 10 % and 2 % of the weights and ranks of 50 %, 20 % and 5 % of
/// the width; training runs of depth 32 on MNIST-1D sized for a 2-core CPU.
/// </summary>
public sealed record SparseInitOptions
{
    [Option("nonlinearity φ of every layer", ChoicesFrom = typeof(MeanFieldActivations))]
    public string Activation { get; init; } = "tanh";

    [Option("weight variance σ_w² of every kind of weights; 0 (the default) puts them all at the iid edge of chaos (χ₁ = 1) for σ_b²", Min = 0, Max = 100, Unit = "σ_w²")]
    public double SigmaW2 { get; init; } = 0;

    [Option("bias variance σ_b²", Min = 0, Max = 100, Unit = "σ_b²")]
    public double SigmaB2 { get; init; } = 0.05;

    [Option("densities p of the sparse weights: each entry is kept with probability p and scaled by 1/√p", Min = 1e-4, Max = 1)]
    public double[] Densities { get; init; } = [0.5, 0.1, 0.02];

    [Option("ranks of the low-rank weights W = UVᵀ as fractions of the width", Min = 1e-4, Max = 1)]
    public double[] RankFractions { get; init; } = [0.5, 0.2, 0.05];

    [Option("neurons per layer of the Monte-Carlo networks", Min = 10, Max = 10_000, Unit = "neurons")]
    public int Width { get; init; } = 1000;

    [Option("layers of the Monte-Carlo networks: each consecutive pair of layers is one point of the q-map and c-map", Min = 2, Max = 1000, Unit = "layers")]
    public int Depth { get; init; } = 8;

    [Option("independent networks of each kind", Min = 2, Max = 1000, Unit = "networks")]
    public int Networks { get; init; } = 4;

    [Option("input lengths q⁰ = |x|²/N₀ followed through the networks (points of the q-map)", Min = 0, Max = 1e4, Unit = "q⁰")]
    public double[] InputLengths { get; init; } = [0.02, 0.3, 1, 3, 10];

    [Option("input correlations c⁰ of pairs at q* followed through the networks (points of the c-map)", Min = -1, Max = 1, Unit = "c⁰")]
    public double[] InputCorrelations { get; init; } = [0, 0.4, 0.8, 0.95];

    [Option("hidden layers of the trained networks", Min = 1, Max = 1000, Unit = "layers")]
    public int TrainingDepth { get; init; } = 32;

    [Option("neurons per hidden layer of the trained networks", Min = 2, Max = 4096, Unit = "neurons")]
    public int TrainingWidth { get; init; } = 128;

    [OptionGroup]
    public InitialisationTrainingOptions Training { get; init; } = new();
}

/// <summary>
/// Sparse and low-rank weights with the iid variance σ_w²/N (Nait Saada, Naderi and Tanner 2024): Monte-Carlo length
/// and correlation maps of such networks against the Gaussian-process (mean-field) maps of iid weights, the slope χ₁
/// at the iid edge of chaos, the finite-size spread of the lengths against its prediction, and trainability at
/// criticality against density and rank.
/// </summary>
public sealed partial class SparseInit : Experiment<SparseInitOptions>
{
    public override string Id => "sparse-init";
    public override string Title => "Sparse and low-rank weights at the edge of chaos";
    public override Topic Topic => Topic.SignalPropagation;
    public override IReadOnlyList<string> Papers => ["naitsaada2024beyond", "poole2016exponential", "schoenholz2017deep", "greydanus2020scaling"];

    public override string Summary =>
        "Draws deep networks whose weights are iid Gaussian, sparse (random masks of density p scaled by 1/√p) or low rank " +
        "(W = UVᵀ of rank r), all with variance σ_w²/N at the iid edge of chaos, and compares their layer-to-layer lengths and " +
        "correlations with the mean-field q-map and c-map, their χ₁ with 1, and the spread of their lengths with " +
        "√(2/N + (2/r)(σ_w² E φ²/q)²). Then trains each kind at criticality on MNIST-1D.";

    public override SparseInitOptions Quick => new()
    {
        Densities = [0.1, 0.02],
        RankFractions = [0.2, 0.05],
        Width = 400,
        Depth = 6,
        Networks = 4,
        InputLengths = [0.1, 1, 5],
        InputCorrelations = [0, 0.8],
        TrainingDepth = 8,
        TrainingWidth = 64,
        Training = Defaults.Training with { TrainingSteps = 300, Evaluations = 10 },
    };

    /// <summary>One kind of weights: a label for tables and legends, the key that names its tables and columns, and its distribution.</summary>
    private sealed record Kind(string Label, string Key, WeightDistribution Weights, double Rank);

    public override CostEstimate EstimateCost(SparseInitOptions o)
    {
        int kinds = 1 + o.Densities.Length + o.RankFractions.Length;
        double n = o.Width;
        // Drawing a layer costs about as much as 10 products with the few inputs; a low-rank draw adds the product U Vᵀ.
        double monteCarlo = kinds * o.Networks * o.Depth * (10 * n * n + o.RankFractions.Average() * n * n * n / kinds);
        double training = kinds * 3.0 * o.Training.TrainingSteps * o.Training.BatchSize * o.TrainingDepth * (double)o.TrainingWidth * o.TrainingWidth;
        return new CostEstimate(kinds * (o.Networks + 1L), "random networks and training runs", TimeSpan.FromSeconds((monteCarlo + training) / 1e9 * CostCalibration.SparseInit.SecondsPerGigaMac + 3));
    }

    public override ExperimentResult Run(SparseInitOptions o, RunContext context) => Present(o, Measure(o, context));

    /// <summary>
    /// What the experiment measures, before any table or figure: the iid mean-field maps at the σ_w² used, the kinds of
    /// weights, each kind's random-network signals and their one-step comparisons with the maps, and each kind's
    /// training curve.
    /// </summary>
    private sealed record Measurement(MeanFieldMaps Maps, List<Kind> Kinds, SignalMeasurement[] Signals, MapStatistics[] Statistics, TrainingCurve[] Curves);

    private static Measurement Measure(SparseInitOptions o, RunContext context)
    {
        var activation = Activations.ByName(o.Activation);
        double sigmaW2 = o.SigmaW2 > 0 ? o.SigmaW2 : Criticality.CriticalSigmaW2(activation, o.SigmaB2);
        if (double.IsNaN(sigmaW2)) throw new TheoryLabException($"{o.Activation} has no edge of chaos at σ_b² = {o.SigmaB2}; set sigma_w2 explicitly.");
        var maps = new MeanFieldMaps(activation, sigmaW2, o.SigmaB2);
        if (!(maps.QStar > 0) || !double.IsFinite(maps.QStar))
            throw new TheoryLabException($"{o.Activation} at σ_w² = {sigmaW2}, σ_b² = {o.SigmaB2} has q* = {maps.QStar}: correlations are undefined there; use σ_b² > 0 and a σ_w² with a finite fixed point.");
        var kinds = Kinds(o);

        TorchSetup.Prepare(context.Device);
        var measured = new SignalMeasurement[kinds.Count];
        double pairLength = (maps.QStar - o.SigmaB2) / sigmaW2;
        using (var task = context.Progress.Start("random networks", (long)kinds.Count * o.Networks))
            for (int k = 0; k < kinds.Count; k++)
            {
                using var generator = context.TorchGenerator($"random networks, {kinds[k].Label}");
                var spec = new MlpSpec(activation, sigmaW2, o.SigmaB2, o.Depth, o.Width, kinds[k].Weights);
                measured[k] = SignalMonteCarlo.Measure(spec, o.InputLengths, o.InputCorrelations, pairLength, o.Networks, generator, task, context.Cancellation);
            }

        var statistics = kinds.Select((kind, k) => MapStatistics.Of(measured[k], maps, activation, o.Width, kind.Weights)).ToArray();
        var curves = Train(o, activation, sigmaW2, kinds, context);
        return new Measurement(maps, kinds, measured, statistics, curves);
    }

    /// <summary>Trains a network of every kind at the σ_w² used and returns their curves, in the order of the kinds.</summary>
    private static TrainingCurve[] Train(SparseInitOptions o, Activation activation, double sigmaW2, List<Kind> kinds, RunContext context)
    {
        var curves = new TrainingCurve[kinds.Count];
        using var training = new InitialisationTraining(o.Training.Dataset, context);
        using (var task = context.Progress.Start($"training on {o.Training.Dataset}", (long)kinds.Count * o.Training.TrainingSteps))
            for (int k = 0; k < kinds.Count; k++)
            {
                var spec = new MlpSpec(activation, sigmaW2, o.SigmaB2, o.TrainingDepth, o.TrainingWidth, kinds[k].Weights);
                using var generator = context.TorchGenerator($"training network, {kinds[k].Label}");
                curves[k] = training.Train(spec, o.Training, generator, context.Seed, task, context.Cancellation);
            }
        return curves;
    }

    private static List<Kind> Kinds(SparseInitOptions o)
    {
        var kinds = new List<Kind> { new("iid Gaussian", "gaussian", WeightDistribution.Gaussian, double.PositiveInfinity) };
        foreach (double p in o.Densities.Distinct().OrderDescending())
            kinds.Add(new($"sparse, p = {NumberText.Prose(p)}", $"sparse_{OptionValues.Format(p)}", new SparseWeights(p), double.PositiveInfinity));
        foreach (double f in o.RankFractions.Distinct().OrderDescending())
        {
            var weights = new LowRankWeights(f);
            long rank = weights.Rank(o.Width, o.Width);
            // Labelled by r/N: the trained networks are narrower than the Monte-Carlo ones, and their rank scales with them.
            kinds.Add(new($"low rank, r = {NumberText.Prose(f)}N", $"low_rank_{OptionValues.Format(f)}", weights, rank));
        }
        return kinds;
    }

    /// <summary>
    /// One-step comparisons of a kind's networks with the maps. For every network, followed input and layer l ≥ 2, the
    /// relative length residual q^l / Q(q^{l−1}) − 1 (Q the length map) and, for every pair, the correlation residual
    /// c^l − C(c^{l−1}) at q*; per network they are averaged, and the means and standard errors are across networks.
    /// <para>
    /// Predicted variance of the length residual, that of q̂ = (1/N) Σ h_i² given the previous layer: 2/N for iid weights;
    /// (2 + 3 Var V/Q²)/N for masks of density p, where row i's pre-activation is Gaussian given its mask with variance V
    /// of mean Q and Var V = σ_w⁴ (1 − p) E x⁴ /(p N) over the previous activations x; 2/N + (2/r)(σ_w² E φ²/Q)² for rank r,
    /// where the r directions of Vᵀx carry the whole length.
    /// </para>
    /// <para>
    /// Predicted mean of the length residual: 0 for iid and low-rank weights (given Vᵀx the pre-activations are exactly
    /// Gaussian); for masks, pre-activations are Gaussian mixtures, so E φ(h)² at the next layer moves by ½ F″(q) Var V with
    /// F(v) = E φ(√v z)²: a relative residual σ_w² F″(q) Var V /(2Q) to first order in 1/(pN).
    /// </para>
    /// <para>
    /// χ₁ is compared with the mean over the followed inputs of σ_w² E φ′(√q z)² at each input's measured length (the
    /// pairs sit at q*, where it is the critical value), plus for masks the same mixture correction σ_w² G″(q) Var V / 2,
    /// G(v) = E φ′(√v z)².
    /// </para>
    /// </summary>
    private sealed record MapStatistics((double Mean, double Error) LengthResidual, double PredictedLengthResidual, (double Mean, double Error) CorrelationResidual,
        (double Mean, double Error) Chi1, double PredictedChi1, double MeasuredSpread, double SpreadError, double PredictedSpread)
    {
        public static MapStatistics Of(SignalMeasurement m, MeanFieldMaps maps, Activation activation, int width, WeightDistribution weights)
        {
            int depth = m.QByNetwork[0].Length, inputs = m.InputLengths.Length, pairs = m.InputCorrelations.Length;
            var integrals = new GaussianIntegrals(activation);
            double density = weights is SparseWeights sparse ? sparse.Density : 1;
            var lengthMeans = new double[m.Networks];
            var correlationMeans = new double[m.Networks];
            var chiMeans = new double[m.Networks];
            var chiPredicted = new double[m.Networks];
            var squares = new List<double>();
            var predictedSquares = new List<double>();
            var predictedMeans = new List<double>();
            for (int r = 0; r < m.Networks; r++)
            {
                var lengths = new List<double>();
                for (int k = 0; k < inputs; k++)
                    for (int l = 1; l < depth; l++)
                    {
                        double previous = m.QByNetwork[k][l - 1][r], next = maps.LengthMap(previous);
                        double residual = m.QByNetwork[k][l][r] / next - 1;
                        lengths.Add(residual);
                        squares.Add(residual * residual);
                        // The activations that fed layer l − 1: the raw input (Gaussian coordinates, E x⁴ = 3 q⁰²) or φ(h^{l−2}).
                        double feedingFourth = l == 1 ? 3 * m.InputLengths[k] * m.InputLengths[k] : FourthMoment(activation, m.QByNetwork[k][l - 2][r]);
                        predictedMeans.Add(density < 1 ? maps.SigmaW2 * SecondMomentCurvature(integrals, previous) * Mixture(maps, density, width, feedingFourth) / (2 * next) : 0);
                        predictedSquares.Add(PredictedVariance(weights, width, maps, integrals, activation, previous, next));
                    }
                lengthMeans[r] = lengths.Average();
                var correlations = new List<double>();
                for (int j = 0; j < pairs; j++)
                    for (int l = 1; l < depth; l++)
                        correlations.Add(m.CByNetwork[j][l][r] - maps.CorrelationMap(m.CByNetwork[j][l - 1][r], maps.QStar));
                correlationMeans[r] = correlations.Count == 0 ? 0 : correlations.Average();
                chiMeans[r] = m.Chi1ByNetwork.Take(depth - 1).Average(l => l[r]);
                double Chi1(int l, double q, double feedingFourth) =>
                    maps.Chi1At(q) + (density < 1 ? maps.SigmaW2 * SlopeMomentCurvature(integrals, q) * Mixture(maps, density, width, feedingFourth) / 2 : 0);
                chiPredicted[r] = Enumerable.Range(0, depth - 1).Average(l =>
                    (Enumerable.Range(0, inputs).Sum(k => Chi1(l, m.QByNetwork[k][l][r], l == 0 ? 3 * m.InputLengths[k] * m.InputLengths[k] : FourthMoment(activation, m.QByNetwork[k][l - 1][r])))
                     + 2 * pairs * Chi1(l, maps.QStar, l == 0 ? 3 * m.PairLength * m.PairLength : FourthMoment(activation, maps.QStar))) / (inputs + 2 * pairs));
            }
            double meanSquare = squares.Average();
            // The squared residuals are independent across networks, inputs and layers (fresh weights every layer), so
            // their mean has standard error sd/√n.
            double spreadError = Math.Sqrt(squares.Sum(s => (s - meanSquare) * (s - meanSquare)) / (squares.Count - 1) / squares.Count);
            return new MapStatistics(MeanAndError(lengthMeans), predictedMeans.Average(), MeanAndError(correlationMeans), MeanAndError(chiMeans), chiPredicted.Average(),
                Math.Sqrt(meanSquare), spreadError / (2 * Math.Sqrt(meanSquare)), Math.Sqrt(predictedSquares.Average()));
        }

        /// <summary>Var V = σ_w⁴ (1 − p) E x⁴ /(p N): the spread of a row's pre-activation variance under a mask of density p.</summary>
        private static double Mixture(MeanFieldMaps maps, double density, int width, double feedingFourth) =>
            maps.SigmaW2 * maps.SigmaW2 * (1 - density) * feedingFourth / (density * width);

        /// <summary>G″(q) for G(q) = E φ′(√q z)², by a central difference.</summary>
        private static double SlopeMomentCurvature(GaussianIntegrals integrals, double q)
        {
            double h = 1e-3 * q;
            return (integrals.DerivativeSecondMoment(q + h) - 2 * integrals.DerivativeSecondMoment(q) + integrals.DerivativeSecondMoment(q - h)) / (h * h);
        }

        /// <summary>F″(q) for F(q) = E φ(√q z)², by a central difference of the length integrals (relative error about 1e-6).</summary>
        private static double SecondMomentCurvature(GaussianIntegrals integrals, double q)
        {
            double h = 1e-3 * q;
            return (integrals.SecondMoment(q + h) - 2 * integrals.SecondMoment(q) + integrals.SecondMoment(q - h)) / (h * h);
        }

        private static double PredictedVariance(WeightDistribution weights, int width, MeanFieldMaps maps, GaussianIntegrals integrals, Activation activation, double previous, double next)
        {
            double signal = maps.SigmaW2 * integrals.SecondMoment(previous) / next;
            return weights switch
            {
                SparseWeights s => (2 + 3 * (1 - s.Density) * maps.SigmaW2 * maps.SigmaW2 * FourthMoment(activation, previous) / (s.Density * width * next * next)) / width,
                LowRankWeights l => 2.0 / width + 2.0 / l.Rank(width, width) * signal * signal,
                _ => 2.0 / width,
            };
        }

        /// <summary>E[φ(u)⁴], u ~ N(0, q), by the piecewise Gaussian quadrature split at φ's kinks.</summary>
        private static double FourthMoment(Activation activation, double q)
        {
            double r = Math.Sqrt(q);
            double[] breaks = [.. activation.Kinks.Select(k => k / r)];
            return GaussianQuadrature.ExpectPiecewise(z => Math.Pow(activation.Value(r * z), 4), breaks);
        }

        private static (double, double) MeanAndError(double[] v) => (v.Average(), Moments.StandardError(v));
    }
}

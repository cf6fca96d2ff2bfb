using TheoryLab.Data;
using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Models.MeanField;
using TheoryLab.Numerics;
using TheoryLab.Numerics.Statistics;
using TheoryLab.Options;
using TheoryLab.Tables;
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

    [Option("dataset of the training runs", ChoicesFrom = typeof(BenchmarkDatasets))]
    public string Dataset { get; init; } = "mnist1d";

    [Option("SGD steps of each training run", Min = 1, Max = 1_000_000, Unit = "steps")]
    public int TrainingSteps { get; init; } = 1000;

    [Option("examples per SGD step", Min = 1, Max = 65_536)]
    public int BatchSize { get; init; } = 100;

    [Option("SGD learning rate η", Min = 1e-6, Max = 10, Unit = "η")]
    public double LearningRate { get; init; } = 0.01;

    [Option("heavy-ball momentum μ", Min = 0, Max = 0.999, Unit = "μ")]
    public double Momentum { get; init; } = 0.9;

    [Option("evaluations of each training curve, evenly spaced", Min = 1, Max = 10_000)]
    public int Evaluations { get; init; } = 20;
}

/// <summary>
/// Sparse and low-rank weights with the iid variance σ_w²/N (Nait Saada, Naderi and Tanner 2024): Monte-Carlo length
/// and correlation maps of such networks against the Gaussian-process (mean-field) maps of iid weights, the slope χ₁
/// at the iid edge of chaos, the finite-size spread of the lengths against its prediction, and trainability at
/// criticality against density and rank.
/// </summary>
public sealed class SparseInit : Experiment<SparseInitOptions>
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
        TrainingSteps = 300,
        Evaluations = 10,
    };

    /// <summary>One kind of weights: a label for tables and legends, and its distribution.</summary>
    private sealed record Kind(string Label, string Column, WeightDistribution Weights, double Rank);

    public override CostEstimate EstimateCost(SparseInitOptions o)
    {
        int kinds = 1 + o.Densities.Length + o.RankFractions.Length;
        double n = o.Width;
        // Drawing a layer costs about as much as 10 products with the few inputs; a low-rank draw adds the product U Vᵀ.
        double monteCarlo = kinds * o.Networks * o.Depth * (10 * n * n + o.RankFractions.Average() * n * n * n / kinds);
        double training = kinds * 3.0 * o.TrainingSteps * o.BatchSize * o.TrainingDepth * (double)o.TrainingWidth * o.TrainingWidth;
        return new CostEstimate(kinds * (o.Networks + 1L), "random networks and training runs", TimeSpan.FromSeconds((monteCarlo + training) / 1e9 * CostCalibration.SparseInit.SecondsPerGigaMac + 3));
    }

    public override ExperimentResult Run(SparseInitOptions o, RunContext context)
    {
        var activation = Activations.ByName(o.Activation);
        double sigmaW2 = o.SigmaW2 > 0 ? o.SigmaW2 : Criticality.CriticalSigmaW2(activation, o.SigmaB2);
        if (double.IsNaN(sigmaW2)) throw new TheoryLabException($"{o.Activation} has no edge of chaos at σ_b² = {o.SigmaB2}; set sigma_w2 explicitly.");
        var maps = new MeanFieldMaps(activation, sigmaW2, o.SigmaB2);
        if (!(maps.QStar > 0) || !double.IsFinite(maps.QStar))
            throw new TheoryLabException($"{o.Activation} at σ_w² = {sigmaW2}, σ_b² = {o.SigmaB2} has q* = {maps.QStar}: correlations are undefined there; use σ_b² > 0 and a σ_w² with a finite fixed point.");
        var kinds = Kinds(o);
        var result = new ExperimentResult();

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
        AddMapTables(result, o, maps, kinds, measured, statistics);
        AddFindings(result, o, maps, kinds, statistics);
        AddMapFigures(result, o, maps, kinds);
        AddTraining(result, o, activation, sigmaW2, kinds, context);
        return result;
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

    private static void AddMapTables(ExperimentResult result, SparseInitOptions o, MeanFieldMaps maps, List<Kind> kinds, SignalMeasurement[] measured, MapStatistics[] statistics)
    {
        double top = o.InputLengths.Select(q0 => maps.SigmaW2 * q0 + maps.SigmaB2).Append(2 * maps.QStar).Max() * 1.05;
        var qIn = Enumerable.Range(0, 201).Select(i => top * i / 200).ToArray();
        result.Add(new Table("q-map").Add("q_in", qIn).Add("q_out", qIn.Select(maps.LengthMap)).Add("identity", qIn));
        double low = o.InputCorrelations.Min() < 0 ? -1 : 0;
        var cIn = Enumerable.Range(0, 201).Select(i => low + (1 - low) * i / 200).ToArray();
        result.Add(new Table("c-map").Add("c_in", cIn).Add("c_out", cIn.Select(c => maps.CorrelationMap(c, maps.QStar))).Add("identity", cIn));
        for (int k = 0; k < kinds.Count; k++)
        {
            var m = measured[k];
            int depth = o.Depth;
            result.Add(new Table($"q-map-mc-{kinds[k].Column}")
                .Add("q_previous", m.Q.SelectMany(q => q.Take(depth - 1)))
                .Add("q_next", m.Q.SelectMany(q => q.Skip(1))));
            result.Add(new Table($"c-map-mc-{kinds[k].Column}")
                .Add("c_previous", m.C.SelectMany(c => c.Take(depth - 1)))
                .Add("c_next", m.C.SelectMany(c => c.Skip(1))));
        }
        result.Add(new Table("map-residuals")
            .AddText("kind", kinds.Select(k => k.Label))
            .Add("rank", kinds.Select(k => double.IsInfinity(k.Rank) ? 0 : k.Rank))
            .Add("length_residual", statistics.Select(s => s.LengthResidual.Mean))
            .Add("length_residual_se", statistics.Select(s => s.LengthResidual.Error))
            .Add("length_residual_theory", statistics.Select(s => s.PredictedLengthResidual))
            .Add("correlation_residual", statistics.Select(s => s.CorrelationResidual.Mean))
            .Add("correlation_residual_se", statistics.Select(s => s.CorrelationResidual.Error))
            .Add("chi1_mc", statistics.Select(s => s.Chi1.Mean))
            .Add("chi1_mc_se", statistics.Select(s => s.Chi1.Error))
            .Add("chi1_theory", statistics.Select(s => s.PredictedChi1))
            .Add("length_spread", statistics.Select(s => s.MeasuredSpread))
            .Add("length_spread_se", statistics.Select(s => s.SpreadError))
            .Add("length_spread_theory", statistics.Select(s => s.PredictedSpread)));
        result.Add(new Table("length-spread")
            .Add("kind_index", Enumerable.Range(1, kinds.Count).Select(i => (double)i))
            .Add("measured", statistics.Select(s => s.MeasuredSpread))
            .Add("measured_se", statistics.Select(s => s.SpreadError))
            .Add("theory", statistics.Select(s => s.PredictedSpread)));
    }

    private static void AddFindings(ExperimentResult result, SparseInitOptions o, MeanFieldMaps maps, List<Kind> kinds, MapStatistics[] statistics)
    {
        int sparsest = kinds.FindLastIndex(k => k.Weights is SparseWeights), lowest = kinds.FindLastIndex(k => k.Weights is LowRankWeights);
        result.Add(new Finding("sigma_w2", maps.SigmaW2, "σ_w²",
            o.SigmaW2 > 0 ? $"The weight variance chosen (χ₁ = {maps.Chi1:G4})." : $"The iid edge of chaos (χ₁ = 1) at σ_b² = {NumberText.Prose(o.SigmaB2)}, by Brent's method, used for every kind of weights."));
        foreach (var (index, name) in new[] { (0, "gaussian"), (sparsest, "sparsest"), (lowest, "lowest_rank") })
        {
            if (index < 0) continue;
            var s = statistics[index];
            string who = $"{o.Networks} networks of width {o.Width} with {kinds[index].Label} weights";
            result.Add(new Finding($"chi1_{name}", s.Chi1.Mean, "1",
                $"Mean squared singular value of the layer-to-layer Jacobian, (1/N)‖W diag φ′(h)‖², over layers 1–{o.Depth - 1} and every followed input of {who} (standard error {s.Chi1.Error:G3}); the mean-field χ₁ of iid weights at the inputs' measured lengths.",
                s.PredictedChi1, "mean field: σ_w² ∫Dz φ′(√q z)² at each input's measured length (1 at q* on the edge of chaos), the same for pseudo-iid weights (naitsaada2024beyond)"));
            result.Add(new Finding($"length_residual_{name}", s.LengthResidual.Mean, "1",
                $"Mean relative one-step deviation q^l / Q(q^{{l−1}}) − 1 of measured lengths from the iid length map Q, over the followed inputs and layers of {who} (standard error {s.LengthResidual.Error:G3}); 0 in the Gaussian-process limit, and for sparse masks a first-order correction in 1/(pN) from their Gaussian-mixture pre-activations.",
                s.PredictedLengthResidual, "Gaussian-process limit (naitsaada2024beyond); masks: σ_w² F″(q) Var V /(2Q), F(v) = E φ(√v z)²"));
            result.Add(new Finding($"correlation_residual_{name}", s.CorrelationResidual.Mean, "1",
                $"Mean one-step deviation c^l − C(c^{{l−1}}) of measured correlations from the iid correlation map at q*, over the followed pairs and layers of {who} (standard error {s.CorrelationResidual.Error:G3}).",
                0, "Gaussian-process limit: the iid correlation map (naitsaada2024beyond)"));
            result.Add(new Finding($"length_spread_{name}", s.MeasuredSpread, "1",
                $"Root-mean-square relative one-step deviation of lengths in {who} (standard error {s.SpreadError:G3}): the finite-size fluctuation of q̂ = (1/N)Σh², which the maps leave out.",
                s.PredictedSpread, "theory: √(Var q̂)/Q given the previous layer (2/N iid; mixture correction for masks; + (2/r)(σ_w² E φ²/Q)² for rank r)"));
        }
    }

    private static void AddMapFigures(ExperimentResult result, SparseInitOptions o, MeanFieldMaps maps, List<Kind> kinds)
    {
        string setting = $"{o.Activation}, σ_w² = {maps.SigmaW2:G4}, σ_b² = {NumberText.Prose(o.SigmaB2)}, width {o.Width}";
        var qSeries = new List<Series> { new Line("q-map", "q_in", "q_out", "iid mean field"), new Line("q-map", "q_in", "identity", "diagonal", Dashed: true) };
        qSeries.AddRange(kinds.Select(k => (Series)new Markers($"q-map-mc-{k.Column}", "q_previous", "q_next", k.Label)));
        result.Add(new Figure("q-map", $"Length map of networks with iid, sparse and low-rank weights of the same variance ({setting}): consecutive layers' lengths, averaged over {NumberText.Count(o.Networks, "network")}, against the iid mean-field map.",
            new Axis("length q at layer l − 1"), new Axis("length q at layer l"), qSeries)
        { Legend = LegendPlace.UpperLeft });
        var cSeries = new List<Series> { new Line("c-map", "c_in", "c_out", "iid mean field"), new Line("c-map", "c_in", "identity", "diagonal", Dashed: true) };
        cSeries.AddRange(kinds.Select(k => (Series)new Markers($"c-map-mc-{k.Column}", "c_previous", "c_next", k.Label)));
        result.Add(new Figure("c-map", $"Correlation map at q* = {maps.QStar:G4} of networks with iid, sparse and low-rank weights ({setting}): consecutive layers' correlations of input pairs, averaged over {NumberText.Count(o.Networks, "network")}, against the iid mean-field map.",
            new Axis("correlation c at layer l − 1"), new Axis("correlation c at layer l"), cSeries)
        { Legend = LegendPlace.UpperLeft });
        string labels = string.Join("; ", kinds.Select((k, i) => $"{i + 1}: {k.Label}"));
        result.Add(new Figure("length-spread", $"Relative one-step fluctuation of the layer length q̂ = (1/N) Σ h_i² ({setting}): measured (markers, ±1 s.e.) and predicted (line). Kinds: {labels}.",
            new Axis("kind of weights"), new Axis("relative fluctuation of q̂", Log: true),
            [new Line("length-spread", "kind_index", "theory", "prediction"), new Markers("length-spread", "kind_index", "measured", "networks", YError: "measured_se")])
        { Legend = LegendPlace.UpperLeft });
    }

    private static void AddTraining(ExperimentResult result, SparseInitOptions o, Activation activation, double sigmaW2, List<Kind> kinds, RunContext context)
    {
        var settings = new InitialisationTrainingSettings(o.TrainingSteps, o.BatchSize, o.LearningRate, o.Momentum, o.Evaluations, EvaluationExamples: 1000);
        var curves = new Table("training-curves");
        var finalAccuracy = new double[kinds.Count];
        var finalLoss = new double[kinds.Count];
        using var training = new InitialisationTraining(o.Dataset, context);
        using (var task = context.Progress.Start($"training on {o.Dataset}", (long)kinds.Count * o.TrainingSteps))
            for (int k = 0; k < kinds.Count; k++)
            {
                var spec = new MlpSpec(activation, sigmaW2, o.SigmaB2, o.TrainingDepth, o.TrainingWidth, kinds[k].Weights);
                using var generator = context.TorchGenerator($"training network, {kinds[k].Label}");
                var curve = training.Train(spec, settings, generator, context.Seed, task, context.Cancellation);
                if (!curves.Has("step")) curves.Add("step", curve.Steps.Select(s => (double)s));
                curves.Add($"loss_{kinds[k].Column}", curve.Loss).Add($"accuracy_{kinds[k].Column}", curve.Accuracy);
                finalAccuracy[k] = curve.Accuracy[^1];
                finalLoss[k] = curve.Loss[^1];
            }
        result.Add(curves);
        result.Add(new Table("trainability")
            .AddText("kind", kinds.Select(k => k.Label))
            .Add("kind_index", Enumerable.Range(1, kinds.Count).Select(i => (double)i))
            .Add("final_accuracy", finalAccuracy)
            .Add("final_loss", finalLoss));
        string setting = $"{o.Activation} networks of depth {o.TrainingDepth} and width {o.TrainingWidth} at σ_w² = {sigmaW2:G4}, σ_b² = {NumberText.Prose(o.SigmaB2)} on {o.Dataset}, {o.TrainingSteps} SGD steps with η = {NumberText.Prose(o.LearningRate)}, μ = {NumberText.Prose(o.Momentum)}";
        string labels = string.Join("; ", kinds.Select((k, i) => $"{i + 1}: {k.Label}"));
        result.Add(new Figure("trainability", $"Training accuracy (first 1,000 examples) after training {setting}, by kind of initial weights (kinds: {labels}). Only the initialisation is sparse or low rank: training updates every weight.",
            new Axis("kind of weights"), Axis.Fraction("final training accuracy") with { Min = 0 },
            [new Bars("trainability", "kind_index", "final_accuracy", "final accuracy")])
        { Legend = null });
        result.Add(new Figure("training-loss", $"Training cross-entropy during SGD of {setting}, by kind of initial weights.",
            new Axis("SGD step"), new Axis("training loss (nats)", Log: true),
            [.. kinds.Select(k => (Series)new Line("training-curves", "step", $"loss_{k.Column}", k.Label, Dashed: k.Weights is LowRankWeights))]));
        int sparsest = kinds.FindLastIndex(k => k.Weights is SparseWeights), lowest = kinds.FindLastIndex(k => k.Weights is LowRankWeights);
        result.Add(new Finding("train_accuracy_gaussian", finalAccuracy[0], "1", $"Training accuracy after training {setting} from iid Gaussian weights."));
        if (sparsest >= 0) result.Add(new Finding("train_accuracy_sparsest", finalAccuracy[sparsest], "1", $"The same from {kinds[sparsest].Label} weights."));
        if (lowest >= 0) result.Add(new Finding("train_accuracy_lowest_rank", finalAccuracy[lowest], "1", $"The same from {kinds[lowest].Label} weights."));
    }
}

using System.Numerics;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Models.MeanField;

/// <summary>
/// How the weight matrices of an <see cref="MlpSpec"/> are drawn. Every distribution gives entries of mean 0 and
/// variance σ_w²/fan-in, so the infinite-width length and correlation maps are those of iid Gaussian weights
/// (for the sparse and low-rank ones this is Nait Saada, Naderi and Tanner's pseudo-iid result); what differs is
/// the spectrum of WᵀW, which the Jacobian's singular values inherit (Pennington, Schoenholz and Ganguli 2017).
/// </summary>
public abstract record WeightDistribution
{
    /// <summary>The name the experiment options use.</summary>
    public abstract string Name { get; }

    /// <summary>A float64 fanOut × fanIn matrix with entries of mean 0 and variance σ_w²/fanIn.</summary>
    public abstract Tensor Draw(long fanOut, long fanIn, double sigmaW2, Device? device, Generator generator);

    /// <summary>
    /// The S-transform S(z) of WᵀW for square N × N layers with σ_w² = 1 as N → ∞, and its slope S′(z); null where
    /// the spectrum is not modelled (then no free-probability prediction of the Jacobian spectrum is made). With σ_w²,
    /// S_{WᵀW}(z) = S(z)/σ_w².
    /// </summary>
    public virtual Func<Complex, (Complex Value, Complex Slope)>? GramSTransform => null;

    public override string ToString() => Name;

    /// <summary>The distributions by option name; sparse and low-rank ones take their parameter separately.</summary>
    public static WeightDistribution ByName(string name, double density = 1, double rankFraction = 1) => name switch
    {
        "gaussian" => Gaussian,
        "orthogonal" => Orthogonal,
        "sparse" => new SparseWeights(density),
        "low-rank" => new LowRankWeights(rankFraction),
        _ => throw new TheoryLabException($"unknown weight distribution '{name}'{Suggestions.DidYouMean(name, Names)}; choose one of {string.Join(", ", Names)}."),
    };

    public static IReadOnlyList<string> Names { get; } = ["gaussian", "orthogonal", "sparse", "low-rank"];

    /// <summary>iid N(0, σ_w²/fan-in): the mean-field papers' weights.</summary>
    public static WeightDistribution Gaussian { get; } = new GaussianWeights();

    /// <summary>σ_w √(max(fanOut, fanIn)/fanIn) times a Haar-random (semi-)orthogonal matrix (Saxe et al. 2014).</summary>
    public static WeightDistribution Orthogonal { get; } = new OrthogonalWeights();

    /// <summary>iid N(0, 1) entries scaled to variance σ_w²/fan-in.</summary>
    internal static Tensor Gaussians(long fanOut, long fanIn, double sigmaW2, Device? device, Generator generator)
    {
        using var deviation = Math.Sqrt(sigmaW2 / fanIn).ToScalar();
        return randn([fanOut, fanIn], dtype: ScalarType.Float64, device: device, generator: generator).mul_(deviation);
    }
}

/// <summary>iid Gaussian weights; WᵀW is a Wishart matrix whose limiting (Marchenko–Pastur) S-transform is 1/(1 + z).</summary>
public sealed record GaussianWeights : WeightDistribution
{
    public override string Name => "gaussian";

    public override Tensor Draw(long fanOut, long fanIn, double sigmaW2, Device? device, Generator generator) =>
        Gaussians(fanOut, fanIn, sigmaW2, device, generator);

    public override Func<Complex, (Complex Value, Complex Slope)>? GramSTransform =>
        z => (1 / (1 + z), -1 / ((1 + z) * (1 + z)));
}

/// <summary>
/// Haar-random orthogonal weights: Q of the QR factorisation of a Gaussian matrix with the signs of R's diagonal
/// moved into Q (Mezzadri 2007), which makes Q exactly Haar-distributed; rectangular layers get orthonormal columns
/// (or rows). Scaled so entries have variance σ_w²/fan-in; for square layers WᵀW = σ_w² I, whose S-transform is 1/σ_w².
/// </summary>
public sealed record OrthogonalWeights : WeightDistribution
{
    public override string Name => "orthogonal";

    public override Tensor Draw(long fanOut, long fanIn, double sigmaW2, Device? device, Generator generator)
    {
        using var scope = NewDisposeScope();
        bool tall = fanOut >= fanIn;
        var gaussian = randn(tall ? [fanOut, fanIn] : [fanIn, fanOut], dtype: ScalarType.Float64, device: device, generator: generator);
        var (q, r) = linalg.qr(gaussian);
        var haar = q * r.diagonal().sign().unsqueeze(0);
        var oriented = tall ? haar : haar.t();
        // Orthonormal columns (rows) of length max(fanOut, fanIn) have entries of variance 1/max(fanOut, fanIn).
        using var scale = Math.Sqrt(sigmaW2 * Math.Max(fanOut, fanIn) / fanIn).ToScalar();
        return oriented.mul(scale).contiguous().MoveToOuterDisposeScope();
    }

    public override Func<Complex, (Complex Value, Complex Slope)>? GramSTransform => _ => (Complex.One, Complex.Zero);
}

/// <summary>
/// Sparse weights: iid Gaussian entries kept with probability <see cref="Density"/> by an independent random mask
/// and scaled by 1/√p, so the variance stays σ_w²/fan-in (Nait Saada, Naderi and Tanner 2024).
/// </summary>
public sealed record SparseWeights : WeightDistribution
{
    public SparseWeights(double density)
    {
        if (!(density > 0 && density <= 1)) throw new TheoryLabException($"sparse weights need a density in (0, 1], not {density}.");
        Density = density;
    }

    /// <summary>p, the fraction of entries kept.</summary>
    public double Density { get; }

    public override string Name => "sparse";

    public override Tensor Draw(long fanOut, long fanIn, double sigmaW2, Device? device, Generator generator)
    {
        using var scope = NewDisposeScope();
        var weights = Gaussians(fanOut, fanIn, sigmaW2 / Density, device, generator);
        using var density = Density.ToScalar();
        var mask = rand([fanOut, fanIn], dtype: ScalarType.Float64, device: device, generator: generator).lt(density);
        return weights.mul_(mask).MoveToOuterDisposeScope();
    }
}

/// <summary>
/// Low-rank weights W = U Vᵀ with U (fanOut × r) and V (fanIn × r) iid Gaussian, r = ⌈ρ · min(fanOut, fanIn)⌉, scaled so
/// each entry has variance σ_w²/fan-in. Conditioned on V, a layer's pre-activations are Gaussian with the length
/// σ_w² q (Vᵀx)²-averaged over r directions, so they follow the mean-field maps with fluctuations of relative size √(2/r)
/// (Nait Saada, Naderi and Tanner 2024): the rank must grow with the width.
/// </summary>
public sealed record LowRankWeights : WeightDistribution
{
    public LowRankWeights(double rankFraction)
    {
        if (!(rankFraction > 0 && rankFraction <= 1)) throw new TheoryLabException($"low-rank weights need a rank fraction in (0, 1], not {rankFraction}.");
        RankFraction = rankFraction;
    }

    /// <summary>ρ = r / min(fanOut, fanIn).</summary>
    public double RankFraction { get; }

    public override string Name => "low-rank";

    /// <summary>The rank of a fanOut × fanIn layer.</summary>
    public long Rank(long fanOut, long fanIn) => Math.Max(1, (long)Math.Ceiling(RankFraction * Math.Min(fanOut, fanIn) - 1e-9));

    public override Tensor Draw(long fanOut, long fanIn, double sigmaW2, Device? device, Generator generator)
    {
        using var scope = NewDisposeScope();
        long r = Rank(fanOut, fanIn);
        var u = randn([fanOut, r], dtype: ScalarType.Float64, device: device, generator: generator);
        // (UVᵀ)_ij sums r products of independent entries: variance r · 1 · σ_w²/(fanIn r) = σ_w²/fanIn.
        using var deviation = Math.Sqrt(sigmaW2 / (fanIn * (double)r)).ToScalar();
        var v = randn([fanIn, r], dtype: ScalarType.Float64, device: device, generator: generator).mul_(deviation);
        return u.matmul(v.t()).MoveToOuterDisposeScope();
    }
}

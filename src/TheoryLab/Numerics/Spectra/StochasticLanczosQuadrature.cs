using TheoryLab.Numerics.Statistics;

namespace TheoryLab.Numerics.Spectra;

/// <summary>
/// The spectral density of a symmetric n × n operator A by stochastic Lanczos quadrature (Ubaru, Chen and Saad
/// 2017; Ghorbani, Krishnan and Xiao 2019): for each random probe v, k Lanczos steps from v give a k-node Gauss rule
/// (θᵢ, τᵢ²) with Σ τᵢ² f(θᵢ) ≈ vᵀf(A)v/‖v‖², and the average over probes estimates (1/n) tr f(A) = ∫ f dρ. The density
/// itself is the average of the rules' point masses, each broadened into a Gaussian of width σ.
/// </summary>
/// <param name="Rules">One Gauss rule per probe: Ritz values and weights summing to 1.</param>
/// <param name="Dimension">n.</param>
public sealed record StochasticLanczosQuadrature(IReadOnlyList<(double[] Nodes, double[] Weights)> Rules, int Dimension)
{
    /// <summary>Runs <paramref name="probes"/> Rademacher probes of <paramref name="steps"/> Lanczos steps each.</summary>
    /// <param name="multiply">v ↦ Av, A symmetric.</param>
    /// <param name="dimension">n.</param>
    /// <param name="probes">Number of probe vectors (the variance of an estimate falls as 1/probes).</param>
    /// <param name="steps">Lanczos steps per probe (resolution: the rule is exact for polynomials of degree 2·steps − 1).</param>
    /// <param name="random">Source of the probes.</param>
    /// <param name="afterEachProbe">Called after each probe (progress).</param>
    public static StochasticLanczosQuadrature Run(Func<double[], double[]> multiply, int dimension, int probes, int steps, Random random, Action? afterEachProbe = null)
    {
        if (probes < 1) throw new ArgumentOutOfRangeException(nameof(probes), probes, "at least one probe");
        var rules = new List<(double[], double[])>();
        for (int p = 0; p < probes; p++)
        {
            rules.Add(Lanczos.Run(multiply, ProbeVectors.Rademacher(dimension, random), Math.Min(steps, dimension)).Quadrature());
            afterEachProbe?.Invoke();
        }
        return new StochasticLanczosQuadrature(rules, dimension);
    }

    /// <summary>The estimate of ∫ f dρ = (1/n) tr f(A): the average over probes of Σ τᵢ² f(θᵢ).</summary>
    public double Integral(Func<double, double> f) => PerProbe(f).Average();

    /// <summary>The k-th moment (1/n) tr Aᵏ, with its spread over the probes.</summary>
    public Spread Moment(int k) => Spread.Of(PerProbe(x => Math.Pow(x, k)));

    /// <summary>The broadened density Σ τᵢ² N(x; θᵢ, σ²), averaged over all probes, at each of <paramref name="points"/>.</summary>
    public double[] Density(IReadOnlyList<double> points, double width) =>
        [.. points.Select(x => PerProbe(theta => Gaussian(x - theta, width)).Average())];

    /// <summary>
    /// The broadened density at each point as the mean and spread of <paramref name="repeats"/> independent estimates,
    /// each from an equal share of the probes (probes beyond a multiple of repeats are left out).
    /// </summary>
    public Spread[] DensitySpread(IReadOnlyList<double> points, double width, int repeats) =>
        [.. points.Select(x => Repeated(theta => Gaussian(x - theta, width), repeats))];

    /// <summary>The fraction of the spectrum below <paramref name="threshold"/> (the index, for 0), as mean and spread of repeated estimates.</summary>
    public Spread FractionBelow(double threshold, int repeats) => Repeated(theta => theta < threshold ? 1 : 0, repeats);

    /// <summary>∫ f dρ as mean and spread of <paramref name="repeats"/> estimates over disjoint groups of probes.</summary>
    public Spread Repeated(Func<double, double> f, int repeats)
    {
        if (repeats < 1 || repeats > Rules.Count) throw new ArgumentOutOfRangeException(nameof(repeats), repeats, $"between 1 and the {Rules.Count} probes");
        var values = PerProbe(f);
        int share = values.Length / repeats;
        return Spread.Of([.. Enumerable.Range(0, repeats).Select(r => values.Skip(r * share).Take(share).Average())]);
    }

    private double[] PerProbe(Func<double, double> f) =>
        [.. Rules.Select(rule => rule.Nodes.Select((theta, i) => rule.Weights[i] * f(theta)).Sum())];

    private static double Gaussian(double x, double width) => Math.Exp(-0.5 * x * x / (width * width)) / (width * Math.Sqrt(2 * Math.PI));
}

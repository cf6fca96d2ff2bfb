using System.Net.Http.Json;
using System.Text.Json;
using TheoryLab.Experiments.SignalPropagation;
using TheoryLab.Models.ReluCircuits;

namespace TheoryLab.Web.Tests;

/// <summary>
/// The live Jacobian spectrum, Yarotsky square and momentum rates agree with computations that share no code with
/// them: closed forms for products of Gaussian matrices, the density's own moments, the formula for f_m evaluated
/// densely, and each method's recursion iterated.
/// </summary>
public class LiveConstructionTests
{
    private static double[] Numbers(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetDouble())];

    /// <summary>
    /// J of a linear network with iid N(0, 1/N) weights is a product of L Ginibre matrices: the eigenvalues of JJᵀ follow the
    /// Fuss–Catalan law of order L, whose mean is 1, second moment L + 1 and upper edge (L + 1)^(L+1)/L^L; with orthogonal
    /// weights J is orthogonal, every singular value 1.
    /// </summary>
    [Fact]
    public async Task TheJacobianSpectrum_OfLinearGaussianNetworks_IsFussCatalan()
    {
        await using var server = await RunningExplorer.StartAsync();
        using var visitor = await server.Visitor();
        var answer = await visitor.GetFromJsonAsync<JsonElement>("/api/jacobian-spectrum?activation=linear&weights=gaussian&depth=8&sigma_b2=0");
        Assert.Equal([2.0, 4, 8], Numbers(answer.GetProperty("depths")));
        Assert.Equal(1, answer.GetProperty("sigmaW2").GetDouble());
        Assert.All(Numbers(answer.GetProperty("mean")), mean => Assert.Equal(1, mean, 1e-12));
        Assert.Equal([2.0, 4, 8], Numbers(answer.GetProperty("variance")), (a, b) => Math.Abs(a - b) <= 1e-9);
        Assert.All(Numbers(answer.GetProperty("otherVariance")), v => Assert.Equal(0, v, 1e-12));
        double edge = Math.Pow(9, 9) / Math.Pow(8, 8);
        Assert.Equal(Math.Sqrt(edge), answer.GetProperty("sigmaMax").GetDouble(), 1e-9 * Math.Sqrt(edge));

        var orthogonal = await visitor.GetFromJsonAsync<JsonElement>("/api/jacobian-spectrum?activation=linear&weights=orthogonal&depth=8&sigma_b2=0");
        Assert.True(orthogonal.GetProperty("isPointMass").GetBoolean());
        Assert.Equal(1, orthogonal.GetProperty("sigmaMax").GetDouble(), 1e-12);
    }

    /// <summary>
    /// The density the page draws (by continuation of the S-transform equation) carries the moments computed from the
    /// slope law's quadrature: total mass 1, mean of σ² = χ₁^L, variance as predicted; and the endpoint answers what the
    /// experiment's own theory gives for the options in the query.
    /// </summary>
    [Theory]
    [InlineData(8)]
    [InlineData(128)]
    public async Task TheSingularValueDensity_OfOrthogonalTanhNetworks_HasTheMomentsOfTheTheory(int depth)
    {
        await using var server = await RunningExplorer.StartAsync();
        using var visitor = await server.Visitor();
        var answer = await visitor.GetFromJsonAsync<JsonElement>($"/api/jacobian-spectrum?activation=tanh&weights=orthogonal&depth={depth}&sigma_b2=1e-5");
        var sigma = Numbers(answer.GetProperty("density").GetProperty("sigma"));
        var density = Numbers(answer.GetProperty("density").GetProperty("density"));
        double Integral(Func<double, double> f) => Enumerable.Range(1, sigma.Length - 1)
            .Sum(i => 0.5 * (sigma[i] - sigma[i - 1]) * (f(sigma[i]) * density[i] + f(sigma[i - 1]) * density[i - 1]));
        double mean = Numbers(answer.GetProperty("mean"))[^1], variance = Numbers(answer.GetProperty("variance"))[^1];
        Assert.Equal(1, Integral(_ => 1), 2e-3);
        Assert.Equal(mean, Integral(s => s * s), 2e-3);
        Assert.Equal(variance, Integral(s => Math.Pow(s * s - mean, 2)), 0.01 * variance);

        var theory = DynamicalIsometry.Theory(new DynamicalIsometryOptions { Activation = "tanh", Weights = "orthogonal", Depth = depth, SigmaB2 = 1e-5 });
        Assert.Equal(theory.Spec.SigmaW2, answer.GetProperty("sigmaW2").GetDouble());
        Assert.Equal(theory.Spectra[^1].Variance, variance);
        Assert.Equal(theory.OtherSpectra[^1].Variance, Numbers(answer.GetProperty("otherVariance"))[^1]);
    }

    /// <summary>
    /// f_k from Yarotsky's formula x − Σ g_s(x)/4^s (not the network), evaluated on a grid 64 times finer than its
    /// pieces, which holds their midpoints where the error peaks: its sup error is the network's measured one and 2^(−2k−2).
    /// </summary>
    [Fact]
    public async Task TheYarotskySquare_HasTheSupErrorOfADenseEvaluation()
    {
        const int m = 6;
        await using var server = await RunningExplorer.StartAsync();
        using var visitor = await server.Visitor();
        var answer = await visitor.GetFromJsonAsync<JsonElement>($"/api/yarotsky-square?m={m}");
        var measured = Numbers(answer.GetProperty("maxError"));
        Assert.Equal(m, measured.Length);
        for (int k = 1; k <= m; k++)
        {
            int points = (1 << (k + 6)) + 1;
            double dense = Enumerable.Range(0, points).Select(i => (double)i / (points - 1)).Max(x => Math.Abs(YarotskyCircuits.SquareApproximation(k, x) - x * x));
            Assert.Equal(dense, measured[k - 1], 1e-15);
            Assert.Equal(Math.Pow(2, -2 * k - 2), measured[k - 1], 1e-15);
        }
        // f_m interpolates x² at its 2^m + 1 knots k/2^m.
        var x = Numbers(answer.GetProperty("x"));
        Assert.Equal(1 << m, answer.GetProperty("pieces").GetInt32());
        Assert.Equal(Enumerable.Range(0, (1 << m) + 1).Select(j => j / 64.0), x);
        Assert.Equal(x.Select(v => v * v), Numbers(answer.GetProperty("f")), (a, b) => Math.Abs(a - b) <= 1e-15);
    }

    /// <summary>
    /// Each method's recursion iterated on a quadratic with eigenvalues 1, κ and between: its asymptotic contraction per
    /// iteration (over 20 000 iterations, renormalised so nothing underflows; a double root adds at most a factor 2^(1/20000))
    /// is the rate the page draws, and the iterations it shows are ln(1/ε)/ln(1/ρ).
    /// </summary>
    [Theory]
    [InlineData(100)]
    [InlineData(10000)]
    public async Task MomentumRates_AreTheContractionOfIteratingEachRecursion(double kappa)
    {
        await using var server = await RunningExplorer.StartAsync();
        using var visitor = await server.Visitor();
        var answer = await visitor.GetFromJsonAsync<JsonElement>($"/api/momentum-rates?condition_numbers={kappa}&tolerance=1e-6");
        var at = answer.GetProperty("at")[0];
        Assert.Equal(kappa, at.GetProperty("kappa").GetDouble());
        double root = Math.Sqrt(kappa);
        var iterated = new Dictionary<string, double>
        {
            ["gd"] = Contraction(kappa, 2 / (kappa + 1), 0, nesterov: false),
            ["heavy_ball"] = Contraction(kappa, 4 / Math.Pow(root + 1, 2), Math.Pow((root - 1) / (root + 1), 2), nesterov: false),
            ["nesterov"] = Contraction(kappa, 1 / kappa, (root - 1) / (root + 1), nesterov: true),
        };
        foreach (var method in at.GetProperty("methods").EnumerateArray())
        {
            double rate = method.GetProperty("rate").GetDouble();
            Assert.Equal(iterated[method.GetProperty("key").GetString()!], rate, 2e-4 * rate);
            Assert.Equal(Math.Log(1e6) / -Math.Log(rate), method.GetProperty("iterations").GetDouble(), 1e-9);
        }
    }

    /// <summary>
    /// (‖x_2N‖/‖x_N‖)^(1/N) for x_{k+1} = y_k − α A y_k with y_k = x_k + β(x_k − x_{k−1}) (Nesterov), or
    /// x_{k+1} = x_k − α A x_k + β(x_k − x_{k−1}) (heavy ball; gradient descent at β = 0), A = diag(1, …, κ), x_0 = x_{−1} = 1.
    /// </summary>
    private static double Contraction(double kappa, double alpha, double beta, bool nesterov)
    {
        const int n = 20_000;
        var eigenvalues = new[] { 1, 1.5, Math.Sqrt(kappa), kappa / 2, kappa };
        var x = eigenvalues.Select(_ => 1.0).ToArray();
        var previous = (double[])x.Clone();
        double logNorm = 0, logNormAtN = 0;
        for (int k = 1; k <= 2 * n; k++)
        {
            for (int i = 0; i < x.Length; i++)
            {
                double momentum = beta * (x[i] - previous[i]);
                double next = nesterov
                    ? (x[i] + momentum) * (1 - alpha * eigenvalues[i])
                    : x[i] - alpha * eigenvalues[i] * x[i] + momentum;
                previous[i] = x[i];
                x[i] = next;
            }
            double norm = Math.Sqrt(x.Sum(v => v * v));
            logNorm += Math.Log(norm);
            for (int i = 0; i < x.Length; i++) { x[i] /= norm; previous[i] /= norm; }
            if (k == n) logNormAtN = logNorm;
        }
        return Math.Exp((logNorm - logNormAtN) / n);
    }
}

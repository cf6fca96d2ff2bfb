using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TheoryLab.Experiments;
using TheoryLab.Experiments.SignalPropagation;

namespace TheoryLab.Web;

/// <summary>
/// The free-probability spectrum of the input–output Jacobian that the jacobian-spectrum experiment measures against:
/// the mean and variance of the eigenvalues of JJᵀ by depth for both kinds of weights, and the density of the singular
/// values and the largest one at the deepest depth.
/// </summary>
internal static class JacobianSpectrumFigure
{
    /// <summary>Points at which the page draws the singular-value density.</summary>
    public const int DensityPoints = 200;

    public static void Map(WebApplication app, ExperimentRegistry registry)
    {
        var experiment = registry.Get("jacobian-spectrum");
        app.MapGet("/api/jacobian-spectrum", (HttpRequest request) =>
        {
            var options = FigureQuery.Bind<DynamicalIsometryOptions>(experiment, request, "activation", "weights", "depth", "sigma_w2", "sigma_b2");
            var clock = Stopwatch.StartNew();
            var theory = DynamicalIsometry.Theory(options);
            var (sigma, density) = theory.SingularValueDensity(DensityPoints);
            double milliseconds = clock.Elapsed.TotalMilliseconds;
            var deepest = theory.Spectra[^1];
            return new
            {
                options.Activation,
                Weights = theory.Spec.Weights.Name,
                OtherWeights = theory.OtherWeights.Name,
                theory.Spec.SigmaW2,
                AtEdgeOfChaos = options.SigmaW2 == 0,
                options.SigmaB2,
                deepest.QStar,
                deepest.Chi1,
                theory.Depths,
                Mean = theory.Spectra.Select(s => FigureQuery.Finite(s.Mean)),
                Variance = theory.Spectra.Select(s => FigureQuery.Finite(s.Variance)),
                OtherVariance = theory.OtherSpectra.Select(s => FigureQuery.Finite(s.Variance)),
                // The upper edge costs a scan of the real branch per depth: the page shows the deepest one's only.
                SigmaMax = FigureQuery.Finite(Math.Sqrt(deepest.LargestEigenvalue)),
                Density = new { Sigma = sigma, Density = density },
                deepest.IsPointMass,
                deepest.ZeroFraction,
                Milliseconds = milliseconds,
            };
        });
    }
}

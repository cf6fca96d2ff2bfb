using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TheoryLab.Experiments;
using TheoryLab.Experiments.Optimization;

namespace TheoryLab.Web;

/// <summary>
/// The contraction factors ρ(κ) of the methods the momentum-conditioning experiment tunes from μ and L, and the
/// iterations ln(1/ε)/ln(1/ρ) they need, along κ and at the condition numbers asked for.
/// </summary>
internal static class MomentumRatesFigure
{
    /// <summary>Points of the curves along κ, log-spaced.</summary>
    public const int CurvePoints = 200;

    public static void Map(WebApplication app, ExperimentRegistry registry)
    {
        var experiment = registry.Get("momentum-conditioning");
        var range = experiment.Schema.Find("condition_numbers").Attribute;
        app.MapGet("/api/momentum-rates", (HttpRequest request) =>
        {
            var options = FigureQuery.Bind<MomentumConditioningOptions>(experiment, request, "condition_numbers", "tolerance");
            // From the smallest κ the experiment takes to ten times the largest asked for (at least 10⁴), within its range.
            double smallest = range.Min, largest = range.Max;
            double top = Math.Min(largest, Math.Max(1e4, 10 * options.ConditionNumbers.Max()));
            var kappa = Enumerable.Range(0, CurvePoints).Select(i => smallest * Math.Pow(top / smallest, i / (CurvePoints - 1.0))).ToArray();
            return new
            {
                options.Tolerance,
                Kappa = kappa,
                Methods = MomentumConditioning.Methods.Select(m => new
                {
                    m.Key,
                    m.Label,
                    Rate = kappa.Select(m.Rate),
                    Iterations = kappa.Select(k => m.Iterations(k, options.Tolerance)),
                }),
                At = options.ConditionNumbers.Distinct().Order().Select(k => new
                {
                    Kappa = k,
                    Methods = MomentumConditioning.Methods.Select(m => new { m.Key, Rate = m.Rate(k), Iterations = m.Iterations(k, options.Tolerance) }),
                }),
            };
        });
    }
}

using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TheoryLab.Experiments;
using TheoryLab.Experiments.Expressivity;
using TheoryLab.Experiments.SignalPropagation;
using TheoryLab.Models.MeanField;
using TheoryLab.Models.PiecewiseLinear;

namespace TheoryLab.Web;

/// <summary>Figures whose theory is pure computation, answered fast enough to follow a slider.</summary>
internal static class TheoryEndpoints
{
    /// <summary>Deepest sawtooth the page draws: 2ᵏ + 1 knots, 65 537 at k = 16.</summary>
    public const int DeepestDrawnSawtooth = 16;

    public static void Map(WebApplication app, ExperimentRegistry registry)
    {
        var edgeOfChaos = registry.Get("edge-of-chaos");
        var sawtooth = registry.Get("sawtooth");

        // χ₁ over (σ_w², σ_b²) and the critical line χ₁ = 1 between the ordered and the chaotic phase.
        app.MapGet("/api/phase-diagram", (HttpRequest request) =>
        {
            var options = FigureQuery.Bind<EdgeOfChaosOptions>(edgeOfChaos, request, "activation", "sigma_w2_max", "sigma_b2_max", "phase_grid");
            var clock = Stopwatch.StartNew();
            var diagram = LivePhaseDiagram.Compute(Activations.ByName(options.Activation),
                PhaseDiagram.PositiveGrid(options.SigmaW2Max, options.PhaseGrid), PhaseDiagram.Grid(options.SigmaB2Max, options.PhaseGrid));
            double milliseconds = clock.Elapsed.TotalMilliseconds;
            return new
            {
                options.Activation,
                diagram.SigmaW2,
                diagram.SigmaB2,
                Chi1 = Enumerable.Range(0, diagram.SigmaB2.Length).Select(i => Enumerable.Range(0, diagram.SigmaW2.Length).Select(j => FigureQuery.Finite(diagram.Chi1[i, j]))),
                Critical = new { SigmaB2 = diagram.CriticalSigmaB2, SigmaW2 = diagram.CriticalSigmaW2.Select(FigureQuery.Finite) },
                Milliseconds = milliseconds,
            };
        });

        // ξ_c and χ₁ along σ_w² at one σ_b²: the depth over which correlations settle, diverging at the critical line.
        app.MapGet("/api/depth-scales", (HttpRequest request) =>
        {
            var options = FigureQuery.Bind<EdgeOfChaosOptions>(edgeOfChaos, request, "activation", "sigma_b2", "sigma_w2_max", "sweep_points");
            var integrals = new GaussianIntegrals(Activations.ByName(options.Activation));
            var sigmaW2 = PhaseDiagram.PositiveGrid(options.SigmaW2Max, options.SweepPoints);
            var maps = sigmaW2.AsParallel().AsOrdered().Select(w => new MeanFieldMaps(integrals, w, options.SigmaB2)).Select(m => (m.Chi1, m.XiC)).ToArray();
            return new
            {
                options.Activation,
                options.SigmaB2,
                SigmaW2 = sigmaW2,
                Chi1 = maps.Select(m => FigureQuery.Finite(m.Chi1)),
                XiC = maps.Select(m => FigureQuery.Finite(m.XiC)),
                Critical = FigureQuery.Finite(Criticality.CriticalSigmaW2(integrals, options.SigmaB2)),
            };
        });

        // Telgarsky's Δᵏ on [0, 1] at its knots j/2ᵏ, where it is exactly 0 or 1; linear between them.
        app.MapGet("/api/sawtooth", (HttpRequest request) =>
        {
            var options = FigureQuery.Bind<SawtoothOptions>(sawtooth, request, "depth");
            if (options.Depth > DeepestDrawnSawtooth)
                throw new TheoryLabException($"the page draws the sawtooth up to depth {DeepestDrawnSawtooth} ({(1 << DeepestDrawnSawtooth) + 1} knots); 'theorylab run sawtooth --set depth={options.Depth}' counts deeper ones.");
            int knots = (1 << options.Depth) + 1;
            var x = Enumerable.Range(0, knots).Select(j => (double)j / (knots - 1)).ToArray();
            return new { options.Depth, Pieces = knots - 1, X = x, Y = x.Select(v => TentMap.Iterate(v, options.Depth)) };
        });

        JacobianSpectrumFigure.Map(app, registry);
        YarotskySquareFigure.Map(app, registry);
        MomentumRatesFigure.Map(app, registry);
    }
}

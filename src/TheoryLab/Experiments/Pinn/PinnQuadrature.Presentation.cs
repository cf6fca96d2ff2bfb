using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Numerics.Cubature;
using TheoryLab.Numerics.Fits;
using TheoryLab.Tables;
using TheoryLab.Text;

namespace TheoryLab.Experiments.Pinn;

/// <summary>
/// How <see cref="PinnQuadrature"/> shows its <see cref="Measurement"/>: the quadrature error of each point set against
/// N beside its theoretical rate, fitted slopes as findings; and the trained PINNs' error against N per point set.
/// </summary>
public sealed partial class PinnQuadrature
{
    private static class Columns
    {
        public static readonly Column Points = new("points");
        public static Column Error(PointSet kind) => new($"error_{Name(kind)}");
        public static Column Rate(PointSet kind) => new($"rate_{Name(kind)}");
    }

    /// <summary>Relative errors below this, double precision's unit roundoff, are plotted at it (a log axis has no 0).</summary>
    private const double RoundingFloor = 1.1e-16;

    /// <summary>Gauss counts as converged once its relative error falls below this.</summary>
    private const double GaussConverged = 1e-12;

    private static string Name(PointSet kind) => kind.ToString().ToLowerInvariant();

    private static string Label(PointSet kind) => kind switch
    {
        PointSet.Grid => "midpoint grid",
        PointSet.Random => "uniform random",
        PointSet.Halton => "Halton",
        _ => "Gauss–Legendre",
    };

    private const string RateSource = "quadrature theory: midpoint rule O(N^(−2/d)) for smooth integrands, Monte Carlo σ N^(−1/2) in root mean square, "
        + "Halton O((log N)^d / N) by Koksma–Hlawka (Niederreiter 1992); Mishra & Molinaro (2022) bound a PINN's error by these";

    private static ExperimentResult Present(PinnQuadratureOptions o, Measurement m)
    {
        var result = new ExperimentResult();
        foreach (var q in m.Quadrature) AddQuadrature(o, q, result);
        foreach (int dimension in m.Training.Select(t => t.Dimension).Distinct()) AddTraining(o, dimension, [.. m.Training.Where(t => t.Dimension == dimension)], result);
        result.Add(LossFallFinding.Least([.. m.Training.Select(t => t.LossFall)], $"the {m.Training.Count} trainings"));
        result.Add(new Finding("training_seconds", m.Training.Sum(t => t.Seconds), "s", "Wall time of all trainings.") { MachineDependent = true });
        return result;
    }

    /// <summary>The sizes whose errors a slope is fitted to: the larger half (at least two), past the smallest N's pre-asymptotic errors.</summary>
    private static int FitStart(int count) => Math.Min(count / 2, Math.Max(count - 2, 0));

    private static void AddQuadrature(PinnQuadratureOptions o, QuadratureErrors q, ExperimentResult result)
    {
        int d = q.Dimension, from = FitStart(q.Counts.Length);
        double[] n = [.. q.Counts.Select(c => (double)c)];
        var table = new Table($"quadrature-{d}d").Add(Columns.Points, n);
        var series = new List<Series>();
        int colour = 0;
        foreach (var kind in Kinds)
        {
            double[] plotted = [.. q.Errors[kind].Select(e => Math.Max(e, RoundingFloor))];
            table.Add(Columns.Error(kind), plotted);
            series.Add(new Markers(table.Name, Columns.Points, Columns.Error(kind), Label(kind)) { Colour = colour });
            if (CollocationPoints.TheoreticalSlope(kind, d) is { } slope)
            {
                // The theory's line through the centroid of the fitted points (in log–log), so that only its slope is compared.
                double[] logN = [.. n[from..].Select(x => Math.Log(x))], logE = [.. plotted[from..].Select(e => Math.Log(e))];
                double intercept = logE.Average() - slope * logN.Average();
                table.Add(Columns.Rate(kind), n.Select(x => Math.Exp(intercept + slope * Math.Log(x))));
                series.Add(new Line(table.Name, Columns.Points, Columns.Rate(kind), "", Dashed: true) { Colour = colour });
                double fitted = LogLogFit.Slope(n[from..], plotted[from..]);
                result.Add(new Finding($"quadrature_slope_{Name(kind)}_{d}d", fitted, "",
                    $"Fitted log–log slope of the {Label(kind)} rule's relative error in ∫ r² against N in {d}-D (N = {q.Counts[from]:N0} to {q.Counts[^1]:N0}{(kind == PointSet.Random ? $", root mean square over {o.RandomDraws} draws" : "")}).",
                    slope, RateSource));
            }
            else
            {
                int at = Array.FindIndex(q.Errors[kind], e => e < GaussConverged);
                string meaning = $"The fewest points at which the Gauss–Legendre product rule's relative error in ∫ r² falls below {NumberText.Short(GaussConverged, 1)} in {d}-D (theory: faster than any power of N for this analytic integrand).";
                result.Add(at < 0 ? Finding.NotReached($"gauss_points_converged_{d}d", "points", meaning)
                    : new Finding($"gauss_points_converged_{d}d", q.Counts[at], "points", meaning));
            }
            colour++;
        }
        result.Add(table);
        result.Add(new Finding($"residual_integral_{d}d", q.Integral, "",
            $"∫ r² over the unit {(d == 1 ? "interval" : "square")} of the untrained network's residual r = Δu_θ + f, by {o.ReferenceNodes} Gauss–Legendre nodes per side; "
            + $"{o.ReferenceNodes * 2 / 3} per side differ by {NumberText.Short(q.ReferenceCheck, 2)} relatively."));
        result.Add(new Figure($"quadrature-{d}d",
            $"Relative error of the PINN residual term Σ wᵢ r(xᵢ)² as an estimate of ∫ r² in {d}-D, r = Δu_θ + f of an untrained {o.HiddenLayers} × {o.Width} tanh network "
            + $"for −Δu = f with u = {Solution(o, d)}: markers measured (random points: root mean square over {o.RandomDraws} draws; errors below 10⁻¹⁶ drawn at 10⁻¹⁶), "
            + $"dashed lines the theoretical rates {RateText(d)} through the fitted points.",
            new Axis("collocation points N", Log: true), new Axis("relative error of ∫ r²", Log: true), series)
        { Legend = LegendPlace.LowerLeft });
    }

    private static string Solution(PinnQuadratureOptions o, int d) =>
        $"{GrowthFactor(o, d)}sin({o.Frequency}πx){(d == 1 ? "" : $" sin({o.Frequency}πy)")}";

    private static string GrowthFactor(PinnQuadratureOptions o, int d) =>
        o.Growth == 0 ? "" : $"e^({NumberText.Short(o.Growth, 2)}{(d == 1 ? "x" : "(x+y)")}) ";

    private static string RateText(int d) => $"N^{NumberText.Short(-2.0 / d, 2)} (grid), N^−0.5 (random), N^−1 (Halton)";

    private static void AddTraining(PinnQuadratureOptions o, int d, IReadOnlyList<Trained> trained, ExperimentResult result)
    {
        int[] counts = [.. trained.Select(t => t.Count).Distinct().Order()];
        var table = new Table($"training-{d}d").Add(Columns.Points, counts.Select(c => (double)c));
        var series = new List<Series>();
        int colour = 0;
        foreach (var kind in Kinds)
        {
            var runs = counts.Select(c => trained.Single(t => t.Kind == kind && t.Count == c)).ToArray();
            table.Add(Columns.Error(kind), runs.Select(t => t.RelativeError));
            series.Add(new Line(table.Name, Columns.Points, Columns.Error(kind), Label(kind)) { Colour = colour });
            series.Add(new Markers(table.Name, Columns.Points, Columns.Error(kind), "") { Colour = colour++ });
            var last = runs[^1];
            result.Add(new Finding($"pinn_error_{Name(kind)}_{d}d", last.RelativeError, "",
                $"Relative L2 error of the PINN trained on N = {last.Count:N0} {Label(kind)} points in {d}-D ({o.HiddenLayers} × {o.Width} tanh, {last.Iterations} L-BFGS iterations; "
                + $"final residual term {NumberText.Short(last.Terms.Residual, 2)}, boundary term {NumberText.Short(last.Terms.Boundary, 2)})."));
        }
        result.Add(table);
        result.Add(new Figure($"training-{d}d",
            $"Relative L2 error of PINNs trained on −Δu = f in {d}-D (u = {Solution(o, d)}) with N collocation points of each kind, the rule's weights in the loss "
            + $"({o.HiddenLayers} × {o.Width} tanh, the same initial network for all, at most {o.LbfgsIterations} L-BFGS iterations each).",
            new Axis("collocation points N", Log: true), new Axis("relative L2 error", Log: true), series)
        { Legend = LegendPlace.LowerLeft });
    }
}

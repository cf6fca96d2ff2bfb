using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Tables;
using TheoryLab.Text;

namespace TheoryLab.Experiments.Pinn;

/// <summary>
/// How <see cref="PinnAdaptive"/> shows its <see cref="Measurement"/>: per benchmark the error of every method against
/// training steps and where RAD's last points lie; Allen–Cahn's reference and the best network beside it; the final
/// errors as findings with Wu et al.'s Burgers numbers beside.
/// </summary>
public sealed partial class PinnAdaptive
{
    /// <summary>The columns of every table, declared once for the code that writes and reads them.</summary>
    private static class Columns
    {
        public static readonly Column T = new("t");
        public static readonly Column X = new("x");
        public static readonly Column Reference = new("u_reference");
        public static readonly Column Network = new("u_network");
        public static readonly Column Benchmark = new("benchmark");
        public static readonly Column Method = new("method");
        public static readonly Column RelativeError = new("relative_l2_error");
        public static readonly Column InitialPoints = new("initial_points");
        public static readonly Column BoundaryTimes = new("boundary_times");
        public static readonly Column CollocationPoints = new("collocation_points");
        public static readonly Column PointCount = new("points");

        public static Column Steps(PointSelection method) => new($"steps_{Slug(method)}");

        public static Column Error(PointSelection method) => new($"error_{Slug(method)}");
    }

    private static string Slug(PointSelection method) => method switch
    {
        PointSelection.Fixed => "fixed",
        PointSelection.Rad => "rad",
        PointSelection.RarD => "rar_d",
        _ => "joint",
    };

    private static string Label(PointSelection method) => method switch
    {
        PointSelection.Fixed => "fixed",
        PointSelection.Rad => "RAD",
        PointSelection.RarD => "RAR-D",
        _ => "PINNACLE proxy",
    };

    /// <summary>Wu et al.'s Burgers errors with 2,000 residual points, as issue #22 quotes them ("about"; the paper's table was not at hand to check).</summary>
    private const double PaperRadBurgersError = 1e-3, PaperUniformBurgersError = 1e-2;

    private const string PaperSource = "Wu et al. (2023), Burgers with 2,000 residual points, as quoted by issue #22: about";

    /// <summary>An Allen–Cahn network with a relative error below this is counted as having learned the solution.</summary>
    private const double TrainedThreshold = 0.1;

    private static ExperimentResult Present(PinnAdaptiveOptions o, Measurement m)
    {
        var result = new ExperimentResult();
        string setting = $"N_f = {o.CollocationPoints:N0}, {o.InitialPoints} initial points and {o.BoundaryTimes} boundary times, {o.HiddenLayers} × {o.Width} tanh, " +
            $"{o.AdamSteps} Adam steps then {o.Rounds} rounds of at most {o.LbfgsIterations} L-BFGS iterations";
        foreach (var solved in new[] { m.Burgers, m.AllenCahn })
        {
            AddErrorHistory(solved, setting, result);
            AddPoints(solved, setting, result);
        }
        AddAllenCahnSolution(m.AllenCahn, setting, result);
        AddSummary(m, result);
        AddFindings(m, result);
        return result;
    }

    private static void AddErrorHistory(Solved solved, string setting, ExperimentResult result)
    {
        var table = new Table($"error-{solved.Slug}");
        foreach (var run in solved.Runs)
            table.Add(Columns.Steps(run.Method), run.Checkpoints.Select(c => (double)c.Steps)).Add(Columns.Error(run.Method), run.Checkpoints.Select(c => c.RelativeError));
        result.Add(table);
        result.Add(new Figure($"error-{solved.Slug}",
            $"{solved.Name}: the relative L2 error against the reference at the start, after the Adam steps and the first L-BFGS round, and after each later round; the adaptive methods choose new points between rounds; a curve that ends early is L-BFGS stopping before its cap ({setting}).",
            new Axis("Adam steps + L-BFGS iterations"), new Axis("relative L2 error", Log: true),
            [.. solved.Runs.Select(run => new Line(table.Name, Columns.Steps(run.Method), Columns.Error(run.Method), Label(run.Method)))]) { Legend = LegendPlace.LowerLeft });
    }

    /// <summary>The cells (time × position) RAD's last points are counted in: a scatter of a thousand points is a blot.</summary>
    private const int TimeCells = 20, PositionCells = 16;

    private static void AddPoints(Solved solved, string setting, ExperimentResult result)
    {
        var rad = solved.Runs.Single(r => r.Method == PointSelection.Rad).Collocation;
        var counts = new double[TimeCells, PositionCells];
        for (int p = 0; p < rad.GetLength(0); p++)
        {
            int i = Math.Clamp((int)(rad[p, 0] * TimeCells), 0, TimeCells - 1), j = Math.Clamp((int)((rad[p, 1] + 1) / 2 * PositionCells), 0, PositionCells - 1);
            counts[i, j]++;
        }
        var cells = (from i in Enumerable.Range(0, TimeCells) from j in Enumerable.Range(0, PositionCells) select (i, j)).ToArray();
        var table = new Table($"points-{solved.Slug}")
            .Add(Columns.T, cells.Select(c => (c.i + 0.5) / TimeCells))
            .Add(Columns.X, cells.Select(c => -1 + (c.j + 0.5) * 2.0 / PositionCells))
            .Add(Columns.PointCount, cells.Select(c => counts[c.i, c.j]));
        result.Add(table);
        result.Add(new Figure($"points-{solved.Slug}",
            $"{solved.Name}: RAD's collocation points of the last round counted in {TimeCells} × {PositionCells} cells of (t, x), drawn from ε/E[ε] + 1 on the network of the round before; uniform points would put {NumberText.Short((double)rad.GetLength(0) / (TimeCells * PositionCells), 2)} in each ({setting}).",
            new Axis("time t", Min: 0, Max: 1), new Axis("position x", Min: -1, Max: 1), [new Heatmap(table.Name, Columns.T, Columns.X, Columns.PointCount, "points per cell")])
            { Aspect = 0.6, Legend = null, Width = FigureWidth.Half });
    }

    /// <summary>Every other grid position is drawn, enough for the eye and half the table.</summary>
    private const int DrawnPositionStride = 2;

    private static void AddAllenCahnSolution(Solved solved, string setting, ExperimentResult result)
    {
        var best = solved.Runs.MinBy(r => double.IsNaN(r.RelativeError) ? double.PositiveInfinity : r.RelativeError)!;
        var cells = (from i in Enumerable.Range(0, solved.Times.Length)
                     from j in Enumerable.Range(0, solved.Positions.Length).Where(j => j % DrawnPositionStride == 0)
                     select (i, j)).ToArray();
        var table = new Table("solution-allen-cahn")
            .Add(Columns.T, cells.Select(c => solved.Times[c.i]))
            .Add(Columns.X, cells.Select(c => solved.Positions[c.j]))
            .Add(Columns.Reference, cells.Select(c => solved.Reference[c.i, c.j]))
            .Add(Columns.Network, cells.Select(c => best.Prediction[c.i, c.j]));
        result.Add(table);
        var time = new Axis("time t", Min: 0, Max: 1);
        var position = new Axis("position x", Min: -1, Max: 1);
        result.Add(new Figure("reference-allen-cahn",
            "Allen–Cahn's solution u(t, x) from x² cos(πx): Fourier on 512 points, ETDRK4 with h = 10⁻³ (Kassam and Trefethen's contour φ-functions).",
            time, position, [new Heatmap(table.Name, Columns.T, Columns.X, Columns.Reference, "u(t, x)")]) { Aspect = 0.5, Legend = null });
        result.Add(new Figure("network-allen-cahn",
            $"The network of the method with the smallest Allen–Cahn error, {Label(best.Method)} (relative L2 error {NumberText.Short(best.RelativeError, 2)}), on the same grid, on its own colour scale ({setting}).",
            time, position, [new Heatmap(table.Name, Columns.T, Columns.X, Columns.Network, "u(t, x)")]) { Aspect = 0.5, Legend = null });
    }

    private static void AddSummary(Measurement m, ExperimentResult result)
    {
        var rows = new[] { m.Burgers, m.AllenCahn }.SelectMany(s => s.Runs.Select(r => (s, r))).ToArray();
        result.Add(new Table("final-errors")
            .AddText(Columns.Benchmark, rows.Select(x => x.s.Name))
            .AddText(Columns.Method, rows.Select(x => Label(x.r.Method)))
            .Add(Columns.RelativeError, rows.Select(x => x.r.RelativeError))
            .Add(Columns.CollocationPoints, rows.Select(x => (double)x.r.Collocation.GetLength(0)))
            .Add(Columns.InitialPoints, rows.Select(x => (double)x.r.InitialPoints))
            .Add(Columns.BoundaryTimes, rows.Select(x => (double)x.r.BoundaryTimes)));
    }

    private static void AddFindings(Measurement m, ExperimentResult result)
    {
        foreach (var solved in new[] { m.Burgers, m.AllenCahn })
            foreach (var run in solved.Runs)
            {
                string name = $"{solved.Slug.Replace('-', '_')}_{Slug(run.Method)}_error";
                string meaning = $"‖u − u_ref‖₂/‖u_ref‖₂ on {solved.Name}'s grid after training with {Label(run.Method)} points, " +
                    $"{run.Collocation.GetLength(0):N0} collocation points at the end, {run.Checkpoints[^1].Steps} Adam steps and L-BFGS iterations.";
                if (double.IsNaN(run.RelativeError)) { result.Add(Finding.Diverged(name, "", meaning + " The network's output became NaN.")); continue; }
                bool burgers = solved == m.Burgers;
                result.Add(burgers && run.Method == PointSelection.Rad
                    ? new Finding(name, run.RelativeError, "", meaning, PaperRadBurgersError, $"{PaperSource} 10⁻³ or below for RAD (after far longer training)")
                    : burgers && run.Method == PointSelection.Fixed
                        ? new Finding(name, run.RelativeError, "", meaning, PaperUniformBurgersError, $"{PaperSource} 10⁻² for uniform points")
                        : new Finding(name, run.RelativeError, "", meaning));
            }
        var burgersFixed = m.Burgers.Runs.Single(r => r.Method == PointSelection.Fixed).RelativeError;
        var burgersRad = m.Burgers.Runs.Single(r => r.Method == PointSelection.Rad).RelativeError;
        if (double.IsFinite(burgersFixed / burgersRad))
            result.Add(new Finding("burgers_fixed_over_rad", burgersFixed / burgersRad, "×",
                "Burgers: the fixed points' final error over RAD's at the same budget (above 1: RAD helps).",
                PaperUniformBurgersError / PaperRadBurgersError, $"{PaperSource} ten times or more"));
        var allenCahnBest = m.AllenCahn.Runs.Where(r => double.IsFinite(r.RelativeError)).MinBy(r => r.RelativeError);
        if (allenCahnBest is not null)
            result.Add(new Finding("allen_cahn_best_error", allenCahnBest.RelativeError, "",
                $"Allen–Cahn: the smallest final error of the four methods, {Label(allenCahnBest.Method)}'s; " +
                (allenCahnBest.RelativeError < TrainedThreshold
                    ? $"below {NumberText.Short(TrainedThreshold, 1)}, so it learned the solution's shape within this budget."
                    : $"above {NumberText.Short(TrainedThreshold, 1)}: no method trained Allen–Cahn within this budget, the known difficulty of plain PINNs on it (Wu et al. train far longer).")));
        double peak = Enumerable.Range(0, m.AllenCahn.Times.Length).SelectMany(i => Enumerable.Range(0, m.AllenCahn.Positions.Length).Select(j => Math.Abs(m.AllenCahn.Reference[i, j]))).Max();
        result.Add(new Finding("allen_cahn_reference_max_abs", peak, "",
            "The largest |u| of the ETDRK4 reference over the grid; the maximum principle keeps Allen–Cahn's solution in [−1, 1] when it starts there.", 1, "maximum principle: at most 1"));
        Solved[] benchmarks = [m.Burgers, m.AllenCahn];
        result.Add(LossFallFinding.Least([.. benchmarks.SelectMany(s => s.Runs.Select(r => r.LossFall))],
            $"the {benchmarks.Sum(s => s.Runs.Count)} trainings (from the untrained network on the first points to the end on the last round's)"));
        result.Add(new Finding("training_seconds", new[] { m.Burgers, m.AllenCahn }.Sum(s => s.Runs.Sum(r => r.Seconds)), "s", "Wall time of the eight trainings.") { MachineDependent = true });
    }
}

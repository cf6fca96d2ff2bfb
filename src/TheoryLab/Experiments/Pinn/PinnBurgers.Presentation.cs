using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Tables;
using TheoryLab.Text;

namespace TheoryLab.Experiments.Pinn;

/// <summary>
/// How <see cref="PinnBurgers"/> shows its <see cref="Measurement"/>: the solution on Raissi's grid (the table the issue
/// asks for, and three heatmaps), slices at t = 0.25, 0.5 and 0.75 as in his Figure 1, the loss through Adam and
/// L-BFGS, and the N_u × N_f error table, with the findings read off them.
/// </summary>
public sealed partial class PinnBurgers
{
    /// <summary>The columns of every table, declared once for the code that writes and reads them.</summary>
    private static class Columns
    {
        public static readonly Column X = new("x");
        public static readonly Column T = new("t");
        public static readonly Column Pinn = new("u_pinn");
        public static readonly Column Reference = new("u_reference");
        public static readonly Column Log10Error = new("log10_abs_error");
        public static readonly Column Step = new("step");
        public static readonly Column Loss = new("loss");
        public static readonly Column DataPoints = new("n_u");
        public static readonly Column CollocationPoints = new("n_f");
        public static readonly Column RelativeError = new("relative_l2_error");
        public static readonly Column Log10RelativeError = new("log10_relative_l2_error");
        public static readonly Column Iterations = new("lbfgs_iterations");
        public static readonly Column Seconds = new("seconds");
        public static readonly Column Target = new("target_error");

        public static Column SliceReference(double t) => new($"u_reference_t{Slug(t)}");

        public static Column SlicePinn(double t) => new($"u_pinn_t{Slug(t)}");

        private static string Slug(double t) => ((int)Math.Round(t * 100)).ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Raissi's Figure 1 slices.</summary>
    private static readonly double[] SliceTimes = [0.25, 0.5, 0.75];

    /// <summary>The published relative L2 error of the PINN at N_u = 100, N_f = 10,000 (Raissi et al. 2019, Section 3.1).</summary>
    private const double PublishedError = 6.7e-4;

    /// <summary>The error this reproduction aims below at its defaults (the bar for a capped L-BFGS on a 2-core CPU).</summary>
    private const double TargetError = 5e-3;

    /// <summary>Errors below this are drawn at it, so that an exact cell does not stretch the logarithmic colour scale.</summary>
    private const double ErrorFloor = 1e-8;

    /// <summary>Every fourth grid position carries a PINN marker on the slices, so the reference line stays visible between them.</summary>
    private const int MarkerStride = 4;

    private static ExperimentResult Present(PinnBurgersOptions o, Measurement m)
    {
        var result = new ExperimentResult();
        string setting = $"N_u = {m.Main.DataPoints}, N_f = {m.Main.CollocationPoints:N0}, {o.HiddenLayers} hidden layers of {o.Width} tanh units, " +
            $"{o.AdamSteps} Adam steps then {m.Main.LbfgsIterations} L-BFGS iterations";
        AddSolution(m, setting, result);
        AddSlices(m, setting, result);
        AddLoss(o, m, setting, result);
        AddErrorHistory(m, setting, result);
        AddErrorTable(o, m, result);
        AddFindings(o, m, result);
        return result;
    }

    private static void AddSolution(Measurement m, string setting, ExperimentResult result)
    {
        var cells = (from i in Enumerable.Range(0, m.Times.Length) from j in Enumerable.Range(0, m.Positions.Length) select (i, j)).ToArray();
        var solution = new Table("solution")
            .Add(Columns.X, cells.Select(c => m.Positions[c.j]))
            .Add(Columns.T, cells.Select(c => m.Times[c.i]))
            .Add(Columns.Pinn, cells.Select(c => m.Main.Prediction[c.i, c.j]))
            .Add(Columns.Reference, cells.Select(c => m.Reference[c.i, c.j]));
        var error = new Table("error")
            .Add(Columns.X, cells.Select(c => m.Positions[c.j]))
            .Add(Columns.T, cells.Select(c => m.Times[c.i]))
            .Add(Columns.Log10Error, cells.Select(c => Math.Log10(Math.Max(Math.Abs(m.Main.Prediction[c.i, c.j] - m.Reference[c.i, c.j]), ErrorFloor))));
        result.Add(solution).Add(error);
        var time = new Axis("time t", Min: 0, Max: 0.99);
        var position = new Axis("position x", Min: -1, Max: 1);
        result.Add(new Figure("reference", "The exact solution u(t, x) of Burgers' equation with ν = 0.01/π from u(0, x) = −sin(πx) (Cole–Hopf, trapezoidal rule), on Raissi's 256 × 100 grid.",
            time, position, [new Heatmap(solution.Name, Columns.T, Columns.X, Columns.Reference, "u(t, x)")]) { Aspect = 0.5, Legend = null });
        result.Add(new Figure("prediction", $"The PINN's u(t, x) on the same grid ({setting}).",
            time, position, [new Heatmap(solution.Name, Columns.T, Columns.X, Columns.Pinn, "u(t, x)")]) { Aspect = 0.5, Legend = null });
        result.Add(new Figure("error", $"log₁₀ of the PINN's absolute error |u − u_ref| on the grid (floored at 10⁻⁸); a trained PINN errs most along the front at x = 0 ({setting}).",
            time, position, [new Heatmap(error.Name, Columns.T, Columns.X, Columns.Log10Error, "log₁₀ |u − u_ref|")]) { Aspect = 0.5, Legend = null });
    }

    private static void AddSlices(Measurement m, string setting, ExperimentResult result)
    {
        int[] rows = [.. SliceTimes.Select(t => Array.FindIndex(m.Times, s => Math.Abs(s - t) < 1e-9))];
        var lines = new Table("slices").Add(Columns.X, m.Positions);
        int[] marked = [.. Enumerable.Range(0, m.Positions.Length).Where(j => j % MarkerStride == 0 || j == m.Positions.Length - 1)];
        var markers = new Table("slice-markers").Add(Columns.X, marked.Select(j => m.Positions[j]));
        var series = new List<Series>();
        for (int k = 0; k < SliceTimes.Length; k++)
        {
            double t = SliceTimes[k];
            int i = rows[k];
            lines.Add(Columns.SliceReference(t), m.Positions.Select((_, j) => m.Reference[i, j]));
            markers.Add(Columns.SlicePinn(t), marked.Select(j => m.Main.Prediction[i, j]));
            series.Add(new Line(lines.Name, Columns.X, Columns.SliceReference(t), $"t = {t:0.00}") { Colour = k });
            series.Add(new Markers(markers.Name, Columns.X, Columns.SlicePinn(t), "") { Colour = k });
        }
        result.Add(lines).Add(markers);
        result.Add(new Figure("slices", $"Slices of the exact solution (lines) and the PINN (markers, every {MarkerStride}th grid point) at t = 0.25, 0.5 and 0.75, as in Raissi et al.'s Figure 1 ({setting}).",
            new Axis("position x", Min: -1, Max: 1), new Axis("u(t, x)", Min: -1.1, Max: 1.1), series) { Legend = LegendPlace.UpperRight });
    }

    private static void AddLoss(PinnBurgersOptions o, Measurement m, string setting, ExperimentResult result)
    {
        var adam = m.Main.History.Where(s => s.Phase == "adam").ToArray();
        var lbfgs = m.Main.History.Where(s => s.Phase == "lbfgs").ToArray();
        var series = new List<Series>();
        if (adam.Length > 0)
        {
            var table = new Table("loss-adam").Add(Columns.Step, adam.Select(s => (double)s.Step)).Add(Columns.Loss, adam.Select(s => s.Loss));
            result.Add(table);
            series.Add(new Line(table.Name, Columns.Step, Columns.Loss, "Adam"));
        }
        if (lbfgs.Length > 0)
        {
            var table = new Table("loss-lbfgs").Add(Columns.Step, lbfgs.Select(s => (double)(o.AdamSteps + s.Step))).Add(Columns.Loss, lbfgs.Select(s => s.Loss));
            result.Add(table);
            series.Add(new Line(table.Name, Columns.Step, Columns.Loss, "L-BFGS"));
        }
        if (series.Count == 0) return;
        result.Add(new Figure("loss", $"The weighted PINN loss after each Adam step and each L-BFGS iteration ({setting}); L-BFGS stopped at: {m.Main.LbfgsStop}.",
            new Axis("Adam steps + L-BFGS iterations"), new Axis("loss", Log: true), series) { Legend = LegendPlace.UpperRight });
    }

    private static void AddErrorHistory(Measurement m, string setting, ExperimentResult result)
    {
        var checkpoints = m.Main.Checkpoints;
        if (checkpoints.Count < 2) return;
        var table = new Table("error-history")
            .Add(Columns.Iterations, checkpoints.Select(c => (double)c.LbfgsIterations))
            .Add(Columns.Seconds, checkpoints.Select(c => c.Seconds))
            .Add(Columns.RelativeError, checkpoints.Select(c => c.RelativeError))
            .Add(Columns.Target, checkpoints.Select(_ => TargetError));
        result.Add(table);
        result.Add(new Figure("error-history", $"The relative L2 error on Raissi's grid after Adam and every {CheckpointEvery} L-BFGS iterations, and the 5·10⁻³ aimed at (dashed) ({setting}).",
            new Axis("L-BFGS iterations"), new Axis("relative L2 error", Log: true),
            [new Line(table.Name, Columns.Iterations, Columns.RelativeError, "PINN"), new Line(table.Name, Columns.Iterations, Columns.Target, "aim") { Dashed = true }])
            { Legend = LegendPlace.UpperRight });
    }

    private static void AddErrorTable(PinnBurgersOptions o, Measurement m, ExperimentResult result)
    {
        var table = new Table("error-table")
            .Add(Columns.DataPoints, m.Table.Select(t => (double)t.DataPoints))
            .Add(Columns.CollocationPoints, m.Table.Select(t => (double)t.CollocationPoints))
            .Add(Columns.RelativeError, m.Table.Select(t => t.RelativeError))
            .Add(Columns.Log10RelativeError, m.Table.Select(t => Math.Log10(t.RelativeError)))
            .Add(Columns.Iterations, m.Table.Select(t => (double)t.LbfgsIterations));
        result.Add(table);
        result.Add(new Figure("error-table", $"log₁₀ of the relative L2 error against N_u (initial and boundary points) and N_f (collocation points), Raissi et al.'s Table 1 on smaller N_f, each network after {o.AdamSteps} Adam steps and at most {o.TableIterations} L-BFGS iterations.",
            new Axis("collocation points N_f", Log: true), new Axis("data points N_u"),
            [new Heatmap(table.Name, Columns.CollocationPoints, Columns.DataPoints, Columns.Log10RelativeError, "log₁₀ error")]) { Aspect = 0.8, Legend = null, Width = FigureWidth.Half });
    }

    private static void AddFindings(PinnBurgersOptions o, Measurement m, ExperimentResult result)
    {
        var main = m.Main;
        string reached = main.RelativeError < TargetError
            ? $"below the {NumberText.Short(TargetError, 1)} this reproduction aims at"
            : $"above the {NumberText.Short(TargetError, 1)} this reproduction aims at: {main.LbfgsIterations} L-BFGS iterations are fewer than the paper's run to convergence";
        result.Add(new Finding("relative_l2_error", main.RelativeError, "",
            $"‖u − u_ref‖₂/‖u_ref‖₂ of the PINN on Raissi's 256 × 100 grid against the Cole–Hopf solution, N_u = {main.DataPoints}, N_f = {main.CollocationPoints:N0}, " +
            $"{o.AdamSteps} Adam steps and {main.LbfgsIterations} L-BFGS iterations; {reached}.",
            PublishedError, "Raissi et al. (2019), Section 3.1: 6.7·10⁻⁴ after L-BFGS to convergence"));
        var reaching = main.Checkpoints.FirstOrDefault(c => c.RelativeError < TargetError);
        string iterationsMeaning = $"L-BFGS iterations until the grid error, measured every {CheckpointEvery} iterations, first fell below {NumberText.Short(TargetError, 1)}";
        result.Add(reaching is null
            ? Finding.NotReached("iterations_to_target", "iterations", iterationsMeaning + $"; it stayed above within {main.LbfgsIterations} iterations.")
            : new Finding("iterations_to_target", reaching.LbfgsIterations, "iterations", iterationsMeaning + "."));
        result.Add(reaching is null
            ? Finding.NotReached("seconds_to_target", "s", $"Training time until the error fell below {NumberText.Short(TargetError, 1)}; it did not within {main.Seconds:F0} s.") with { MachineDependent = true }
            : new Finding("seconds_to_target", reaching.Seconds, "s", $"Training time (Adam included) until the error fell below {NumberText.Short(TargetError, 1)}.") { MachineDependent = true });
        result.Add(new Finding("lbfgs_iterations", main.LbfgsIterations, "iterations",
            $"L-BFGS iterations taken (at most {o.LbfgsIterations}; {main.LbfgsEvaluations} loss evaluations); it stopped at: {main.LbfgsStop}."));
        result.Add(new Finding("initial_loss_term", main.Terms.Initial, "", "Σ over the initial points of (u − u₀)² / N_u at the end of training (unweighted)."));
        result.Add(new Finding("boundary_loss_term", main.Terms.Boundary, "", "Σ over the boundary points of u² / N_u at the end of training (unweighted)."));
        result.Add(new Finding("residual_loss_term", main.Terms.Residual, "", "Mean over the collocation points of (u_t + u u_x − ν u_xx)² at the end of training (unweighted)."));
        if (m.Table.Count > 0)
        {
            var best = m.Table.MinBy(t => t.RelativeError)!;
            result.Add(new Finding("table_best_error", best.RelativeError, "",
                $"The smallest relative L2 error of the N_u × N_f table, at N_u = {best.DataPoints}, N_f = {best.CollocationPoints:N0} ({o.TableIterations} L-BFGS iterations at most per network)."));
        }
        result.Add(LossFallFinding.Least([main.LossFall, .. m.Table.Select(t => t.LossFall)], $"the {1 + m.Table.Count} trainings (the main network and the table's)"));
        result.Add(new Finding("training_seconds", main.Seconds, "s", "Wall time of the main network's training.") { MachineDependent = true });
    }
}

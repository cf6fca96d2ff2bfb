using TheoryLab.Analysis.Landscape;
using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Tables;
using TheoryLab.Text;

namespace TheoryLab.Experiments.Pinn;

/// <summary>
/// How <see cref="PinnFailure"/> shows its <see cref="Measurement"/>: the error against β of the plain PINN, the
/// curriculum and sequence-to-sequence training; the exact and the three trained solutions at the target β; the two
/// loss surfaces; and the findings read off them beside the paper's values.
/// </summary>
public sealed partial class PinnFailure
{
    /// <summary>The columns of every table, declared once for the code that writes and reads them.</summary>
    private static class Columns
    {
        public static readonly Column Beta = new("beta");
        public static readonly Column RelativeError = new("relative_l2_error");
        public static readonly Column Iterations = new("lbfgs_iterations");
        public static readonly Column Residual = new("residual_loss_term");
        public static readonly Column X = new("x");
        public static readonly Column T = new("t");
        public static readonly Column Exact = new("u_exact");
        public static readonly Column Plain = new("u_plain");
        public static readonly Column Curriculum = new("u_curriculum");
        public static readonly Column Windowed = new("u_seq2seq");
        public static readonly Column Log10Loss = new("log10_loss");
    }

    /// <summary>
    /// The plain PINN's relative error at β = 30 as the paper reports it: "near 1" (Section 3.1 shows the plain PINN's
    /// solution failing there). The exact digits of their tables were not checked, so the finding cites the order of
    /// magnitude only.
    /// </summary>
    private const double PublishedPlainError = 1;

    /// <summary>The cures' error at β = 30 in the paper: about 10⁻², "1–2 orders of magnitude lower" than the plain PINN (abstract, Figure 4).</summary>
    private const double PublishedCureError = 1e-2;

    /// <summary>The issue's bars: the plain PINN fails (error at least this) and a cure succeeds (error below the other).</summary>
    private const double FailureBar = 0.5, CureBar = 0.1;

    private static ExperimentResult Present(PinnFailureOptions o, Measurement m)
    {
        var result = new ExperimentResult();
        AddErrors(o, m, result);
        AddSolutions(o, m, result);
        AddLandscapes(o, m, result);
        AddFindings(o, m, result);
        return result;
    }

    private static string Network(PinnFailureOptions o) => $"{o.HiddenLayers} × {o.Width} tanh";

    private static void AddErrors(PinnFailureOptions o, Measurement m, ExperimentResult result)
    {
        Table Errors(string name, IReadOnlyList<Solved> solved) => new Table(name)
            .Add(Columns.Beta, solved.Select(s => s.Beta))
            .Add(Columns.RelativeError, solved.Select(s => s.RelativeError))
            .Add(Columns.Iterations, solved.Select(s => (double)s.Iterations))
            .Add(Columns.Residual, solved.Select(s => s.Terms.Residual));
        var plain = Errors("plain", [.. m.Plain.OrderBy(s => s.Beta)]);
        var curriculum = Errors("curriculum", m.Curriculum);
        var windowed = Errors("seq2seq", [m.Windowed]);
        result.Add(plain).Add(curriculum).Add(windowed);
        result.Add(new Figure("error-vs-beta",
            $"Relative L2 error of the PINN on the 256 × 100 grid against the exact sin(x − βt): plain training at each β, curriculum regularisation " +
            $"(β raised by {NumberText.Short(o.CurriculumStep, 2)} from 1, each stage warm-started) and sequence-to-sequence training in {o.Windows} time windows at β = {NumberText.Short(o.TargetBeta, 2)} " +
            $"({Network(o)}, N_f = {o.CollocationPoints:N0}, at most {o.LbfgsIterations} L-BFGS iterations per network and {o.WindowIterations} per window); Krishnapriyan et al.'s Sections 3.1 and 4 on a 2-core budget.",
            new Axis("convection speed β"), new Axis("relative L2 error", Log: true),
            [
                new Line(plain.Name, Columns.Beta, Columns.RelativeError, "plain") { Colour = 0 },
                new Markers(plain.Name, Columns.Beta, Columns.RelativeError, "") { Colour = 0 },
                new Line(curriculum.Name, Columns.Beta, Columns.RelativeError, "curriculum") { Colour = 1 },
                new Markers(curriculum.Name, Columns.Beta, Columns.RelativeError, "") { Colour = 1 },
                new Markers(windowed.Name, Columns.Beta, Columns.RelativeError, "seq2seq") { Colour = 2 },
            ])
        { Legend = LegendPlace.LowerRight });
    }

    private static void AddSolutions(PinnFailureOptions o, Measurement m, ExperimentResult result)
    {
        var plain = m.Plain.Single(s => s.Beta == o.TargetBeta);
        var curriculum = m.Curriculum.Single(s => s.Beta == o.TargetBeta);
        var cells = (from i in Enumerable.Range(0, m.Times.Length) from j in Enumerable.Range(0, m.Positions.Length) select (i, j)).ToArray();
        var solutions = new Table("solutions")
            .Add(Columns.X, cells.Select(c => m.Positions[c.j]))
            .Add(Columns.T, cells.Select(c => m.Times[c.i]))
            .Add(Columns.Exact, cells.Select(c => Exact(o.TargetBeta, m.Positions[c.j], m.Times[c.i])))
            .Add(Columns.Plain, cells.Select(c => plain.Prediction[c.i, c.j]))
            .Add(Columns.Curriculum, cells.Select(c => curriculum.Prediction[c.i, c.j]))
            .Add(Columns.Windowed, cells.Select(c => m.Windowed.Prediction[c.i, c.j]));
        result.Add(solutions);
        string beta = NumberText.Short(o.TargetBeta, 2);
        void Draw(string name, Column value, string what) =>
            result.Add(new Figure(name, $"{what} u(x, t) at β = {beta} on the 256 × 100 grid.",
                new Axis("time t", Min: 0, Max: FinalTime), new Axis("position x", Min: 0, Max: m.Positions[^1]),
                [new Heatmap(solutions.Name, Columns.T, Columns.X, value, "u(x, t)")])
            { Aspect = 0.8, Legend = null, Width = FigureWidth.Half });
        Draw("exact", Columns.Exact, "The exact solution sin(x − βt),");
        Draw("plain", Columns.Plain, $"The plain PINN's (relative error {NumberText.Short(plain.RelativeError, 2)}),");
        Draw("curriculum", Columns.Curriculum, $"Curriculum regularisation's (relative error {NumberText.Short(curriculum.RelativeError, 2)}),");
        Draw("seq2seq", Columns.Windowed, $"Sequence-to-sequence training's in {o.Windows} windows (relative error {NumberText.Short(m.Windowed.RelativeError, 2)}),");
    }

    private static void AddLandscapes(PinnFailureOptions o, Measurement m, ExperimentResult result)
    {
        foreach (var landscape in m.Landscapes)
        {
            string beta = NumberText.Short(landscape.Beta, 2);
            var table = landscape.Surface.ToTable($"surface-beta{Slug(landscape.Beta)}");
            table.Add(Columns.Log10Loss, landscape.Surface.Points.Select(p => Math.Log10(p.Loss)));
            result.Add(table);
            result.Add(new Figure($"surface-beta{Slug(landscape.Beta)}",
                $"log₁₀ of the PINN loss at β = {beta} on the plane θ* + a δ + b η around the plain PINN trained there, δ and η filter-normalised random " +
                $"directions (Li et al. 2018), {o.LandscapeResolution} × {o.LandscapeResolution} points; Krishnapriyan et al. compare the surfaces at β = 1 and β = 30.",
                new Axis("a (first direction)"), new Axis("b (second direction)"),
                [new Heatmap(table.Name, PlaneColumns.X, PlaneColumns.Y, Columns.Log10Loss, "log₁₀ loss")])
            { Aspect = 0.8, Legend = null, Width = FigureWidth.Half });
        }
    }

    private static void AddFindings(PinnFailureOptions o, Measurement m, ExperimentResult result)
    {
        string beta = NumberText.Short(o.TargetBeta, 2);
        string budget = $"{Network(o)}, N_f = {o.CollocationPoints:N0}, at most {o.LbfgsIterations} L-BFGS iterations";
        var easiest = m.Plain.MinBy(s => s.Beta)!;
        var plain = m.Plain.Single(s => s.Beta == o.TargetBeta);
        var curriculum = m.Curriculum.Single(s => s.Beta == o.TargetBeta);

        result.Add(new Finding("plain_error_easiest", easiest.RelativeError, "",
            $"Relative L2 error of the plain PINN at β = {NumberText.Short(easiest.Beta, 2)}, the easiest β of the sweep ({budget}): the PINN works where the wave barely moves."));
        string failed = plain.RelativeError >= FailureBar
            ? $"at or above {FailureBar}: the plain PINN fails, as in the paper"
            : $"below {FailureBar}: the plain PINN did not fail here (fewer L-BFGS iterations, a smaller network or fewer points than the paper's change what it learns)";
        result.Add(new Finding("plain_error_target", plain.RelativeError, "",
            $"Relative L2 error of the plain PINN at β = {beta} ({budget}, {plain.Iterations} taken, stopped at: {plain.Stop}); {failed}.",
            PublishedPlainError, "Krishnapriyan et al. (2021), Section 3.1: near 1 at β = 30"));
        result.Add(CureFinding("curriculum_error_target", curriculum.RelativeError,
            $"Relative L2 error at β = {beta} after curriculum regularisation (β = {string.Join(", ", m.Curriculum.Select(s => NumberText.Short(s.Beta, 2)))}, each stage warm-started, at most {o.LbfgsIterations} L-BFGS iterations a stage)"));
        result.Add(CureFinding("seq2seq_error_target", m.Windowed.RelativeError,
            $"Relative L2 error at β = {beta} of sequence-to-sequence training in {o.Windows} windows of Δt = {NumberText.Short(FinalTime / o.Windows, 2)}, each from the previous window's prediction at its end (at most {o.WindowIterations} L-BFGS iterations a window, {m.Windowed.Iterations} taken in all)"));
        result.Add(new Finding("cure_gain", plain.RelativeError / Math.Min(curriculum.RelativeError, m.Windowed.RelativeError), "×",
            $"The plain PINN's error at β = {beta} over the better cure's: how much the cure gains.",
            PublishedPlainError / PublishedCureError, "Krishnapriyan et al. (2021), abstract: 1–2 orders of magnitude lower error"));
        AddLandscapeFindings(m, result);
        result.Add(LossFallFinding.Least([.. m.Plain.Select(s => s.LossFall), m.Curriculum[0].LossFall, m.Windowed.LossFall],
            $"the trainings from fresh weights ({m.Plain.Count} plain, the curriculum's first stage, the first window)"));
        result.Add(new Finding("training_seconds", m.Plain.Sum(s => s.Seconds) + m.Curriculum.Sum(s => s.Seconds) + m.Windowed.Seconds, "s",
            "Wall time of all trainings.") { MachineDependent = true });
    }

    private static Finding CureFinding(string name, double error, string what)
    {
        string verdict = error < CureBar
            ? $"below {CureBar}: the cure works"
            : $"not below {CureBar}: the cure did not reach the paper's accuracy within this run's L-BFGS budget";
        return new Finding(name, error, "", $"{what}; {verdict}.", PublishedCureError,
            "Krishnapriyan et al. (2021), abstract and Figure 4: about 10⁻², 1–2 orders of magnitude below the plain PINN");
    }

    /// <summary>
    /// The surfaces' shape as numbers: the strict local minima of the plot beside the trained one (Li et al.'s measure of
    /// a chaotic surface) and how far the loss climbs over the square, in decades above the trained network's.
    /// </summary>
    private static void AddLandscapeFindings(Measurement m, ExperimentResult result)
    {
        foreach (var landscape in m.Landscapes)
        {
            string beta = NumberText.Short(landscape.Beta, 2);
            var surface = landscape.Surface;
            var losses = surface.Points.Select(p => p.Loss).ToArray();
            double centre = losses[CentreIndex(surface.Grid)];
            result.Add(new Finding($"surface_centre_loss_beta{Slug(landscape.Beta)}", centre, "",
                $"The PINN loss of the plain network trained at β = {beta}, the centre of its surface: the floor the surface is measured from."));
            result.Add(new Finding($"surface_minima_beta{Slug(landscape.Beta)}", surface.LocalMinima().Count, "minima",
                $"Strict local minima of the loss surface at β = {beta} (interior points below all eight neighbours, the trained network's included when it is one); more means a rougher surface."));
            result.Add(new Finding($"surface_rise_beta{Slug(landscape.Beta)}", Math.Log10(losses.Max() / centre), "decades",
                $"log₁₀ of the largest loss on the square over the trained network's loss at β = {beta}: how steep the surface is around it."));
        }
    }

    /// <summary>β in a name: 30 as "30", 2.5 as "2p5".</summary>
    private static string Slug(double beta) => beta.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture).Replace('.', 'p');

    private static int CentreIndex(SurfaceGrid grid) => grid.YCount / 2 * grid.XCount + grid.XCount / 2;
}

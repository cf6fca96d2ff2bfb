using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Numerics.Fits;
using TheoryLab.Tables;
using TheoryLab.Text;

namespace TheoryLab.Experiments.Optimization;

/// <summary>
/// How <see cref="MomentumConditioning"/> shows its <see cref="Measurement"/>: the tables, the findings beside their
/// theory, and the figure, all naming their columns through <see cref="Columns"/>.
/// </summary>
public sealed partial class MomentumConditioning
{
    /// <summary>The columns of the tables "iterations" and "adam", declared once for the code that writes and reads them.</summary>
    private static class Columns
    {
        public static readonly Column Kappa = new("kappa");
        public static readonly Column Adam = new("adam");

        /// <summary>Measured iterations of the method with this key.</summary>
        public static Column Measured(string method) => new(method);

        /// <summary>ln(1/ε)/ln(1/ρ) for the method with this key.</summary>
        public static Column Theory(string method) => new($"{method}_theory");
    }

    private static ExperimentResult Present(MomentumConditioningOptions o, Measurement measured)
    {
        var kappas = measured.Kappas;
        var result = new ExperimentResult();
        var table = new Table("iterations").Add(Columns.Kappa, kappas);
        var adamTable = new Table("adam").Add(Columns.Kappa, measured.AdamKappas).Add(Columns.Adam, measured.AdamIterations);
        foreach (var m in Methods)
        {
            table.Add(Columns.Measured(m.Key), measured.Iterations[m.Key]);
            table.Add(Columns.Theory(m.Key), kappas.Select(k => m.Iterations(k, o.Tolerance)));
        }
        result.Add(table);
        if (o.IncludeAdam) result.Add(adamTable);
        AddFindings(o, measured, result);
        AddFigure(o, result, table, adamTable);
        return result;
    }

    private static void AddFindings(MomentumConditioningOptions o, Measurement measured, ExperimentResult result)
    {
        var kappas = measured.Kappas;
        var iterations = measured.Iterations;
        double[] expected = [1, 0.5, 0.5];
        string[] theory =
        [
            "theory: GD with step 2/(L+μ) contracts by (κ−1)/(κ+1), so iterations ≈ (κ/2) ln(1/ε)",
            "theory: heavy ball contracts by (√κ−1)/(√κ+1) on quadratics (polyak1964some), iterations ≈ (√κ/2) ln(1/ε)",
            "theory: Nesterov contracts by 1 − 1/√κ (nesterov1983method), iterations ≈ √κ ln(1/ε)",
        ];
        for (int i = 0; i < Methods.Count; i++)
        {
            var m = Methods[i];
            var converged = Enumerable.Range(0, kappas.Length).Where(j => !double.IsNaN(iterations[m.Key][j])).ToArray();
            double slope = converged.Length >= 2
                ? LogLogFit.Slope(converged.Select(j => kappas[j]).ToArray(), converged.Select(j => iterations[m.Key][j]).ToArray())
                : double.NaN;
            result.Add(new Finding($"slope_{m.Key}", slope, "1",
                $"Fitted log–log slope of {m.Label}'s iterations to ε = {NumberText.Short(o.Tolerance, 2)} against κ over [{NumberText.Short(kappas[0], 6)}, {NumberText.Short(kappas[^1], 6)}].",
                expected[i], theory[i]));
        }
        result.Add(new Finding("speedup_nesterov_at_max_kappa", iterations["gd"][^1] / iterations["nesterov"][^1], "1",
            $"Iterations of GD over those of Nesterov at κ = {kappas[^1]:G6} (theory: about √κ / 2 = {Math.Sqrt(kappas[^1]) / 2:G3}).",
            Math.Sqrt(kappas[^1]) / 2, "theory: (κ/2) / √κ"));
        if (o.IncludeAdam)
        {
            result.Add(new Finding("adam_converged", measured.AdamKappas.Count, "quadratics",
                $"Quadratics (of {kappas.Length}) on which Adam with η = {NumberText.Short(o.AdamLearningRate, 3)}/L reached ε within {o.MaxIterations} iterations."));
            if (measured.AdamKappas.Count >= 2)
                result.Add(new Finding("slope_adam", LogLogFit.Slope(measured.AdamKappas, measured.AdamIterations), "1",
                    "Fitted log–log slope of Adam's iterations against κ (no theory: Adam is not tuned from κ)."));
        }
    }

    private static void AddFigure(MomentumConditioningOptions o, ExperimentResult result, Table table, Table adam)
    {
        var series = new List<Series>();
        foreach (var m in Methods)
        {
            series.Add(new Markers(table.Name, Columns.Kappa, Columns.Measured(m.Key), m.Label));
            series.Add(new Line(table.Name, Columns.Kappa, Columns.Theory(m.Key), $"theory, {m.Label}", Dashed: true));
        }
        if (o.IncludeAdam && adam.RowCount > 0) series.Add(new Markers(adam.Name, Columns.Kappa, Columns.Adam, "Adam"));
        // Head room above the data for the legend, which would otherwise cover the momentum methods' points.
        var counts = Methods.SelectMany(m => table.Numbers(Columns.Measured(m.Key)).Concat(table.Numbers(Columns.Theory(m.Key))))
            .Concat(o.IncludeAdam ? adam.Numbers(Columns.Adam) : []).Where(double.IsFinite).ToList();
        result.Add(new Figure("iterations-vs-kappa",
            $"Iterations to reach ‖x − x*‖ ≤ {NumberText.Short(o.Tolerance, 2)}‖x₀ − x*‖ on quadratics of condition number κ ({o.Basis} eigenbasis, d = {o.Dimension}); " +
            "markers: measured, dashed: ln(1/ε)/ln(1/ρ) with each method's contraction factor ρ.",
            new Axis("condition number κ", Log: true), new Axis("iterations to ε", Log: true, counts.Min() / 2, counts.Max() * 300), series)
        { Legend = LegendPlace.UpperLeft });
    }
}

using TheoryLab.Analysis.Adversarial;
using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Tables;
using TheoryLab.Text;

namespace TheoryLab.Experiments.Adversarial;

/// <summary>
/// How <see cref="Universal"/> shows its <see cref="Measurement"/>: the fooling rates at the headline radii beside the
/// random control and the paper's ImageNet numbers, fooling rate against ξ for each ball, and the perturbations with
/// held-out digits under them.
/// </summary>
public sealed partial class Universal
{
    /// <summary>The columns of every table, declared once for the code that writes and reads them.</summary>
    private static class Columns
    {
        public static readonly Column Radius = new("radius");
        public static readonly Column HeldOut = new("held_out_fooling_rate");
        public static readonly Column Training = new("training_fooling_rate");
        public static readonly Column Random = new("random_fooling_rate");
        public static readonly Column Accuracy = new("held_out_accuracy");
        public static readonly Column Passes = new("passes");
        public static readonly Column TileX = new("x");
        public static readonly Column TileY = new("y");
        public static readonly Column Shade = new("value");
    }

    private const string Source = "moosavidezfooli2017universal";

    private static string Name(PerturbationNorm ball) => ball == PerturbationNorm.Linf ? "ℓ∞" : "ℓ2";

    private static string Slug(PerturbationNorm ball) => ball == PerturbationNorm.Linf ? "linf" : "l2";

    private static ExperimentResult Present(UniversalOptions o, Measurement m)
    {
        var result = new ExperimentResult();
        string model = $"a LeNet-5 ({m.Parameters:N0} parameters) trained by Adam (η = {NumberText.Short(o.LearningRate, 3)}) for {NumberText.Count(o.Epochs, "epoch")} on the {m.TrainCount:N0} training images of {m.Dataset}";
        result.Add(new Finding("clean_accuracy", m.CleanAccuracy, "1", $"Held-out accuracy of {model}, on its {m.TestCount:N0} clean held-out images."));
        foreach (var ball in new[] { PerturbationNorm.Linf, PerturbationNorm.L2 })
        {
            var points = m.Points.Where(p => p.Ball == ball).ToArray();
            if (points.Length == 0) continue;
            AddFindings(o, m, model, points.Single(p => p.Radius == Headline(o, ball)), result);
            AddSweep(m, ball, points, result);
        }
        AddSheet(m, result);
        return result;
    }

    /// <summary>The setting in words: the threat model's choices and the algorithm's.</summary>
    private static string Setting(UniversalOptions o, Measurement m, Point p) =>
        $"{Name(p.Ball)} ξ = {NumberText.Short(p.Radius, 3)}, {InputSpace.UnitPixels.Describe()}; v computed by Algorithm 1 on the first {m.Images:N0} training images " +
        $"(δ = {NumberText.Short(o.Delta, 3)}, at most {NumberText.Count(o.MaxPasses, "pass")}, DeepFool with overshoot {NumberText.Short(o.Overshoot, 3)} and at most {o.DeepFoolIterations} iterations; " +
        $"{NumberText.Count(p.Passes, "pass")} made, fooling {NumberText.Short(p.TrainingFoolingRate, 3)} of them) and applied to the {m.TestCount:N0} held-out images";

    private static void AddFindings(UniversalOptions o, Measurement m, string model, Point p, ExperimentResult result)
    {
        string setting = Setting(o, m, p), slug = Slug(p.Ball);
        string paper = p.Ball == PerturbationNorm.Linf
            ? " The paper reports 78–93 % on ImageNet's validation images at ℓ∞ ξ = 10 of [0, 255] (Table 1, six networks); MNIST's digits, on a black background with few strokes, are another setting, so no number is expected here."
            : " The paper reports 85–94 % on ImageNet's validation images at ℓ2 ξ = 2,000 (Table 1, six networks); MNIST's 28 × 28 digits are another setting, so no number is expected here.";
        result.Add(new Finding($"fooling_rate_{slug}", p.HeldOutFoolingRate, "1",
            $"Share of the held-out images whose prediction by {model} changes under one universal perturbation, {setting}.{paper}"));
        result.Add(new Finding($"random_fooling_rate_{slug}", p.RandomFoolingRate, "1",
            $"The same share under a random perturbation of the same norm ({(p.Ball == PerturbationNorm.Linf ? "ξ times random signs" : "ξ times a uniform random direction")}), " +
            $"the paper's control: random noise of the universal perturbation's norm fools far fewer images ({Source}, Section 3)."));
        result.Add(new Finding($"accuracy_under_universal_{slug}", p.HeldOutAccuracy, "1",
            $"Held-out accuracy of {model} under the universal perturbation, {setting}."));
    }

    private static void AddSweep(Measurement m, PerturbationNorm ball, Point[] points, ExperimentResult result)
    {
        var table = new Table($"fooling-{Slug(ball)}").Add(Columns.Radius, points.Select(p => p.Radius))
            .Add(Columns.HeldOut, points.Select(p => p.HeldOutFoolingRate)).Add(Columns.Training, points.Select(p => p.TrainingFoolingRate))
            .Add(Columns.Random, points.Select(p => p.RandomFoolingRate)).Add(Columns.Accuracy, points.Select(p => p.HeldOutAccuracy))
            .Add(Columns.Passes, points.Select(p => (double)p.Passes));
        result.Add(table);
        result.Add(new Figure($"fooling-{Slug(ball)}",
            $"Fooling rate of a universal {Name(ball)} perturbation against its radius ξ on {m.Dataset} (LeNet-5, pixels in [0, 1]): on the {m.TestCount:N0} held-out images, " +
            $"on the {m.Images:N0} training images it was computed on (dashed), and a random perturbation of the same norm (markers).",
            new Axis($"{Name(ball)} radius ξ"), Axis.Fraction("fooling rate"),
            [new Line(table.Name, Columns.Radius, Columns.HeldOut, "universal, held out"), new Line(table.Name, Columns.Radius, Columns.Training, "universal, its images", Dashed: true),
             new Markers(table.Name, Columns.Radius, Columns.Random, "random")], FigureWidth.Half)
        { Aspect = 0.85, Legend = LegendPlace.UpperLeft });
    }

    private static void AddSheet(Measurement m, ExperimentResult result)
    {
        if (m.Shown.Length == 0) return;
        int columns = 1 + m.Shown[0].Perturbed.Length;
        // Each perturbation is shown as ½ + v/(2 max|v|): grey is 0, black and white its extremes.
        double[] Perturbation(Shown s)
        {
            double scale = Math.Max(s.Perturbation.Max(x => Math.Abs((double)x)), 1e-12);
            return [.. s.Perturbation.Select(x => 0.5 + x / (2 * scale))];
        }
        var sheet = new ImageSheet(m.Shown.Length, columns, 28, 28, (row, column) => column == 0
            ? Perturbation(m.Shown[row])
            : m.Shown[row].Perturbed[column - 1].Select(x => (double)x).ToArray(), gap: 2, background: 1);
        var table = sheet.ToTable("perturbations", Columns.TileX, Columns.TileY, Columns.Shade);
        result.Add(table);
        string rows = string.Join("; ", m.Shown.Select(s => $"{Name(s.Ball)} ξ = {NumberText.Short(s.Radius, 3)}: predicted {string.Join(" ", s.Predictions)} (clean {string.Join(" ", s.CleanPredictions)})"));
        result.Add(new Figure("perturbations",
            $"The universal perturbations (left column, shown as ½ + v/(2 max|v|): grey is 0) and held-out digits of {m.Dataset} under them (labels {string.Join(" ", m.Labels)}). Rows: {rows}.",
            new Axis("column (tile: v, then x + v)"), new Axis("one row per ball"), [new Heatmap(table.Name, Columns.TileX, Columns.TileY, Columns.Shade, "pixel")])
        { Aspect = sheet.SquarePixelAspect(), Legend = null });
    }
}

using System.Globalization;
using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Tables;
using TheoryLab.Text;

namespace TheoryLab.Experiments.Adversarial;

/// <summary>
/// How <see cref="SparsityRobustness"/> shows its <see cref="Measurement"/>: accuracy under FGSM and PGD against K for
/// each classifier, the margin's local Lipschitz constant against K, and the front end's shrinkage factor beside the
/// random-subspace scale √(K/N) and the paper's K/N.
/// </summary>
public sealed partial class SparsityRobustness
{
    /// <summary>The columns of the table, declared once for the code that writes and reads them.</summary>
    private static class Columns
    {
        public static readonly Column Keep = new("keep");
        public static readonly Column Fraction = new("fraction_kept");
        public static readonly Column RootFraction = new("root_fraction_kept");
        public static readonly Column Energy = new("energy_kept");

        public static Column Clean(string slug) => new($"clean_{slug}");

        public static Column Fgsm(string slug, double epsilon) => new($"fgsm_{slug}_{Budget(epsilon)}");

        public static Column Pgd(string slug, double epsilon) => new($"pgd_{slug}_{Budget(epsilon)}");

        public static Column Lipschitz(string slug) => new($"lipschitz_{slug}");

        public static Column Shrinkage(string slug) => new($"shrinkage_{slug}");

        private static string Budget(double epsilon) => "eps_" + epsilon.ToString("0.###", CultureInfo.InvariantCulture).Replace('.', '_');
    }

    /// <summary>The paper's settings: ε = 0.12 and K/N = 2 % for the 3-versus-7 linear SVM, ε = 0.25 and K/N = 3 % for the CNN (Table 1 of gopalakrishnan2018combating).</summary>
    private static readonly (string Slug, string Short, double Epsilon, double Fraction)[] PaperSettings =
        [("linear", "softmax regression", 0.12, 0.02), ("perceptron", "perceptron", 0.25, 0.03)];

    private const string Source = "gopalakrishnan2018combating";

    private static ExperimentResult Present(SparsityRobustnessOptions o, Measurement m)
    {
        var result = new ExperimentResult();
        var table = Table(m);
        result.Add(table);
        for (int c = 0; c < m.Classifiers.Length; c++) AddClassifier(o, m, c, table, result);
        AddStrength(m, result);
        AddLipschitz(m, table, result);
        return result;
    }

    private static Table Table(Measurement m)
    {
        var table = new Table("robustness").Add(Columns.Keep, m.Keeps.Select(k => (double)k))
            .Add(Columns.Fraction, m.Keeps.Select(k => (double)k / m.Pixels))
            .Add(Columns.RootFraction, m.Keeps.Select(k => Math.Sqrt((double)k / m.Pixels)))
            .Add(Columns.Energy, m.EnergyKept);
        for (int c = 0; c < m.Classifiers.Length; c++)
        {
            string slug = PaperSettings[c].Slug;
            var points = m.Classifiers[c].Points;
            table.Add(Columns.Clean(slug), points.Select(p => p.Clean));
            for (int e = 0; e < m.Epsilons.Length; e++)
                table.Add(Columns.Fgsm(slug, m.Epsilons[e]), points.Select(p => p.Fgsm[e])).Add(Columns.Pgd(slug, m.Epsilons[e]), points.Select(p => p.Pgd[e]));
            table.Add(Columns.Lipschitz(slug), points.Select(p => p.Lipschitz)).Add(Columns.Shrinkage(slug), points.Select(p => p.Shrinkage));
        }
        return table;
    }

    private static string Setting(SparsityRobustnessOptions o, Measurement m) =>
        $"the first {m.Images:N0} held-out images of {m.Dataset} (trained by Adam, η = {NumberText.Short(o.LearningRate, 3)}, {NumberText.Count(o.Epochs, "epoch")} of batches of {o.BatchSize} " +
        $"on the other {m.TrainCount:N0} passed through the front end), a {m.Basis} front end keeping K of the N = {m.Pixels} coefficients, pixels in [0, 1] clipped, no normalisation, " +
        $"the attacks differentiating through the front end (the paper's semi-white-box attack)";

    private static string PgdText(SparsityRobustnessOptions o) =>
        $"PGD ({o.PgdSteps} signed steps of {NumberText.Short(o.PgdStepFactor, 3)} ε / {o.PgdSteps} from a uniform random start in the ε-ball)";

    /// <summary>The headline K and ε of a classifier: those of the run nearest the paper's setting.</summary>
    private static (int Point, int Epsilon) Headline(Measurement m, int c)
    {
        var paper = PaperSettings[c];
        int point = Enumerable.Range(0, m.Keeps.Length - 1).MinBy(i => Math.Abs((double)m.Keeps[i] / m.Pixels - paper.Fraction));
        int epsilon = Enumerable.Range(0, m.Epsilons.Length).MinBy(e => Math.Abs(m.Epsilons[e] - paper.Epsilon));
        return (point, epsilon);
    }

    private static void AddClassifier(SparsityRobustnessOptions o, Measurement m, int c, Table table, ExperimentResult result)
    {
        var classifier = m.Classifiers[c];
        var paper = PaperSettings[c];
        string slug = paper.Slug, setting = Setting(o, m);
        var (at, e) = Headline(m, c);
        var (plain, fronted) = (classifier.Points[^1], classifier.Points[at]);
        double epsilon = m.Epsilons[e];
        string who = $"{classifier.Name} ({classifier.Parameters:N0} parameters)";
        string front = $"behind the front end at K = {fronted.Keep} (K/N = {NumberText.Short((double)fronted.Keep / m.Pixels, 2)}; the paper's {slug} setting: K/N = {NumberText.Short(paper.Fraction, 2)}, ε = {NumberText.Short(paper.Epsilon, 3)})";
        string paperNote = " The paper's Table 1 reports its accuracies at this setting; their values could not be retrieved here, so none is given as expected.";

        result.Add(new Finding($"clean_accuracy_{slug}", plain.Clean, "1", $"Accuracy of {who} without front end on {setting}."));
        result.Add(new Finding($"clean_accuracy_{slug}_front_end", fronted.Clean, "1", $"Accuracy of {who} {front}, clean, on {setting}."));
        result.Add(new Finding($"fgsm_accuracy_{slug}", plain.Fgsm[e], "1", $"Accuracy of {who} without front end under FGSM at ℓ∞ ε = {NumberText.Short(epsilon, 3)} on {setting}."));
        result.Add(new Finding($"fgsm_accuracy_{slug}_front_end", fronted.Fgsm[e], "1", $"Accuracy of {who} {front} under FGSM at ℓ∞ ε = {NumberText.Short(epsilon, 3)} on {setting}.{paperNote}"));
        result.Add(new Finding($"pgd_accuracy_{slug}", plain.Pgd[e], "1", $"Accuracy of {who} without front end under {PgdText(o)} at ℓ∞ ε = {NumberText.Short(epsilon, 3)} on {setting}."));
        result.Add(new Finding($"pgd_accuracy_{slug}_front_end", fronted.Pgd[e], "1", $"Accuracy of {who} {front} under {PgdText(o)} at ℓ∞ ε = {NumberText.Short(epsilon, 3)} on {setting}."));
        result.Add(new Finding($"lipschitz_{slug}", plain.Lipschitz, "1",
            $"Mean over the images of ‖∇ₓ m‖₁, m the margin of the true class over the runner-up, of {who} without front end: ε times it is the most an ℓ∞ budget ε moves the margin to first order (exactly, for the linear classifier: ‖w_y − w_j‖₁), on {setting}."));
        result.Add(new Finding($"lipschitz_{slug}_front_end", fronted.Lipschitz, "1", $"The same mean ‖∇ₓ m‖₁ for {who} {front}, on {setting}."));
        double root = Math.Sqrt((double)fronted.Keep / m.Pixels);
        result.Add(new Finding($"shrinkage_{slug}", fronted.Shrinkage, "1",
            $"Mean over the images of ‖P_S g‖₁ / ‖g‖₁, the factor by which the front end at K = {fronted.Keep} shrinks the margin's ℓ∞ Lipschitz constant, g the classifier's margin gradient at the front end's output and P_S the projection onto the image's selected coefficients, for {who}, on {setting}. " +
            $"A gradient in general position loses all but √(K/N) = {NumberText.Short(root, 3)} of its ℓ1 norm; the paper's abstract speaks of a reduction 'by a factor of roughly K/N' = {NumberText.Short(root * root, 3)}.",
            root, "theory: (1/N) Σᵢ √(P_S)ᵢᵢ ≤ √(K/N) is E‖P_S g‖₁ / E‖g‖₁ for an isotropic Gaussian g"));

        string label = paper.Short;
        var series = new List<Series> { new Line(table.Name, Columns.Keep, Columns.Clean(slug), "clean") };
        for (int k = 0; k < m.Epsilons.Length; k++)
        {
            string eps = $"ε = {NumberText.Short(m.Epsilons[k], 3)}";
            series.Add(new Line(table.Name, Columns.Keep, Columns.Fgsm(slug, m.Epsilons[k]), eps) { Colour = k + 1 });
            series.Add(new Line(table.Name, Columns.Keep, Columns.Pgd(slug, m.Epsilons[k]), "", Dashed: true) { Colour = k + 1 });
        }
        result.Add(new Figure($"accuracy-{slug}",
            $"Held-out accuracy of {label} trained and attacked behind a {m.Basis} front end keeping K of N = {m.Pixels} coefficients, clean and under ℓ∞ attacks at each ε: FGSM (solid) and {PgdText(o)} (dashed), " +
            $"both differentiating through the front end; the rightmost point, K = N, is the same classifier without front end. {m.Images:N0} images of {m.Dataset}.",
            new Axis("coefficients kept K", Log: true), Axis.Fraction("accuracy"), series, FigureWidth.Half)
        { Aspect = 0.85, Legend = LegendPlace.LowerRight });
    }

    /// <summary>The strength ordering: PGD's accuracy is never above FGSM's at the same ε, classifier and K.</summary>
    private static void AddStrength(Measurement m, ExperimentResult result)
    {
        var excess = m.Classifiers.SelectMany(c => c.Points).SelectMany(p => p.Pgd.Zip(p.Fgsm, (pgd, fgsm) => pgd - fgsm)).Max();
        result.Add(new Finding("largest_pgd_excess", excess, "1",
            $"The largest accuracy left by PGD minus that left by FGSM at the same ε, classifier and K, over all {m.Classifiers.Length * m.Keeps.Length * m.Epsilons.Length} such pairs: " +
            "at most 0 when the iterative attack is at least as strong as its single step everywhere."));
    }

    private static void AddLipschitz(Measurement m, Table table, ExperimentResult result)
    {
        var lipschitz = new List<Series>();
        var shrinkage = new List<Series>();
        for (int c = 0; c < m.Classifiers.Length; c++)
        {
            lipschitz.Add(new Line(table.Name, Columns.Keep, Columns.Lipschitz(PaperSettings[c].Slug), PaperSettings[c].Short) { Colour = c });
            shrinkage.Add(new Markers(table.Name, Columns.Keep, Columns.Shrinkage(PaperSettings[c].Slug), PaperSettings[c].Short) { Colour = c });
        }
        shrinkage.Add(new Line(table.Name, Columns.Keep, Columns.RootFraction, "√(K/N)") { Colour = 2 });
        shrinkage.Add(new Line(table.Name, Columns.Keep, Columns.Fraction, "K/N", Dashed: true) { Colour = 3 });
        result.Add(new Figure("lipschitz",
            $"The margin's local ℓ∞ Lipschitz constant, the mean over {m.Images:N0} held-out images of ‖∇ₓ m‖₁ through a {m.Basis} front end keeping K of N = {m.Pixels} coefficients " +
            "(m: the true class's logit minus the runner-up's), for each classifier trained behind it; K = N is the classifier without front end.",
            new Axis("coefficients kept K", Log: true), new Axis("mean ‖∇ₓ m‖₁", Log: true), lipschitz, FigureWidth.Half)
        { Aspect = 0.85, Legend = LegendPlace.UpperLeft });
        result.Add(new Figure("shrinkage",
            $"The factor ‖P_S g‖₁ / ‖g‖₁ by which the {m.Basis} front end shrinks the margin gradient g of the classifier after it (markers, mean over {m.Images:N0} held-out images), " +
            "beside √(K/N), the factor for a gradient in general position, and K/N, the reduction the paper's abstract states.",
            new Axis("coefficients kept K", Log: true), new Axis("ℓ1 shrinkage factor", Log: true), shrinkage, FigureWidth.Half)
        { Aspect = 0.85, Legend = LegendPlace.LowerRight });
        result.Add(new Finding("energy_kept", m.EnergyKept[Headline(m, 0).Point], "1",
            $"Mean share of the held-out images' energy ‖x‖² the front end keeps at K = {m.Keeps[Headline(m, 0).Point]} of N = {m.Pixels} {m.Basis} coefficients (Parseval: the sum of the kept coefficients' squares)."));
    }
}

using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Numerics;
using TheoryLab.Tables;
using TheoryLab.Text;

namespace TheoryLab.Experiments.Adversarial;

/// <summary>
/// How <see cref="FgsmLinear"/> shows its <see cref="Measurement"/>: the headline errors and confidences against GSS's,
/// error against ε, the dimension study against its closed forms, and a sheet of clean, perturbed and adversarial digits.
/// </summary>
public sealed partial class FgsmLinear
{
    /// <summary>The columns of every table, declared once for the code that writes and reads them.</summary>
    private static class Columns
    {
        public static readonly Column Epsilon = new("epsilon");
        public static readonly Column Published = new("published_error");
        public static readonly Column Dimension = new("dimension");
        public static readonly Column ClosedForm = new("closed_form_change");
        public static readonly Column MeanChange = new("mean_margin_change");
        public static readonly Column Deviation = new("largest_relative_deviation");
        public static readonly Column MarginScale = new("margin_scale");
        public static readonly Column FlipRate = new("flip_rate");
        public static readonly Column FlipRateTheory = new("flip_rate_normal_approximation");
        public static readonly Column TileX = new("x");
        public static readonly Column TileY = new("y");
        public static readonly Column Shade = new("value");

        /// <summary>A model's FGSM error or wrong-prediction confidence ("error_softmax_regression").</summary>
        public static Column Error(string model) => new($"error_{Slug(model)}");

        public static Column Confidence(string model) => new($"confidence_{Slug(model)}");
    }

    /// <summary>GSS's MNIST numbers at ε = 0.25: FGSM's error and mean confidence on softmax regression and a maxout network, and the maxout network's after adversarial training.</summary>
    private const double PublishedSoftmaxError = 0.999, PublishedSoftmaxConfidence = 0.793, PublishedMaxoutError = 0.894, PublishedMaxoutConfidence = 0.976,
        PublishedAdversariallyTrainedError = 0.179;

    private const string Source = "goodfellow2015explaining";

    private static string Slug(string model) => model.Replace(", ", "_").Replace(' ', '_').Replace('-', '_');

    private static ExperimentResult Present(FgsmLinearOptions o, Measurement m)
    {
        var result = new ExperimentResult();
        AddHeadline(o, m, result);
        AddSweep(o, m, result);
        AddDimensions(o, m, result);
        AddSheet(o, m, result);
        if (m.Lenet is { } lenet) AddLenet(o, m, lenet, result);
        return result;
    }

    /// <summary>Whether the run is GSS's setting, so that their numbers are the expected values.</summary>
    private static bool IsPublishedSetting(FgsmLinearOptions o) => o.Dataset == "mnist-t10k" && o.Epsilon == 0.25;

    private static string Setting(FgsmLinearOptions o, Measurement m) =>
        $"FGSM at ε = {NumberText.Short(o.Epsilon, 3)} ({Threat(o, m)}) on the {m.TestCount:N0} held-out images of {m.Dataset}, models trained by Adam (η = {NumberText.Short(o.LearningRate, 3)}) " +
        $"for {NumberText.Count(o.Epochs, "epoch")} of batches of {o.BatchSize} on the other {m.TrainCount:N0}";

    private static string Threat(FgsmLinearOptions o, Measurement m) =>
        Analysis.Adversarial.ThreatModel.Fgsm(o.Epsilon, space: m.Space).Describe();

    private static void AddHeadline(FgsmLinearOptions o, Measurement m, ExperimentResult result)
    {
        string setting = Setting(o, m);
        int at = Array.IndexOf(m.Epsilons, o.Epsilon), clean = Array.IndexOf(m.Epsilons, 0.0);
        bool published = IsPublishedSetting(o);
        var (softmax, perceptron, trained) = (m.Models[0], m.Models[1], m.Models[2]);
        string hidden = string.Join("–", o.Hidden);
        string perceptronName = $"a 784–{hidden}–10 ReLU perceptron ({perceptron.Parameters:N0} parameters; GSS attacked a maxout network, not built here)";

        void Add(string slug, Attacked model, string who, double? error, double? confidence, string note)
        {
            result.Add(new Finding($"adversarial_error_{slug}", model.Error[at], "1",
                $"Held-out error of {who} under {setting}.{note}", published ? error : null, published && error is not null ? Source : null));
            string confidenceMeaning = $"Mean probability {who} gives its wrong prediction, over the examples FGSM misclassifies, {setting}.";
            result.Add(double.IsNaN(model.Confidence[at])
                ? Finding.NotReached($"adversarial_confidence_{slug}", "1", confidenceMeaning + " FGSM misclassified none.")
                : new Finding($"adversarial_confidence_{slug}", model.Confidence[at], "1", confidenceMeaning, published ? confidence : null, published && confidence is not null ? Source : null));
            result.Add(new Finding($"pgd_error_{slug}", model.PgdError, "1",
                $"Error of {who} under PGD at ε = {NumberText.Short(o.Epsilon, 3)} ({o.PgdSteps} steps of {NumberText.Short(o.PgdStepSize, 3)} from a random start, {NumberText.Count(o.PgdRestarts, "start")}) on the first {Math.Min(o.PgdImages, m.TestCount):N0} held-out images, where FGSM's error is {NumberText.Short(model.FgsmErrorOnPgdImages, 3)}: an iterative attack tells whether FGSM's error understates the model's weakness."));
            if (clean >= 0)
                result.Add(new Finding($"clean_error_{slug}", model.Error[clean], "1", $"Held-out error of {who} on the clean {m.TestCount:N0} images of {m.Dataset}, trained on the other {m.TrainCount:N0}."));
        }

        Add("softmax", softmax, "softmax regression", PublishedSoftmaxError, PublishedSoftmaxConfidence,
            " GSS report 99.9 % on MNIST with a model trained on its 60,000 training images; this one trains on 8,000.");
        Add("perceptron", perceptron, perceptronName, PublishedMaxoutError, PublishedMaxoutConfidence,
            " GSS report 89.4 % for their maxout network; a ReLU perceptron is as piecewise linear, so as exposed.");
        Add("perceptron_adversarially_trained", trained, $"the same perceptron trained on GSS's objective α J(x) + (1 − α) J(x + ε sign ∇ₓJ) with α = {NumberText.Short(o.CleanWeight, 3)}",
            PublishedAdversariallyTrainedError, null, " GSS report the maxout network's error falling from 89.4 % to 17.9 % with adversarial training (and its clean error from 0.94 % to 0.84 %).");
    }

    private static void AddSweep(FgsmLinearOptions o, Measurement m, ExperimentResult result)
    {
        var table = new Table("error-vs-epsilon").Add(Columns.Epsilon, m.Epsilons);
        foreach (var model in m.Models)
            table.Add(Columns.Error(model.Name), model.Error).Add(Columns.Confidence(model.Name), model.Confidence);
        result.Add(table);
        var series = new List<Series>();
        string[] labels = ["softmax regression", "perceptron", "adv. trained perceptron"];
        for (int k = 0; k < m.Models.Length; k++) series.Add(new Line(table.Name, Columns.Epsilon, Columns.Error(m.Models[k].Name), labels[k]));
        if (IsPublishedSetting(o))
        {
            var paper = new Table("published").Add(Columns.Epsilon, [0.25, 0.25, 0.25])
                .Add(Columns.Published, [PublishedSoftmaxError, PublishedMaxoutError, PublishedAdversariallyTrainedError]);
            result.Add(paper);
            series.Add(new Markers(paper.Name, Columns.Epsilon, Columns.Published, "GSS 2015"));
        }
        result.Add(new Figure("error-vs-epsilon",
            $"Held-out error under FGSM against its budget ε (pixels in [0, 1], clipped) on {m.Dataset}: softmax regression, a ReLU perceptron, and the perceptron trained on GSS's adversarial objective at ε = {NumberText.Short(o.Epsilon, 3)}; " +
            "markers: GSS's MNIST errors at ε = 0.25 (softmax regression, the maxout network, the maxout network adversarially trained).",
            new Axis("ε"), Axis.Fraction("adversarial error"), series)
        { Legend = LegendPlace.LowerRight });
    }

    /// <summary>The normal approximation of the share of margins below ε‖w‖₁: the margin w·(x − ½) has standard deviation m √(d/12), so the share is 2Φ(ε√(12 d)) − 1.</summary>
    private static double FlipRateApproximation(double epsilon, int d) => 2 * SpecialFunctions.NormalCdf(epsilon * Math.Sqrt(12.0 * d)) - 1;

    private static void AddDimensions(FgsmLinearOptions o, Measurement m, ExperimentResult result)
    {
        var points = m.Dimensions;
        var table = new Table("dimension").Add(Columns.Dimension, points.Select(p => (double)p.Dimension))
            .Add(Columns.ClosedForm, points.Select(p => p.ClosedForm)).Add(Columns.MeanChange, points.Select(p => p.MeanChange))
            .Add(Columns.Deviation, points.Select(p => p.LargestDeviation)).Add(Columns.MarginScale, points.Select(p => p.MarginScale))
            .Add(Columns.FlipRate, points.Select(p => p.Error)).Add(Columns.FlipRateTheory, points.Select(p => FlipRateApproximation(o.DimensionEpsilon, p.Dimension)));
        result.Add(table);
        string setting = $"a linear classifier with weights ±{NumberText.Short(DimensionWeight, 3)} on {o.DimensionExamples:N0} inputs uniform in [0, 1]^d labelled by itself, FGSM at ε = {NumberText.Short(o.DimensionEpsilon, 3)} without clipping";
        var worst = points.MaxBy(p => p.LargestDeviation)!;
        result.Add(new Finding("logit_change_deviation", worst.LargestDeviation, "1",
            $"The largest |measured margin change / ε‖w‖₁ − 1| over every example and every d of {string.Join(", ", points.Select(p => p.Dimension.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)))}, {setting}.",
            0, "theory: sign ∇ₓJ = −sign w moves w·x by exactly ε‖w‖₁ (goodfellow2015explaining, Section 3)"));
        var last = points[^1];
        result.Add(new Finding($"flip_rate_d{last.Dimension}", last.Error, "1",
            $"Share of the inputs whose prediction FGSM flips at d = {last.Dimension:N0} (ε‖w‖₁ = {NumberText.Short(last.ClosedForm, 3)} against a margin spread of {NumberText.Short(last.MarginScale, 3)}), {setting}.",
            FlipRateApproximation(o.DimensionEpsilon, last.Dimension), "theory: P(|w·(x − ½)| < ε‖w‖₁), normal approximation 2Φ(ε√(12d)) − 1"));
        var first = points[0];
        result.Add(new Finding($"flip_rate_d{first.Dimension}", first.Error, "1",
            $"Share of the inputs whose prediction FGSM flips at d = {first.Dimension:N0}, {setting}: the same per-pixel ε, a {(double)last.Dimension / first.Dimension:N0} times smaller change.",
            FlipRateApproximation(o.DimensionEpsilon, first.Dimension), "theory: normal approximation 2Φ(ε√(12d)) − 1 (the margin is a sum of d uniforms)"));
        result.Add(new Figure("dimension-change",
            $"How far FGSM moves the margin of a linear classifier on [0, 1]^d: measured (markers) against ε‖w‖₁ = ε m d (line), beside the clean margins' spread m √(d/12) (dashed); m = {NumberText.Short(DimensionWeight, 3)}, ε = {NumberText.Short(o.DimensionEpsilon, 3)}.",
            new Axis("input dimension d", Log: true), new Axis("margin change", Log: true),
            [new Line(table.Name, Columns.Dimension, Columns.ClosedForm, "ε‖w‖₁"), new Markers(table.Name, Columns.Dimension, Columns.MeanChange, "measured"),
             new Line(table.Name, Columns.Dimension, Columns.MarginScale, "margin spread", Dashed: true)], FigureWidth.Half)
        { Aspect = 0.85, Legend = LegendPlace.UpperLeft });
        result.Add(new Figure("dimension-error",
            $"Share of predictions FGSM flips at ε = {NumberText.Short(o.DimensionEpsilon, 3)} against the input dimension (markers), and the normal approximation 2Φ(ε√(12d)) − 1 (line).",
            new Axis("input dimension d", Log: true), Axis.Fraction("flipped"),
            [new Line(table.Name, Columns.Dimension, Columns.FlipRateTheory, "normal approx."), new Markers(table.Name, Columns.Dimension, Columns.FlipRate, "measured")], FigureWidth.Half)
        { Aspect = 0.85, Legend = LegendPlace.UpperLeft });
    }

    private static void AddSheet(FgsmLinearOptions o, Measurement m, ExperimentResult result)
    {
        var s = m.Sheet;
        int n = s.Clean.Length;
        // The perturbation is ±ε where clipping does not bind: shown as ½ + δ/(2ε), so −ε is black, +ε white and 0 grey.
        double[] Perturbation(int i) => [.. s.Adversarial[i].Zip(s.Clean[i], (a, c) => 0.5 + (a - c) / (2 * o.Epsilon))];
        var sheet = new ImageSheet(3, n, 28, 28, (row, i) => row switch
        {
            0 => s.Clean[i].Select(v => (double)v).ToArray(),
            1 => Perturbation(i),
            _ => s.Adversarial[i].Select(v => (double)v).ToArray(),
        }, gap: 2, background: 1);
        var table = sheet.ToTable("examples", Columns.TileX, Columns.TileY, Columns.Shade);
        result.Add(table);
        result.Add(new Figure("examples",
            $"Held-out digits of {m.Dataset} (top, x), FGSM's perturbation δ against softmax regression at ε = {NumberText.Short(o.Epsilon, 3)} (middle, shown as ½ + δ/2ε: darkest −ε, brightest +ε) and the adversarial images x′ = x + δ (bottom). " +
            $"Labels {string.Join(" ", s.Labels)}; predicted on the clean images {string.Join(" ", s.CleanPredictions)}, on the adversarial ones {string.Join(" ", s.AdversarialPredictions)}.",
            new Axis("column (tile: example)"), new Axis("x, δ, x′ from the top"), [new Heatmap(table.Name, Columns.TileX, Columns.TileY, Columns.Shade, "pixel")])
        { Aspect = sheet.SquarePixelAspect(), Legend = null });
    }

    private static void AddLenet(FgsmLinearOptions o, Measurement m, Robustness r, ExperimentResult result)
    {
        var pgd = new Analysis.Adversarial.ThreatModel(Analysis.Adversarial.PerturbationNorm.Linf, o.PgdEpsilon)
        { Space = m.Space, Steps = o.PgdSteps, StepSize = o.PgdStepSize, RandomStart = true, Restarts = o.PgdRestarts };
        string setting = $"a LeNet-5 ({r.Parameters:N0} parameters) trained by Adam for {NumberText.Count(o.LenetEpochs, "epoch")} on the {m.TrainCount:N0} training images of {m.Dataset}, attacked on {r.Images:N0} held-out ones";
        result.Add(new Finding("pgd_accuracy_lenet", r.Pgd, "1",
            $"Held-out accuracy left by PGD ({pgd.Describe()}, Madry et al.'s MNIST attack: madry2018towards) on {setting}. The course's issue asks that it fall below 5 % for a standard, not adversarially trained, network."));
        result.Add(new Finding("fgsm_accuracy_lenet", r.Fgsm, "1",
            $"Held-out accuracy left by FGSM at the same ε = {NumberText.Short(o.PgdEpsilon, 3)} ({Analysis.Adversarial.ThreatModel.Fgsm(o.PgdEpsilon, space: m.Space).Describe()}) on {setting}; PGD's is never above it when its first step is FGSM's, and with a random start it usually is below."));
        result.Add(new Finding("clean_accuracy_lenet", r.Clean, "1", $"Held-out accuracy of {setting}, on the clean images."));
    }
}

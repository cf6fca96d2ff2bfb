using System.Globalization;
using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Tables;
using TheoryLab.Text;

namespace TheoryLab.Experiments.Visualization;

/// <summary>
/// How <see cref="Transfer"/> shows its <see cref="Measurement"/>: accuracy on B against the number of layers copied for
/// the four kinds of network beside baseB, as in Yosinski et al.'s Figure 2, the same as differences from baseB, and the
/// findings read off them, naming columns through <see cref="Columns"/>.
/// </summary>
public sealed partial class Transfer
{
    /// <summary>The columns of every table, declared once for the code that writes and reads them.</summary>
    private static class Columns
    {
        public static readonly Column Layers = new("layers_copied");
        public static readonly Column Seed = new("seed");
        public static readonly Column BaseA = new("base_a_accuracy");
        public static readonly Column BaseB = new("base_b_accuracy");
        public static readonly Column BaseBDifference = new("base_b_minus_mean");
        public static readonly Column BaseBMean = new("base_b_mean");
        public static readonly Column Zero = new("zero");

        /// <summary>Where a kind's points are drawn: n, nudged sideways so the four kinds at one n do not cover each other.</summary>
        public static Column Position(TransferKind kind) => new($"{Slug(kind)}_x");

        public static Column Accuracy(TransferKind kind) => new($"{Slug(kind)}_accuracy");

        public static Column Difference(TransferKind kind) => new($"{Slug(kind)}_minus_base_b");

        public static Column Mean(TransferKind kind) => new($"{Slug(kind)}_mean");

        public static Column MeanDifference(TransferKind kind) => new($"{Slug(kind)}_mean_minus_base_b");

        private static string Slug(TransferKind kind) => kind.Name.ToLowerInvariant().Replace("+", "_plus");
    }

    /// <summary>Palette places: baseB black, the selffers blues, the transfers oranges; fine-tuned kinds the lighter of each pair.</summary>
    private static readonly int[] KindColours = [0, 5, 1, 4];

    private const int BaseColour = 7;


    /// <summary>Yosinski et al.'s 8-layer network: the findings' expected layers are read off their Figure 2 for that depth only.</summary>
    private const int PaperLayers = 8;

    private static ExperimentResult Present(TransferOptions o, Measurement m)
    {
        var result = new ExperimentResult();
        var (bases, seeds, means) = AddTables(m, result);
        AddFigures(o, m, bases, seeds, means, result);
        AddFindings(m, result);
        return result;
    }

    private static double MeanBaseB(Measurement m) => m.BaseB.Average();

    /// <summary>A kind's mean accuracy over seeds at n = 1 … L − 1.</summary>
    private static double[] Means(Measurement m, int kind) => [.. m.Accuracy[kind].Select(seeds => seeds.Average())];

    private static (Table Bases, Table Seeds, Table Means) AddTables(Measurement m, ExperimentResult result)
    {
        double baseB = MeanBaseB(m);
        var bases = new Table("base-networks")
            .Add(Columns.Seed, Enumerable.Range(0, m.BaseB.Length).Select(s => (double)s))
            .Add(Columns.Layers, m.BaseB.Select(_ => 0.0))
            .Add(Columns.BaseA, m.BaseA)
            .Add(Columns.BaseB, m.BaseB)
            .Add(Columns.BaseBDifference, m.BaseB.Select(a => a - baseB));
        result.Add(bases);

        int seedCount = m.BaseB.Length;
        var rows = Enumerable.Range(1, m.Layers - 1).SelectMany(n => Enumerable.Range(0, seedCount).Select(s => (n, s))).ToList();
        var seeds = new Table("transfer-per-seed")
            .Add(Columns.Layers, rows.Select(r => (double)r.n))
            .Add(Columns.Seed, rows.Select(r => (double)r.s));
        for (int k = 0; k < Kinds.Length; k++)
        {
            double offset = (k - 1.5) * 0.1;
            var accuracy = rows.Select(r => m.Accuracy[k][r.n - 1][r.s]).ToArray();
            seeds.Add(Columns.Position(Kinds[k]), rows.Select(r => r.n + offset))
                .Add(Columns.Accuracy(Kinds[k]), accuracy)
                .Add(Columns.Difference(Kinds[k]), accuracy.Select(a => a - baseB));
        }
        result.Add(seeds);

        // n = 0 copies nothing: every kind is then baseB itself, which anchors each mean curve at baseB's mean.
        var layers = Enumerable.Range(0, m.Layers).Select(n => (double)n).ToArray();
        var means = new Table("transfer-means")
            .Add(Columns.Layers, layers)
            .Add(Columns.BaseBMean, layers.Select(_ => baseB))
            .Add(Columns.Zero, layers.Select(_ => 0.0));
        for (int k = 0; k < Kinds.Length; k++)
        {
            double[] curve = [baseB, .. Means(m, k)];
            means.Add(Columns.Mean(Kinds[k]), curve).Add(Columns.MeanDifference(Kinds[k]), curve.Select(a => a - baseB));
        }
        result.Add(means);
        return (bases, seeds, means);
    }

    private static void AddFigures(TransferOptions o, Measurement m, Table bases, Table seeds, Table means, ExperimentResult result)
    {
        string setting = $"{m.Layers}-layer ReLU perceptrons on {m.DatasetName}, A = digits {Classes(m.ClassesA)}, B = {Classes(m.ClassesB)}, " +
            $"{m.TrainB:N0} training and {m.TestB:N0} held-out examples of B, {m.StepsPerNetwork:N0} Adam steps per network for B ({o.Epochs} epochs, η = {NumberText.Short(o.LearningRate, 3)}), {m.BaseB.Length} seeds";
        string legend = "baseB (circles at n = 0, dashed line its mean); BnB and AnB: the first n layers copied from baseB or baseA and frozen, the rest trained on B; " +
            "BnB+ and AnB+: the same, all layers fine-tuned. Points are single networks, lines join the means over seeds.";

        var series = new List<Series>
        {
            new Markers(bases.Name, Columns.Layers, Columns.BaseB, "baseB") { Colour = BaseColour },
            new Line(means.Name, Columns.Layers, Columns.BaseBMean, "", Dashed: true) { Colour = BaseColour },
        };
        for (int k = 0; k < Kinds.Length; k++)
        {
            series.Add(new Markers(seeds.Name, Columns.Position(Kinds[k]), Columns.Accuracy(Kinds[k]), Kinds[k].Name) { Colour = KindColours[k] });
            series.Add(new Line(means.Name, Columns.Layers, Columns.Mean(Kinds[k]), "") { Colour = KindColours[k] });
        }
        result.Add(new Figure("accuracy-vs-layers",
            $"Held-out accuracy on task B against the number n of layers copied, as in Yosinski et al.'s Figure 2: {legend} {setting}.",
            Axis.Index("layers n copied"), Axis.Fraction("held-out accuracy on B"), series) { Legend = LegendPlace.LowerLeft });

        var differences = new List<Series>
        {
            new Markers(bases.Name, Columns.Layers, Columns.BaseBDifference, "baseB") { Colour = BaseColour },
            new Line(means.Name, Columns.Layers, Columns.Zero, "", Dashed: true) { Colour = BaseColour },
        };
        // Frozen AnB falls tens of points below baseB, which would flatten the small gaps of the other three to a line.
        foreach (int k in Enumerable.Range(0, Kinds.Length).Where(k => k != AnB))
        {
            differences.Add(new Markers(seeds.Name, Columns.Position(Kinds[k]), Columns.Difference(Kinds[k]), Kinds[k].Name) { Colour = KindColours[k] });
            differences.Add(new Line(means.Name, Columns.Layers, Columns.MeanDifference(Kinds[k]), "") { Colour = KindColours[k] });
        }
        result.Add(new Figure("difference-from-base",
            $"The accuracies of the selffers BnB, BnB+ and of AnB+ less baseB's mean, on a scale that shows their small gaps (frozen AnB, far below, is on the first figure): " +
            $"above 0 a network beats one trained on B from scratch, below 0 the copied layers hurt. Points are single networks, lines join the means. {setting}.",
            Axis.Index("layers n copied"), new Axis("accuracy minus baseB's mean") { Bounds = (-1, 1) }, differences) { Legend = LegendPlace.LowerLeft });
    }

    private static void AddFindings(Measurement m, ExperimentResult result)
    {
        double baseB = MeanBaseB(m), lowestBaseB = m.BaseB.Min();
        int top = m.Layers - 1;
        bool paperDepth = m.Layers == PaperLayers;
        string over = $"mean over {m.BaseB.Length} seeds";
        string spread = $"baseB's seeds span {NumberText.Short(m.BaseB.Min(), 4)} to {NumberText.Short(m.BaseB.Max(), 4)}";

        result.Add(new Finding("base_a_accuracy", m.BaseA.Average(), "1",
            $"baseA's held-out accuracy on task A ({m.TestA:N0} examples of digits {Classes(m.ClassesA)}; trained on {m.TrainA:N0}), {over}."));
        result.Add(new Finding("base_b_accuracy", baseB, "1",
            $"baseB's held-out accuracy on task B ({m.TestB:N0} examples of digits {Classes(m.ClassesB)}), {over}; {spread}. Yosinski et al.'s baseB reaches about 0.63 top-1 on 500 ImageNet classes, not comparable."));

        var anb = Means(m, AnB);
        int hurts = Enumerable.Range(1, top).FirstOrDefault(n => m.Accuracy[AnB][n - 1].Max() < lowestBaseB);
        string hurtsMeaning = $"The fewest frozen layers from baseA (AnB) at which every seed's AnB falls below every seed's baseB, beyond the seeds' spread ({spread}).";
        result.Add(hurts > 0
            ? new Finding("anb_hurts_from_layer", hurts, "layers", hurtsMeaning,
                paperDepth ? 3 : null, paperDepth ? "approximately read from Figure 2 of yosinski2014how: A1B and A2B match baseB, AnB falls from n = 3 on" : null)
            : Finding.NotReached("anb_hurts_from_layer", "layers", $"{hurtsMeaning} No n up to {top} does: frozen transfer from A never clearly hurts here."));
        int worst = Enumerable.Range(1, top).MinBy(n => anb[n - 1]);
        result.Add(new Finding("anb_worst_layer", worst, "layers",
            $"The n at which AnB's mean accuracy is lowest (specificity: the higher the copied layers, the more they serve A alone).",
            top, $"yosinski2014how, Figure 2: AnB falls the more layers are copied, the worst at the top (n = L − 1 = {top})"));
        result.Add(new Finding("anb_drop_top", baseB - anb[top - 1], "1",
            $"baseB's mean accuracy less AnB's at n = {top}, all layers but the last frozen from baseA, {over}."));

        var bnb = Means(m, BnB);
        int dip = Enumerable.Range(1, top).MaxBy(n => baseB - bnb[n - 1]);
        bool dipClear = m.Accuracy[BnB][dip - 1].Max() < lowestBaseB;
        result.Add(new Finding("bnb_dip", baseB - bnb[dip - 1], "1",
            $"The largest drop of the selffer BnB (baseB's own first n layers, frozen, the rest retrained) below baseB's mean, at n = {dip}; " +
            (dipClear ? "every seed's BnB there is below every seed's baseB: fragile co-adaptation of the layers split apart."
                : baseB - bnb[dip - 1] <= 0 ? "negative: BnB is at or above baseB's mean at every n, no co-adaptation dip here."
                : $"within the seeds' spread ({spread}): no clear co-adaptation dip here."),
            null, "yosinski2014how, Figure 2: BnB drops at n = 3–5 on ImageNet, where co-adapted middle layers are split, and recovers at 6–7"));
        result.Add(new Finding("bnb_dip_layer", dip, "layers", "The n of BnB's largest drop below baseB.",
            paperDepth ? 4 : null, paperDepth ? "approximately read from Figure 2 of yosinski2014how: BnB is lowest at n = 4 (3–5 low)" : null));

        var bnbPlus = Means(m, BnBPlus);
        result.Add(new Finding("bnb_plus_gap", bnbPlus.Average() - baseB, "1",
            $"BnB+ (selffers fine-tuned) less baseB, averaged over n = 1…{top}, {over}: fine-tuning undoes the co-adaptation loss.",
            0, "yosinski2014how, Figure 2: BnB+ matches baseB at every n"));

        var anbPlus = Means(m, AnBPlus);
        var gains = anbPlus.Select(a => a - baseB).ToArray();
        result.Add(new Finding("anb_plus_gain", gains.Average(), "1",
            $"AnB+ (layers from baseA, fine-tuned on B) less baseB, averaged over n = 1…{top}, {over}: above 0, transfer and fine-tuning generalise better than training on B alone.",
            0.015, "approximately read from Figure 2 of yosinski2014how: AnB+ lies about 1–2 points of top-1 accuracy above baseB at every n"));
        result.Add(new Finding("anb_plus_gain_min", gains.Min(), "1",
            $"The smallest gain of AnB+ over baseB's mean over n = 1…{top} (at n = {Array.IndexOf(gains, gains.Min()) + 1}): above 0 when fine-tuning recovers every n."));
        result.Add(new Finding("anb_plus_recovery_top", anbPlus[top - 1] - anb[top - 1], "1",
            $"What fine-tuning wins back at n = {top}: AnB+ less AnB, {over}."));
    }

    private static string Classes(int[] classes) => string.Join(", ", classes.Select(c => c.ToString(CultureInfo.InvariantCulture)));
}

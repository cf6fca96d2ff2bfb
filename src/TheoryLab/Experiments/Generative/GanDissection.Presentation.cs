using TheoryLab.Data.Toy;
using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Tables;
using TheoryLab.Text;

namespace TheoryLab.Experiments.Generative;

/// <summary>
/// How <see cref="GanDissection"/> shows its <see cref="Measurement"/>: real and generated scenes, each unit's IoU
/// with each concept, the best units' regions, frequency against the number of units ablated or forced on beside the
/// random control, and before/after scenes, naming columns through <see cref="Columns"/>.
/// </summary>
public sealed partial class GanDissection
{
    /// <summary>The columns of every table, declared once for the code that writes and reads them.</summary>
    private static class Columns
    {
        public static readonly Column Concept = new("concept");
        public static readonly Column RealFrequency = new("real_frequency");
        public static readonly Column GeneratedFrequency = new("generated_frequency");
        public static readonly Column BestUnit = new("best_unit");
        public static readonly Column BestIou = new("best_iou");
        public static readonly Column MeanIou = new("mean_iou");
        public static readonly Column Unit = new("unit");
        public static readonly Column ConceptIndex = new("concept_index");
        public static readonly Column Iou = new("iou");
        public static readonly Column Units = new("units");
        public static readonly Column X = new("x");
        public static readonly Column Y = new("y");
        public static readonly Column Label = new("label");
        public static readonly Column Reading = new("reading");
        public static readonly Column RealComponents = new("real_components");
        public static readonly Column GeneratedComponents = new("generated_components");

        public static Column AlignedOf(string concept) => new($"aligned_{concept}");
        public static Column RandomOf(string concept) => new($"random_{concept}");
        public static Column RandomLowOf(string concept) => new($"random_low_{concept}");
        public static Column RandomHighOf(string concept) => new($"random_high_{concept}");
    }

    /// <summary>What the label maps' values mean, for captions.</summary>
    private const string LabelKey = "0: no palette colour, 1: grey, 2: red, 3: green, 4: blue, 5: cream stripe";

    /// <summary>
    /// The colour concepts, then the shapes, each with the suffix of its figures' names and what its members are, for
    /// the figures drawn once per group.
    /// </summary>
    private static (string Suffix, string Group, List<ConceptStudy> Members)[] Groups(Measurement m) =>
    [
        ("", "colour concept", [.. m.Concepts.Where(c => SyntheticScenes.ColourConcepts.Contains(c.Concept))]),
        ("-shapes", "shape", [.. m.Concepts.Where(c => !SyntheticScenes.ColourConcepts.Contains(c.Concept))]),
    ];

    /// <summary>"red's", "stripes'".</summary>
    private static string Possessive(string concept) => concept.EndsWith('s') ? concept + "'" : concept + "'s";

    private static ExperimentResult Present(GanDissectionOptions o, Measurement m)
    {
        var result = new ExperimentResult();
        string model = $"a DCGAN-style generator ({o.Channels} units at {o.Side / 2} × {o.Side / 2}, z ∈ R^{o.Latent}) trained for {o.Steps:N0} alternating Adam steps (η = {NumberText.Short(o.LearningRate, 3)}, β₁ = 0.5, batches of {o.BatchSize}) on {o.TrainingScenes:N0} {o.Side} × {o.Side} scenes";
        AddSummary(o, m, model, result);
        AddComponents(o, m, result);
        AddScenes(o, m, model, result);
        AddIou(o, m, result);
        AddInterventionCurves(o, m, result);
        AddExamples(o, m, result);
        return result;
    }

    private static void AddSummary(GanDissectionOptions o, Measurement m, string model, ExperimentResult result)
    {
        result.Add(new Table("concepts")
            .AddText(Columns.Concept, m.Concepts.Select(c => c.Concept))
            .Add(Columns.RealFrequency, m.Concepts.Select(c => c.RealFrequency))
            .Add(Columns.GeneratedFrequency, m.Concepts.Select(c => c.GeneratedFrequency))
            .Add(Columns.BestUnit, m.Concepts.Select(c => (double)c.Ranking[0]))
            .Add(Columns.BestIou, m.Concepts.Select(c => c.Iou.Max()))
            .Add(Columns.MeanIou, m.Concepts.Select(c => c.Iou.Average())));

        int k = o.ReportedUnits, at = Array.IndexOf(m.Sizes, k);
        string random = $"{k} random units ({o.RandomDraws} draws, mean)";
        result.Add(new Finding("unlabelled_fraction", m.UnlabelledFraction, "1",
            $"Fraction of the pixels of {o.JudgedScenes:N0} scenes of {model} that match no palette colour within {NumberText.Short(o.ColourTolerance, 3)} per channel: blurred or invented colours.",
            0, "the real scenes: every pixel is one of the palette's five colours"));
        foreach (var c in m.Concepts)
        {
            result.Add(new Finding($"generated_frequency_{c.Concept}", c.GeneratedFrequency, "1",
                $"Fraction of the pixels of {o.JudgedScenes:N0} generated scenes that show {c.Concept} by the palette rule, {model}.",
                c.RealFrequency, $"the real scenes' fraction ({o.JudgedScenes:N0} scenes, exact masks)"));
            result.Add(new Finding($"best_iou_{c.Concept}", c.Iou.Max(), "1",
                $"IoU with {Possessive(c.Concept)} mask of the best of the {o.Channels} units (unit {c.Ranking[0]}), each thresholded at its top {NumberText.Short(100 * o.TopQuantile, 3)}% over {o.JudgedScenes:N0} generated scenes (mean over units {NumberText.Short(c.Iou.Average(), 3)})."));
            if (c.Ablation.Intact <= 0)
            {
                result.Add(Finding.NotReached($"ablated_remaining_{c.Concept}", "1", $"The generator draws no {c.Concept} pixels, so there is nothing to ablate."));
                result.Add(Finding.NotReached($"ablation_effect_ratio_{c.Concept}", "1", $"The generator draws no {c.Concept} pixels, so there is nothing to ablate."));
            }
            else
            {
                double aligned = c.Ablation.Aligned[at] / c.Ablation.Intact, control = c.Ablation.RandomMean[at] / c.Ablation.Intact;
                result.Add(new Finding($"ablated_remaining_{c.Concept}", aligned, "1",
                    $"Fraction of {Possessive(c.Concept)} pixels left when its top {k} units by IoU are set to 0 everywhere (intact: {NumberText.Short(100 * c.Ablation.Intact, 3)}% of pixels).",
                    control, $"{random} ablated, the control"));
                double alignedDrop = c.Ablation.Intact - c.Ablation.Aligned[at], controlDrop = c.Ablation.Intact - c.Ablation.RandomMean[at];
                result.Add(controlDrop > 0
                    ? new Finding($"ablation_effect_ratio_{c.Concept}", alignedDrop / controlDrop, "1",
                        $"Drop in {Possessive(c.Concept)} pixel frequency with its top {k} units ablated over the drop with {random} ablated.",
                        1, "the null hypothesis that the aligned units matter no more than random ones (Bau et al. find them to matter far more)")
                    : Finding.NotReached($"ablation_effect_ratio_{c.Concept}", "1",
                        $"Ablating {random} does not lower {Possessive(c.Concept)} frequency on average, so the ratio of drops has no denominator; see ablated_remaining_{c.Concept}."));
            }
            result.Add(new Finding($"forced_frequency_{c.Concept}", c.Forcing.Aligned[at], "1",
                $"Fraction of the central region's pixels showing {c.Concept} when its top {k} units are set there to their mean activation on {Possessive(c.Concept)} pixels (intact: {NumberText.Short(100 * c.Forcing.Intact, 3)}%).",
                c.Forcing.RandomMean[at], $"{random} forced on to their own mean activation on {c.Concept}, the control"));
        }
    }

    /// <summary>Fraction of the counted components read as a shape; 0 when there are none.</summary>
    private static double ClassifiedFraction(int[] counts)
    {
        int total = counts.Sum();
        int classified = Enum.GetValues<ComponentReading>().Where(r => SceneShapeReader.ShapeOf(r) is not null).Sum(r => counts[(int)r]);
        return total > 0 ? classified / (double)total : 0;
    }

    private static void AddComponents(GanDissectionOptions o, Measurement m, ExperimentResult result)
    {
        var readings = Enum.GetValues<ComponentReading>();
        result.Add(new Table("components")
            .AddText(Columns.Reading, readings.Select(r => r.ToString().ToLowerInvariant()))
            .Add(Columns.RealComponents, readings.Select(r => (double)m.RealComponents[(int)r]))
            .Add(Columns.GeneratedComponents, readings.Select(r => (double)m.GeneratedComponents[(int)r])));
        string rule = $"the 4-connected components of each object colour (palette rule within {NumberText.Short(o.ColourTolerance, 3)})";
        result.Add(m.GeneratedComponents.Sum() == 0
            ? Finding.NotReached("classified_component_fraction", "1", $"The generator's {o.JudgedScenes:N0} scenes have no pixel of an object colour, so there is no component for the shape reader to read.")
            : new Finding("classified_component_fraction", ClassifiedFraction(m.GeneratedComponents), "1",
                $"Fraction of {rule} in {o.JudgedScenes:N0} generated scenes ({m.GeneratedComponents.Sum():N0} components) that the shape reader reads as a square, disc or triangle rather than too small (under {SceneShapeReader.SmallestComponent} pixels) or elongated.",
                ClassifiedFraction(m.RealComponents), $"the same fraction in {o.JudgedScenes:N0} real scenes ({m.RealComponents.Sum():N0} components, one per object)"));
    }

    /// <summary>Label maps, one value per pixel, laid out on a sheet and drawn as a heatmap.</summary>
    private static Table Sheet(string name, int rows, int columns, int side, Func<int, int, int[]?> labels)
    {
        var sheet = new ImageSheet(rows, columns, side, side, (row, column) => labels(row, column) is { } l ? [.. l.Select(v => (double)v)] : null, background: -1);
        return sheet.ToTable(name, Columns.X, Columns.Y, Columns.Label);
    }

    private static void AddScenes(GanDissectionOptions o, Measurement m, string model, ExperimentResult result)
    {
        const int perRow = ShownScenes;
        var sheet = Sheet("scenes", 4, perRow, o.Side, (row, column) =>
        {
            var source = row < 2 ? m.RealLabels : m.GeneratedLabels;
            int i = (row % 2) * perRow + column;
            return i < source.Length ? source[i] : null;
        });
        result.Add(sheet);
        result.Add(new Figure("scenes",
            $"Real scenes (top two rows) and scenes of {model} (bottom two), each pixel drawn as its palette label ({LabelKey}; gaps −1): the heatmap shows one value per pixel, so the RGB scenes are drawn as what the colour rule reads in them.",
            new Axis("pixel column"), new Axis("pixel row"), [new Heatmap(sheet.Name, Columns.X, Columns.Y, Columns.Label, "label")])
        { Aspect = 0.5 });
    }

    private static void AddIou(GanDissectionOptions o, Measurement m, ExperimentResult result)
    {
        var cells = m.Concepts.SelectMany((c, ci) => c.Iou.Select((v, u) => (Unit: u, Concept: ci, Iou: v))).ToList();
        var iou = new Table("unit-iou").Add(Columns.Unit, cells.Select(c => (double)c.Unit)).Add(Columns.ConceptIndex, cells.Select(c => (double)c.Concept)).Add(Columns.Iou, cells.Select(c => c.Iou));
        result.Add(iou);
        result.Add(new Figure("unit-iou",
            $"IoU of each of the {o.Channels} units (thresholded at its top {NumberText.Short(100 * o.TopQuantile, 3)}%, upsampled bilinearly) with each concept's mask over {o.JudgedScenes:N0} generated scenes; rows: {string.Join(", ", m.Concepts.Select((c, i) => $"{i} {c.Concept}"))}.",
            Axis.Index("unit"), Axis.Index("concept"), [new Heatmap(iou.Name, Columns.Unit, Columns.ConceptIndex, Columns.Iou, "IoU")])
        { Aspect = 0.45 });

        var maps = Sheet("best-unit-maps", MappedScenes, m.Concepts.Count, o.Side, (row, column) => row < m.Concepts[column].BestUnitMaps.Length ? m.Concepts[column].BestUnitMaps[row] : null);
        result.Add(maps);
        result.Add(new Figure("best-unit-maps",
            $"For each concept (columns: {string.Join("; ", m.Concepts.Select(c => $"{c.Concept}, unit {c.Ranking[0]}"))}), its best unit in the first {MappedScenes} generated scenes that show the concept (then the first others), one a row: 1 where only the concept's mask is, 2 where only the unit is above its threshold, 3 where both are (0 neither, −1 gaps).",
            new Axis("pixel column"), new Axis("pixel row"), [new Heatmap(maps.Name, Columns.X, Columns.Y, Columns.Label, "region")])
        { Aspect = ImageSheet.SquareCellAspect(MappedScenes, m.Concepts.Count) });
    }

    private static void AddInterventionCurves(GanDissectionOptions o, Measurement m, ExperimentResult result)
    {
        var ablation = new Table("ablation").Add(Columns.Units, m.Sizes.Select(k => (double)k));
        var forcing = new Table("forcing").Add(Columns.Units, m.Sizes.Select(k => (double)k));
        foreach (var c in m.Concepts)
        {
            double scale = c.Ablation.Intact > 0 ? 1 / c.Ablation.Intact : 0;
            ablation.Add(Columns.AlignedOf(c.Concept), c.Ablation.Aligned.Select(v => v * scale))
                .Add(Columns.RandomOf(c.Concept), c.Ablation.RandomMean.Select(v => v * scale))
                .Add(Columns.RandomLowOf(c.Concept), c.Ablation.RandomLow.Select(v => v * scale))
                .Add(Columns.RandomHighOf(c.Concept), c.Ablation.RandomHigh.Select(v => v * scale));
            forcing.Add(Columns.AlignedOf(c.Concept), c.Forcing.Aligned)
                .Add(Columns.RandomOf(c.Concept), c.Forcing.RandomMean)
                .Add(Columns.RandomLowOf(c.Concept), c.Forcing.RandomLow)
                .Add(Columns.RandomHighOf(c.Concept), c.Forcing.RandomHigh);
        }
        result.Add(ablation);
        result.Add(forcing);
        // Colours and shapes in figures of their own, so that each half-width figure has four or three pairs of curves.
        foreach (var (suffix, group, members) in Groups(m))
        {
            List<Series> Curves(Table table) => [.. members.SelectMany((c, i) => new Series[]
            {
                new Line(table.Name, Columns.Units, Columns.AlignedOf(c.Concept), c.Concept) { Colour = i },
                new Line(table.Name, Columns.Units, Columns.RandomOf(c.Concept), "", Dashed: true) { Colour = i },
            })];
            string reader = suffix.Length == 0 ? "by the palette rule" : "by the shape reader";
            result.Add(new Figure("ablation" + suffix,
                $"Each {group}'s pixel frequency ({reader}) in {o.JudgedScenes:N0} generated scenes (same latent codes), as a fraction of the intact generator's, with its top k units by IoU set to 0 (solid) and with k random units (dashed, mean of {o.RandomDraws} draws).",
                new Axis("units ablated k", Log: true), new Axis("frequency / intact", Min: 0, Max: 1.4), Curves(ablation), FigureWidth.Half)
            { Legend = LegendPlace.LowerLeft });
            result.Add(new Figure("forcing" + suffix,
                $"Each {group}'s pixel frequency ({reader}) in the scenes' central region when its top k units are set there to their mean activation on the concept (solid), and k random units likewise (dashed, mean of {o.RandomDraws} draws).",
                new Axis("units forced on k", Log: true), Axis.Fraction("centre frequency"), Curves(forcing), FigureWidth.Half)
            { Legend = LegendPlace.UpperLeft });
        }
    }

    private static void AddExamples(GanDissectionOptions o, Measurement m, ExperimentResult result)
    {
        int k = o.ReportedUnits;
        // Colours and shapes in sheets of their own, so that each draws its scenes near square within the height limit.
        foreach (var (suffix, _, members) in Groups(m))
        {
            var sheet = Sheet("interventions" + suffix, members.Count, 8, o.Side, (row, column) =>
            {
                var c = members[row];
                var examples = column < 4 ? c.AblationExamples : c.ForcingExamples;
                return column % 4 < examples.Length ? examples[column % 4] : null;
            });
            result.Add(sheet);
            result.Add(new Figure("interventions" + suffix,
                $"Interventions, one concept a row ({string.Join(", ", members.Select(c => c.Concept))}), drawn as palette labels ({LabelKey}). Columns 1–4: two scenes showing the concept, each intact then with the concept's top {k} units ablated; columns 5–8: two scenes, each intact then with those units forced on in the central region.",
                new Axis("pixel column"), new Axis("pixel row"), [new Heatmap(sheet.Name, Columns.X, Columns.Y, Columns.Label, "label")])
            { Aspect = ImageSheet.SquareCellAspect(members.Count, 8) });
        }
    }
}

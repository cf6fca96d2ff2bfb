using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Tables;
using TheoryLab.Text;

namespace TheoryLab.Experiments.Visualization;

/// <summary>
/// How <see cref="CnnFilters"/> shows its <see cref="Measurement"/>: filter sheets with their Gabor fits, R²
/// histograms against initial and random filters, the Gabor-like fraction by data and depth, maximised units (plain
/// and regularised) with their high-frequency share, and class models; columns named through <see cref="Columns"/>.
/// </summary>
public sealed partial class CnnFilters
{
    /// <summary>The columns of every table, declared once for the code that writes and reads them.</summary>
    private static class Columns
    {
        public static readonly Column X = new("x");
        public static readonly Column Y = new("y");
        public static readonly Column Shade = new("shade");
        public static readonly Column RSquared = new("r2");
        public static readonly Column Initial2 = new("init_2conv");
        public static readonly Column Learned2 = new("learned_2conv");
        public static readonly Column Learned4 = new("learned_4conv");
        public static readonly Column Random = new("random");
        public static readonly Column Depth = new("conv_layers");
        public static readonly Column Unit = new("unit");
        public static readonly Column PlainShare = new("plain_share");
        public static readonly Column RegularisedShare = new("regularised_share");
        public static readonly Column DataShare = new("data_share");
        public static readonly Column WhiteNoiseShare = new("white_noise_share");
        public static readonly Column Dataset = new("dataset");
        public static readonly Column GaborFraction = new("gabor_fraction");
        public static readonly Column InitialFraction = new("init_gabor_fraction");
        public static readonly Column MedianRSquared = new("median_r2");
        public static readonly Column InitialMedianRSquared = new("init_median_r2");
        public static readonly Column TestAccuracy = new("test_accuracy");
        public static readonly Column TrainAccuracy = new("train_accuracy");

        public static Column LearnedFraction(string dataset) => new($"gabor_fraction_{Key(dataset)}");

        public static Column InitialFractionOf(string dataset) => new($"init_gabor_fraction_{Key(dataset)}");
    }

    /// <summary>Pixel rows each 1-D filter is drawn with.</summary>
    private const int SequenceRowHeight = 3;

    /// <summary>Bins of the R² histograms over [0, 1].</summary>
    private const int Bins = 10;

    private static ExperimentResult Present(CnnFiltersOptions o, Measurement m)
    {
        var result = new ExperimentResult();
        AddSummary(o, m, result);
        foreach (var dataset in m.Networks.Select(n => n.Dataset).Distinct())
        {
            var shallow = m.Networks.First(n => n.Dataset == dataset && n.Depth == Depths[0]);
            var deep = m.Networks.First(n => n.Dataset == dataset && n.Depth == Depths[^1]);
            AddFilterSheet(o, shallow, deep, result);
            AddHistogram(o, shallow, deep, shallow.Learned.Rows == 1 ? m.RandomSequence : m.RandomImage, result);
        }
        AddRandomControl(o, m, result);
        foreach (var v in m.Visualisations) AddVisualisation(o, m, v, result);
        AddTextureExamples(m, result);
        return result;
    }

    /// <summary>A dataset's name as it enters finding and column names.</summary>
    private static string Key(string dataset) => dataset.Replace('-', '_');

    private static double Fraction(FilterSet set, double threshold) => Fraction(set.RSquared, threshold);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static void AddSummary(CnnFiltersOptions o, Measurement m, ExperimentResult result)
    {
        var datasets = m.Networks.Select(n => n.Dataset).Distinct().ToList();
        var table = new Table("gabor-summary")
            .Add(Columns.Dataset, m.Networks.Select(n => (double)datasets.IndexOf(n.Dataset)))
            .Add(Columns.Depth, m.Networks.Select(n => (double)n.Depth))
            .Add(Columns.GaborFraction, m.Networks.Select(n => Fraction(n.Learned, o.Threshold)))
            .Add(Columns.InitialFraction, m.Networks.Select(n => Fraction(n.Initial, o.Threshold)))
            .Add(Columns.MedianRSquared, m.Networks.Select(n => Median(n.Learned.RSquared)))
            .Add(Columns.InitialMedianRSquared, m.Networks.Select(n => Median(n.Initial.RSquared)))
            .Add(Columns.TestAccuracy, m.Networks.Select(n => n.TestAccuracy))
            .Add(Columns.TrainAccuracy, m.Networks.Select(n => n.TrainAccuracy));
        result.Add(table);

        var byDepth = new Table("gabor-by-depth").Add(Columns.Depth, Depths.Select(d => (double)d));
        foreach (var dataset in datasets)
        {
            var nets = Depths.Select(d => m.Networks.First(n => n.Dataset == dataset && n.Depth == d)).ToList();
            byDepth.Add(Columns.LearnedFraction(dataset), nets.Select(n => Fraction(n.Learned, o.Threshold)));
            byDepth.Add(Columns.InitialFractionOf(dataset), nets.Select(n => Fraction(n.Initial, o.Threshold)));
        }
        result.Add(byDepth);
        var series = new List<Series>();
        for (int d = 0; d < datasets.Count; d++)
        {
            series.Add(new Line(byDepth.Name, Columns.Depth, Columns.LearnedFraction(datasets[d]), datasets[d]) { Colour = d });
            series.Add(new Line(byDepth.Name, Columns.Depth, Columns.InitialFractionOf(datasets[d]), "", Dashed: true) { Colour = d });
        }
        result.Add(new Figure("gabor-fraction",
            $"Fraction of the {o.Filters} first-layer filters whose Gabor fit reaches R² ≥ {NumberText.Short(o.Threshold)}, after training (solid) and at initialisation (dashed), " +
            $"for the networks of {Depths[0]} and {Depths[^1]} convolution layers on each dataset; filters {o.Kernel}×{o.Kernel} in 2-D and {o.SequenceKernel} taps in 1-D. " +
            $"Of {o.RandomFilters} i.i.d. Gaussian filters {NumberText.Short(Fraction(m.RandomImage, o.Threshold))} (2-D) and {NumberText.Short(Fraction(m.RandomSequence, o.Threshold))} (1-D) reach it.",
            new Axis("convolution layers"), Axis.Fraction("Gabor-like fraction"), series)
        { Legend = LegendPlace.UpperRight });

        foreach (var n in m.Networks)
        {
            string name = $"{Key(n.Dataset)}_{n.Depth}conv";
            string net = $"the {n.Depth}-convolution network on {n.Dataset} ({n.Layers}; {n.TrainCount:N0} training examples, {o.Steps:N0} Adam steps)";
            var random = n.Learned.Rows == 1 ? m.RandomSequence : m.RandomImage;
            result.Add(new Finding($"gabor_fraction_{name}", Fraction(n.Learned, o.Threshold), "1",
                $"Fraction of the {o.Filters} trained first-layer filters of {net} whose Gabor fit reaches R² ≥ {NumberText.Short(o.Threshold)}; at initialisation {NumberText.Short(Fraction(n.Initial, o.Threshold))}.",
                Fraction(random, o.Threshold), $"independent: the fraction among {o.RandomFilters} i.i.d. Gaussian filters of the same shape, this run's control"));
            result.Add(new Finding($"median_r2_{name}", Median(n.Learned.RSquared), "1",
                $"Median Gabor R² of the trained first-layer filters of {net}; at initialisation {NumberText.Short(Median(n.Initial.RSquared))}.",
                Median(random), "independent: the median over i.i.d. Gaussian filters of the same shape, this run's control"));
            bool mnist1d = n.Dataset.StartsWith("mnist1d", StringComparison.Ordinal) && n.Depth == Depths[^1];
            result.Add(new Finding($"test_accuracy_{name}", n.TestAccuracy, "1",
                $"Test accuracy of {net} on {n.TestCount:N0} held-out examples (training accuracy {NumberText.Short(n.TrainAccuracy)})." +
                (mnist1d ? " Greydanus's CNN (3 convolutions of 25 channels, 5,210 parameters, trained longer) reached 0.94." : ""),
                mnist1d ? 0.94 : null, mnist1d ? "greydanus2020scaling" : null));
        }
    }

    private static void AddRandomControl(CnnFiltersOptions o, Measurement m, ExperimentResult result)
    {
        result.Add(new Finding("gabor_fraction_random_2d", Fraction(m.RandomImage, o.Threshold), "1",
            $"Fraction of {o.RandomFilters} i.i.d. Gaussian {o.Kernel}×{o.Kernel} filters whose Gabor fit reaches R² ≥ {NumberText.Short(o.Threshold)} (median R² {NumberText.Short(Median(m.RandomImage))}): the control. " +
            "A 300-filter Monte Carlo in the tests found none of the 7×7 ones at 0.7."));
        result.Add(new Finding("gabor_fraction_random_1d", Fraction(m.RandomSequence, o.Threshold), "1",
            $"Fraction of {o.RandomFilters} i.i.d. Gaussian {o.SequenceKernel}-tap filters whose 1-D Gabor fit reaches R² ≥ {NumberText.Short(o.Threshold)} (median R² {NumberText.Short(Median(m.RandomSequence))}): " +
            "6 parameters on 15 samples fit noise better than 9 on 49, so the 1-D control is not near zero (about 0.1 in the tests' Monte Carlo at 15 taps)."));
    }

    /// <summary>
    /// One dataset's first layers: the shallow network's filters at initialisation, then each network's trained filters
    /// above their Gabor fits; each filter scaled to its largest |value| so that shapes, not norms, are compared.
    /// </summary>
    private static void AddFilterSheet(CnnFiltersOptions o, Network shallow, Network deep, ExperimentResult result)
    {
        var rows = new[] { shallow.Initial.Filters, shallow.Learned.Filters, shallow.Learned.Fitted, deep.Learned.Filters, deep.Learned.Fitted };
        string slug = shallow.Dataset;
        int count = shallow.Learned.Filters.Length;
        bool sequence = shallow.Learned.Rows == 1;
        ImageSheet sheet;
        if (sequence)
        {
            // A 1-D filter is a row of taps, drawn 3 pixels tall so that the gaps between blocks read as such: the
            // filters stacked down, one column block per row of the 2-D layout.
            sheet = new ImageSheet(count, rows.Length, SequenceRowHeight, shallow.Learned.Cols,
                (f, kind) => [.. Enumerable.Repeat(Scaled(rows[kind][f]), SequenceRowHeight).SelectMany(r => r)], gap: 2);
        }
        else sheet = new ImageSheet(rows.Length, count, shallow.Learned.Rows, shallow.Learned.Cols, (kind, f) => Scaled(rows[kind][f]), gap: 1);
        var table = sheet.ToTable($"filters-{slug}", Columns.X, Columns.Y, Columns.Shade);
        result.Add(table);
        string order = "at initialisation (2 conv layers); trained (2 conv layers); their Gabor fits; trained (4 conv layers); their Gabor fits";
        string layout = sequence ? $"one filter per row, {count} of {shallow.Learned.Cols} taps; blocks left to right: {order}" : $"{count} filters of {shallow.Learned.Rows}×{shallow.Learned.Cols} per row; rows from the top: {order}";
        result.Add(new Figure($"filters-{slug}",
            $"First-layer filters of the networks trained on {slug}, each scaled to its largest |weight|; {layout}. " +
            $"Median R²: {NumberText.Short(Median(shallow.Learned.RSquared))} (2 layers), {NumberText.Short(Median(deep.Learned.RSquared))} (4 layers), {NumberText.Short(Median(shallow.Initial.RSquared))} at initialisation.",
            new Axis(sequence ? "tap (block: kind of filter)" : "column (tile: filter)"), new Axis(sequence ? "filter" : "row (tile: kind of filter)"),
            [new Heatmap(table.Name, Columns.X, Columns.Y, Columns.Shade, "weight / max")])
        { Aspect = sheet.SquarePixelAspect(), Legend = null });
    }

    private static void AddHistogram(CnnFiltersOptions o, Network shallow, Network deep, double[] random, ExperimentResult result)
    {
        string slug = shallow.Dataset;
        var centres = Enumerable.Range(0, Bins).Select(b => (b + 0.5) / Bins).ToArray();
        var table = new Table($"r2-histogram-{slug}")
            .Add(Columns.RSquared, centres)
            .Add(Columns.Initial2, Histogram(shallow.Initial.RSquared))
            .Add(Columns.Learned2, Histogram(shallow.Learned.RSquared))
            .Add(Columns.Learned4, Histogram(deep.Learned.RSquared))
            .Add(Columns.Random, Histogram(random));
        result.Add(table);
        result.Add(new Figure($"r2-histogram-{slug}",
            $"Distribution of the Gabor fits' R² over the first-layer filters on {slug}, the fraction of filters in each tenth of [0, 1]: trained with 2 and with 4 convolution layers, " +
            $"the 2-layer network at initialisation, and {random.Length} i.i.d. Gaussian filters of the same shape. Filters at or right of R² = {NumberText.Short(o.Threshold)} count as Gabor-like.",
            Axis.Fraction("Gabor fit R²"), Axis.Fraction("fraction of filters"),
            [
                new Line(table.Name, Columns.RSquared, Columns.Learned2, "trained, 2 layers"),
                new Line(table.Name, Columns.RSquared, Columns.Learned4, "trained, 4 layers"),
                new Line(table.Name, Columns.RSquared, Columns.Initial2, "initial", Dashed: true),
                new Line(table.Name, Columns.RSquared, Columns.Random, "random", Dashed: true),
            ])
        { Legend = LegendPlace.UpperRight });
    }

    private static double[] Histogram(double[] r2)
    {
        var counts = new double[Bins];
        foreach (double v in r2) counts[Math.Clamp((int)Math.Floor(v * Bins), 0, Bins - 1)] += 1.0 / r2.Length;
        return counts;
    }

    private static void AddVisualisation(CnnFiltersOptions o, Measurement m, Visualisation v, ExperimentResult result)
    {
        string slug = v.Dataset, key = Key(v.Dataset);
        int units = v.Plain.Length;
        var sheet = new ImageSheet(2, units, v.Side, v.Side, (row, unit) => Scaled((row == 0 ? v.Plain : v.Regularised)[unit]));
        var table = sheet.ToTable($"units-{slug}", Columns.X, Columns.Y, Columns.Shade);
        result.Add(table);
        result.Add(new Figure($"units-{slug}",
            $"Images maximising the mean activation of the first {units} channels of the last convolution of the 4-layer network trained on {slug}, each scaled to its largest |value|: " +
            $"top, plain gradient ascent (λ = {NumberText.Short(o.L2)}); bottom, with jitter of up to {o.Jitter} px, blur σ = {NumberText.Short(o.BlurSigma)} every {o.BlurEvery} steps and total variation τ = {NumberText.Short(o.TotalVariation)}; {o.AscentSteps} steps from the same faint noise.",
            new Axis("column (tile: unit)"), new Axis("plain (top), regularised"), [new Heatmap(table.Name, Columns.X, Columns.Y, Columns.Shade, "pixel / max")])
        { Aspect = sheet.SquarePixelAspect(), Legend = null });

        int perRow = Math.Max(1, (v.ClassModels.Length + 1) / 2), rows = (v.ClassModels.Length + perRow - 1) / perRow;
        var classSheet = new ImageSheet(rows, perRow, v.Side, v.Side, (r, c) => r * perRow + c < v.ClassModels.Length ? Scaled(v.ClassModels[r * perRow + c]) : null);
        var classTable = classSheet.ToTable($"class-models-{slug}", Columns.X, Columns.Y, Columns.Shade);
        result.Add(classTable);
        result.Add(new Figure($"class-models-{slug}",
            $"Class models of the 4-layer network trained on {slug} (Simonyan et al.): the images maximising each class's score minus λ‖I‖² (λ = {NumberText.Short(o.L2)}) by {o.AscentSteps} steps of plain gradient ascent from zero, " +
            $"classes 0 to {v.ClassModels.Length - 1} left to right in two rows, each scaled to its largest |value|.",
            new Axis("column (tile: class)"), new Axis("row"), [new Heatmap(classTable.Name, Columns.X, Columns.Y, Columns.Shade, "pixel / max")])
        { Aspect = classSheet.SquarePixelAspect(), Legend = null });

        double white = v.Side == m.TextureSide && slug == "oriented-textures" ? m.WhiteNoiseShareTexture : m.WhiteNoiseShare28;
        var shares = new Table($"high-frequency-{slug}")
            .Add(Columns.Unit, Enumerable.Range(0, units).Select(u => (double)u))
            .Add(Columns.PlainShare, v.PlainShare)
            .Add(Columns.RegularisedShare, v.RegularisedShare)
            .Add(Columns.DataShare, Enumerable.Repeat(v.DataShare, units))
            .Add(Columns.WhiteNoiseShare, Enumerable.Repeat(white, units));
        result.Add(shares);
        result.Add(new Figure($"high-frequency-{slug}",
            $"Share of each maximising image's power above half Nyquist (radial frequency above 1/4 cycle per pixel), by unit, on {slug}: plain and regularised ascent, " +
            $"against the mean over {v.DataImages} test images and white noise's share {NumberText.Short(white)}.",
            Axis.Index("unit"), Axis.Fraction("share above Nyquist/2"),
            [
                new Markers(shares.Name, Columns.Unit, Columns.PlainShare, "plain"),
                new Markers(shares.Name, Columns.Unit, Columns.RegularisedShare, "regularised"),
                new Line(shares.Name, Columns.Unit, Columns.DataShare, "data"),
                new Line(shares.Name, Columns.Unit, Columns.WhiteNoiseShare, "white noise", Dashed: true),
            ], FigureWidth.Half)
        { Legend = LegendPlace.UpperRight });

        string setting = $"mean over the first {units} channels of the last convolution of the 4-layer network on {slug}, {o.AscentSteps} ascent steps";
        result.Add(new Finding($"high_frequency_plain_{key}", v.PlainShare.Average(), "1",
            $"Share of the plainly maximised images' power above half Nyquist, {setting}; the test images hold {NumberText.Short(v.DataShare)}.",
            white, "theory: white noise spreads its power evenly over the grid's frequencies, this share of which lie above half Nyquist"));
        result.Add(new Finding($"high_frequency_regularised_{key}", v.RegularisedShare.Average(), "1",
            $"The same share for the images maximised with jitter, blur and total variation, {setting}.",
            v.DataShare, $"independent: the mean share of {v.DataImages} of the network's test images"));
        result.Add(new Finding($"activation_regularised_over_plain_{key}", v.RegularisedScore.Average() / v.PlainScore.Average(), "1",
            $"The regularised images' mean unit activation over the plain images', {setting}: what the regularisers cost in activation (plain reaches {NumberText.Short(v.PlainScore.Average())})."));
        result.Add(new Finding($"class_model_probability_{key}", v.ClassModelProbability.Average(), "1",
            $"Mean softmax probability the 4-layer network on {slug} gives each class model for its own class; their power above half Nyquist is {NumberText.Short(v.ClassModelShare.Average())} of the total."));
    }

    private static void AddTextureExamples(Measurement m, ExperimentResult result)
    {
        const int perRow = 8;
        int count = m.TextureExamples.Length, rows = (count + perRow - 1) / perRow;
        var sheet = new ImageSheet(rows, perRow, m.TextureSide, m.TextureSide, (r, c) => r * perRow + c < count ? m.TextureExamples[r * perRow + c] : null);
        var table = sheet.ToTable("texture-examples", Columns.X, Columns.Y, Columns.Shade);
        result.Add(table);
        result.Add(new Figure("texture-examples",
            $"The first {count} synthetic training images, classes 0 to 7 left to right: gratings whose carrier runs at 0°, 45°, 90° and 135° from the horizontal (classes 0–3), " +
            "then soft edges whose normal does (classes 4–7), each in Gaussian noise with power falling as 1/f².",
            new Axis("column"), new Axis("row"), [new Heatmap(table.Name, Columns.X, Columns.Y, Columns.Shade, "pixel")])
        { Aspect = sheet.SquarePixelAspect(), Legend = null });
    }

    private static double[] Scaled(double[] image)
    {
        double scale = image.Select(Math.Abs).DefaultIfEmpty(0).Max();
        return scale == 0 ? image : [.. image.Select(v => v / scale)];
    }
}

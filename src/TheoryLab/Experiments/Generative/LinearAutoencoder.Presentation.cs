using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Numerics.Subspaces;
using TheoryLab.Tables;
using TheoryLab.Text;

namespace TheoryLab.Experiments.Generative;

/// <summary>
/// How <see cref="LinearAutoencoder"/> shows its <see cref="Measurement"/>: the spectrum, training, final, basis,
/// decoder and nonlinear tables, the findings beside their theory, and the figures, naming columns through <see cref="Columns"/>.
/// </summary>
public sealed partial class LinearAutoencoder
{
    /// <summary>The columns of every table, declared once for the code that writes and reads them.</summary>
    private static class Columns
    {
        public static readonly Column Index = new("index");
        public static readonly Column Eigenvalue = new("eigenvalue");
        public static readonly Column Discarded = new("eckart_young");
        public static readonly Column Step = new("step");
        public static readonly Column Pixel = new("pixel");
        public static readonly Column Run = new("run");
        public static readonly Column K = new("k");
        public static readonly Column Tied = new("tied");
        public static readonly Column Nested = new("nested");
        public static readonly Column LargestAngle = new("largest_angle_deg");
        public static readonly Column TrainError = new("train_error");
        public static readonly Column Bound = new("eckart_young_bound");
        public static readonly Column ErrorOverBound = new("error_over_bound");
        public static readonly Column TestError = new("test_error");
        public static readonly Column MeanDirectionAngle = new("mean_direction_angle_deg");
        public static readonly Column LargestDirectionAngle = new("largest_direction_angle_deg");
        public static readonly Column Unit = new("decoder_unit");
        public static readonly Column Direction = new("principal_direction");
        public static readonly Column AbsCos = new("abs_cos");
        public static readonly Column TileX = new("x");
        public static readonly Column TileY = new("y");
        public static readonly Column Shade = new("value");
        public static readonly Column PcaTrain = new("pca_train");
        public static readonly Column PcaTest = new("pca_test");
        public static readonly Column LinearTest = new("linear_ae_test");
        public static readonly Column NonlinearTrain = new("nonlinear_train");
        public static readonly Column NonlinearTest = new("nonlinear_test");

        /// <summary>The name of a trained codec ("k5_untied", "k5_tied", "k5_nested").</summary>
        public static string Key(int k, bool tied, bool nested) => $"k{k}_{(nested ? "nested" : tied ? "tied" : "untied")}";

        public static Column Angle(string key) => new($"angle_{key}");
        public static Column Error(string key) => new($"error_{key}");
        public static Column BoundOf(int k) => new($"bound_k{k}");

        /// <summary>|error / bound − 1| of the codec <paramref name="key"/>, at least 10⁻¹⁶ so that a log axis can show it.</summary>
        public static Column Excess(string key) => new($"excess_{key}");

        /// <summary>Entry r of decoder column <paramref name="unit"/> (1-based) of the codec <paramref name="key"/>.</summary>
        public static Column Decoder(string key, int unit) => new($"decoder_{key}_{unit}");

        /// <summary>Entry r of the <paramref name="i"/>-th principal direction (1-based).</summary>
        public static Column Principal(int i) => new($"u{i}");
    }

    private static string Key(TrainedCodec c) => Columns.Key(c.K, c.Tied, c.Nested);

    private static ExperimentResult Present(LinearAutoencoderOptions o, Measurement measured)
    {
        var result = new ExperimentResult();
        var bottlenecks = measured.Codecs.Select(c => c.K).Distinct().Order().ToArray();
        var bounds = bottlenecks.ToDictionary(k => k, k => EckartYoung.Bound(measured.Eigenvalues, k));

        var spectrum = new Table("spectrum")
            .Add(Columns.Index, Enumerable.Range(1, measured.Eigenvalues.Length).Select(i => (double)i))
            .Add(Columns.Eigenvalue, measured.Eigenvalues)
            .Add(Columns.Discarded, Enumerable.Range(1, measured.Eigenvalues.Length).Select(i => EckartYoung.Bound(measured.Eigenvalues, i)));
        result.Add(spectrum);

        var training = new Table("training").Add(Columns.Step, measured.Steps.Select(s => (double)s));
        foreach (var c in measured.Codecs)
            training.Add(Columns.Angle(Key(c)), c.Angles).Add(Columns.Error(Key(c)), c.Errors)
                .Add(Columns.Excess(Key(c)), c.Errors.Select(e => Math.Max(1e-16, Math.Abs(e / bounds[c.K] - 1))));
        foreach (int k in bottlenecks) training.Add(Columns.BoundOf(k), measured.Steps.Select(_ => bounds[k]));
        result.Add(training);

        var final = new Table("final")
            .AddText(Columns.Run, measured.Codecs.Select(Key))
            .Add(Columns.K, measured.Codecs.Select(c => (double)c.K))
            .Add(Columns.Tied, measured.Codecs.Select(c => c.Tied ? 1.0 : 0))
            .Add(Columns.Nested, measured.Codecs.Select(c => c.Nested ? 1.0 : 0))
            .Add(Columns.LargestAngle, measured.Codecs.Select(c => c.Angles[^1]))
            .Add(Columns.TrainError, measured.Codecs.Select(c => c.DataError))
            .Add(Columns.Bound, measured.Codecs.Select(c => bounds[c.K]))
            .Add(Columns.ErrorOverBound, measured.Codecs.Select(c => c.DataError / bounds[c.K]))
            .Add(Columns.TestError, measured.Codecs.Select(c => c.TestError))
            .Add(Columns.MeanDirectionAngle, measured.Codecs.Select(c => c.DirectionAngles.Average()))
            .Add(Columns.LargestDirectionAngle, measured.Codecs.Select(c => c.DirectionAngles.Max()));
        result.Add(final);

        int d = measured.PrincipalDirections.GetLength(0);
        var decoders = new Table("decoders").Add(Columns.Pixel, Enumerable.Range(0, d).Select(r => (double)r));
        for (int i = 0; i < measured.PrincipalDirections.GetLength(1); i++)
            decoders.Add(Columns.Principal(i + 1), Enumerable.Range(0, d).Select(r => measured.PrincipalDirections[r, i]));
        foreach (var c in measured.Codecs)
            for (int i = 0; i < c.K; i++)
                decoders.Add(Columns.Decoder(Key(c), i + 1), Enumerable.Range(0, d).Select(r => c.Decoder[r, i]));
        result.Add(decoders);

        AddFindings(o, measured, bounds, result);
        AddTrainingFigures(o, measured, bottlenecks, training, result);
        AddExcessFigure(o, bottlenecks, training, result);
        AddBasisFigures(o, measured, result);
        if (measured.Nonlinear.Count > 0) AddNonlinear(o, measured, result);
        return result;
    }

    private static void AddFindings(LinearAutoencoderOptions o, Measurement measured, Dictionary<int, double> bounds, ExperimentResult result)
    {
        string setting = $"{measured.TrainCount:N0} centred examples of {measured.DatasetName}, {o.Steps:N0} full-batch GD steps at {NumberText.Short(o.LearningRate, 3)} of the stable step (η = {NumberText.Short(o.LearningRate / 2, 3)}/λ₁ untied, {NumberText.Short(o.LearningRate / 4, 3)}/λ₁ tied)";
        foreach (var c in measured.Codecs.Where(c => !c.Nested))
        {
            string tying = c.Tied ? "tied (D = Eᵀ)" : "untied";
            result.Add(new Finding($"largest_angle_{Key(c)}", c.Angles[^1], "°",
                $"Largest principal angle between the column space of the {tying} linear autoencoder's decoder (k = {c.K}) and the covariance's top-{c.K} eigenvectors, after {setting}.",
                0, "theory: every local minimum of a linear autoencoder's loss projects onto the top-k principal subspace; the other critical points are saddles (baldi1989neural)"));
            result.Add(new Finding($"error_over_bound_{Key(c)}", c.DataError / bounds[c.K], "1",
                $"Mean squared reconstruction error of the {tying} linear autoencoder (k = {c.K}) on its training examples over the Eckart–Young bound Σ_{{i>{c.K}}} λᵢ = {NumberText.Short(bounds[c.K], 4)}.",
                1, "theory: no rank-k map reconstructs better than the projection onto the top-k eigenvectors (eckart1936approximation)"));
        }
        foreach (var c in measured.Codecs.Where(c => !c.Tied))
        {
            string loss = c.Nested ? "nested loss" : "plain loss";
            result.Add(new Finding($"direction_angle_{Key(c)}", c.DirectionAngles.Average(), "°",
                $"Mean over i = 1..{c.K} of the angle between decoder column i and the i-th principal direction, untied, {loss}; largest {NumberText.Short(c.DirectionAngles.Max(), 3)}°. " +
                (c.Nested ? "The nested loss orders the units, so each column should align with its own direction." : "The plain loss is invariant under D → DA, E → A⁻¹E: any basis of the subspace is a minimum."),
                c.Nested ? 0 : null, c.Nested ? "theory: the nested-dropout loss of a linear autoencoder is minimised by the ordered principal directions (rippel2014learning)" : null));
        }
        foreach (var r in measured.Nonlinear)
            result.Add(new Finding($"nonlinear_over_pca_k{r.K}", r.NonlinearTest / r.PcaTest, "1",
                $"Held-out mean squared reconstruction error of a ReLU autoencoder d → {o.NonlinearHidden} → {r.K} → {o.NonlinearHidden} → d ({o.NonlinearSteps:N0} Adam steps) over that of PCA with {r.K} components, on {measured.TestCount:N0} held-out examples (below 1: the nonlinear bottleneck gains over the best linear one)."));
    }

    private static void AddTrainingFigures(LinearAutoencoderOptions o, Measurement measured, int[] bottlenecks, Table training, ExperimentResult result)
    {
        var angleSeries = new List<Series>();
        var errorSeries = new List<Series>();
        for (int i = 0; i < bottlenecks.Length; i++)
        {
            int k = bottlenecks[i];
            angleSeries.Add(new Line(training.Name, Columns.Step, Columns.Angle(Columns.Key(k, false, false)), $"k = {k}, untied") { Colour = i });
            if (o.Tied) angleSeries.Add(new Line(training.Name, Columns.Step, Columns.Angle(Columns.Key(k, true, false)), $"k = {k}, tied", Dashed: true) { Colour = i });
            errorSeries.Add(new Line(training.Name, Columns.Step, Columns.Error(Columns.Key(k, false, false)), $"k = {k}") { Colour = i });
            errorSeries.Add(new Line(training.Name, Columns.Step, Columns.BoundOf(k), "", Dashed: true) { Colour = i });
        }
        var angles = measured.Codecs.Where(c => !c.Nested).SelectMany(c => c.Angles).Where(a => a > 0).ToList();
        result.Add(new Figure("principal-angle",
            $"Largest principal angle between span(D) of a linear autoencoder and the top-k eigenvectors of the covariance of {measured.TrainCount:N0} centred {measured.DatasetName} examples, during full-batch gradient descent " +
            $"(η = {NumberText.Short(o.LearningRate / 2, 3)}/λ₁ untied, {NumberText.Short(o.LearningRate / 4, 3)}/λ₁ tied); solid: untied, dashed: tied. Baldi & Hornik: → 0°.",
            new Axis("gradient-descent step"), new Axis("largest principal angle (°)", Log: true, angles.Min() / 2, 90 * 30), angleSeries)
        { Legend = LegendPlace.UpperRight });
        result.Add(new Figure("reconstruction-error",
            "Mean squared reconstruction error of the untied linear autoencoders on their training examples (solid) against the Eckart–Young bound Σ_{i>k} λᵢ (dashed, same colour) during gradient descent.",
            new Axis("gradient-descent step"), new Axis("reconstruction error", Log: true), errorSeries)
        { Legend = LegendPlace.UpperRight });
    }

    private static void AddExcessFigure(LinearAutoencoderOptions o, int[] bottlenecks, Table training, ExperimentResult result)
    {
        var series = new List<Series>();
        for (int i = 0; i < bottlenecks.Length; i++)
        {
            int k = bottlenecks[i];
            series.Add(new Line(training.Name, Columns.Step, Columns.Excess(Columns.Key(k, false, false)), $"k = {k}, untied") { Colour = i });
            if (o.Tied) series.Add(new Line(training.Name, Columns.Step, Columns.Excess(Columns.Key(k, true, false)), $"k = {k}, tied", Dashed: true) { Colour = i });
        }
        result.Add(new Figure("excess-error",
            "Reconstruction error of the linear autoencoders over the Eckart–Young bound, minus 1 (|error/bound − 1|, floored at 10⁻¹⁶), during gradient descent; solid: untied, dashed: tied. Theory: → 0.",
            new Axis("gradient-descent step"), new Axis("error / bound − 1", Log: true), series)
        { Legend = LegendPlace.UpperRight });
    }

    /// <summary>The |cos| matrices of the plain and nested decoders of the widest k against the principal directions, and, for images, the columns themselves.</summary>
    private static void AddBasisFigures(LinearAutoencoderOptions o, Measurement measured, ExperimentResult result)
    {
        int kMax = measured.Codecs.Max(c => c.K);
        foreach (var c in measured.Codecs.Where(c => c.K == kMax && !c.Tied))
        {
            string label = c.Nested ? "nested" : "plain";
            var table = new Table($"cosines-{label}");
            var units = new List<double>();
            var directions = new List<double>();
            var values = new List<double>();
            for (int i = 0; i < c.K; i++)
                for (int j = 0; j < c.K; j++) { units.Add(i + 1); directions.Add(j + 1); values.Add(c.AbsCosines[i, j]); }
            table.Add(Columns.Direction, directions).Add(Columns.Unit, units).Add(Columns.AbsCos, values);
            result.Add(table);
            result.Add(new Figure($"basis-{label}",
                $"|cos| between the untied decoder's column i (unit-normalised) and the j-th principal direction, k = {c.K}, {(c.Nested ? "nested loss: the diagonal, each unit its own direction" : "plain loss: a mixture, since any basis of the subspace is a minimum")}.",
                new Axis("principal direction j"), new Axis("decoder unit i"), [new Heatmap(table.Name, Columns.Direction, Columns.Unit, Columns.AbsCos, "|cos|")], FigureWidth.Half)
            { Aspect = 0.9, Legend = null });
        }

        if (measured.ExampleShape.Length != 3 || o.Regulariser == "none") return;
        int height = measured.ExampleShape[1], width = measured.ExampleShape[2];
        int shown = measured.Codecs.Where(c => !c.Tied).Select(c => c.K).Where(k => k <= 10).DefaultIfEmpty(Math.Min(kMax, 10)).Max();
        var plain = measured.Codecs.First(c => c.K >= shown && !c.Tied && !c.Nested);
        var nested = measured.Codecs.First(c => c.K >= shown && c.Nested);
        var rows = new (string What, Func<int, double[]> Column)[]
        {
            ("principal", i => Column(measured.PrincipalDirections, i)),
            ("nested", i => Aligned(Column(nested.Decoder, i), Column(measured.PrincipalDirections, i))),
            ("plain", i => Column(plain.Decoder, i)),
        };
        var sheet = new ImageSheet(rows.Length, shown, height, width, (row, i) =>
        {
            var image = rows[row].Column(i);
            double scale = image.Max(Math.Abs);
            return [.. image.Select(v => v / scale)];
        });
        int totalWidth = sheet.Width, totalHeight = sheet.Height;
        var tiles = sheet.ToTable("decoder-images", Columns.TileX, Columns.TileY, Columns.Shade);
        result.Add(tiles);
        result.Add(new Figure("decoder-images",
            $"Top row: the first {shown} principal directions u₁…u{shown} of {measured.DatasetName}; middle row: the columns of the untied decoder trained with the nested loss (k = {nested.K}, sign matched to uᵢ); " +
            $"bottom row: those of the plain loss (k = {plain.K}). Each image scaled to its largest |entry|. The plain decoder spans the same subspace but mixes the directions.",
            new Axis("column of images"), new Axis("row of images"), [new Heatmap(tiles.Name, Columns.TileX, Columns.TileY, Columns.Shade, "entry / max |entry|")])
        { Aspect = (double)totalHeight / totalWidth, Legend = null });
    }

    /// <summary>The vector times the sign of its inner product with <paramref name="reference"/>.</summary>
    private static double[] Aligned(double[] v, double[] reference) =>
        v.Zip(reference).Sum(p => p.First * p.Second) < 0 ? [.. v.Select(x => -x)] : v;

    private static void AddNonlinear(LinearAutoencoderOptions o, Measurement measured, ExperimentResult result)
    {
        var linear = measured.Codecs.Where(c => !c.Tied && !c.Nested).ToDictionary(c => c.K);
        var table = new Table("nonlinear")
            .Add(Columns.K, measured.Nonlinear.Select(r => (double)r.K))
            .Add(Columns.PcaTrain, measured.Nonlinear.Select(r => r.PcaTrain))
            .Add(Columns.PcaTest, measured.Nonlinear.Select(r => r.PcaTest))
            .Add(Columns.LinearTest, measured.Nonlinear.Select(r => linear[r.K].TestError))
            .Add(Columns.NonlinearTrain, measured.Nonlinear.Select(r => r.NonlinearTrain))
            .Add(Columns.NonlinearTest, measured.Nonlinear.Select(r => r.NonlinearTest));
        result.Add(table);
        result.Add(new Figure("nonlinear-vs-pca",
            $"Mean squared reconstruction error against bottleneck width k on {measured.TestCount:N0} held-out examples: PCA (line), the untied linear autoencoder (markers on it), and a ReLU autoencoder d → {o.NonlinearHidden} → k → {o.NonlinearHidden} → d trained by Adam for {o.NonlinearSteps:N0} steps (its training error dashed).",
            new Axis("bottleneck width k", Log: true), new Axis("reconstruction error", Log: true),
            [
                new Line(table.Name, Columns.K, Columns.PcaTest, "PCA"),
                new Markers(table.Name, Columns.K, Columns.LinearTest, "linear autoencoder"),
                new Line(table.Name, Columns.K, Columns.NonlinearTest, "ReLU autoencoder") { Colour = 2 },
                new Line(table.Name, Columns.K, Columns.NonlinearTrain, "ReLU autoencoder, training", Dashed: true) { Colour = 2 },
            ])
        { Legend = LegendPlace.UpperRight });
    }
}

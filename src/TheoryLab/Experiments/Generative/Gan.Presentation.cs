using TheoryLab.Analysis.SampleQuality;
using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Tables;
using TheoryLab.Text;

namespace TheoryLab.Experiments.Generative;

/// <summary>
/// How <see cref="Gan"/> shows its <see cref="Measurement"/>: the targets judged as generators, the 2-D GANs across
/// training and their samples, the DCGAN's Fréchet distance, class shares and digits, and the findings beside the
/// target's exact values, naming columns through <see cref="Columns"/>.
/// </summary>
public sealed partial class Gan
{
    /// <summary>The columns of every table, declared once for the code that writes and reads them.</summary>
    private static class Columns
    {
        public static readonly Column Layout = new("layout");
        public static readonly Column Loss = new("loss");
        public static readonly Column Modes = new("modes");
        public static readonly Column Sigma = new("sigma");
        public static readonly Column ModesHit = new("modes_hit");
        public static readonly Column HighQuality = new("high_quality_fraction");
        public static readonly Column ExpectedHighQuality = new("target_high_quality_fraction");
        public static readonly Column MeanLogDensity = new("mean_log_density");
        public static readonly Column ExpectedMeanLogDensity = new("target_mean_log_density");
        public static readonly Column Step = new("step");
        public static readonly Column X = new("x");
        public static readonly Column Y = new("y");
        public static readonly Column Frechet = new("frechet_squared");
        public static readonly Column Floor = new("real_floor");
        public static readonly Column ClassesProduced = new("classes_produced");
        public static readonly Column LargestShare = new("largest_class_share");
        public static readonly Column DiscriminatorLoss = new("discriminator_loss");
        public static readonly Column LogFour = new("log_4");
        public static readonly Column Class = new("class");
        public static readonly Column GeneratedShare = new("generated_share");
        public static readonly Column RealShare = new("real_share");
        public static readonly Column Shade = new("pixel");

        /// <summary>A 2-D GAN's name in columns, figures and findings ("ring_non_saturating").</summary>
        public static string Key(string layout, string loss) => $"{layout}_{loss.Replace('-', '_')}";

        public static Column ModesHitFraction(string key) => new($"modes_hit_fraction_{key}");
        public static Column HighQualityOf(string key) => new($"high_quality_{key}");
        public static Column LogDensityOf(string key) => new($"log_density_{key}");
        public static Column DiscriminatorLossOf(string key) => new($"discriminator_loss_{key}");
        public static Column SnapshotX(long step) => new($"x_step{step}");
        public static Column SnapshotY(long step) => new($"y_step{step}");
    }

    private static string Key(PlanarRun run) => Columns.Key(run.Layout, run.Loss);

    /// <summary>A class counts as produced when at least half its uniform share of the generated images is predicted as it.</summary>
    private static int ClassesProduced(double[] shares) => shares.Count(s => s >= 0.5 / shares.Length);

    private static ExperimentResult Present(GanOptions o, Measurement m)
    {
        var result = new ExperimentResult();
        double expectedHighQuality = PlanarSampleQuality.TargetHighQualityFraction(3);
        var targetOf = m.Targets.ToDictionary(t => t.Layout);

        result.Add(new Table("targets")
            .AddText(Columns.Layout, m.Targets.Select(t => t.Layout))
            .Add(Columns.Modes, m.Targets.Select(t => (double)t.Modes))
            .Add(Columns.Sigma, m.Targets.Select(t => t.Sigma))
            .Add(Columns.ModesHit, m.Targets.Select(t => (double)t.Quality.ModesHit))
            .Add(Columns.HighQuality, m.Targets.Select(t => t.Quality.HighQualityFraction))
            .Add(Columns.ExpectedHighQuality, m.Targets.Select(_ => expectedHighQuality))
            .Add(Columns.MeanLogDensity, m.Targets.Select(t => t.Quality.MeanLogDensity))
            .Add(Columns.ExpectedMeanLogDensity, m.Targets.Select(t => TargetMeanLogDensity(t))));

        result.Add(new Table("planar-final")
            .AddText(Columns.Layout, m.Planar.Select(r => r.Layout))
            .AddText(Columns.Loss, m.Planar.Select(r => r.Loss))
            .Add(Columns.ModesHit, m.Planar.Select(r => (double)r.Quality[^1].ModesHit))
            .Add(Columns.Modes, m.Planar.Select(r => (double)targetOf[r.Layout].Modes))
            .Add(Columns.HighQuality, m.Planar.Select(r => r.Quality[^1].HighQualityFraction))
            .Add(Columns.MeanLogDensity, m.Planar.Select(r => r.Quality[^1].MeanLogDensity))
            .Add(Columns.ExpectedMeanLogDensity, m.Planar.Select(r => TargetMeanLogDensity(targetOf[r.Layout]))));

        var training = new Table("planar-training").Add(Columns.Step, m.Planar[0].Steps.Select(s => (double)s))
            .Add(Columns.ExpectedHighQuality, m.Planar[0].Steps.Select(_ => expectedHighQuality));
        foreach (var run in m.Planar)
            training.Add(Columns.ModesHitFraction(Key(run)), run.Quality.Select(q => (double)q.ModesHit / targetOf[run.Layout].Modes))
                .Add(Columns.HighQualityOf(Key(run)), run.Quality.Select(q => q.HighQualityFraction))
                .Add(Columns.LogDensityOf(Key(run)), run.Quality.Select(q => q.MeanLogDensity))
                .Add(Columns.DiscriminatorLossOf(Key(run)), run.DiscriminatorLoss);
        result.Add(training);

        AddPlanarFindings(o, m, expectedHighQuality, result);
        AddPlanarCurves(o, m, training, result);
        foreach (var run in m.Planar) AddSamples(o, run, targetOf[run.Layout], result);
        if (m.Image is { } image) AddImageStudy(o, image, result);
        return result;
    }

    private static double TargetMeanLogDensity(TargetQuality t) => PlanarSampleQuality.TargetMeanLogDensity(t.Modes, t.Sigma);

    private static string LayoutText(TargetQuality t) =>
        t.Layout == "ring" ? $"the ring of {t.Modes} Gaussians (radius 2, σ = {NumberText.Short(t.Sigma, 3)})" : $"the {t.Modes}-Gaussian grid (spacing 2, σ = {NumberText.Short(t.Sigma, 3)})";

    private static void AddPlanarFindings(GanOptions o, Measurement m, double expectedHighQuality, ExperimentResult result)
    {
        foreach (var t in m.Targets)
            result.Add(new Finding($"target_high_quality_{t.Layout}", t.Quality.HighQualityFraction, "1",
                $"Fraction of {o.PlanarSamples:N0} samples of {LayoutText(t)} itself within 3σ of their nearest mode, the metric applied to the target (it hits {t.Quality.ModesHit}/{t.Modes} modes).",
                expectedHighQuality, "exact: the distance of a 2-D Gaussian sample from its mean, in σ, is Rayleigh distributed, P(r ≤ 3) = 1 − e^{−9/2}"));
        var targetOf = m.Targets.ToDictionary(t => t.Layout);
        string setting = $"{o.PlanarSteps:N0} alternating Adam steps (η = {NumberText.Short(o.PlanarLearningRate, 3)}, β₁ = 0.5, batches of {o.PlanarBatchSize}), MLPs of two hidden layers of {o.PlanarHidden} ReLU units, z ∈ R^{o.PlanarLatent}";
        foreach (var run in m.Planar)
        {
            var t = targetOf[run.Layout];
            var q = run.Quality[^1];
            string what = $"the GAN trained with the {run.Loss} loss on {LayoutText(t)} ({setting})";
            result.Add(new Finding($"modes_hit_{Key(run)}", q.ModesHit, "modes",
                $"Modes hit (at least {o.ModeHitThreshold} of {o.PlanarSamples:N0} samples within 3σ) by {what}.",
                t.Modes, $"the target's own samples hit all {t.Modes} modes (measured: {t.Quality.ModesHit})"));
            result.Add(new Finding($"high_quality_{Key(run)}", q.HighQualityFraction, "1",
                $"Fraction of {o.PlanarSamples:N0} samples within 3σ of a mode, {what}.",
                expectedHighQuality, "the target's own samples: 1 − e^{−9/2} (Rayleigh)"));
            result.Add(new Finding($"mean_log_density_{Key(run)}", q.MeanLogDensity, "nats",
                $"Mean log-density under the target of {o.PlanarSamples:N0} samples of {what}; a sample far from every mode costs (d/σ)²/2 nats.",
                TargetMeanLogDensity(t), $"the target's own samples: −log {t.Modes} − log(2πeσ²), minus its entropy (measured on {o.PlanarSamples:N0}: {NumberText.Short(t.Quality.MeanLogDensity, 4)})"));
        }
    }

    private static void AddPlanarCurves(GanOptions o, Measurement m, Table training, ExperimentResult result)
    {
        var layouts = m.Targets.Select(t => t.Layout).ToList();
        Series Curve(PlanarRun run, Func<string, Column> column) =>
            new Line(training.Name, Columns.Step, column(Key(run)), $"{run.Layout}, {run.Loss}", Dashed: run.Loss == "minimax") { Colour = layouts.IndexOf(run.Layout) };
        result.Add(new Figure("modes-hit",
            $"Fraction of the target's modes hit (at least {o.ModeHitThreshold} of {o.PlanarSamples:N0} samples within 3σ) during GAN training; solid: non-saturating loss, dashed: minimax. The target's own samples hit every mode (1).",
            new Axis("training step"), Axis.Fraction("fraction of modes hit"), [.. m.Planar.Select(r => Curve(r, Columns.ModesHitFraction))])
        { Legend = LegendPlace.LowerRight });
        result.Add(new Figure("high-quality",
            $"Fraction of {o.PlanarSamples:N0} generated samples within 3σ of a mode during GAN training; solid: non-saturating loss, dashed: minimax; grey: the target's own value 1 − e^{{−9/2}} = {NumberText.Short(PlanarSampleQuality.TargetHighQualityFraction(3), 3)}.",
            new Axis("training step"), Axis.Fraction("high-quality fraction"),
            [.. m.Planar.Select(r => Curve(r, Columns.HighQualityOf)), new Line(training.Name, Columns.Step, Columns.ExpectedHighQuality, "target", Dashed: true) { Colour = 7 }])
        { Legend = LegendPlace.LowerRight });
    }

    /// <summary>A scatter of the generator's samples at a few steps over the target's modes.</summary>
    private static void AddSamples(GanOptions o, PlanarRun run, TargetQuality t, ExperimentResult result)
    {
        var samples = new Table($"samples-{Key(run)}");
        foreach (var snapshot in run.Snapshots)
            samples.Add(Columns.SnapshotX(snapshot.Step), Enumerable.Range(0, snapshot.Points.Length / 2).Select(i => (double)snapshot.Points[2 * i]))
                .Add(Columns.SnapshotY(snapshot.Step), Enumerable.Range(0, snapshot.Points.Length / 2).Select(i => (double)snapshot.Points[2 * i + 1]));
        result.Add(samples);
        var modes = new Table($"modes-{Key(run)}").Add(Columns.X, t.MeansX).Add(Columns.Y, t.MeansY);
        result.Add(modes);
        double reach = t.MeansX.Max(Math.Abs) + 1;
        var series = new List<Series>();
        for (int k = 0; k < run.Snapshots.Count; k++)
            series.Add(new Markers(samples.Name, Columns.SnapshotX(run.Snapshots[k].Step), Columns.SnapshotY(run.Snapshots[k].Step), $"step {run.Snapshots[k].Step:N0}") { Colour = k });
        series.Add(new Markers(modes.Name, Columns.X, Columns.Y, "modes") { Colour = 7 });
        result.Add(new Figure($"samples-{Key(run).Replace('_', '-')}",
            $"{SnapshotPoints} samples of the GAN trained with the {run.Loss} loss on {LayoutText(t)}, at three steps of training, over the target's modes (grey); axes clipped to the target's extent ± 1.",
            new Axis("x", Min: -reach, Max: reach), new Axis("y", Min: -reach, Max: reach), series, FigureWidth.Half)
        { Aspect = 1, Legend = LegendPlace.UpperRight });
    }

    private static void AddImageStudy(GanOptions o, ImageStudy s, ExperimentResult result)
    {
        var curve = new Table("frechet")
            .Add(Columns.Step, s.Steps.Select(x => (double)x))
            .Add(Columns.Frechet, s.Frechet)
            .Add(Columns.Floor, s.Steps.Select(_ => s.Floor))
            .Add(Columns.ClassesProduced, s.ClassShares.Select(c => (double)ClassesProduced(c)))
            .Add(Columns.LargestShare, s.ClassShares.Select(c => c.Max()))
            .Add(Columns.DiscriminatorLoss, s.DiscriminatorLoss)
            .Add(Columns.LogFour, s.Steps.Select(_ => Math.Log(4)));
        result.Add(curve);
        var shares = new Table("class-shares")
            .Add(Columns.Class, Enumerable.Range(0, s.RealShares.Length).Select(c => (double)c))
            .Add(Columns.GeneratedShare, s.ClassShares[^1])
            .Add(Columns.RealShare, s.RealShares);
        result.Add(shares);

        string model = $"a DCGAN-style model (c = {o.ImageChannels}, z ∈ R^{o.ImageLatent}) trained for {o.ImageSteps:N0} alternating Adam steps (η = {NumberText.Short(o.ImageLearningRate, 3)}, β₁ = 0.5, batches of {o.ImageBatchSize}) on {s.TrainCount:N0} images of {s.DatasetName}";
        string features = $"the {FeatureClassifier.FeatureCount} penultimate features of a classifier trained on the real images ({NumberText.Short(100 * s.ClassifierAccuracy, 3)}% held-out accuracy)";
        int n = o.FrechetSamples;
        result.Add(new Finding("classifier_accuracy", s.ClassifierAccuracy, "1",
            $"Accuracy on {s.HeldOutCount:N0} held-out real images of the feature classifier ({o.ClassifierSteps:N0} Adam steps), whose penultimate layer is the Fréchet distance's feature space."));
        result.Add(new Finding("frechet_floor", s.Floor, "features²",
            $"Squared Fréchet distance in {features} between two disjoint sets of {Math.Min(n, s.HeldOutCount):N0} real images (held-out against training): what a generator that reproduced the data would score at this sample size.",
            0, "theory: 0 for identical distributions; what remains is the bias of Gaussians fitted to finitely many samples"));
        result.Add(new Finding("frechet_initial", s.Frechet[0], "features²",
            $"Squared Fréchet distance between {n:N0} images of the untrained generator and {n:N0} real training images, in {features}."));
        result.Add(new Finding("frechet_final", s.Frechet[^1], "features²",
            $"Squared Fréchet distance between {n:N0} images of {model} and {n:N0} real training images, in {features}.",
            s.Floor, "the real-against-real floor of this run (a generator matching the data)"));
        result.Add(new Finding("classes_produced", ClassesProduced(s.ClassShares[^1]), "classes",
            $"Classes the feature classifier assigns to at least {NumberText.Short(50.0 / s.RealShares.Length, 3)}% (half the uniform share) of {n:N0} images of {model}: the images' analogue of modes hit.",
            ClassesProduced(s.RealShares), "the real training images' own count"));
        result.Add(new Finding("largest_class_share", s.ClassShares[^1].Max(), "1",
            $"Largest share of one predicted class among {n:N0} images of {model}; collapse onto few classes raises it.",
            s.RealShares.Max(), "the real training images' largest share"));

        result.Add(new Figure("frechet-distance",
            $"Squared Fréchet distance between Gaussians fitted to {features}, of {n:N0} generated and {n:N0} real images, during training of {model}; dashed: two disjoint real sets (the floor at this sample size).",
            new Axis("training step"), new Axis("squared Fréchet distance", Log: true),
            [new Line(curve.Name, Columns.Step, Columns.Frechet, "generated vs real"), new Line(curve.Name, Columns.Step, Columns.Floor, "real vs real", Dashed: true) { Colour = 7 }]));
        result.Add(new Figure("class-shares",
            $"Share of each class the feature classifier predicts among {n:N0} images of {model} (bars), and among as many real training images (markers).",
            new Axis("predicted class"), new Axis("share of images", Min: 0),
            [new Bars(shares.Name, Columns.Class, Columns.GeneratedShare, "generated"), new Markers(shares.Name, Columns.Class, Columns.RealShare, "real") { Colour = 1 }])
        { Legend = LegendPlace.UpperRight });
        AddDigits(s, model, result);
    }

    /// <summary>The half-width figure's height over width that leaves a square plot beside the colour bar, for the 8 × 8 tiling.</summary>
    private const double DigitsAspect = 0.55;

    /// <summary>The last step's first generated images, tiled 8 to a row with a gap of 2 pixels.</summary>
    private static void AddDigits(ImageStudy s, string model, ExperimentResult result)
    {
        const int side = 28, perRow = 8;
        int count = s.Images.Length, rows = (count + perRow - 1) / perRow;
        var sheet = new ImageSheet(rows, perRow, side, side,
            (row, column) => row * perRow + column < count ? [.. s.Images[row * perRow + column].Select(v => (double)v)] : null, background: -1);
        var tiles = sheet.ToTable("digits", Columns.X, Columns.Y, Columns.Shade);
        result.Add(tiles);
        result.Add(new Figure("generated-digits",
            $"The first {count} of the images judged at the last step, generated by {model}; pixels in [−1, 1].",
            new Axis("pixel column"), new Axis("pixel row"), [new Heatmap(tiles.Name, Columns.X, Columns.Y, Columns.Shade, "pixel value")], FigureWidth.Half)
        { Aspect = DigitsAspect, Legend = null });
    }
}

using TheoryLab.Analysis.SampleQuality;
using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Tables;
using TheoryLab.Text;

namespace TheoryLab.Experiments.Generative;

/// <summary>
/// How <see cref="Diffusion"/> shows its <see cref="Measurement"/>: the forward marginals beside their closed form,
/// the training curves, the trained predictor's error against the exact one, sample quality against sampling steps,
/// the samples themselves, and the findings beside their theory, naming columns through <see cref="Columns"/>.
/// </summary>
public sealed partial class Diffusion
{
    /// <summary>The columns of every table, declared once for the code that writes and reads them.</summary>
    private static class Columns
    {
        public static readonly Column X = new("x");
        public static readonly Column Y = new("y");
        public static readonly Column T = new("t");
        public static readonly Column AlphaBar = new("alpha_bar");
        public static readonly Column MeanSquare = new("mean_square");
        public static readonly Column ClosedFormMeanSquare = new("closed_form_mean_square");
        public static readonly Column Step = new("step");
        public static readonly Column Loss = new("loss");
        public static readonly Column Irreducible = new("irreducible_loss");
        public static readonly Column Excess = new("excess_loss");
        public static readonly Column SamplingSteps = new("sampling_steps");
        public static readonly Column FloorLevel = new("floor_spread");
        public static readonly Column TargetLogDensity = new("target_log_density");
        public static readonly Column TileX = new("tile_x");
        public static readonly Column TileY = new("tile_y");
        public static readonly Column Shade = new("pixel");

        public static Column Simulated(int t) => new($"simulated_t{t}");
        public static Column ClosedForm(int t) => new($"closed_form_t{t}");

        /// <summary>The name of a sampler ("exact_ddpm", "network_ddim").</summary>
        public static string Key(bool exact, double eta) => $"{(exact ? "exact" : "network")}_{(eta > 0 ? "ddpm" : "ddim")}";

        public static Column Mmd(string key) => new($"mmd2_{key}");
        public static Column MmdShown(string key) => new($"mmd2_shown_{key}");
        public static Column LogDensity(string key) => new($"log_density_{key}");
        public static Column Within(string key) => new($"within_3sigma_{key}");
        public static Column Density(string figure) => new($"density_{figure.Replace('-', '_')}");
    }

    private static string Method(double eta) => eta > 0 ? "DDPM" : "DDIM";

    private static ExperimentResult Present(DiffusionOptions o, Measurement m)
    {
        var result = new ExperimentResult();
        AddForward(o, m, result);
        AddNoisePrediction(o, m, result);
        AddPlanarQuality(o, m, result);
        AddPlanarSamples(o, m, result);
        AddImages(o, m, result);
        return result;
    }

    private static void AddForward(DiffusionOptions o, Measurement m, ExperimentResult result)
    {
        var marginals = new Table("forward").Add(Columns.X, m.BinCentres);
        foreach (var f in m.Forward) marginals.Add(Columns.Simulated(f.T), f.Histogram).Add(Columns.ClosedForm(f.T), f.ClosedForm);
        result.Add(marginals);
        result.Add(new Table("forward-moments")
            .Add(Columns.T, m.Forward.Select(f => (double)f.T))
            .Add(Columns.AlphaBar, m.Forward.Select(f => f.AlphaBar))
            .Add(Columns.MeanSquare, m.Forward.Select(f => f.MeanSquare))
            .Add(Columns.ClosedFormMeanSquare, m.Forward.Select(f => f.ClosedFormMeanSquare)));
        foreach (var f in m.Forward)
            result.Add(new Finding($"forward_mean_square_t{f.T}", f.MeanSquare, "1",
                $"Mean of ‖x_t‖² at t = {f.T} (ᾱ_t = {NumberText.Short(f.AlphaBar, 3)}) over {o.ForwardChains:N0} chains run step by step, x_t = √(1 − β_t) x_(t−1) + √β_t z, from the {o.Target} of σ = {NumberText.Short(o.TargetSigma, 3)}.",
                f.ClosedFormMeanSquare, "theory: q(x_t | x_0) = N(√ᾱ_t x_0, (1 − ᾱ_t) I), so E‖x_t‖² = ᾱ_t E‖x_0‖² + 2(1 − ᾱ_t) (ho2020denoising, eq. 4)"));

        var series = new List<Series>();
        for (int i = 0; i < m.Forward.Count; i++)
        {
            var f = m.Forward[i];
            series.Add(new Markers(marginals.Name, Columns.X, Columns.Simulated(f.T), $"t = {f.T}") { Colour = i });
            series.Add(new Line(marginals.Name, Columns.X, Columns.ClosedForm(f.T), "") { Colour = i });
        }
        result.Add(new Figure("forward-marginals",
            $"The forward process on the {o.Target}: density of the first coordinate of x_t over {o.ForwardChains:N0} chains simulated step by step (markers) and the closed form " +
            "q_t = mixture of N(√ᾱ_t μ_k, ᾱ_t σ² + 1 − ᾱ_t) (lines), at a few steps t of the linear schedule.",
            new Axis("first coordinate of x_t"), new Axis("density"), series)
        { Legend = LegendPlace.UpperRight });
    }

    private static void AddNoisePrediction(DiffusionOptions o, Measurement m, ExperimentResult result)
    {
        double irreducible = m.NoiseErrors.Average(e => e.Irreducible), excess = m.NoiseErrors.Average(e => e.Excess), loss = m.NoiseErrors.Average(e => e.Loss);
        var training = new Table("training")
            .Add(Columns.Step, m.LossSteps.Select(s => (double)s))
            .Add(Columns.Loss, m.Losses)
            .Add(Columns.Irreducible, m.LossSteps.Select(_ => irreducible));
        result.Add(training);
        var errors = new Table("noise-error")
            .Add(Columns.T, m.NoiseErrors.Select(e => (double)e.T))
            .Add(Columns.Loss, m.NoiseErrors.Select(e => e.Loss))
            .Add(Columns.Irreducible, m.NoiseErrors.Select(e => e.Irreducible))
            .Add(Columns.Excess, m.NoiseErrors.Select(e => e.Excess));
        result.Add(errors);

        string setting = $"{o.ErrorTimes} steps t spread over 1..{o.DiffusionSteps} and {o.ErrorPoints:N0} fresh (x_0, ε) at each";
        result.Add(new Finding("noise_excess_loss", excess, "1",
            $"E‖ε_θ(x_t, t) − ε*(x_t, t)‖², the trained network's squared distance from the exact optimal predictor, averaged over {setting}; the simple loss it leaves on the table.",
            0, "theory: ε* = E[ε | x_t] = −√(1 − ᾱ_t) ∇ log q_t minimises the simple loss, and q_t is a Gaussian mixture in closed form"));
        result.Add(new Finding("noise_irreducible_loss", irreducible, "1",
            $"E‖ε*(x_t, t) − ε‖², the simple loss of the exact optimal predictor (the part no network can remove), averaged over {setting}; the network's training loss tends to it."));
        result.Add(new Finding("noise_loss", loss, "1",
            $"E‖ε_θ(x_t, t) − ε‖², the network's simple loss on the same points.",
            irreducible + excess, "theory: ε* = E[ε | x_t], so the cross term vanishes and the loss is the irreducible part plus ‖ε_θ − ε*‖²"));

        result.Add(new Figure("training-loss",
            $"Simple loss of the planar noise predictor (ReLU MLP {string.Join("–", o.Hidden)}) during {o.TrainingSteps:N0} Adam steps, the mean of each window of batches, " +
            "and the irreducible loss E‖ε* − ε‖² of the exact predictor averaged over t (dashed).",
            new Axis("Adam step"), new Axis("E‖ε_θ − ε‖²"),
            [new Line(training.Name, Columns.Step, Columns.Loss, "network, batch mean"), new Line(training.Name, Columns.Step, Columns.Irreducible, "exact ε*", Dashed: true)]));
        result.Add(new Figure("noise-error",
            $"The trained predictor against the exact one at each step t: its loss E‖ε_θ − ε‖², the exact predictor's E‖ε* − ε‖² (irreducible) and their gap E‖ε_θ − ε*‖², on {o.ErrorPoints:N0} fresh points per t.",
            new Axis("diffusion step t", Log: true), new Axis("mean squared error", Log: true),
            [
                new Line(errors.Name, Columns.T, Columns.Loss, "network loss"),
                new Line(errors.Name, Columns.T, Columns.Irreducible, "irreducible (exact ε*)", Dashed: true),
                new Line(errors.Name, Columns.T, Columns.Excess, "‖ε_θ − ε*‖²"),
            ])
        { Legend = LegendPlace.LowerLeft });
    }

    private static void AddPlanarQuality(DiffusionOptions o, Measurement m, ExperimentResult result)
    {
        var steps = m.Planar.Select(r => r.Steps).Distinct().Order().ToArray();
        double floorMean = m.PlanarFloor.Values.Average(), spread = 2 * StandardDeviation(m.PlanarFloor.Values);
        var table = new Table("planar-quality")
            .Add(Columns.SamplingSteps, steps.Select(s => (double)s))
            .Add(Columns.FloorLevel, steps.Select(_ => spread))
            .Add(Columns.TargetLogDensity, steps.Select(_ => m.TargetMeanLogDensity));
        foreach (var group in m.Planar.GroupBy(r => Columns.Key(r.Exact, r.Eta)))
        {
            var runs = group.OrderBy(r => r.Steps).ToArray();
            table.Add(Columns.Mmd(group.Key), runs.Select(r => r.Mmd))
                .Add(Columns.MmdShown(group.Key), runs.Select(r => Math.Max(r.Mmd, spread)))
                .Add(Columns.LogDensity(group.Key), runs.Select(r => r.MeanLogDensity))
                .Add(Columns.Within(group.Key), runs.Select(r => r.WithinThreeSigma));
        }
        result.Add(table);

        int most = steps[^1];
        string kernel = $"Gaussian kernel of bandwidth h = {NumberText.Short(o.KernelBandwidth, 3)}";
        string against = $"{o.Samples:N0} samples against {o.Samples:N0} points of the {o.Target} of σ = {NumberText.Short(o.TargetSigma, 3)}";
        string floorText = $"two independent target samples give {NumberText.Short(floorMean, 3)} ± {NumberText.Short(spread / 2, 2)} (mean ± sd of {m.PlanarFloor.Values.Length})";
        foreach (bool exact in new[] { false, true })
        {
            var ddpm = m.Planar.Single(r => r.Exact == exact && r.Eta > 0 && r.Steps == most);
            string who = exact ? "the exact score ε*" : "the trained network";
            string key = Columns.Key(exact, 1);
            result.Add(new Finding($"planar_mmd_{key}", ddpm.Mmd, "1",
                $"Unbiased MMD² ({kernel}) of {against}, drawn by DDPM ancestral sampling (σ_t² = β̃_t) with {most:N0} steps from {who}; {floorText}.",
                0, "theory: MMD² = 0 exactly when the distributions agree (gretton2012kernel)"));
            result.Add(new Finding($"planar_log_density_{key}", ddpm.MeanLogDensity, "nats",
                $"Mean exact log-density under the target of the samples of DDPM with {most:N0} steps from {who}; a target sample gives {NumberText.Short(m.PlanarFloor.MeanLogDensity, 4)}.",
                m.TargetMeanLogDensity, $"theory: E_p log p = −log {m.Modes} − log 2πσ² − 1 for modes far apart compared with σ"));
            result.Add(new Finding($"planar_within_3sigma_{key}", ddpm.WithinThreeSigma, "1",
                $"Fraction of the samples of DDPM with {most:N0} steps from {who} within 3σ of their nearest mode; a target sample gives {NumberText.Short(m.PlanarFloor.WithinThreeSigma, 4)}.",
                PlanarSampleQuality.TargetHighQualityFraction(3), "theory: the distance of a 2-D Gaussian point from its mean in σ is Rayleigh, P(r ≤ 3) = 1 − e^(−9/2)"));
            AddMatchingSteps(result, $"planar_ddim_steps_matching_ddpm_{(exact ? "exact" : "network")}", m.Planar.Where(r => r.Exact == exact).ToList(), most, spread / 2,
                $"from {who} on the planar target");
        }
        result.Add(new Finding("planar_mmd_floor", floorMean, "1",
            $"Unbiased MMD² ({kernel}) between two independent samples of {o.Samples:N0} target points, mean over {m.PlanarFloor.Values.Length} pairs (sd {NumberText.Short(spread / 2, 2)}): what a perfect sampler scores.",
            0, "theory: the unbiased estimator's expectation is 0 for identical distributions (gretton2012kernel)"));

        var mmdSeries = new List<Series>();
        var densitySeries = new List<Series>();
        foreach (bool exact in new[] { false, true })
            foreach (double eta in new[] { 1.0, 0.0 })
            {
                string key = Columns.Key(exact, eta), label = $"{Method(eta)}, {(exact ? "exact ε*" : "network")}";
                int colour = eta > 0 ? 0 : 1;
                mmdSeries.Add(new Markers(table.Name, Columns.SamplingSteps, Columns.MmdShown(key), label) { Colour = colour + (exact ? 2 : 0) });
                mmdSeries.Add(new Line(table.Name, Columns.SamplingSteps, Columns.MmdShown(key), "", Dashed: exact) { Colour = colour + (exact ? 2 : 0) });
                densitySeries.Add(new Markers(table.Name, Columns.SamplingSteps, Columns.LogDensity(key), label) { Colour = colour + (exact ? 2 : 0) });
                densitySeries.Add(new Line(table.Name, Columns.SamplingSteps, Columns.LogDensity(key), "", Dashed: exact) { Colour = colour + (exact ? 2 : 0) });
            }
        mmdSeries.Add(new Line(table.Name, Columns.SamplingSteps, Columns.FloorLevel, "2 sd of target vs target", Dashed: true) { Colour = 7 });
        densitySeries.Add(new Line(table.Name, Columns.SamplingSteps, Columns.TargetLogDensity, "target: E_p log p", Dashed: true) { Colour = 7 });
        result.Add(new Figure("planar-mmd-vs-steps",
            $"Unbiased MMD² ({kernel}) of {against} against the number of sampling steps, DDPM (η = 1) and DDIM (η = 0), from the trained network (solid) and the exact score (dashed). " +
            "Values below twice the floor's sd (dashed grey) are shown on it: there the samplers cannot be told from the target.",
            new Axis("sampling steps S", Log: true), new Axis("MMD²", Log: true), mmdSeries));
        result.Add(new Figure("planar-log-density-vs-steps",
            $"Mean exact log-density of the samples under the {o.Target} against the number of sampling steps, DDPM and DDIM, network (solid) and exact score (dashed), " +
            "with the target's own E_p log p.",
            new Axis("sampling steps S", Log: true), new Axis("mean log p(sample) (nats)"), densitySeries)
        { Legend = LegendPlace.LowerRight });
    }

    /// <summary>
    /// The fewest DDIM steps whose MMD² exceeds DDPM's at the most steps by less than two standard deviations of the
    /// difference of two independent estimates (√2 times the floor's sd each): where DDIM matches the full ancestral sampler.
    /// </summary>
    private static void AddMatchingSteps(ExperimentResult result, string name, List<SamplerRun> runs, int most, double floorDeviation, string what)
    {
        double ddpm = runs.Single(r => r.Eta > 0 && r.Steps == most).Mmd, tolerance = 2 * Math.Sqrt(2) * floorDeviation;
        var match = runs.Where(r => r.Eta == 0 && r.Mmd <= ddpm + tolerance).OrderBy(r => r.Steps).FirstOrDefault();
        string meaning = $"Fewest DDIM (η = 0) steps whose MMD² {what} exceeds DDPM's with {most:N0} steps ({NumberText.Short(ddpm, 3)}) by less than {NumberText.Short(tolerance, 2)}, " +
            "two standard deviations of the difference of two estimates (2√2 × the floor's sd). " +
            "Song et al. report DDIM with 50–100 steps close to 1,000-step DDPM on CIFAR-10 (FID 4.67 at 50, 4.16 at 100, 4.04 at 1,000; song2021denoising, Table 1).";
        result.Add(match is null ? Finding.NotReached(name, "steps", meaning) : new Finding(name, match.Steps, "steps", meaning));
    }

    private static void AddPlanarSamples(DiffusionOptions o, Measurement m, ExperimentResult result)
    {
        const int Cells = 60;
        int most = m.Planar.Max(r => r.Steps), fewest = m.Planar.Min(r => r.Steps);
        var network = m.Planar.Where(r => !r.Exact).ToList();
        var shown = new (string Name, string Caption, double[] Points)[]
        {
            ("planar-target", $"{o.Samples:N0} points of the {o.Target} (σ = {NumberText.Short(o.TargetSigma, 3)}) itself", m.Reference),
            ("planar-samples", $"{o.Samples:N0} samples of the trained network by DDPM with {most:N0} steps", network.Single(r => r.Eta > 0 && r.Steps == most).Points),
            ("planar-samples-ddpm-few", $"{o.Samples:N0} samples of the trained network by DDPM with only {fewest} steps", network.Single(r => r.Eta > 0 && r.Steps == fewest).Points),
            ("planar-samples-ddim-few", $"{o.Samples:N0} samples of the trained network by DDIM (η = 0) with only {fewest} steps", network.Single(r => r.Eta == 0 && r.Steps == fewest).Points),
        };
        // One grid for all four, reaching a unit past the target's farthest point, so the panels compare cell by cell.
        double reach = Math.Ceiling(m.Reference.Max(Math.Abs)) + 1, cell = 2 * reach / Cells;
        var table = new Table("planar-samples");
        var centres = Enumerable.Range(0, Cells).Select(i => -reach + (i + 0.5) * cell).ToArray();
        table.Add(Columns.X, Enumerable.Range(0, Cells * Cells).Select(i => centres[i % Cells]))
            .Add(Columns.Y, Enumerable.Range(0, Cells * Cells).Select(i => centres[i / Cells]));
        foreach (var (name, _, points) in shown)
        {
            var density = new double[Cells * Cells];
            int n = points.Length / 2;
            for (int i = 0; i < n; i++)
            {
                int cx = (int)Math.Floor((points[2 * i] + reach) / cell), cy = (int)Math.Floor((points[2 * i + 1] + reach) / cell);
                if (cx >= 0 && cx < Cells && cy >= 0 && cy < Cells) density[cy * Cells + cx] += 1.0 / (n * cell * cell);
            }
            table.Add(Columns.Density(name), density);
        }
        result.Add(table);
        foreach (var (name, caption, _) in shown)
            result.Add(new Figure(name,
                $"Histogram density of {caption}, on a {Cells} × {Cells} grid of cells {NumberText.Short(cell, 2)} wide (points outside the square left out); the colour scale is the figure's own.",
                new Axis("x₁"), new Axis("x₂"), [new Heatmap(table.Name, Columns.X, Columns.Y, Columns.Density(name), "density")], FigureWidth.Half)
            { Aspect = 1, Legend = null });
    }

    private static void AddImages(DiffusionOptions o, Measurement m, ExperimentResult result)
    {
        var steps = m.Images.Select(r => r.Steps).Distinct().Order().ToArray();
        double floorMean = m.ImageFloor.Values.Average(), spread = 2 * StandardDeviation(m.ImageFloor.Values);
        var training = new Table("image-training").Add(Columns.Step, m.ImageLossSteps.Select(s => (double)s)).Add(Columns.Loss, m.ImageLosses);
        result.Add(training);
        var table = new Table("image-quality")
            .Add(Columns.SamplingSteps, steps.Select(s => (double)s))
            .Add(Columns.FloorLevel, steps.Select(_ => floorMean + spread));
        foreach (double eta in new[] { 1.0, 0.0 })
            table.Add(Columns.Mmd(Columns.Key(false, eta)), m.Images.Where(r => r.Eta == eta).OrderBy(r => r.Steps).Select(r => r.Mmd));
        result.Add(table);

        int most = steps[^1], fewest = steps[0], pixels = m.ImageSide * m.ImageSide;
        string setting = $"{o.ImageSamples:N0} {m.ImageSide} × {m.ImageSide} images of {m.ImageSet} (pooled {o.ImagePooling} × {o.ImagePooling}, scaled to [−1, 1]) against {o.ImageSamples:N0} held-out ones, " +
            $"Gaussian kernel of bandwidth {NumberText.Short(m.ImageBandwidth, 3)} (their median distance)";
        var ddpm = m.Images.Single(r => r.Eta > 0 && r.Steps == most);
        result.Add(new Finding("image_mmd_network_ddpm", ddpm.Mmd, "1",
            $"Unbiased pixel-space MMD² of {setting}, the samples drawn by DDPM with {most:N0} steps from the MLP noise predictor trained {o.ImageTrainingSteps:N0} steps on {m.ImageTrainCount:N0} images; " +
            $"training images score {NumberText.Short(floorMean, 3)} ± {NumberText.Short(spread / 2, 2)}.",
            0, "theory: MMD² = 0 exactly when the distributions agree (gretton2012kernel)"));
        result.Add(new Finding("image_mmd_floor", floorMean, "1",
            $"Unbiased pixel-space MMD² of {setting}, for real training images in place of samples: the floor a perfect sampler reaches (mean over {m.ImageFloor.Values.Length} draws, sd {NumberText.Short(spread / 2, 2)}).",
            0, "theory: the unbiased estimator's expectation is 0 for identical distributions (gretton2012kernel)"));
        AddMatchingSteps(result, "image_ddim_steps_matching_ddpm", m.Images, most, spread / 2, $"on {m.ImageSet}");

        result.Add(new Figure("image-training-loss",
            $"Simple loss of the image noise predictor (ReLU MLP {string.Join("–", o.ImageHidden)}) during {o.ImageTrainingSteps:N0} Adam steps on {m.ImageTrainCount:N0} {m.ImageSide} × {m.ImageSide} images, mean of each window of batches.",
            new Axis("Adam step"), new Axis("E‖ε_θ − ε‖²", Log: true), [new Line(training.Name, Columns.Step, Columns.Loss, "")])
        { Legend = null });
        result.Add(new Figure("image-mmd-vs-steps",
            $"Pixel-space MMD² of {setting}, against the number of sampling steps, DDPM (η = 1) and DDIM (η = 0); dashed: the floor of real training images plus twice its sd.",
            new Axis("sampling steps S", Log: true), new Axis("MMD²", Log: true),
            [
                new Markers(table.Name, Columns.SamplingSteps, Columns.Mmd(Columns.Key(false, 1)), "DDPM") { Colour = 0 },
                new Line(table.Name, Columns.SamplingSteps, Columns.Mmd(Columns.Key(false, 1)), "") { Colour = 0 },
                new Markers(table.Name, Columns.SamplingSteps, Columns.Mmd(Columns.Key(false, 0)), "DDIM") { Colour = 1 },
                new Line(table.Name, Columns.SamplingSteps, Columns.Mmd(Columns.Key(false, 0)), "") { Colour = 1 },
                new Line(table.Name, Columns.SamplingSteps, Columns.FloorLevel, "real images: floor + 2 sd", Dashed: true) { Colour = 7 },
            ]));

        const int PerRow = 10;
        var rows = new (string What, double[] Points)[]
        {
            ("held-out", m.HeldOut),
            ($"DDPM {most}", ddpm.Points),
            ($"DDIM {most}", m.Images.Single(r => r.Eta == 0 && r.Steps == most).Points),
            ($"DDIM {fewest}", m.Images.Single(r => r.Eta == 0 && r.Steps == fewest).Points),
            ($"DDPM {fewest}", m.Images.Single(r => r.Eta > 0 && r.Steps == fewest).Points),
        };
        int side = m.ImageSide, shown = Math.Min(PerRow, o.ImageSamples);
        // Gaps are drawn at −1, the background of the scaled digits, so the tiles read as one sheet of images.
        var sheet = new ImageSheet(rows.Length, shown, side, side, (row, image) => new ArraySegment<double>(rows[row].Points, image * pixels, pixels), background: -1);
        int width = sheet.Width, height = sheet.Height;
        var tiles = sheet.ToTable("image-samples", Columns.TileX, Columns.TileY, Columns.Shade);
        result.Add(tiles);
        result.Add(new Figure("image-samples",
            $"Rows, top to bottom: {string.Join("; ", rows.Select(r => r.What))} — the first {shown} held-out {m.ImageSet} images and the first {shown} samples of each sampler " +
            $"(steps as given), {side} × {side}; the samplers clip x̂_0 to [−1, 1] at every step.",
            new Axis("column of images"), new Axis("row of images"), [new Heatmap(tiles.Name, Columns.TileX, Columns.TileY, Columns.Shade, "pixel")])
        { Aspect = (double)height / width, Legend = null });
    }

    private static double StandardDeviation(IReadOnlyList<double> values)
    {
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }
}

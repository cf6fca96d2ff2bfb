using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Models.Generative;
using TheoryLab.Tables;
using TheoryLab.Text;

namespace TheoryLab.Experiments.Generative;

/// <summary>
/// How <see cref="Vae"/> shows its <see cref="Measurement"/>: per dataset the training curves, the importance-weighted
/// bounds, the sweeps' active units and KL per unit, the manifold and reconstructions, naming columns through <see cref="Columns"/>.
/// </summary>
public sealed partial class Vae
{
    /// <summary>The columns of every table, declared once for the code that writes and reads them.</summary>
    private static class Columns
    {
        public static readonly Column Step = new("step");
        public static readonly Column K = new("k");
        public static readonly Column Bound = new("bound");
        public static readonly Column BoundError = new("bound_se");
        public static readonly Column Gain = new("gain_over_k1");
        public static readonly Column GainError = new("gain_se");
        public static readonly Column ClosedFormElbo = new("elbo");
        public static readonly Column ClosedFormElboError = new("elbo_se");
        public static readonly Column Beta = new("beta");
        public static readonly Column Depth = new("decoder_depth");
        public static readonly Column ActiveUnits = new("active_units");
        public static readonly Column Elbo = new("heldout_elbo");
        public static readonly Column Reconstruction = new("heldout_reconstruction");
        public static readonly Column Kl = new("heldout_kl");
        public static readonly Column Rank = new("unit_rank");
        public static readonly Column Position = new("position");
        public static readonly Column TileX = new("x");
        public static readonly Column TileY = new("y");
        public static readonly Column Shade = new("value");

        /// <summary>A term of the ELBO on the training or held-out examples ("train_neg_elbo", "heldout_kl").</summary>
        public static Column Term(string split, string term) => new($"{split}_{term}");

        /// <summary>The KL per latent unit, sorted decreasing, of the model trained with β or of decoder depth l.</summary>
        public static Column UnitKlOfBeta(double beta) => new($"kl_beta{NumberText.Short(beta, 4)}");

        public static Column UnitKlOfDepth(int depth) => new($"kl_depth{depth}");

        /// <summary>Decoded value of grid point <paramref name="i"/> along latent axis <paramref name="axis"/> (1-based), or held-out example i and its reconstruction.</summary>
        public static Column Traversal(int axis, int i) => new($"z{axis}_{i}");

        public static Column Original(int i) => new($"original_{i}");

        public static Column Reconstructed(int i) => new($"reconstruction_{i}");
    }

    private static readonly string[] Splits = ["train", "heldout"];

    private static ExperimentResult Present(VaeOptions o, Measurement measured)
    {
        var result = new ExperimentResult();
        foreach (var study in measured.Studies)
        {
            AddFindings(o, study, result);
            AddTraining(o, study, result);
            AddImportance(o, study, result);
            AddSweeps(o, study, result);
            if (study.ExampleShape.Length == 3) AddImages(o, study, result);
            else AddSequences(o, study, result);
        }
        return result;
    }

    /// <summary>The finding-name suffix of a dataset ("mnist_t10k").</summary>
    private static string Slug(Study s) => s.Dataset.Replace('-', '_');

    private static string Setting(VaeOptions o, Study s) =>
        $"{s.Dataset} ({s.TrainCount:N0} training, {s.HeldOutCount:N0} held-out examples{(s.Observation == ObservationModel.Bernoulli ? ", binarised, Bernoulli decoder" : $", Gaussian decoder with learned σ² = {NumberText.Short(s.NoiseVariance ?? double.NaN, 3)}")}), " +
        $"L = {o.Latents} latents, {o.Hidden} {o.Activation} units, {o.Steps:N0} Adam steps of {o.BatchSize}";

    private static int Active(Trained t) => t.UnitVariances.Count(v => v > ActivityThreshold);

    private static Trained Plain(Study s) => s.Models.First(t => t.Beta == 1 && t.DecoderDepth == 1);

    private static bool IsMnist(Study s) => s.Observation == ObservationModel.Bernoulli && s.Dataset.StartsWith("mnist", StringComparison.Ordinal);

    private static void AddFindings(VaeOptions o, Study s, ExperimentResult result)
    {
        string slug = Slug(s), setting = Setting(o, s);
        var plain = Plain(s);
        var imp = s.Importance;
        int last = imp.K.Length - 1;
        result.Add(new Finding($"elbo_{slug}", plain.HeldOut.Elbo, "nats",
            $"Held-out ELBO per example of the plain VAE (β = 1) on {setting}; training examples: {NumberText.Short(s.TrainCurve[^1].Elbo, 4)} nats." +
            (IsMnist(s) ? " Kingma & Welling trained on MNIST's 60,000 images for up to 10⁸ examples; this run sees far fewer, so its bound is lower." : "")));
        result.Add(new Finding($"reconstruction_{slug}", plain.HeldOut.Reconstruction, "nats",
            $"The ELBO's reconstruction term E_q[log p(x|z)] per held-out example (one reparameterised draw each), plain VAE, {setting}."));
        result.Add(new Finding($"kl_{slug}", plain.HeldOut.Kl, "nats",
            $"The ELBO's KL(q(z|x) ‖ N(0, I)) per held-out example in closed form, plain VAE, {setting}."));
        string reference = IsMnist(s)
            ? " Burda et al. report −86.76 nats for a VAE on MNIST with K = 5,000 — a different setting: 60,000 dynamically binarised training images, 3,280 epochs, two hidden layers of 200 units and 50 latents — beside which this value is not a match but a scale."
            : "";
        result.Add(new Finding($"log_likelihood_k{imp.K[last]}_{slug}", imp.Bound[last], "nats",
            $"Importance-weighted estimate L_K of log p(x) with K = {imp.K[last]:N0} samples from q(z|x), mean over {imp.Examples:N0} held-out examples (standard error {NumberText.Short(imp.BoundError[last], 2)}), plain VAE, {setting}.{reference}",
            IsMnist(s) ? -86.76 : null, IsMnist(s) ? "burda2016importance, Table 1 (VAE, one stochastic layer, k = 1 training; a different setting)" : null));
        result.Add(new Finding($"likelihood_gain_k{imp.K[last]}_{slug}", imp.Gain[last], "nats",
            $"L_K − L_1 at K = {imp.K[last]:N0}, a mean of paired differences over {imp.Examples:N0} held-out examples (standard error {NumberText.Short(imp.GainError[last], 2)}): how much tighter the importance-weighted bound is than the ELBO. " +
            "Theory: L_K does not decrease in K (burda2016importance, Theorem 1), so it is ≥ 0; it measures KL(q ‖ posterior) as far as K samples can close it."));
        result.Add(new Finding($"k1_minus_elbo_{slug}", imp.Bound[0] - imp.Elbo, "nats",
            $"L_1 (the mean log-weight over {imp.K[last]:N0} draws) minus the ELBO of the same examples from the closed-form KL and 10 separate reconstruction draws (its standard error over examples {NumberText.Short(imp.ElboError, 2)}, that of L_1 {NumberText.Short(imp.BoundError[0], 2)}).",
            0, "theory: E[log p(x, z) − log q(z|x)] is the ELBO, so L_1 estimates it without bias (burda2016importance)"));

        foreach (var t in s.Models.Where(t => t.DecoderDepth == 1).OrderBy(t => t.Beta))
            result.Add(new Finding($"active_units_beta{NumberText.Short(t.Beta, 4)}_{slug}", Active(t), "units",
                $"Active latent units (Cov_x E_q[zᵢ|x] > {ActivityThreshold}, burda2016importance) of {o.Latents} after training with β = {NumberText.Short(t.Beta, 4)} (higgins2017beta), one-layer decoder; KL {NumberText.Short(t.HeldOut.Kl, 3)} nats, held-out ELBO {NumberText.Short(t.HeldOut.Elbo, 4)}, {setting}. " +
                "A larger β prices each nat of KL higher, so units whose information does not repay it collapse onto the prior (q(zᵢ|x) = N(0, 1), KL 0)."));
        foreach (var t in s.Models.Where(t => t.Beta == 1).OrderBy(t => t.DecoderDepth))
            result.Add(new Finding($"active_units_depth{t.DecoderDepth}_{slug}", Active(t), "units",
                $"Active latent units of {o.Latents} at β = 1 with a decoder of {NumberText.Count(t.DecoderDepth, "hidden layer")} of {o.Hidden} units; KL {NumberText.Short(t.HeldOut.Kl, 3)} nats, held-out ELBO {NumberText.Short(t.HeldOut.Elbo, 4)}, {setting}."));

        int plainActive = Active(plain);
        var collapse = s.Models.Where(t => t.DecoderDepth == 1 && t.Beta > 1 && Active(t) <= plainActive / 2.0).OrderBy(t => t.Beta).FirstOrDefault();
        string collapseMeaning = $"The smallest β of {string.Join(", ", o.Betas.Order().Select(b => NumberText.Short(b, 4)))} at which the active units fall to half or fewer of the plain VAE's {plainActive}, {setting}.";
        result.Add(collapse is null
            ? Finding.NotReached($"collapse_beta_{slug}", "1", collapseMeaning + " No β of the sweep got there.")
            : new Finding($"collapse_beta_{slug}", collapse.Beta, "1", collapseMeaning + $" There {Active(collapse)} remain."));
    }

    private static void AddTraining(VaeOptions o, Study s, ExperimentResult result)
    {
        var table = new Table($"training-{s.Dataset}").Add(Columns.Step, s.Steps.Select(t => (double)t));
        foreach (var (split, curve) in new[] { ("train", s.TrainCurve), ("heldout", s.HeldOutCurve) })
            table.Add(Columns.Term(split, "elbo"), curve.Select(t => t.Elbo))
                .Add(Columns.Term(split, "reconstruction"), curve.Select(t => t.Reconstruction))
                .Add(Columns.Term(split, "kl"), curve.Select(t => t.Kl))
                .Add(Columns.Term(split, "neg_elbo"), curve.Select(t => -t.Elbo))
                .Add(Columns.Term(split, "neg_reconstruction"), curve.Select(t => -t.Reconstruction));
        result.Add(table);
        var series = new List<Series>();
        var terms = new[] { ("neg_elbo", "−ELBO (solid: training, dashed: held-out)"), ("neg_reconstruction", "−E_q log p(x|z)"), ("kl", "KL(q ‖ p)") };
        for (int i = 0; i < terms.Length; i++)
            foreach (var split in Splits)
                series.Add(new Line(table.Name, Columns.Step, Columns.Term(split, terms[i].Item1), split == "train" ? terms[i].Item2 : "", Dashed: split == "heldout") { Colour = i });
        result.Add(new Figure($"elbo-{s.Dataset}",
            $"The negative ELBO of the plain VAE (β = 1) and its two parts, −ELBO = −E_q[log p(x|z)] + KL(q(z|x) ‖ N(0, I)), per example during training on {s.Dataset}; solid: {Math.Min(o.EvaluationExamples, s.TrainCount):N0} training examples, dashed: as many held-out ones.",
            new Axis("Adam step"), new Axis("nats per example", Log: true), series)
        { Legend = LegendPlace.UpperRight });
    }

    private static void AddImportance(VaeOptions o, Study s, ExperimentResult result)
    {
        var imp = s.Importance;
        var table = new Table($"importance-{s.Dataset}")
            .Add(Columns.K, imp.K.Select(k => (double)k))
            .Add(Columns.Bound, imp.Bound).Add(Columns.BoundError, imp.BoundError)
            .Add(Columns.Gain, imp.Gain).Add(Columns.GainError, imp.GainError)
            .Add(Columns.ClosedFormElbo, imp.K.Select(_ => imp.Elbo)).Add(Columns.ClosedFormElboError, imp.K.Select(_ => imp.ElboError));
        result.Add(table);
        result.Add(new Figure($"log-likelihood-vs-k-{s.Dataset}",
            $"How much the importance-weighted bound L_K rises above the ELBO L_1 as the samples K grow, mean of paired differences over {imp.Examples:N0} held-out {s.Dataset} examples with standard errors; " +
            $"L_1 = {NumberText.Short(imp.Bound[0], 4)} and L_{imp.K[^1]} = {NumberText.Short(imp.Bound[^1], 4)} nats. Burda et al.: L_K is non-decreasing in K and tends to log p(x).",
            new Axis("importance samples K", Log: true), new Axis("L(K) − L(1) (nats)"),
            [new Line(table.Name, Columns.K, Columns.Gain, "") { Colour = 0 }, new Markers(table.Name, Columns.K, Columns.Gain, "L_K − L_1", Columns.GainError) { Colour = 0 }])
        { Legend = null });
    }

    private static void AddSweeps(VaeOptions o, Study s, ExperimentResult result)
    {
        var betas = s.Models.Where(t => t.DecoderDepth == 1).OrderBy(t => t.Beta).ToList();
        var depths = s.Models.Where(t => t.Beta == 1).OrderBy(t => t.DecoderDepth).ToList();
        var betaTable = SweepTable($"beta-sweep-{s.Dataset}", betas);
        var depthTable = SweepTable($"depth-sweep-{s.Dataset}", depths);
        result.Add(betaTable).Add(depthTable);
        var units = new Axis("active units") { Bounds = (0, o.Latents) };
        result.Add(new Figure($"active-units-vs-beta-{s.Dataset}",
            $"Active latent units (Cov_x E_q[zᵢ|x] > {ActivityThreshold}, Burda et al.) of {o.Latents} against the KL weight β, one-layer decoder, {s.Dataset}.",
            new Axis("β", Log: true), units with { Min = 0, Max = o.Latents },
            [new Line(betaTable.Name, Columns.Beta, Columns.ActiveUnits, "") { Colour = 0 }, new Markers(betaTable.Name, Columns.Beta, Columns.ActiveUnits, "") { Colour = 0 }], FigureWidth.Half)
        { Legend = null });
        result.Add(new Figure($"active-units-vs-depth-{s.Dataset}",
            $"Active latent units of {o.Latents} against the decoder's hidden layers ({o.Hidden} units each), β = 1, {s.Dataset}.",
            Axis.Index("decoder hidden layers"), units with { Min = 0, Max = o.Latents },
            [new Line(depthTable.Name, Columns.Depth, Columns.ActiveUnits, "") { Colour = 0 }, new Markers(depthTable.Name, Columns.Depth, Columns.ActiveUnits, "") { Colour = 0 }], FigureWidth.Half)
        { Legend = null });

        // Each model's KL per unit sorted decreasing, floored so that a log axis can show a collapsed unit.
        var unitTable = new Table($"unit-kl-{s.Dataset}").Add(Columns.Rank, Enumerable.Range(1, o.Latents).Select(r => (double)r));
        static IEnumerable<double> Sorted(Trained t) => t.UnitKl.OrderDescending().Select(k => Math.Max(k, 1e-4));
        foreach (var t in betas) unitTable.Add(Columns.UnitKlOfBeta(t.Beta), Sorted(t));
        foreach (var t in depths.Where(t => t.DecoderDepth != 1)) unitTable.Add(Columns.UnitKlOfDepth(t.DecoderDepth), Sorted(t));
        result.Add(unitTable);
        var series = betas.Select(t => (Series)new Line(unitTable.Name, Columns.Rank, Columns.UnitKlOfBeta(t.Beta), $"β = {NumberText.Short(t.Beta, 4)}"))
            .Concat(depths.Where(t => t.DecoderDepth != 1).Select(t => (Series)new Line(unitTable.Name, Columns.Rank, Columns.UnitKlOfDepth(t.DecoderDepth), $"β = 1, {t.DecoderDepth}-layer decoder", Dashed: true)))
            .ToList();
        result.Add(new Figure($"kl-per-unit-{s.Dataset}",
            $"Mean KL(q(zᵢ|x) ‖ N(0, 1)) of each latent unit over the held-out {s.Dataset} examples, units sorted by it (floored at 10⁻⁴); solid: one-layer decoder at each β, dashed: deeper decoders at β = 1. A collapsed unit carries no KL.",
            Axis.Index("unit rank"), new Axis("KL per unit (nats)", Log: true), series)
        { Legend = LegendPlace.UpperRight });
    }

    private static Table SweepTable(string name, List<Trained> models) => new Table(name)
        .Add(Columns.Beta, models.Select(t => t.Beta))
        .Add(Columns.Depth, models.Select(t => (double)t.DecoderDepth))
        .Add(Columns.ActiveUnits, models.Select(t => (double)Active(t)))
        .Add(Columns.Elbo, models.Select(t => t.HeldOut.Elbo))
        .Add(Columns.Reconstruction, models.Select(t => t.HeldOut.Reconstruction))
        .Add(Columns.Kl, models.Select(t => t.HeldOut.Kl));

    /// <summary>The manifold grid and the reconstructions as tiled images.</summary>
    private static void AddImages(VaeOptions o, Study s, ExperimentResult result)
    {
        int height = s.ExampleShape[1], width = s.ExampleShape[2], n = s.GridCoordinates.Length;
        var manifold = Tiles($"manifold-{s.Dataset}", height, width, n, n, (row, column) => s.Grid[(n - 1 - row) * n + column], n);
        result.Add(manifold);
        result.Add(new Figure($"manifold-{s.Dataset}",
            $"The learned manifold of a VAE with a 2-D latent space on {s.Dataset} (as Kingma & Welling's Figure 4): the decoder's pixel probabilities at z on an {n} × {n} grid of the prior's quantiles " +
            $"(z₁ left to right, z₂ bottom to top, from {NumberText.Short(s.GridCoordinates[0], 3)} to {NumberText.Short(s.GridCoordinates[^1], 3)}).",
            new Axis("Φ(z₁), the prior's quantile") { Bounds = (0, 1) }, new Axis("Φ(z₂)") { Bounds = (0, 1) },
            [new Heatmap(manifold.Name, Columns.TileX, Columns.TileY, Columns.Shade, "p(pixel = 1)")])
        { Aspect = 0.85, Legend = null });

        // Two rows of pairs: originals above their reconstructions.
        int columns = (s.Originals.Length + 1) / 2;
        var pairs = Tiles($"reconstructions-{s.Dataset}", height, width, 4, columns, (row, column) =>
        {
            int i = row / 2 * columns + column;
            return i >= s.Originals.Length ? new double[height * width] : row % 2 == 0 ? s.Originals[i] : s.Reconstructions[i];
        });
        result.Add(pairs);
        result.Add(new Figure($"reconstructions-{s.Dataset}",
            $"Rows 1 and 3: {s.Originals.Length} held-out {s.Dataset} images as binarised for the model; rows 2 and 4, below each: the plain VAE's reconstructions, the pixel probabilities of p(x | z = μ(x)).",
            new Axis("held-out image"), new Axis("row of images"), [new Heatmap(pairs.Name, Columns.TileX, Columns.TileY, Columns.Shade, "p(pixel = 1)")])
        { Aspect = 0.75, Legend = null });
    }

    /// <summary>
    /// Images laid out in <paramref name="rows"/> × <paramref name="columns"/> with a gap of 2, row 0 at the top, as one
    /// long-form heatmap table whose coordinates count images: image (r, c) spans [c, c + 1) and, from the bottom, [rows − 1 − r, rows − r),
    /// divided by <paramref name="per"/> (the grid's side, so that the manifold's axes read as the prior's quantiles).
    /// </summary>
    private static Table Tiles(string name, int height, int width, int rows, int columns, Func<int, int, double[]> image, double per = 1)
    {
        var sheet = new ImageSheet(rows, columns, height, width, image);
        var cells = sheet.Cells().ToList();
        return new Table(name)
            .Add(Columns.TileX, cells.Select(c => (c.X + 0.5) / (width + sheet.Gap) / per))
            .Add(Columns.TileY, cells.Select(c => (c.Y + 0.5) / (height + sheet.Gap) / per))
            .Add(Columns.Shade, cells.Select(c => c.Shade));
    }

    /// <summary>Decoded sequences along each latent axis of the 2-D model, and reconstructions, as curves over the sequence's positions.</summary>
    private static void AddSequences(VaeOptions o, Study s, ExperimentResult result)
    {
        int d = s.Originals[0].Length, n = s.GridCoordinates.Length;
        var positions = Enumerable.Range(0, d).Select(p => (double)p).ToArray();
        var traversal = new Table($"traversals-{s.Dataset}").Add(Columns.Position, positions);
        for (int axis = 0; axis < 2; axis++)
            for (int i = 0; i < n; i++) traversal.Add(Columns.Traversal(axis + 1, i + 1), s.Traversals[axis][i]);
        result.Add(traversal);
        for (int axis = 0; axis < 2; axis++)
        {
            int a = axis + 1;
            var series = Enumerable.Range(0, n).Select(i => (Series)new Line(traversal.Name, Columns.Position, Columns.Traversal(a, i + 1),
                i == 0 || i == n - 1 ? $"z{(a == 1 ? "₁" : "₂")} = {NumberText.Short(s.GridCoordinates[i], 2)}" : "") { Colour = i }).ToList();
            result.Add(new Figure($"traversal-z{a}-{s.Dataset}",
                $"Latent traversal of a VAE with a 2-D latent space on {s.Dataset}: the decoder's mean at z{(a == 1 ? "₁" : "₂")} = the prior's {n} quantiles (i + ½)/{n}, the other coordinate 0; one colour per value.",
                new Axis("position in the sequence"), new Axis("decoded value"), series, FigureWidth.Half)
            { Legend = LegendPlace.UpperRight });
        }

        int shown = Math.Min(4, s.Originals.Length);
        var pairs = new Table($"reconstructions-{s.Dataset}").Add(Columns.Position, positions);
        for (int i = 0; i < shown; i++) pairs.Add(Columns.Original(i + 1), s.Originals[i]).Add(Columns.Reconstructed(i + 1), s.Reconstructions[i]);
        result.Add(pairs);
        var lines = new List<Series>();
        for (int i = 0; i < shown; i++)
        {
            lines.Add(new Line(pairs.Name, Columns.Position, Columns.Original(i + 1), i == 0 ? "held out (solid)" : "") { Colour = i });
            lines.Add(new Line(pairs.Name, Columns.Position, Columns.Reconstructed(i + 1), i == 0 ? "reconstructed (dashed)" : "", Dashed: true) { Colour = i });
        }
        result.Add(new Figure($"reconstructions-{s.Dataset}",
            $"{shown} held-out {s.Dataset} sequences (solid) and the plain VAE's reconstructions, the decoder's mean at z = μ(x) (dashed, same colour).",
            new Axis("position in the sequence"), new Axis("value"), lines)
        { Legend = LegendPlace.UpperRight });
    }
}

using TheoryLab.Analysis.Dissection;
using TheoryLab.Data;
using TheoryLab.Data.Toy;
using TheoryLab.Kernel;
using TheoryLab.Models.Generative;
using TheoryLab.Options;
using TheoryLab.Torch;
using TheoryLab.Training;
using TheoryLab.Training.Gans;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Experiments.Generative;

/// <summary>
/// Options of <see cref="GanDissection"/>. Defaults: a DCGAN-style generator with 32 units in its 12 × 12 layer,
/// trained for 1,500 steps on 10,000 synthetic 24 × 24 scenes, dissected on 1,000 generated scenes at the top 1%
/// quantile, with 1 to 16 units ablated or forced on against 10 draws of random units (findings at 4).
/// </summary>
public sealed record GanDissectionOptions
{
    [Option("Pixels on each side of a scene, a multiple of 4 (Bau et al. dissect 256 × 256 LSUN scenes; scaled down for a 2-core CPU).", Min = 20, Max = 64, Unit = "pixels")]
    public int Side { get; init; } = 24;

    [Option("Objects per scene are uniform on 1 to this many, never overlapping.", Min = 1, Max = 4, Unit = "objects")]
    public int MaxObjects { get; init; } = 3;

    [Option("Probability that a scene's background is striped (cream and grey bands) rather than plain grey.", Min = 0.0, Max = 1.0)]
    public double StripedProbability { get; init; } = 0.5;

    [Option("Synthetic scenes the GAN trains on, drawn once from the run's seed.", Min = 64, Max = 1_000_000, Unit = "scenes")]
    public int TrainingScenes { get; init; } = 10_000;

    [Option("Alternating Adam steps of the GAN (Bau et al. dissect Progressive GANs trained for days; scaled down for a 2-core CPU).", Min = 1, Max = 10_000_000, Unit = "steps")]
    public int Steps { get; init; } = 1500;

    [Option("Scenes and latent codes per step.", Min = 2, Max = 4096)]
    public int BatchSize { get; init; } = 64;

    [Option("Dimension of the latent code z ~ N(0, I).", Min = 1, Max = 1024)]
    public int Latent { get; init; } = 64;

    [Option("Units c of the generator's half-resolution layer, the layer dissected (2c at quarter resolution; the discriminator mirrors it). Bau et al. dissect layers of 512 units.", Min = 2, Max = 512, Unit = "units")]
    public int Channels { get; init; } = 32;

    [Option("Adam's step η for both networks (Radford et al.: 0.0002, with β₁ = 0.5).", Min = 1e-6, Max = 1)]
    public double LearningRate { get; init; } = 2e-4;

    [Option("Generated scenes (fixed latent codes) over which units are thresholded, IoUs counted and interventions judged.", Min = 10, Max = 100_000, Unit = "scenes")]
    public int JudgedScenes { get; init; } = 1000;

    [Option("q of the unit thresholds t_u, P(a_u > t_u) = q over all positions and scenes (Bau et al.: 0.01).", Min = 1e-4, Max = 0.5)]
    public double TopQuantile { get; init; } = 0.01;

    [Option("A pixel shows a colour concept when every channel is within this of the concept's colour, in [0, 1] units; below 0.175, half the palette's smallest separation, no pixel has two colours.", Min = 0.01, Max = 0.17)]
    public double ColourTolerance { get; init; } = 0.15;

    [Option("Numbers k of a concept's top units ablated (set to 0) or forced on (Bau et al. ablate up to about 20 units per concept).", Min = 1, Max = 512, Unit = "units")]
    public int[] InterventionSizes { get; init; } = [1, 2, 4, 8, 16];

    [Option("k of the findings, one of intervention_sizes: 4 of the layer's 32 units by default, an eighth (Bau et al. report 20 of 512).", Min = 1, Max = 512, Unit = "units")]
    public int ReportedUnits { get; init; } = 4;

    [Option("Draws of k random units, the control of every intervention.", Min = 1, Max = 1000, Unit = "draws")]
    public int RandomDraws { get; init; } = 10;

    [OptionGroup]
    public ThreadOptions Runtime { get; init; } = new();
}

/// <summary>
/// GAN dissection (Bau et al. 2019, 2020) with concepts whose masks are known exactly: a DCGAN-style generator trained
/// on synthetic scenes of coloured objects on plain or striped backgrounds; each unit of its half-resolution layer,
/// thresholded at its top quantile, is scored by IoU against each concept's mask in generated scenes (a colour's read off
/// the pixels by the palette rule, a shape's by <see cref="SceneShapeReader"/>'s rule on each colour's connected
/// components; no segmenter needed); then a concept's best units are ablated, which should lower its
/// pixel frequency, and forced on in the scene's centre, which should raise it, each against as many random units.
/// </summary>
public sealed partial class GanDissection : Experiment<GanDissectionOptions>
{
    public override string Id => "gan-dissection";
    public override string Title => "GAN dissection: units that draw concepts, ablated and forced on";
    public override Topic Topic => Topic.Generative;
    public override IReadOnlyList<string> Papers => ["bau2019gan", "bau2020understanding", "radford2016unsupervised"];

    public override string Summary =>
        "Trains a small DCGAN on synthetic RGB scenes (squares, discs and triangles in red, green or blue on a plain or striped " +
        "background), reads each colour concept's mask off generated scenes by an exact palette rule and each shape's by a rule on " +
        "the connected components of each colour (fill of the bounding box, height of the centroid), scores every unit of the " +
        "generator's middle layer by IoU with each concept at its top-1% threshold, then ablates a concept's top-k units (its " +
        "pixel frequency should fall) and forces them on in the scene's centre (it should rise), each against k random units.";

    public override GanDissectionOptions Quick => Defaults with
    {
        TrainingScenes = 1000,
        Steps = 150,
        BatchSize = 32,
        Channels = 16,
        JudgedScenes = 200,
        InterventionSizes = [1, 4],
        RandomDraws = 3,
    };

    public override CostEstimate EstimateCost(GanDissectionOptions o)
    {
        double pixels = (double)o.Side * o.Side;
        double training = o.Steps * (double)o.BatchSize * o.Channels * o.Channels * pixels;
        double interventions = 2.0 * DissectedConcepts.Count * o.InterventionSizes.Length * (1 + o.RandomDraws) * o.JudgedScenes * o.Channels * pixels;
        double shapeReadings = 2.0 * ShapeConcepts.Count * o.InterventionSizes.Length * (1 + o.RandomDraws) * o.JudgedScenes * pixels;
        double scenes = (o.TrainingScenes + o.JudgedScenes) * pixels;
        return new CostEstimate(o.Steps, "steps", TimeSpan.FromSeconds(
            training * CostCalibration.GanDissection.SecondsPerTrainingMultiply + interventions * CostCalibration.GanDissection.SecondsPerRenderedUnitPixel +
            shapeReadings * CostCalibration.GanDissection.SecondsPerReadPixel +
            scenes * CostCalibration.GanDissection.SecondsPerScenePixel + o.Steps * CostCalibration.GanDissection.SecondsPerStep));
    }

    /// <summary>Nothing to prepare: the scenes are generated.</summary>
    public override void PrepareData(GanDissectionOptions o, DataStore store) { }

    protected override IEnumerable<string> Inconsistencies(GanDissectionOptions o)
    {
        if (o.Side % 4 != 0) yield return $"side {o.Side} is not a multiple of 4, which the generator's two doublings need; give e.g. 24 or 32.";
        if (o.InterventionSizes.Length == 0) yield return "intervention_sizes is empty; give numbers of units such as 1,2,4,8.";
        if (o.InterventionSizes.Any(k => k > o.Channels)) yield return $"intervention_sizes reaches {o.InterventionSizes.Max()} units, more than the layer's {o.Channels}; lower it or raise channels.";
        if (o.InterventionSizes.Distinct().Count() != o.InterventionSizes.Length) yield return "intervention_sizes repeats a size; give each once.";
        if (!o.InterventionSizes.Contains(o.ReportedUnits)) yield return $"reported_units {o.ReportedUnits} is not one of intervention_sizes ({string.Join(",", o.InterventionSizes)}); add it there or pick one of them.";
    }

    public override ExperimentResult Run(GanDissectionOptions o, RunContext context) => Present(o, Measure(o, context));

    /// <summary>Frequencies (fractions of pixels showing the concept) after interventions on k = each of the sizes units.</summary>
    /// <param name="Aligned">With the concept's top-k units by IoU.</param>
    /// <param name="RandomMean">With k random units, the mean over the draws; <paramref name="RandomLow"/> and <paramref name="RandomHigh"/> their range.</param>
    private sealed record Intervention(double Intact, double[] Aligned, double[] RandomMean, double[] RandomLow, double[] RandomHigh);

    /// <summary>One colour concept dissected and intervened on.</summary>
    /// <param name="RealFrequency">Fraction of the judged real scenes' pixels in the concept's true mask.</param>
    /// <param name="GeneratedFrequency">Fraction of the intact generator's pixels the palette rule gives the concept.</param>
    /// <param name="Iou">Every unit's IoU with the concept, by unit index.</param>
    /// <param name="Ranking">Units in decreasing IoU.</param>
    /// <param name="Ablation">Frequency over whole scenes with units set to 0.</param>
    /// <param name="Forcing">Frequency in the scenes' central region with units set, there, to their mean activation on the concept.</param>
    /// <param name="BestUnitMaps">For the first scenes that show the concept (then the first others): per pixel, 1 if in the concept's mask, plus 2 if the best unit is above its threshold.</param>
    /// <param name="AblationExamples">Label maps (<see cref="SyntheticScenes.Labels"/>) of two scenes showing the concept, intact then with the reported k ablated, alternately.</param>
    /// <param name="ForcingExamples">Label maps of the first two scenes, intact then with the reported k forced on, alternately.</param>
    private sealed record ConceptStudy(string Concept, double RealFrequency, double GeneratedFrequency, double[] Iou, int[] Ranking,
        Intervention Ablation, Intervention Forcing, int[][] BestUnitMaps, int[][] AblationExamples, int[][] ForcingExamples);

    /// <param name="UnlabelledFraction">Fraction of generated pixels that match no palette colour (0 in real scenes).</param>
    /// <param name="DiscriminatorLoss">−V(D, G) of every training step's batch.</param>
    /// <param name="RealComponents">How many components of the judged real scenes the shape reader gave each <see cref="ComponentReading"/>.</param>
    /// <param name="GeneratedComponents">The same for the intact generator's scenes.</param>
    private sealed record Measurement(int[] Sizes, double UnlabelledFraction, double[] DiscriminatorLoss, List<ConceptStudy> Concepts,
        int[][] RealLabels, int[][] GeneratedLabels, int[] RealComponents, int[] GeneratedComponents);

    /// <summary>Scenes shown in each row of the sample sheets.</summary>
    private const int ShownScenes = 8;

    /// <summary>Scenes in which each concept's best unit is drawn against its mask.</summary>
    private const int MappedScenes = 3;

    private static Measurement Measure(GanDissectionOptions o, RunContext context)
    {
        TorchSetup.Prepare(context.Device);
        using var threads = IntraOpThreads.Use(o.Runtime.Threads);
        using var scope = NewDisposeScope();
        var world = new SyntheticScenes(o.Side, o.MaxObjects, o.StripedProbability);
        var training = world.Sample(o.TrainingScenes, Seeds.Derive(context.Seed, "gan-dissection training scenes"));
        var real = world.Sample(o.JudgedScenes, Seeds.Derive(context.Seed, "gan-dissection judged scenes"));
        int[] sizes = [.. o.InterventionSizes.Order()];
        var concepts = DissectedConcepts;
        using var task = context.Progress.Start("GAN dissection", o.Steps + (long)concepts.Count * sizes.Length);

        using var weights = context.TorchGenerator("gan-dissection weights");
        using var latent = context.TorchGenerator("gan-dissection latent");
        using var judged = context.TorchGenerator("gan-dissection judged latent");
        using var generator = new DcganGenerator(o.Latent, o.Channels, weights, imageChannels: 3, side: o.Side);
        using var discriminator = new DcganDiscriminator(o.Channels, weights, imageChannels: 3, side: o.Side);
        var losses = Train(o, context, training, generator, discriminator, latent, task);

        using var noGrad = no_grad();
        // The generator stays in training mode, so its batch normalisation uses the judged batch's statistics, as in training.
        var hidden = Chunked.Map(randn([o.JudgedScenes, o.Latent], generator: judged), GeneratedChunk, generator.Hidden);
        var images = Unit(generator.Render(hidden));
        var masks = stack([.. concepts.Select(c => Mask(images, c, o.ColourTolerance))], 1);
        var pixelCounts = masks.sum([2, 3]).to_type(ScalarType.Int64);
        var activations = UnitDissection.Upsample(hidden, o.Side);
        var thresholds = UnitDissection.TopQuantileThresholds(activations, o.TopQuantile);
        var iou = UnitDissection.IntersectionOverUnion(activations, thresholds, masks);
        var forcedValues = UnitDissection.ConditionalMeans(activations, masks);
        var generatedPixels = Pixels(images);
        var labels = generatedPixels.Select(p => SyntheticScenes.Labels(p, o.ColourTolerance)).ToArray();
        var generatedComponents = ComponentCounts(generatedPixels, o.ColourTolerance);
        var realComponents = ComponentCounts([.. real.Select(s => s.Pixels)], o.ColourTolerance);

        var studies = new List<ConceptStudy>();
        for (int c = 0; c < concepts.Count; c++)
        {
            string concept = concepts[c];
            int trueIndex = SyntheticScenes.Concepts.ToList().IndexOf(concept);
            double realFrequency = real.Average(s => s.Masks[trueIndex].Average(p => p ? 1.0 : 0.0));
            var unitIou = Enumerable.Range(0, o.Channels).Select(u => iou[u, c]).ToArray();
            var ranking = UnitDissection.Ranking(iou, c);
            var values = Enumerable.Range(0, o.Channels).Select(u => forcedValues[u, c]).ToArray();
            var random = context.Random($"gan-dissection random units {concept}");
            var ablation = new Recorder(sizes.Length);
            var forcing = new Recorder(sizes.Length);
            double intact = Frequency(images, concept, o.ColourTolerance, wholeScene: true);
            double intactCentre = Frequency(images, concept, o.ColourTolerance, wholeScene: false);
            Tensor? shownAblated = null, shownForced = null;
            for (int s = 0; s < sizes.Length; s++)
            {
                context.Cancellation.ThrowIfCancellationRequested();
                var top = ranking[..sizes[s]];
                var ablatedImages = Unit(generator.Render(Ablate(hidden, top)));
                var forcedImages = Unit(generator.Render(Force(hidden, top, values)));
                ablation.Aligned[s] = Frequency(ablatedImages, concept, o.ColourTolerance, wholeScene: true);
                forcing.Aligned[s] = Frequency(forcedImages, concept, o.ColourTolerance, wholeScene: false);
                if (sizes[s] == o.ReportedUnits) (shownAblated, shownForced) = (ablatedImages, forcedImages);
                var ablated = new double[o.RandomDraws];
                var forced = new double[o.RandomDraws];
                for (int d = 0; d < o.RandomDraws; d++)
                {
                    using var inner = NewDisposeScope();
                    var units = RandomUnits(random, o.Channels, sizes[s]);
                    ablated[d] = Frequency(Unit(generator.Render(Ablate(hidden, units))), concept, o.ColourTolerance, wholeScene: true);
                    forced[d] = Frequency(Unit(generator.Render(Force(hidden, units, values))), concept, o.ColourTolerance, wholeScene: false);
                }
                ablation.Random(s, ablated);
                forcing.Random(s, forced);
                task.Advance(1, $"{concept}: top {sizes[s]} ablated {ablation.Aligned[s]:P2} (random {ablation.RandomMean[s]:P2}), forced {forcing.Aligned[s]:P2}");
            }

            // Examples: two scenes that show the concept (ablation) and the first two scenes (insertion).
            var shown = pixelCounts[.., c].data<long>().ToArray();
            var showing = Enumerable.Range(0, o.JudgedScenes).Where(i => shown[i] >= MinimumShownPixels).Take(2).DefaultIfEmpty(0).ToArray();
            var ablationExamples = showing.SelectMany(i => new[] { labels[i], SyntheticScenes.Labels(ImagePixels(shownAblated![i]), o.ColourTolerance) }).ToArray();
            var forcingExamples = Enumerable.Range(0, Math.Min(2, o.JudgedScenes)).SelectMany(i => new[] { labels[i], SyntheticScenes.Labels(ImagePixels(shownForced![i]), o.ColourTolerance) }).ToArray();
            using var threshold = thresholds[ranking[0]].ToScalar();
            var best = activations[.., ranking[0]].gt(threshold);
            var mapped = Enumerable.Range(0, o.JudgedScenes).OrderBy(i => shown[i] >= MinimumShownPixels ? 0 : 1).ThenBy(i => i).Take(MappedScenes);
            var maps = mapped.Select(i =>
            {
                var mask = masks[i, c].flatten().data<bool>().ToArray();
                var above = best[i].flatten().data<bool>().ToArray();
                return mask.Select((m, p) => (m ? 1 : 0) + (above[p] ? 2 : 0)).ToArray();
            }).ToArray();
            studies.Add(new ConceptStudy(concept, realFrequency, intact, unitIou, ranking,
                ablation.Finish(intact), forcing.Finish(intactCentre), maps, ablationExamples, forcingExamples));
        }

        double unlabelled = labels.Average(l => l.Average(v => v == SyntheticScenes.NoColourLabel ? 1.0 : 0.0));
        var realLabels = real.Take(2 * ShownScenes).Select(s => SyntheticScenes.Labels(s.Pixels, o.ColourTolerance)).ToArray();
        return new Measurement(sizes, unlabelled, losses, studies, realLabels, labels[..Math.Min(2 * ShownScenes, labels.Length)], realComponents, generatedComponents);
    }

    /// <summary>Pixels a scene must show of a concept to serve as an ablation example.</summary>
    private const int MinimumShownPixels = 8;

    private static double[] Train(GanDissectionOptions o, RunContext context, Scene[] scenes, DcganGenerator generator, DcganDiscriminator discriminator,
        Generator latent, IProgressTask task)
    {
        // Pixels from [0, 1] to [−1, 1], the range of the generator's tanh.
        using Scalar two = 2.ToScalar(), one = 1.ToScalar();
        var pixels = tensor(scenes.SelectMany(s => s.Pixels).ToArray()).view(scenes.Length, 3, o.Side, o.Side) * two - one;
        var batches = new TensorBatches(pixels, null, o.BatchSize, shuffle: true, Seeds.Derive(context.Seed, "gan-dissection batches"));
        return GanTraining.TrainOnImages(generator, discriminator, size => randn([size, o.Latent], generator: latent), batches, o.LearningRate, o.Steps,
            [TrainingCallbacks.Progress(task)], context.Cancellation);
    }

    /// <summary>Latent codes the generator maps at once when dissected: a training batch's order of size.</summary>
    private const int GeneratedChunk = 500;

    /// <summary>Generated images from [−1, 1] to [0, 1], the palette's range.</summary>
    private static Tensor Unit(Tensor images)
    {
        using Scalar one = 1.ToScalar(), two = 2.ToScalar();
        return images.Plus(one) / two;
    }

    /// <summary>The shape concepts by name (declared before <see cref="DissectedConcepts"/>, whose initialiser reads them).</summary>
    private static readonly IReadOnlyList<(string Name, SceneShape Shape)> ShapeConcepts =
        [("square", SceneShape.Square), ("disc", SceneShape.Disc), ("triangle", SceneShape.Triangle)];

    /// <summary>
    /// The concepts dissected: the colour concepts, whose masks the palette rule reads, then the shapes, whose masks
    /// <see cref="SceneShapeReader"/> reads from the components of each object colour.
    /// </summary>
    public static readonly IReadOnlyList<string> DissectedConcepts = [.. SyntheticScenes.ColourConcepts, .. ShapeConcepts.Select(s => s.Name)];

    /// <summary>The concept's mask, [N, side, side]: by the palette rule for a colour concept, by the shape reader for a shape.</summary>
    private static Tensor Mask(Tensor images, string concept, double tolerance)
    {
        if (ShapeConcepts.FirstOrDefault(s => s.Name == concept) is { Name: not null } match)
        {
            var shape = match.Shape;
            var read = Pixels(images).SelectMany(p => SceneShapeReader.Read(p, tolerance).Mask(shape)).ToArray();
            return tensor(read).view(images.shape[0], images.shape[2], images.shape[3]);
        }
        var (r, g, b) = SyntheticScenes.ColourOf(concept);
        var colour = tensor(new[] { r, g, b }).view(1, 3, 1, 1);
        using var within = tolerance.ToScalar();
        return (images - colour).abs().max(1).values.le(within);
    }

    /// <summary>How many of the scenes' object-colour components the shape reader gives each <see cref="ComponentReading"/>, by its value.</summary>
    private static int[] ComponentCounts(IEnumerable<float[]> scenes, double tolerance)
    {
        var counts = new int[Enum.GetValues<ComponentReading>().Length];
        foreach (var scene in scenes)
            foreach (var reading in SceneShapeReader.Read(scene, tolerance).Components) counts[(int)reading]++;
        return counts;
    }

    /// <summary>
    /// Fraction of the scenes' pixels showing the concept, over whole scenes or over their central region (the middle
    /// half of rows and of columns, where units are forced on).
    /// </summary>
    private static double Frequency(Tensor images, string concept, double tolerance, bool wholeScene)
    {
        using var scope = NewDisposeScope();
        var mask = Mask(images, concept, tolerance);
        if (!wholeScene)
        {
            long side = mask.shape[1];
            mask = mask.narrow(1, side / 4, side / 2).narrow(2, side / 4, side / 2);
        }
        return mask.to_type(ScalarType.Float64).mean().AsDouble();
    }

    /// <summary>The layer with the given units set to 0 everywhere.</summary>
    private static Tensor Ablate(Tensor hidden, int[] units)
    {
        using var zero = 0.ToScalar();
        return hidden.index_fill(1, tensor(units.Select(u => (long)u).ToArray()), zero);
    }

    /// <summary>The layer with the given units set to their forcing value in the central region (half the rows and columns).</summary>
    private static Tensor Force(Tensor hidden, int[] units, double[] values)
    {
        using var scope = NewDisposeScope();
        long channels = hidden.shape[1], side = hidden.shape[2];
        var chosen = new bool[channels];
        foreach (int u in units) chosen[u] = true;
        var region = new bool[side * side];
        for (long y = side / 4; y < side / 4 + side / 2; y++)
            for (long x = side / 4; x < side / 4 + side / 2; x++) region[y * side + x] = true;
        var where = tensor(chosen).view(1, channels, 1, 1).logical_and(tensor(region).view(1, 1, side, side));
        var level = tensor(values.Select(v => (float)v).ToArray()).view(1, channels, 1, 1).expand_as(hidden);
        return torch.where(where, level, hidden).MoveToOuterDisposeScope();
    }

    /// <summary>k distinct units drawn uniformly (a partial Fisher–Yates shuffle).</summary>
    private static int[] RandomUnits(Random random, int units, int k)
    {
        var order = Enumerable.Range(0, units).ToArray();
        for (int i = 0; i < k; i++)
        {
            int j = i + random.Next(units - i);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order[..k];
    }

    /// <summary>Each image's pixels, [3, side, side] channel-major, in [0, 1].</summary>
    private static float[][] Pixels(Tensor images)
    {
        var all = images.contiguous().data<float>().ToArray();
        int size = all.Length / (int)images.shape[0];
        return [.. all.Chunk(size)];
    }

    private static float[] ImagePixels(Tensor image) => image.contiguous().data<float>().ToArray();

    /// <summary>Collects an intervention's frequencies, size by size.</summary>
    private sealed class Recorder(int sizes)
    {
        public double[] Aligned { get; } = new double[sizes];
        public double[] RandomMean { get; } = new double[sizes];
        private readonly double[] low = new double[sizes];
        private readonly double[] high = new double[sizes];

        public void Random(int size, double[] draws)
        {
            RandomMean[size] = draws.Average();
            low[size] = draws.Min();
            high[size] = draws.Max();
        }

        public Intervention Finish(double intact) => new(intact, Aligned, RandomMean, low, high);
    }
}

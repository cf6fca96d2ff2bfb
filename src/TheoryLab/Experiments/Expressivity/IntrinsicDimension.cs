using TheoryLab.Data;
using TheoryLab.Kernel;
using TheoryLab.Numerics.IntrinsicDimension;
using TheoryLab.Options;
using TheoryLab.Torch;

namespace TheoryLab.Experiments.Expressivity;

/// <summary>Options of <see cref="IntrinsicDimension"/>. Levina–Bickel's k₁ = 10, k₂ = 20 and TwoNN's 10% discard are the papers' choices.</summary>
public sealed record IntrinsicDimensionOptions
{
    [Option("Points drawn from each manifold of known dimension.", Min = 50, Max = 50_000, Unit = "n")]
    public int SampleSize { get; init; } = 2000;

    [Option("Dimension D of the space the manifolds are embedded in (by a random orthonormal frame).", Min = 3, Max = 4096, Unit = "D")]
    public int AmbientDimension { get; init; } = 100;

    [Option("Standard deviation σ of the Gaussian noise added to every ambient coordinate of the manifold samples.", Min = 0, Max = 10, Unit = "σ")]
    public double Noise { get; init; } = 1e-4;

    [Option("Dimensions d of the spheres S^d ⊂ R^{d+1} (uniform samples).", Min = 1, Max = 50)]
    public int[] SphereDimensions { get; init; } = [2, 5, 10];

    [Option("Dimensions d of linear subspaces with standard Gaussian coordinates.", Min = 1, Max = 50)]
    public int[] SubspaceDimensions { get; init; } = [3, 6, 10];

    [Option("Dimensions d of uniform cubes [0,1]^d (flat density, but most points near the boundary when d is large).", Min = 1, Max = 50)]
    public int[] CubeDimensions { get; init; } = [10];

    [Option("Include the Swiss roll (d = 2).")]
    public bool SwissRoll { get; init; } = true;

    [Option("Noise levels σ of the noise sweep on the sphere S^d with d = noise_sphere_dimension.", Min = 1e-12, Max = 10, Unit = "σ")]
    public double[] NoiseLevels { get; init; } = [1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1];

    [Option("Dimension of the sphere used in the noise sweep.", Min = 1, Max = 50)]
    public int NoiseSphereDimension { get; init; } = 5;

    [Option("Smallest neighbourhood size k₁ of the Levina–Bickel estimator (estimates are averaged over k₁..k₂).", Min = 2, Max = 200, Unit = "k")]
    public int K1 { get; init; } = 10;

    [Option("Largest neighbourhood size k₂ of the Levina–Bickel estimator.", Min = 2, Max = 200, Unit = "k",
        Derived = "2k₁, at most 200 and below sample_size")]
    public int K2 { get => _k2 ?? Math.Min(Math.Min(200, SampleSize - 1), 2 * K1); init => _k2 = value; }

    private readonly int? _k2;

    [Option("Fraction of the largest ratios r₂/r₁ left out of the TwoNN fit.", Min = 0, Max = 0.9)]
    public double TwoNnDiscard { get; init; } = 0.1;

    [Option("Largest candidate dimension of the Hein–Audibert estimator.", Min = 1, Max = 200)]
    public int MaxDimension { get; init; } = 30;

    [Option("Dataset whose classes are estimated one by one (none skips this part).", Choices = ["mnist", "fashion-mnist", "kmnist", "mnist1d", "mnist1d-published", "none"])]
    public string Dataset { get; init; } = "mnist";

    [Option("Split of the dataset to read: the MNIST-family test split holds 10,000 images, about 1,000 per class.", Choices = ["test", "train"])]
    public string Split { get; init; } = "test";

    [Option("Largest number of examples per class (a seeded random subset when a class has more).", Min = 30, Max = 100_000, Unit = "examples")]
    public int PerClass { get; init; } = 1000;

    [Option("Examples of all classes together for the whole-dataset estimate (a seeded random subset when the split has more).", Min = 30, Max = 100_000, Unit = "examples")]
    public int WholeSet { get; init; } = 10_000;
}

/// <summary>
/// Intrinsic dimension of data: three estimators — Hein &amp; Audibert's (2005) U-statistic scaling, Levina &amp;
/// Bickel's (2004) maximum likelihood from k-neighbour distances, and Facco et al.'s (2017) TwoNN from the ratio
/// of the first two neighbour distances — checked on manifolds of known dimension embedded in high dimension
/// with noise, then applied class by class to digit images, which lie near manifolds of dimension far below
/// their pixel count.
/// </summary>
public sealed partial class IntrinsicDimension : Experiment<IntrinsicDimensionOptions>
{
    public override string Id => "intrinsic-dimension";
    public override string Title => "Intrinsic dimension of manifolds and digits (Hein–Audibert, Levina–Bickel, TwoNN)";
    public override Topic Topic => Topic.Expressivity;
    public override IReadOnlyList<string> Papers => ["hein2005intrinsic", "levina2004maximum", "mackay2005comments", "facco2017estimating"];
    public override string Summary =>
        "Estimates intrinsic dimension with the Hein–Audibert U-statistic estimator, the Levina–Bickel MLE and TwoNN, first on spheres, " +
        "Gaussian subspaces, cubes and the Swiss roll embedded in R^D with noise (each estimate beside the true d), then per class of a digit dataset. " +
        "Nearest neighbours come from exact blocked libtorch distance products.";

    public override IntrinsicDimensionOptions Quick => Defaults with
    {
        SampleSize = 600,
        SphereDimensions = [2, 5],
        SubspaceDimensions = [3],
        CubeDimensions = [3],
        NoiseLevels = [1e-4, 1e-2],
        MaxDimension = 15,
        Dataset = "mnist1d",
        Split = "train",
        PerClass = 300,
        WholeSet = 1500,
    };

    /// <summary>Only the split the run reads is prepared: MNIST-family test files suffice for the default.</summary>
    public override void PrepareData(IntrinsicDimensionOptions o, DataStore store)
    {
        if (o.Dataset == "none") return;
        if (o.Dataset.StartsWith("mnist1d", StringComparison.Ordinal)) Datasets.Prepare(o.Dataset, store);
        else MnistFamilyFiles.LocateSplit(MnistFamily.Get(o.Dataset), o.Split, store);
    }

    protected override IEnumerable<string> Inconsistencies(IntrinsicDimensionOptions o)
    {
        if (o.K2 < o.K1) yield return $"k₂ = {o.K2} must be at least k₁ = {o.K1}.";
        if (o.K2 >= o.SampleSize) yield return $"k₂ = {o.K2} needs more than {o.K2} points; raise sample_size.";
    }

    /// <summary>Cost from n²·D per point cloud.</summary>
    public override CostEstimate EstimateCost(IntrinsicDimensionOptions o)
    {
        int clouds = Manifolds(o).Count + o.NoiseLevels.Length;
        double work = clouds * (double)o.SampleSize * o.SampleSize * o.AmbientDimension;
        int datasetClouds = 0;
        if (o.Dataset != "none")
        {
            int dims = Datasets.Shape(o.Dataset).Inputs;
            work += (10.0 * o.PerClass * o.PerClass + (double)o.WholeSet * o.WholeSet) * dims;
            datasetClouds = 11;
        }
        return new CostEstimate(clouds + datasetClouds, "point clouds", TimeSpan.FromSeconds(work * CostCalibration.IntrinsicDimension.SecondsPerPairDimension + CostCalibration.IntrinsicDimension.SecondsPerCloud * (clouds + datasetClouds)));
    }

    public override ExperimentResult Run(IntrinsicDimensionOptions o, RunContext context) => Present(o, Measure(o, context));

    /// <summary>One point cloud's estimates, with its label and where it sits on the x axis (a true dimension, σ or a class).</summary>
    private sealed record Estimated(string Label, double X, DimensionEstimates Estimates);

    /// <summary>The estimates for each class of a dataset and for a subset of all classes together.</summary>
    private sealed record DatasetEstimates(int ExampleSize, List<Estimated> Classes, Estimated? Whole, Dictionary<string, double> Counts);

    /// <summary>What a run measures: the estimates on manifolds of known dimension, on the noisy sphere, and on the dataset's classes.</summary>
    private sealed record Measurement(List<Estimated> Manifolds, List<Estimated> Noisy, DatasetEstimates? Dataset);

    private static Measurement Measure(IntrinsicDimensionOptions o, RunContext context)
    {
        TorchSetup.Prepare(context.Device);
        // A missing dataset file should stop the run before the manifolds are computed, not after.
        var data = o.Dataset == "none" ? null : LoadSplit(o.Dataset, o.Split, context);
        var manifolds = Manifolds(o);
        var rows = new List<Estimated>();
        var noisy = new List<Estimated>();
        using (var task = context.Progress.Start("manifolds", manifolds.Count + o.NoiseLevels.Length))
        {
            foreach (var (name, kind, d) in manifolds)
            {
                var points = ManifoldSample.Draw(kind, d, o.SampleSize, o.AmbientDimension, o.Noise, context.Random($"manifold {name}"));
                var estimates = Estimate(points, o, context.Cancellation);
                rows.Add(new Estimated(name, ManifoldSample.Dimension(kind, d), estimates));
                task.Advance(1, $"{name}: {estimates.LevinaBickel:F1} / {estimates.LevinaBickelPooled:F1} / {estimates.TwoNn:F1} / {estimates.HeinAudibert}");
            }
            foreach (double sigma in o.NoiseLevels)
            {
                var points = ManifoldSample.Draw(ManifoldKind.Sphere, o.NoiseSphereDimension, o.SampleSize, o.AmbientDimension, sigma, context.Random($"noise {sigma}"));
                noisy.Add(new Estimated($"sigma {sigma:G3}", sigma, Estimate(points, o, context.Cancellation)));
                task.Advance(1, $"σ = {sigma:G2}");
            }
        }
        return new Measurement(rows, noisy, data is null ? null : MeasureDataset(o, data, context));
    }

    /// <summary>Estimates for each class of the dataset and for all classes together.</summary>
    private static DatasetEstimates MeasureDataset(IntrinsicDimensionOptions o, LabeledData data, RunContext context)
    {
        var random = context.Random("dataset subsets");
        var groups = Enumerable.Range(0, data.Classes)
            .Select(c => (Label: c.ToString(System.Globalization.CultureInfo.InvariantCulture), Indices: Subset(Enumerable.Range(0, data.Count).Where(i => data.Labels[i] == c).ToList(), o.PerClass, random)))
            .Append((Label: "all", Indices: Subset(Enumerable.Range(0, data.Count).ToList(), o.WholeSet, random)))
            .Where(g => g.Indices.Count > o.K2)
            .ToList();
        var rows = new List<Estimated>();
        using var task = context.Progress.Start($"{o.Dataset} classes", groups.Count);
        foreach (var (label, indices) in groups)
        {
            var points = indices.Select(i => data.Inputs.AsSpan(i * data.ExampleSize, data.ExampleSize).ToArray().Select(v => (double)v).ToArray()).ToArray();
            var estimates = Estimate(points, o, context.Cancellation);
            rows.Add(new Estimated(label, label == "all" ? -1 : int.Parse(label, System.Globalization.CultureInfo.InvariantCulture), estimates));
            task.Advance(1, $"{label}: {estimates.LevinaBickel:F1} / {estimates.TwoNn:F1} / {estimates.HeinAudibert}");
        }
        var counts = groups.ToDictionary(g => g.Label, g => (double)g.Indices.Count);
        return new DatasetEstimates(data.ExampleSize, [.. rows.Where(r => r.Label != "all")], rows.FirstOrDefault(r => r.Label == "all"), counts);
    }

    /// <summary>One split of a dataset by name, from the run's data store (MNIST-1D is generated from the seed).</summary>
    private static LabeledData LoadSplit(string dataset, string split, RunContext context)
    {
        if (dataset.StartsWith("mnist1d", StringComparison.Ordinal))
        {
            var both = Datasets.Load(dataset, context.Data, context.Seed);
            return split == "train" ? both.Train : both.Test;
        }
        return MnistFamilyFiles.LoadSplit(MnistFamily.Get(dataset), split, context.Data, cancellation: context.Cancellation);
    }

    private static List<int> Subset(List<int> indices, int limit, Random random)
    {
        if (indices.Count <= limit) return indices;
        var chosen = indices.ToArray();
        random.Shuffle(chosen);
        return [.. chosen.Take(limit).Order()];
    }

    /// <summary>All three estimates for one point cloud: one blocked libtorch pass over its distances, then the estimators.</summary>
    public static DimensionEstimates Estimate(double[][] points, IntrinsicDimensionOptions o, CancellationToken cancellation = default)
    {
        using var scan = NeighbourSearch.Scan(points, Math.Max(o.K2, 2), cancellation: cancellation);
        var levinaBickel = LevinaBickel.Estimate(scan.Nearest, o.K1, o.K2);
        var twoNn = TwoNearestNeighbours.Estimate(scan.Nearest, o.TwoNnDiscard);
        var heinAudibert = HeinAudibert.Estimate(scan.MeanNearest, points.Length, Math.Min(o.MaxDimension, points[0].Length),
            radii => scan.PairsBelow(radii, cancellation));
        return new DimensionEstimates(levinaBickel.Dimension, levinaBickel.PooledDimension, twoNn.Dimension, heinAudibert.Dimension);
    }

    private static List<(string Name, ManifoldKind Kind, int D)> Manifolds(IntrinsicDimensionOptions o)
    {
        var list = new List<(string, ManifoldKind, int)>();
        list.AddRange(o.SphereDimensions.Select(d => ($"sphere{d}", ManifoldKind.Sphere, d)));
        if (o.SwissRoll) list.Add(("swiss-roll", ManifoldKind.SwissRoll, 2));
        list.AddRange(o.SubspaceDimensions.Select(d => ($"subspace{d}", ManifoldKind.Subspace, d)));
        list.AddRange(o.CubeDimensions.Select(d => ($"cube{d}", ManifoldKind.Cube, d)));
        return list;
    }


}

/// <summary>The three estimates of one point cloud.</summary>
/// <param name="LevinaBickel">The paper's estimate: per-point estimates averaged.</param>
/// <param name="LevinaBickelPooled">MacKay &amp; Ghahramani's pooled version: inverse estimates averaged, then inverted.</param>
public sealed record DimensionEstimates(double LevinaBickel, double LevinaBickelPooled, double TwoNn, int HeinAudibert);

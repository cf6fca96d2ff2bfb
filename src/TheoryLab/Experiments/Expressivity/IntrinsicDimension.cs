using TheoryLab.Data;
using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Numerics.IntrinsicDimension;
using TheoryLab.Options;
using TheoryLab.Tables;
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
public sealed class IntrinsicDimension : Experiment<IntrinsicDimensionOptions>
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
            int dims = o.Dataset.StartsWith("mnist1d", StringComparison.Ordinal) ? 40 : 784;
            work += (10.0 * o.PerClass * o.PerClass + (double)o.WholeSet * o.WholeSet) * dims;
            datasetClouds = 11;
        }
        return new CostEstimate(clouds + datasetClouds, "point clouds", TimeSpan.FromSeconds(work * CostCalibration.IntrinsicDimension.SecondsPerPairDimension + CostCalibration.IntrinsicDimension.SecondsPerCloud * (clouds + datasetClouds)));
    }

    public override ExperimentResult Run(IntrinsicDimensionOptions o, RunContext context)
    {
        TorchSetup.Prepare(context.Device);
        // A missing dataset file should stop the run before the manifolds are computed, not after.
        var data = o.Dataset == "none" ? null : LoadSplit(o.Dataset, o.Split, context);
        var result = new ExperimentResult();
        var manifolds = Manifolds(o);
        var rows = new List<(string Name, int Dimension, DimensionEstimates Estimates)>();
        Table manifoldTable, noiseTable;
        using (var task = context.Progress.Start("manifolds", manifolds.Count + o.NoiseLevels.Length))
        {
            foreach (var (name, kind, d) in manifolds)
            {
                var points = ManifoldSample.Draw(kind, d, o.SampleSize, o.AmbientDimension, o.Noise, context.Random($"manifold {name}"));
                var estimates = Estimate(points, o, context.Cancellation);
                rows.Add((name, ManifoldSample.Dimension(kind, d), estimates));
                task.Advance(1, $"{name}: {estimates.LevinaBickel:F1} / {estimates.LevinaBickelPooled:F1} / {estimates.TwoNn:F1} / {estimates.HeinAudibert}");
            }
            manifoldTable = EstimateTable("manifolds", "true_dimension", rows.Select(r => (r.Name, (double)r.Dimension, r.Estimates)));
            // Markers of the four estimators sit side by side around each true d, so that none hides another.
            foreach (var (column, offset) in new[] { ("levina_bickel", -0.18), ("levina_bickel_pooled", -0.06), ("twonn", 0.06), ("hein_audibert", 0.18) })
                manifoldTable.Add($"position_{column}", rows.Select(r => r.Dimension + offset));
            result.Add(manifoldTable);
            var noisy = new List<(string, double, DimensionEstimates)>();
            foreach (double sigma in o.NoiseLevels)
            {
                var points = ManifoldSample.Draw(ManifoldKind.Sphere, o.NoiseSphereDimension, o.SampleSize, o.AmbientDimension, sigma, context.Random($"noise {sigma}"));
                noisy.Add(($"sigma {sigma:G3}", sigma, Estimate(points, o, context.Cancellation)));
                task.Advance(1, $"σ = {sigma:G2}");
            }
            noiseTable = EstimateTable("noise", "sigma", noisy).Add("true_dimension", o.NoiseLevels.Select(_ => (double)o.NoiseSphereDimension));
            result.Add(noiseTable);
        }

        foreach (var (name, dimension, estimates) in rows)
        {
            string key = name.Replace("-", "_");
            const string truth = "theory: the manifold's dimension";
            result.Add(new Finding($"{key}_levina_bickel", estimates.LevinaBickel, "1", $"Levina–Bickel estimate (k = {o.K1}..{o.K2}) on the {Describe(name)}.", dimension, truth));
            result.Add(new Finding($"{key}_levina_bickel_pooled", estimates.LevinaBickelPooled, "1", $"Levina–Bickel estimate pooled as MacKay & Ghahramani propose (inverses averaged) on the {Describe(name)}.", dimension, truth));
            result.Add(new Finding($"{key}_twonn", estimates.TwoNn, "1", $"TwoNN estimate on the {Describe(name)}.", dimension, truth));
            result.Add(new Finding($"{key}_hein_audibert", estimates.HeinAudibert, "1", $"Hein–Audibert estimate (integer, candidates 1..{o.MaxDimension}) on the {Describe(name)}.", dimension, truth));
        }
        if (data is not null) AddDataset(result, o, data, context);
        AddFigures(result, o, manifoldTable, noiseTable);
        return result;
    }

    /// <summary>Estimates for each class of the dataset and for all classes together.</summary>
    private static void AddDataset(ExperimentResult result, IntrinsicDimensionOptions o, LabeledData data, RunContext context)
    {
        var random = context.Random("dataset subsets");
        var groups = Enumerable.Range(0, data.Classes)
            .Select(c => (Label: c.ToString(System.Globalization.CultureInfo.InvariantCulture), Indices: Subset(Enumerable.Range(0, data.Count).Where(i => data.Labels[i] == c).ToList(), o.PerClass, random)))
            .Append((Label: "all", Indices: Subset(Enumerable.Range(0, data.Count).ToList(), o.WholeSet, random)))
            .Where(g => g.Indices.Count > o.K2)
            .ToList();
        var rows = new List<(string, double, DimensionEstimates)>();
        using var task = context.Progress.Start($"{o.Dataset} classes", groups.Count);
        foreach (var (label, indices) in groups)
        {
            var points = indices.Select(i => data.Inputs.AsSpan(i * data.ExampleSize, data.ExampleSize).ToArray().Select(v => (double)v).ToArray()).ToArray();
            var estimates = Estimate(points, o, context.Cancellation);
            rows.Add((label, label == "all" ? -1 : int.Parse(label, System.Globalization.CultureInfo.InvariantCulture), estimates));
            task.Advance(1, $"{label}: {estimates.LevinaBickel:F1} / {estimates.TwoNn:F1} / {estimates.HeinAudibert}");
        }
        var counts = groups.ToDictionary(g => g.Label, g => (double)g.Indices.Count);
        result.Add(EstimateTable("classes", "class", rows.Where(r => r.Item1 != "all")).Add("examples", rows.Where(r => r.Item1 != "all").Select(r => counts[r.Item1])));
        result.Add(EstimateTable("whole", "class", rows.Where(r => r.Item1 == "all")).Add("examples", rows.Where(r => r.Item1 == "all").Select(r => counts[r.Item1])));

        string key = o.Dataset.Replace("-", "_");
        var classes = rows.Where(r => r.Item1 != "all").Select(r => r.Item3).ToList();
        var whole = rows.FirstOrDefault(r => r.Item1 == "all").Item3;
        foreach (var (name, pick, title) in new (string, Func<DimensionEstimates, double>, string)[]
                 {
                     ("levina_bickel", e => e.LevinaBickel, "Levina–Bickel"), ("levina_bickel_pooled", e => e.LevinaBickelPooled, "pooled Levina–Bickel"),
                     ("twonn", e => e.TwoNn, "TwoNN"), ("hein_audibert", e => e.HeinAudibert, "Hein–Audibert"),
                 })
        {
            if (classes.Count > 0)
                result.Add(new Finding($"{key}_class_mean_{name}", classes.Average(pick), "1",
                    $"{title} estimate averaged over the {classes.Count} classes of {o.Dataset} ({o.Split} split, at most {o.PerClass} examples each; ambient dimension {data.ExampleSize})."));
            if (whole is not null)
                result.Add(new Finding($"{key}_all_{name}", pick(whole), "1", $"{title} estimate on {groups[^1].Indices.Count} examples of all classes of {o.Dataset} together."));
        }
        result.Add(new Figure("classes",
            $"Intrinsic dimension of each class of {o.Dataset} ({o.Split} split, at most {o.PerClass} examples per class, ambient dimension {data.ExampleSize}).",
            new Axis("class"), new Axis("estimated dimension", Min: 0),
            [
                new Markers("classes", "class", "levina_bickel", "Levina–Bickel"),
                new Markers("classes", "class", "levina_bickel_pooled", "Levina–Bickel pooled"),
                new Markers("classes", "class", "twonn", "TwoNN"),
                new Markers("classes", "class", "hein_audibert", "Hein–Audibert"),
            ])
        { Legend = LegendPlace.LowerRight });
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

    private static string Describe(string name) => name switch
    {
        "swiss-roll" => "Swiss roll (d = 2)",
        _ when name.StartsWith("sphere", StringComparison.Ordinal) => $"sphere S^{name[6..]}",
        _ when name.StartsWith("subspace", StringComparison.Ordinal) => $"Gaussian {name[8..]}-dimensional subspace",
        _ => $"uniform {name[4..]}-dimensional cube",
    };

    private static Table EstimateTable(string name, string xColumn, IEnumerable<(string Label, double X, DimensionEstimates Estimates)> rows)
    {
        var list = rows.ToList();
        return new Table(name)
            .AddText("label", list.Select(r => r.Label))
            .Add(xColumn, list.Select(r => r.X))
            .Add("levina_bickel", list.Select(r => r.Estimates.LevinaBickel))
            .Add("levina_bickel_pooled", list.Select(r => r.Estimates.LevinaBickelPooled))
            .Add("twonn", list.Select(r => r.Estimates.TwoNn))
            .Add("hein_audibert", list.Select(r => (double)r.Estimates.HeinAudibert));
    }

    private static void AddFigures(ExperimentResult result, IntrinsicDimensionOptions o, Table manifolds, Table noise)
    {
        var truth = new Table("truth").Add("d", [0.0, manifolds.Numbers("true_dimension").DefaultIfEmpty(1).Max() + 1]);
        truth.Add("estimate", truth.Numbers("d"));
        result.Add(truth);
        result.Add(new Figure("manifolds",
            $"Estimated against true intrinsic dimension for manifolds embedded in R^{o.AmbientDimension} with noise σ = {o.Noise:G2}, n = {o.SampleSize} points each (markers set slightly apart by estimator).",
            new Axis("true dimension d"), new Axis("estimated dimension"),
            [
                new Line(truth.Name, "d", "estimate", "estimate = true d"),
                new Markers(manifolds.Name, "position_levina_bickel", "levina_bickel", "Levina–Bickel"),
                new Markers(manifolds.Name, "position_levina_bickel_pooled", "levina_bickel_pooled", "Levina–Bickel pooled"),
                new Markers(manifolds.Name, "position_twonn", "twonn", "TwoNN"),
                new Markers(manifolds.Name, "position_hein_audibert", "hein_audibert", "Hein–Audibert"),
            ])
        { Legend = LegendPlace.UpperLeft });
        result.Add(new Figure("noise",
            $"Estimates on the sphere S^{o.NoiseSphereDimension} in R^{o.AmbientDimension} as the ambient noise σ grows.",
            new Axis("noise σ per coordinate", Log: true), new Axis("estimated dimension"),
            [
                new Line(noise.Name, "sigma", "true_dimension", "true d"),
                new Markers(noise.Name, "sigma", "levina_bickel", "Levina–Bickel"),
                new Markers(noise.Name, "sigma", "levina_bickel_pooled", "Levina–Bickel pooled"),
                new Markers(noise.Name, "sigma", "twonn", "TwoNN"),
                new Markers(noise.Name, "sigma", "hein_audibert", "Hein–Audibert"),
            ])
        { Legend = LegendPlace.UpperLeft });
    }
}

/// <summary>The three estimates of one point cloud.</summary>
/// <param name="LevinaBickel">The paper's estimate: per-point estimates averaged.</param>
/// <param name="LevinaBickelPooled">MacKay &amp; Ghahramani's pooled version: inverse estimates averaged, then inverted.</param>
public sealed record DimensionEstimates(double LevinaBickel, double LevinaBickelPooled, double TwoNn, int HeinAudibert);

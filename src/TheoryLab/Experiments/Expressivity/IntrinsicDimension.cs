using TheoryLab.Figures;
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

    [Option("Largest neighbourhood size k₂ of the Levina–Bickel estimator.", Min = 2, Max = 200, Unit = "k")]
    public int K2 { get; init; } = 20;

    [Option("Fraction of the largest ratios r₂/r₁ left out of the TwoNN fit.", Min = 0, Max = 0.9)]
    public double TwoNnDiscard { get; init; } = 0.1;

    [Option("Largest candidate dimension of the Hein–Audibert estimator.", Min = 1, Max = 200)]
    public int MaxDimension { get; init; } = 30;
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
    };

    protected override IEnumerable<string> Inconsistencies(IntrinsicDimensionOptions o)
    {
        if (o.K2 < o.K1) yield return $"k₂ = {o.K2} must be at least k₁ = {o.K1}.";
        if (o.K2 >= o.SampleSize) yield return $"k₂ = {o.K2} needs more than {o.K2} points; raise sample_size.";
    }

    public override ExperimentResult Run(IntrinsicDimensionOptions o, RunContext context)
    {
        TorchSetup.Prepare(context);
        var result = new ExperimentResult();
        var manifolds = Manifolds(o);
        var rows = new List<(string Name, int Dimension, DimensionEstimates Estimates)>();
        using (var task = context.Progress.Start("manifolds", manifolds.Count + o.NoiseLevels.Length))
        {
            foreach (var (name, kind, d) in manifolds)
            {
                var points = ManifoldSample.Draw(kind, d, o.SampleSize, o.AmbientDimension, o.Noise, context.Random($"manifold {name}"));
                var estimates = Estimate(points, o, context.Cancellation);
                rows.Add((name, ManifoldSample.Dimension(kind, d), estimates));
                task.Advance(1, $"{name}: {estimates.LevinaBickel:F1} / {estimates.LevinaBickelPooled:F1} / {estimates.TwoNn:F1} / {estimates.HeinAudibert}");
            }
            result.Add(EstimateTable("manifolds", rows.Select(r => (r.Name, (double)r.Dimension, r.Estimates))));
            var noisy = new List<(string, double, DimensionEstimates)>();
            foreach (double sigma in o.NoiseLevels)
            {
                var points = ManifoldSample.Draw(ManifoldKind.Sphere, o.NoiseSphereDimension, o.SampleSize, o.AmbientDimension, sigma, context.Random($"noise {sigma}"));
                noisy.Add(($"sigma {sigma:G3}", sigma, Estimate(points, o, context.Cancellation)));
                task.Advance(1, $"σ = {sigma:G2}");
            }
            result.Add(EstimateTable("noise", noisy).Add("true_dimension", o.NoiseLevels.Select(_ => (double)o.NoiseSphereDimension)));
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
        AddFigures(result, o);
        return result;
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

    private static Table EstimateTable(string name, IEnumerable<(string Label, double X, DimensionEstimates Estimates)> rows)
    {
        var list = rows.ToList();
        return new Table(name)
            .AddText("label", list.Select(r => r.Label))
            .Add(name == "noise" ? "sigma" : "true_dimension", list.Select(r => r.X))
            .Add("levina_bickel", list.Select(r => r.Estimates.LevinaBickel))
            .Add("levina_bickel_pooled", list.Select(r => r.Estimates.LevinaBickelPooled))
            .Add("twonn", list.Select(r => r.Estimates.TwoNn))
            .Add("hein_audibert", list.Select(r => (double)r.Estimates.HeinAudibert));
    }

    private static void AddFigures(ExperimentResult result, IntrinsicDimensionOptions o)
    {
        var truth = new Table("truth").Add("d", [0.0, result.Table("manifolds").Numbers("true_dimension").DefaultIfEmpty(1).Max() + 1]);
        truth.Add("estimate", truth.Numbers("d"));
        result.Add(truth);
        result.Add(new Figure("manifolds",
            $"Estimated against true intrinsic dimension for manifolds embedded in R^{o.AmbientDimension} with noise σ = {o.Noise:G2}, n = {o.SampleSize} points each.",
            new Axis("true dimension d"), new Axis("estimated dimension d̂"),
            [
                new Line("truth", "d", "estimate", "d̂ = d"),
                new Markers("manifolds", "true_dimension", "levina_bickel", "Levina–Bickel"),
                new Markers("manifolds", "true_dimension", "levina_bickel_pooled", "Levina–Bickel pooled"),
                new Markers("manifolds", "true_dimension", "twonn", "TwoNN"),
                new Markers("manifolds", "true_dimension", "hein_audibert", "Hein–Audibert"),
            ])
        { Legend = LegendPlace.UpperLeft });
        result.Add(new Figure("noise",
            $"Estimates on the sphere S^{o.NoiseSphereDimension} in R^{o.AmbientDimension} as the ambient noise σ grows: noise fills the small scales with all D dimensions.",
            new Axis("noise σ per coordinate", Log: true), new Axis("estimated dimension d̂"),
            [
                new Line("noise", "sigma", "true_dimension", "true d"),
                new Markers("noise", "sigma", "levina_bickel", "Levina–Bickel"),
                new Markers("noise", "sigma", "levina_bickel_pooled", "Levina–Bickel pooled"),
                new Markers("noise", "sigma", "twonn", "TwoNN"),
                new Markers("noise", "sigma", "hein_audibert", "Hein–Audibert"),
            ])
        { Legend = LegendPlace.UpperLeft });
    }
}

/// <summary>The three estimates of one point cloud.</summary>
/// <param name="LevinaBickel">The paper's estimate: per-point estimates averaged.</param>
/// <param name="LevinaBickelPooled">MacKay &amp; Ghahramani's pooled version: inverse estimates averaged, then inverted.</param>
public sealed record DimensionEstimates(double LevinaBickel, double LevinaBickelPooled, double TwoNn, int HeinAudibert);

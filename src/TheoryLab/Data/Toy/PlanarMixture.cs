using TheoryLab.Numerics.Statistics;

namespace TheoryLab.Data.Toy;

/// <summary>
/// An equal-weight mixture of isotropic Gaussians in the plane, N(μₖ, σ²I) for k = 1..K: the target of the 2-D
/// generative experiments, chosen because everything a sample can be judged by is exact here — the density, the
/// mode a point belongs to, and whether it lies within a few σ of that mode. <see cref="Ring"/> and <see cref="Grid"/>
/// are the two layouts of the mode-collapse literature.
/// </summary>
public sealed class PlanarMixture
{
    private PlanarMixture(string name, IReadOnlyList<(double X, double Y)> means, double sigma)
    {
        if (!(sigma > 0) || double.IsInfinity(sigma)) throw new TheoryLabException($"{name}: standard deviation {sigma}; give a positive finite σ.");
        Name = name;
        Means = means;
        Sigma = sigma;
        density = new IsotropicGaussianMixture([.. means.Select(m => new[] { m.X, m.Y })], sigma * sigma);
    }

    private readonly IsotropicGaussianMixture density;

    /// <summary>"ring" or "grid": what the layouts are called in options.</summary>
    public string Name { get; }
    public IReadOnlyList<(double X, double Y)> Means { get; }
    public double Sigma { get; }
    public int Modes => Means.Count;

    /// <summary><paramref name="modes"/> modes evenly spaced on a circle of <paramref name="radius"/>, the first on the positive x axis.</summary>
    public static PlanarMixture Ring(int modes = 8, double radius = 2, double sigma = 0.02)
    {
        if (modes < 1) throw new TheoryLabException($"ring: {modes} modes; give at least 1.");
        if (!(radius > 0)) throw new TheoryLabException($"ring: radius {radius}; give a positive radius.");
        var means = Enumerable.Range(0, modes).Select(k => GaussianMixture.Mean(k, modes, radius)).ToArray();
        return new("ring", means, sigma);
    }

    /// <summary>A <paramref name="side"/> × <paramref name="side"/> square grid of modes <paramref name="spacing"/> apart, centred on the origin.</summary>
    public static PlanarMixture Grid(int side = 5, double spacing = 2, double sigma = 0.05)
    {
        if (side < 1) throw new TheoryLabException($"grid: {side} modes a side; give at least 1.");
        if (!(spacing > 0)) throw new TheoryLabException($"grid: spacing {spacing}; give a positive spacing.");
        double offset = (side - 1) * spacing / 2;
        var means = new (double X, double Y)[side * side];
        for (int i = 0; i < side; i++)
            for (int j = 0; j < side; j++)
                means[i * side + j] = (i * spacing - offset, j * spacing - offset);
        return new("grid", means, sigma);
    }

    /// <summary>
    /// <paramref name="count"/> points as interleaved (x, y) pairs: each picks its mode uniformly, then adds σ-scaled
    /// standard normals, all from one stream seeded by <paramref name="seed"/>.
    /// </summary>
    public float[] Sample(int count, int seed)
    {
        if (count < 0) throw new TheoryLabException($"{Name}: {count} points asked for; give a count of at least 0.");
        var random = new Random(seed);
        var normal = new NormalDraws(random);
        var points = new float[2 * count];
        for (int n = 0; n < count; n++)
        {
            var (mx, my) = Means[random.Next(Modes)];
            points[2 * n] = (float)(mx + Sigma * normal.Next());
            points[2 * n + 1] = (float)(my + Sigma * normal.Next());
        }
        return points;
    }

    /// <summary>log p(x, y), finite however far (x, y) lies from every mode.</summary>
    public double LogDensity(double x, double y) => density.LogDensity([x, y]);

    public double Density(double x, double y) => Math.Exp(LogDensity(x, y));

    /// <summary>The index of the mode whose mean is closest to (x, y); ties go to the lower index.</summary>
    public int NearestMode(double x, double y)
    {
        int nearest = 0;
        for (int k = 1; k < Modes; k++)
            if (SquaredDistance(x, y, k) < SquaredDistance(x, y, nearest)) nearest = k;
        return nearest;
    }

    /// <summary>The distance from (x, y) to its nearest mode's mean, in units of σ.</summary>
    public double StandardisedDistance(double x, double y) => Math.Sqrt(SquaredDistance(x, y, NearestMode(x, y))) / Sigma;

    private double SquaredDistance(double x, double y, int k)
    {
        double dx = x - Means[k].X, dy = y - Means[k].Y;
        return dx * dx + dy * dy;
    }
}

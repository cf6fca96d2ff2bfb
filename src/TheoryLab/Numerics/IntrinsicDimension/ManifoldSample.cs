using TheoryLab.Numerics.Statistics;

namespace TheoryLab.Numerics.IntrinsicDimension;

/// <summary>The manifolds of known dimension the estimators are validated on.</summary>
public enum ManifoldKind
{
    /// <summary>The unit sphere S^d ⊂ R^{d+1}, uniform.</summary>
    Sphere,
    /// <summary>A linear subspace R^d with standard Gaussian coordinates: smooth density, no boundary.</summary>
    Subspace,
    /// <summary>A linear subspace R^d, uniform in the unit cube [0, 1]^d: flat density, but a boundary that most points lie near when d is large.</summary>
    Cube,
    /// <summary>The Swiss roll (t cos t, h, t sin t), t ∈ [3π/2, 9π/2], h ∈ [0, 21], uniform in area: a rolled-up rectangle, d = 2.</summary>
    SwissRoll,
}

/// <summary>
/// Samples of a manifold of known dimension, embedded isometrically in R^D by a random orthonormal frame,
/// plus isotropic Gaussian noise of standard deviation σ in every ambient coordinate.
/// </summary>
public static class ManifoldSample
{
    /// <summary>The manifold's own dimension d.</summary>
    public static int Dimension(ManifoldKind kind, int d) => kind == ManifoldKind.SwissRoll ? 2 : d;

    /// <summary>Coordinates in the manifold's own Euclidean space: d + 1 for a sphere, d for a subspace, 3 for the Swiss roll.</summary>
    public static int IntrinsicCoordinates(ManifoldKind kind, int d) => kind switch
    {
        ManifoldKind.Sphere => d + 1,
        ManifoldKind.SwissRoll => 3,
        _ => d,
    };

    /// <param name="d">Dimension of the sphere or subspace; ignored for the Swiss roll.</param>
    /// <param name="ambient">Embedding dimension D ≥ the manifold's coordinates.</param>
    public static double[][] Draw(ManifoldKind kind, int d, int count, int ambient, double noise, Random random)
    {
        int coordinates = IntrinsicCoordinates(kind, d);
        if (ambient < coordinates) throw new TheoryLabException($"the ambient dimension {ambient} is smaller than the {coordinates} coordinates of the {kind}; raise it.");
        var frame = OrthonormalFrame(coordinates, ambient, random);
        var points = new double[count][];
        var local = new double[coordinates];
        for (int i = 0; i < count; i++)
        {
            switch (kind)
            {
                case ManifoldKind.Sphere:
                    double norm;
                    do
                    {
                        for (int c = 0; c < coordinates; c++) local[c] = StandardNormal.Next(random);
                        norm = Math.Sqrt(local.Sum(v => v * v));
                    }
                    while (norm == 0);
                    for (int c = 0; c < coordinates; c++) local[c] /= norm;
                    break;
                case ManifoldKind.Subspace:
                    for (int c = 0; c < coordinates; c++) local[c] = StandardNormal.Next(random);
                    break;
                case ManifoldKind.Cube:
                    for (int c = 0; c < coordinates; c++) local[c] = random.NextDouble();
                    break;
                case ManifoldKind.SwissRoll:
                    // Uniform on the rolled surface: the arc length grows like t², so t is drawn by inverting it.
                    double u = random.NextDouble();
                    double t = 1.5 * Math.PI * Math.Sqrt(1 + 8 * u);
                    local[0] = t * Math.Cos(t);
                    local[1] = 21 * random.NextDouble();
                    local[2] = t * Math.Sin(t);
                    break;
            }
            var point = new double[ambient];
            for (int a = 0; a < ambient; a++)
            {
                double s = noise * StandardNormal.Next(random);
                for (int c = 0; c < coordinates; c++) s += frame[c][a] * local[c];
                point[a] = s;
            }
            points[i] = point;
        }
        return points;
    }

    /// <summary>Rows: <paramref name="count"/> orthonormal vectors of R^<paramref name="ambient"/>, Gram–Schmidt on Gaussian draws.</summary>
    private static double[][] OrthonormalFrame(int count, int ambient, Random random)
    {
        var frame = new double[count][];
        for (int c = 0; c < count; c++)
        {
            double norm;
            double[] v;
            do
            {
                v = Enumerable.Range(0, ambient).Select(_ => StandardNormal.Next(random)).ToArray();
                for (int p = 0; p < c; p++)
                {
                    double dot = v.Zip(frame[p]).Sum(x => x.First * x.Second);
                    for (int a = 0; a < ambient; a++) v[a] -= dot * frame[p][a];
                }
                norm = Math.Sqrt(v.Sum(x => x * x));
            }
            while (norm < 1e-8);
            frame[c] = v.Select(x => x / norm).ToArray();
        }
        return frame;
    }
}

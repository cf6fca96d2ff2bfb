using System.Globalization;

namespace TheoryLab.Analysis.Landscape;

/// <summary>
/// A regular grid of coefficients (α, β) for the plane θ₀ + α δ + β η: <see cref="XCount"/> values of α from
/// <see cref="XMin"/> to <see cref="XMax"/> and <see cref="YCount"/> of β, both ends included. Points are numbered row by
/// row, α fastest: point k is (α_{k mod XCount}, β_{k div XCount}).
/// </summary>
public sealed record SurfaceGrid(double XMin, double XMax, int XCount, double YMin, double YMax, int YCount)
{
    /// <summary>A square grid over [−<paramref name="extent"/>, <paramref name="extent"/>]² with <paramref name="resolution"/> points a side (Li et al.: [−1, 1]², 51 a side).</summary>
    public static SurfaceGrid Square(double extent, int resolution) => new(-extent, extent, resolution, -extent, extent, resolution);

    /// <summary>Points in the grid.</summary>
    public int Count => XCount * YCount;

    /// <summary>The α of column <paramref name="i"/>.</summary>
    public double X(int i) => XCount == 1 ? XMin : XMin + (XMax - XMin) * i / (XCount - 1);

    /// <summary>The β of row <paramref name="j"/>.</summary>
    public double Y(int j) => YCount == 1 ? YMin : YMin + (YMax - YMin) * j / (YCount - 1);

    /// <summary>The coefficients of point <paramref name="index"/>.</summary>
    public (double X, double Y) Point(int index) => (X(index % XCount), Y(index / XCount));

    /// <summary>The grid in words and exact numbers, for captions and for recognising a grid on resumption.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"α ∈ [{XMin:R}, {XMax:R}] × {XCount}, β ∈ [{YMin:R}, {YMax:R}] × {YCount}");
}

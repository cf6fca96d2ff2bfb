using System.Collections.Concurrent;

namespace TheoryLab.Models.MeanField;

/// <summary>
/// The one-dimensional moments of an activation that the phase diagram needs, V(q) = E[φ(√q z)²], its slope V′(q)
/// and D(q) = E[φ′(√q z)²], evaluated once by <see cref="GaussianIntegrals"/> on a uniform grid in s = √q and read
/// back by four-point cubic interpolation (error of order h⁴ where the moments are smooth in √q). A cell of the
/// diagram then costs a few table reads per Newton step instead of a quadrature pass, which is what lets a
/// 200 × 200 diagram be redrawn while a slider moves. Tables are built once per activation and kept.
/// </summary>
public sealed class TabulatedMoments
{
    /// <summary>Largest √q tabulated; lengths beyond it are left to <see cref="GaussianIntegrals"/>.</summary>
    public const double MaxRootLength = 24;

    /// <summary>Grid points per unit of √q.</summary>
    private const int PointsPerUnit = 200;

    /// <summary>Three points beyond MaxRootLength keep the four-point stencil inside the table up to it.</summary>
    private const int TableLength = (int)(MaxRootLength * PointsPerUnit) + 3;

    private static readonly ConcurrentDictionary<string, TabulatedMoments> Cache = new();

    private readonly double[] _value, _slope, _derivative;

    private TabulatedMoments(GaussianIntegrals integrals)
    {
        Integrals = integrals;
        int n = TableLength;
        _value = new double[n];
        _slope = new double[n];
        _derivative = new double[n];
        Parallel.For(0, n, i =>
        {
            double s = (double)i / PointsPerUnit, q = s * s;
            (_value[i], _slope[i]) = integrals.SecondMomentWithSlope(q);
            _derivative[i] = integrals.DerivativeSecondMoment(q);
        });
    }

    /// <summary>The exact integrals the table was built from, for lengths beyond it.</summary>
    public GaussianIntegrals Integrals { get; }

    /// <summary>The largest q the table answers.</summary>
    public static double MaxLength => MaxRootLength * MaxRootLength;

    /// <summary>The tables of a built-in activation, built on first use.</summary>
    public static TabulatedMoments Of(Activation activation) => Cache.GetOrAdd(activation.Name, _ => new TabulatedMoments(new GaussianIntegrals(activation)));

    /// <summary>E[φ(√q z)²] and its slope in q, for 0 ≤ q ≤ <see cref="MaxLength"/>: one Newton step's reads, sharing one stencil.</summary>
    public (double Value, double Slope) SecondMomentWithSlope(double q)
    {
        var (i, weights) = Stencil(q);
        return (Apply(_value, i, weights), Apply(_slope, i, weights));
    }

    /// <summary>d E[φ(√q z)²] / dq.</summary>
    public double SecondMomentSlope(double q) => Interpolate(_slope, q);

    /// <summary>E[φ′(√q z)²].</summary>
    public double DerivativeSecondMoment(double q) => Interpolate(_derivative, q);

    private static double Interpolate(double[] table, double q)
    {
        var (i, weights) = Stencil(q);
        return Apply(table, i, weights);
    }

    /// <summary>The points i−1 … i+2 around √q on the grid (shifted up at the bottom) and Lagrange's cubic weights for them.</summary>
    private static (int Index, (double A, double B, double C, double D) Weights) Stencil(double q)
    {
        double x = Math.Sqrt(q) * PointsPerUnit;
        int i = Math.Clamp((int)x, 1, TableLength - 3);
        double t = x - i, tp = t + 1, tm = t - 1, tm2 = t - 2;
        return (i, (-t * tm * tm2 / 6, tp * tm * tm2 / 2, -tp * t * tm2 / 2, tp * t * tm / 6));
    }

    private static double Apply(double[] table, int i, (double A, double B, double C, double D) w) =>
        w.A * table[i - 1] + w.B * table[i] + w.C * table[i + 1] + w.D * table[i + 2];
}

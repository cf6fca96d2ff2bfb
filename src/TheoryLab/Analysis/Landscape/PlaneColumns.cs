using TheoryLab.Tables;

namespace TheoryLab.Analysis.Landscape;

/// <summary>
/// The columns of the tables a scan over a plane writes (<see cref="SurfaceResult.ToTable"/>,
/// <see cref="CurvatureResult.ToTable"/>), declared once for the scans and for the figures that draw their tables.
/// </summary>
public static class PlaneColumns
{
    /// <summary>The point's coordinate α along the first direction.</summary>
    public static readonly Column X = new("x");

    /// <summary>The point's coordinate β along the second direction.</summary>
    public static readonly Column Y = new("y");

    public static readonly Column Loss = new("loss");
    public static readonly Column Accuracy = new("accuracy");
    public static readonly Column LambdaMin = new("lambda_min");
    public static readonly Column LambdaMax = new("lambda_max");

    /// <summary>|λ_min/λ_max|, how far from convex the loss is at the point.</summary>
    public static readonly Column Ratio = new("ratio");
}

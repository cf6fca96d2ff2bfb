using TheoryLab.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Training.Pinn;

/// <summary>
/// The affine map, column by column, from a PDE's coordinates onto what its network sees: Scale · p + Shift (Raissi's
/// code maps t ∈ [0, T] onto [−1, 1] this way). Derivatives in the PDE's coordinates then carry the scales.
/// </summary>
public sealed record InputScaling(IReadOnlyList<double> Scale, IReadOnlyList<double> Shift)
{
    /// <summary>A point's time column t ∈ [0, <paramref name="finalTime"/>] seen as 2t/T − 1, its space column as it is.</summary>
    public static InputScaling TimeOntoUnitInterval(double finalTime) => new([2 / finalTime, 1], [-1, 0]);

    /// <summary>The network's input for rows of points [n, d]; the points themselves when no column is mapped.</summary>
    public static Tensor Apply(InputScaling? scaling, Tensor points)
    {
        if (scaling is null || scaling.Scale.Select((s, c) => s == 1 && scaling.Shift[c] == 0).All(same => same)) return points;
        using var scope = NewDisposeScope();
        var columns = scaling.Scale.Select((scale, c) =>
        {
            var column = points[.., c..(c + 1)];
            using var factor = scale.ToScalar();
            using var shift = scaling.Shift[c].ToScalar();
            if (scale != 1) column = column.mul(factor);
            return scaling.Shift[c] == 0 ? column : column.Plus(shift);
        }).ToArray();
        return cat(columns, 1).MoveToOuterDisposeScope();
    }
}

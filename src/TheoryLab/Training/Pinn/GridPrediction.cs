using static TorchSharp.torch;

namespace TheoryLab.Training.Pinn;

/// <summary>Which input column of a PINN holds time: Burgers' loss takes rows (t, x), the convection loss (x, t).</summary>
public enum TimeColumn { First, Second }

/// <summary>A PINN's prediction on a grid of times × positions, in one batch and without gradients.</summary>
public static class GridPrediction
{
    /// <summary>u[i, j] at <paramref name="times"/>[i] and <paramref name="positions"/>[j], as doubles.</summary>
    /// <param name="predict">The loss's prediction of u at rows of points, shape [n, 1].</param>
    public static double[,] Evaluate(Func<Tensor, Tensor> predict, double[] times, double[] positions, TimeColumn timeColumn, ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        int t = timeColumn == TimeColumn.First ? 0 : 1, x = 1 - t;
        var grid = new double[times.Length * positions.Length, 2];
        for (int i = 0; i < times.Length; i++)
            for (int j = 0; j < positions.Length; j++) { grid[i * positions.Length + j, t] = times[i]; grid[i * positions.Length + j, x] = positions[j]; }
        var values = predict(tensor(grid, dtype: dtype)).to(ScalarType.Float64).reshape(-1).data<double>().ToArray();
        var u = new double[times.Length, positions.Length];
        for (int i = 0; i < times.Length; i++)
            for (int j = 0; j < positions.Length; j++) u[i, j] = values[i * positions.Length + j];
        return u;
    }

    /// <summary>‖u − u_ref‖₂ / ‖u_ref‖₂ over a grid, Raissi's error measure.</summary>
    public static double RelativeError(double[,] u, double[,] reference)
    {
        double difference = 0, norm = 0;
        for (int i = 0; i < u.GetLength(0); i++)
            for (int j = 0; j < u.GetLength(1); j++)
            {
                difference += (u[i, j] - reference[i, j]) * (u[i, j] - reference[i, j]);
                norm += reference[i, j] * reference[i, j];
            }
        return Math.Sqrt(difference / norm);
    }
}

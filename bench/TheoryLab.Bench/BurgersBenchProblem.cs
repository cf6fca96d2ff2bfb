using TheoryLab.Models.FullyConnected;
using TheoryLab.Models.Initialisation;
using TheoryLab.Models.MeanField;
using TheoryLab.Training.Pinn;
using static TorchSharp.torch;

namespace TheoryLab.Bench;

/// <summary>
/// pinn-burgers at Raissi's size, as bench/peers/pinn_burgers_pytorch.py builds it too: a [2, 20×8, 1] tanh network
/// with Xavier-normal weights, N_f collocation points in [0, 1] × [−1, 1] plus 100 data points, 50 initial and 50
/// boundary points, ν = 0.01/π.
/// </summary>
public sealed class BurgersBenchProblem : IDisposable
{
    public static readonly int[] Widths = [2, .. Enumerable.Repeat(20, 8), 1];

    private readonly double[,] _initial, _boundary, _collocation;
    private readonly double[] _initialValues;
    private readonly ScalarType _dtype;

    public BurgersBenchProblem(int collocationPoints, ScalarType dtype)
    {
        var random = new Random(0);
        _initial = Rows(50, _ => 0, _ => 2 * random.NextDouble() - 1);
        _initialValues = [.. Enumerable.Range(0, 50).Select(p => -Math.Sin(Math.PI * _initial[p, 1]))];
        _boundary = Rows(50, _ => random.NextDouble(), p => p % 2 == 0 ? -1 : 1);
        _collocation = Rows(collocationPoints + 100, _ => random.NextDouble(), _ => 2 * random.NextDouble() - 1);
        _dtype = dtype;
        using var generator = new Generator(0);
        Model = new Mlp(Widths, Activations.Tanh, new GlorotInitialisation(GlorotScheme.Normalised), generator, dtype);
    }

    public Mlp Model { get; }

    /// <summary>Points the network is evaluated at in one loss: collocation, data, initial and boundary.</summary>
    public int Points => _collocation.GetLength(0) + _initial.GetLength(0) + _boundary.GetLength(0);

    /// <summary>The loss with its derivatives computed as <paramref name="derivatives"/> says; the caller disposes it.</summary>
    public BurgersPinnLoss Loss(PinnDerivatives derivatives) =>
        new(_initial, _initialValues, _boundary, _collocation, 0.01 / Math.PI, 1, new PinnLossWeights(), _dtype, derivatives);

    public void Dispose() => Model.Dispose();

    private static double[,] Rows(int n, Func<int, double> t, Func<int, double> x)
    {
        var rows = new double[n, 2];
        for (int p = 0; p < n; p++) { rows[p, 0] = t(p); rows[p, 1] = x(p); }
        return rows;
    }
}

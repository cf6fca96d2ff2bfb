using BenchmarkDotNet.Attributes;
using TheoryLab.Models.PiecewiseLinear;

namespace TheoryLab.Bench;

/// <summary>
/// Exact linear-piece enumeration (<see cref="LinearPieces"/>): a random 3 × 64 ReLU network (He weights, N(0, 1)
/// biases, seed 1) on [0, 1] and on [−10, 10], counted and as a full piecewise-linear function, and the sawtooth Δ¹⁶
/// (65 536 pieces) for the per-piece cost of deep narrow networks. A BenchmarkDotNet class: run it through the bench
/// project's dispatcher, for example
/// <c>dotnet run -c Release --project bench/TheoryLab.Bench -- --filter '*LinearPiecesBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
public class LinearPiecesBenchmarks
{
    private ReluNetwork _random3x64 = null!;
    private ReluNetwork _tent16 = null!;

    [GlobalSetup]
    public void Setup()
    {
        _random3x64 = ReluNetwork.Random([64, 64, 64], new Random(1));
        _tent16 = TentMap.Network(16);
    }

    [Benchmark(Baseline = true, Description = "3×64 random, count on [0, 1]")]
    public long Random3x64UnitInterval() => LinearPieces.Count(_random3x64, 0, 1);

    [Benchmark(Description = "3×64 random, function on [0, 1]")]
    public PiecewiseLinearFunction Random3x64UnitIntervalFunction() => LinearPieces.Function(_random3x64, 0, 1);

    [Benchmark(Description = "3×64 random, count on [−10, 10]")]
    public long Random3x64Wide() => LinearPieces.Count(_random3x64, -10, 10);

    [Benchmark(Description = "Δ¹⁶ (16×2), count on [0, 1]")]
    public long Tent16() => LinearPieces.Count(_tent16, 0, 1);
}

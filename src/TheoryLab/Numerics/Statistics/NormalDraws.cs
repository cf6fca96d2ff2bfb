namespace TheoryLab.Numerics.Statistics;

/// <summary>
/// A stream of standard normal draws from a seeded <see cref="Random"/> by Marsaglia's polar method, which yields them
/// in pairs without trigonometric functions; the second of each pair is kept for the next call. For one draw at a
/// time from a <see cref="Random"/> shared with other draws, <see cref="StandardNormal.Next"/>.
/// </summary>
public sealed class NormalDraws(Random random)
{
    private double _spare;
    private bool _hasSpare;

    /// <summary>The uniform generator the draws come from (for the other draws of the same stream).</summary>
    public Random Random => random;

    /// <summary>The next standard normal value.</summary>
    public double Next()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spare;
        }
        double u, v, s;
        do
        {
            u = 2 * random.NextDouble() - 1;
            v = 2 * random.NextDouble() - 1;
            s = u * u + v * v;
        }
        while (s >= 1 || s == 0);
        double factor = Math.Sqrt(-2 * Math.Log(s) / s);
        _spare = v * factor;
        _hasSpare = true;
        return u * factor;
    }
}

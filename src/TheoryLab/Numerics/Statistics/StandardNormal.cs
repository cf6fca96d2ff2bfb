namespace TheoryLab.Numerics.Statistics;

/// <summary>One standard normal draw at a time from a <see cref="Random"/> that may serve other draws too.</summary>
public static class StandardNormal
{
    /// <summary>A draw by Box–Muller from two uniforms (the cosine half; the sine half is not kept); 1 − U keeps the logarithm finite.</summary>
    public static double Next(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}

using TheoryLab.Numerics.Statistics;

namespace TheoryLab.Data.Toy;

/// <summary>What the 2-D toy sets share: their checks, and drawing two alternating classes of noisy curve points.</summary>
internal static class Toys
{
    public static void Check(int count, double noise, string name)
    {
        if (count < 1) throw new TheoryLabException($"{name}: {count} examples asked for; at least 1 is needed.");
        if (noise < 0 || double.IsNaN(noise)) throw new TheoryLabException($"{name}: noise {noise} is negative; use 0 for none.");
    }

    /// <summary>
    /// <paramref name="count"/> points, classes 0 and 1 alternating: each a point of its class's curve drawn by
    /// <paramref name="curvePoint"/> from the seeded generator, plus Gaussian noise of sd <paramref name="noise"/> on each
    /// coordinate from the same stream.
    /// </summary>
    public static LabeledData TwoCurves(string name, int count, int seed, double noise, Func<Random, int, (double X, double Y)> curvePoint)
    {
        Check(count, noise, name);
        var random = new Random(seed);
        var normal = new NormalDraws(random);
        var inputs = new float[2 * count];
        var labels = new int[count];
        for (int n = 0; n < count; n++)
        {
            int label = n % 2;
            var (x, y) = curvePoint(random, label);
            inputs[2 * n] = (float)(x + noise * normal.Next());
            inputs[2 * n + 1] = (float)(y + noise * normal.Next());
            labels[n] = label;
        }
        return new(name, inputs, labels, [2], 2);
    }
}

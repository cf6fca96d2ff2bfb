using TheoryLab.Numerics.Statistics;

namespace TheoryLab.Data.Toy;

/// <summary>
/// Two interleaving half circles of radius 1, in the layout scikit-learn's make_moons made familiar:
/// class 0 on the upper half of the circle about (0, 0), (cos t, sin t); class 1 on the lower half of the circle
/// about (1, 0.5), (1 − cos t, 0.5 − sin t); t uniform on [0, π]. Gaussian noise of sd <c>noise</c>
/// is added to each coordinate. Classes alternate, so their sizes differ by at most one.
/// </summary>
public static class TwoMoons
{
    public const double DefaultNoise = 0.1;

    public static LabeledData Generate(int count, int seed, double noise = DefaultNoise)
    {
        Toys.Check(count, noise, "two-moons");
        var random = new Random(seed);
        var normal = new NormalDraws(random);
        var inputs = new float[2 * count];
        var labels = new int[count];
        for (int n = 0; n < count; n++)
        {
            int label = n % 2;
            double t = Math.PI * random.NextDouble();
            double x = label == 0 ? Math.Cos(t) : 1 - Math.Cos(t);
            double y = label == 0 ? Math.Sin(t) : 0.5 - Math.Sin(t);
            inputs[2 * n] = (float)(x + noise * normal.Next());
            inputs[2 * n + 1] = (float)(y + noise * normal.Next());
            labels[n] = label;
        }
        return new("two-moons", inputs, labels, [2], 2);
    }
}

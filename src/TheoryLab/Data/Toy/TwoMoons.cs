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

    public static LabeledData Generate(int count, int seed, double noise = DefaultNoise) =>
        Toys.TwoCurves("two-moons", count, seed, noise, (random, label) =>
        {
            double t = Math.PI * random.NextDouble();
            return label == 0 ? (Math.Cos(t), Math.Sin(t)) : (1 - Math.Cos(t), 0.5 - Math.Sin(t));
        });
}

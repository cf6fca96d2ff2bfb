namespace TheoryLab.Data.Toy;

/// <summary>
/// Two interleaved Archimedean spirals in the plane, a continuous version of Lang and Witbrock's (1988)
/// two-spirals task. A point of class 0 at angle θ ∈ [0, 2π·turns] sits at radius r = θ / (2π·turns) ≤ 1,
/// (r cos θ, r sin θ); class 1 is class 0 turned by π. θ = 2π·turns·√u with u uniform, so points are spread
/// evenly along the curve (arc length grows as θ²). Gaussian noise of sd <c>noise</c> is added to
/// each coordinate. Classes alternate, so their sizes differ by at most one.
/// </summary>
public static class TwoSpirals
{
    public const double DefaultTurns = 2;
    public const double DefaultNoise = 0.03;

    public static LabeledData Generate(int count, int seed, double turns = DefaultTurns, double noise = DefaultNoise)
    {
        if (turns <= 0) throw new TheoryLabException($"two-spirals: turns is {turns}; it must be positive.");
        return Toys.TwoCurves("two-spirals", count, seed, noise, (random, label) =>
        {
            double theta = 2 * Math.PI * turns * Math.Sqrt(random.NextDouble());
            double r = theta / (2 * Math.PI * turns);
            double angle = theta + label * Math.PI;
            return (r * Math.Cos(angle), r * Math.Sin(angle));
        });
    }
}

namespace TheoryLab.Analysis.Adversarial;

/// <summary>
/// A grid over a <see cref="SpatialThreat"/>'s box: <see cref="Rotations"/> equally spaced angles from −MaxDegrees
/// to MaxDegrees and <see cref="Shifts"/> equally spaced translations from −MaxShift to MaxShift in each of x and y
/// (one step means 0 alone; the counts are odd, so the identity is always a point). Engstrom et al.'s grid is 31 rotations × 5 × 5 translations, 775 points.
/// A grid is nested in a finer one when every one of its points is a point of the other, so worst-of-grid accuracy on
/// the finer grid is never higher.
/// </summary>
public sealed record SpatialGrid(int Rotations, int Shifts)
{
    /// <summary>Engstrom et al.'s grid: 31 rotations and 5 translations in each direction.</summary>
    public static SpatialGrid Paper { get; } = new(31, 5);

    public int Count => Rotations * Shifts * Shifts;

    /// <summary>Throws a one-line message when a step count is not a positive odd number.</summary>
    public void Validate()
    {
        if (Rotations < 1 || Shifts < 1 || Rotations % 2 == 0 || Shifts % 2 == 0)
            throw new TheoryLabException($"a grid takes odd step counts, so that it contains the identity, not {Rotations} rotations and {Shifts} translations.");
    }

    /// <summary>The points in the grid's order (rotation slowest, then dx, then dy) for the threat's box.</summary>
    public SpatialPoint[] Points(SpatialThreat threat)
    {
        Validate();
        var angles = Steps(Rotations, threat.MaxDegrees);
        var shifts = Steps(Shifts, threat.MaxShift);
        return [.. angles.SelectMany(a => shifts.SelectMany(dx => shifts.Select(dy => new SpatialPoint(a, dx, dy))))];
    }

    /// <summary>Whether every point of <paramref name="coarser"/> is a point of this grid (over the same box).</summary>
    public bool Contains(SpatialGrid coarser) => Nests(coarser.Rotations, Rotations) && Nests(coarser.Shifts, Shifts);

    /// <summary>Where each point of a nested <paramref name="coarser"/> grid sits in this grid's order.</summary>
    public int[] IndicesOf(SpatialGrid coarser)
    {
        Validate();
        if (!Contains(coarser)) throw new ArgumentException($"the {coarser.Rotations} × {coarser.Shifts}² grid is not nested in the {Rotations} × {Shifts}² one", nameof(coarser));
        int Map(int index, int coarse, int fine) => coarse == 1 ? (fine - 1) / 2 : index * ((fine - 1) / (coarse - 1));
        return [.. Enumerable.Range(0, coarser.Rotations).SelectMany(r => Enumerable.Range(0, coarser.Shifts).SelectMany(x => Enumerable.Range(0, coarser.Shifts)
            .Select(y => (Map(r, coarser.Rotations, Rotations) * Shifts + Map(x, coarser.Shifts, Shifts)) * Shifts + Map(y, coarser.Shifts, Shifts))))];
    }

    /// <summary>
    /// A chain of grids nested in this one, each containing the one before: from the identity alone, refining the
    /// translations and the rotations in turn, each axis by the fewest steps that keep the previous points.
    /// </summary>
    public SpatialGrid[] NestedChain()
    {
        Validate();
        var rotations = AxisChain(Rotations);
        var shifts = AxisChain(Shifts);
        var chain = new List<SpatialGrid> { new(1, 1) };
        int r = 0, s = 0;
        while (r < rotations.Length - 1 || s < shifts.Length - 1)
        {
            if (s < shifts.Length - 1 && (r == rotations.Length - 1 || s <= r)) s++;
            else r++;
            chain.Add(new SpatialGrid(rotations[r], shifts[s]));
        }
        return [.. chain];
    }

    /// <summary>Step counts from 1 to <paramref name="steps"/>, each the smallest that contains the one before and lies on the full axis.</summary>
    private static int[] AxisChain(int steps)
    {
        var chain = new List<int> { 1 };
        while (chain[^1] < steps)
            chain.Add(Enumerable.Range(chain[^1] + 1, steps - chain[^1]).First(k => Nests(chain[^1], k) && Nests(k, steps)));
        return [.. chain];
    }

    /// <summary>k equally spaced values over [−max, max]; 0 alone when k = 1. The fraction (2i − (k − 1))/(k − 1) is one correctly rounded quotient of integers, the same double for equal fractions, so nested grids share their values exactly.</summary>
    private static double[] Steps(int count, double max) => count == 1
        ? [0]
        : [.. Enumerable.Range(0, count).Select(i => max * ((double)(2 * i - (count - 1)) / (count - 1)))];

    /// <summary>Whether a k-step axis lies on an n-step one: k = 1 (0 alone) when n is odd; otherwise k ≤ n and k − 1 divides n − 1.</summary>
    private static bool Nests(int coarse, int fine) => coarse == 1 ? fine % 2 == 1 : coarse <= fine && (fine - 1) % (coarse - 1) == 0;
}

/// <summary>One transform of a spatial attack: rotation θ in degrees, then translation (dx, dy) in pixels.</summary>
public readonly record struct SpatialPoint(double Degrees, double Dx, double Dy);

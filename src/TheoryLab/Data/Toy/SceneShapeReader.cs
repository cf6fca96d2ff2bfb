namespace TheoryLab.Data.Toy;

/// <summary>What the shape reader made of one connected component of an object colour.</summary>
public enum ComponentReading
{
    Square,
    Disc,
    Triangle,
    /// <summary>Fewer pixels than the smallest object of a real scene: too small to judge.</summary>
    TooSmall,
    /// <summary>A bounding box further from square than any real object's: not one of the shapes.</summary>
    Elongated,
}

/// <summary>A scene read for shapes: every pixel's shape (or null), and what each component was read as.</summary>
public sealed record ShapeReading(SceneShape?[] Shapes, IReadOnlyList<ComponentReading> Components)
{
    /// <summary>The pixels read as <paramref name="shape"/>, row-major.</summary>
    public bool[] Mask(SceneShape shape) => [.. Shapes.Select(s => s == shape)];
}

/// <summary>
/// Reads the shapes of <see cref="SyntheticScenes"/> off any image, real or generated, by a rule rather than a trained
/// segmenter (which would be judged on blurred images unlike any it was trained on, and would hide why it errs): the
/// pixels of each object colour, by <see cref="SyntheticScenes.ColourMask"/>, split into 4-connected components, and each
/// component is classified by two numbers of its bounding box. Its fill (pixels over box area) is 1 for a square, about
/// π/4 for a disc and about 1/2 for a triangle; its centroid's height in the box, from the top, is 1/2 for the square and
/// the disc and about 2/3 for the upright triangle, whose mass lies low. Real objects are at least two pixels apart
/// (their boxes keep a pixel's distance), so in a real scene each object is one component.
/// </summary>
public static class SceneShapeReader
{
    /// <summary>
    /// Fewest pixels of a real object (a triangle of extent 5 covers at least 10): smaller components are
    /// <see cref="ComponentReading.TooSmall"/>.
    /// </summary>
    public const int SmallestComponent = 10;

    /// <summary>
    /// Largest ratio of a bounding box's longer side to its shorter one still read as a shape: real objects reach 1.2
    /// (6 × 5 pixels), so 1.5 leaves a pixel's slack on a 5-pixel object and refuses streaks.
    /// </summary>
    public const double LargestAspect = 1.5;

    /// <summary>
    /// A component whose centroid lies lower than this in its box, as a fraction of the box's height from the top, is a
    /// triangle: rasterised triangles of extent 5 to 10 put it at 0.58 to 0.66, discs and squares at 0.43 to 0.57.
    /// </summary>
    public const double TriangleCentroid = 0.578;

    /// <summary>
    /// A component neither a triangle nor filling less than this of its box is a square: squares fill all of it, and
    /// rasterised discs at most 0.92 except the smallest, whose pixel centres can fill a whole 4 × 4 or 5 × 5 block.
    /// </summary>
    public const double SquareFill = 0.95;

    /// <summary>Reads an image's shapes: <paramref name="pixels"/> [3, side, side] channel-major in [0, 1], colours matched within <paramref name="tolerance"/>.</summary>
    public static ShapeReading Read(IReadOnlyList<float> pixels, double tolerance)
    {
        int n = pixels.Count / 3, side = (int)Math.Round(Math.Sqrt(n));
        if (side * side != n) throw new ArgumentException($"{pixels.Count} values are not three square channels");
        var shapes = new SceneShape?[n];
        var components = new List<ComponentReading>();
        foreach (var colour in SyntheticScenes.Colours)
        {
            var mask = SyntheticScenes.ColourMask(pixels, colour.Name, tolerance);
            var seen = new bool[n];
            for (int start = 0; start < n; start++)
            {
                if (!mask[start] || seen[start]) continue;
                var component = Component(mask, seen, start, side);
                var reading = Classify(component, side);
                components.Add(reading);
                if (ShapeOf(reading) is { } shape)
                    foreach (int p in component) shapes[p] = shape;
            }
        }
        return new ShapeReading(shapes, components);
    }

    /// <summary>The shape a reading names, or null for a component read as no shape.</summary>
    public static SceneShape? ShapeOf(ComponentReading reading) => reading switch
    {
        ComponentReading.Square => SceneShape.Square,
        ComponentReading.Disc => SceneShape.Disc,
        ComponentReading.Triangle => SceneShape.Triangle,
        _ => null,
    };

    /// <summary>The pixels 4-connected to <paramref name="start"/> within <paramref name="mask"/>, marked as seen (a flood fill).</summary>
    private static List<int> Component(bool[] mask, bool[] seen, int start, int side)
    {
        var pixels = new List<int>();
        var pending = new Stack<int>();
        pending.Push(start);
        seen[start] = true;
        while (pending.Count > 0)
        {
            int p = pending.Pop(), x = p % side, y = p / side;
            pixels.Add(p);
            if (x > 0) Visit(p - 1);
            if (x < side - 1) Visit(p + 1);
            if (y > 0) Visit(p - side);
            if (y < side - 1) Visit(p + side);
        }
        return pixels;

        void Visit(int q)
        {
            if (!mask[q] || seen[q]) return;
            seen[q] = true;
            pending.Push(q);
        }
    }

    /// <summary>Reads one component, given as pixel indices, by its size, its box's aspect, its centroid's height and its fill.</summary>
    public static ComponentReading Classify(IReadOnlyCollection<int> component, int side)
    {
        if (component.Count < SmallestComponent) return ComponentReading.TooSmall;
        int left = component.Min(p => p % side), right = component.Max(p => p % side);
        int top = component.Min(p => p / side), bottom = component.Max(p => p / side);
        int width = right - left + 1, height = bottom - top + 1;
        if (Math.Max(width, height) > LargestAspect * Math.Min(width, height)) return ComponentReading.Elongated;
        // Pixel centres lie half a pixel below the rows' tops.
        double centroid = (component.Average(p => p / side) - top + 0.5) / height;
        if (centroid > TriangleCentroid) return ComponentReading.Triangle;
        double fill = component.Count / (double)(width * height);
        return fill >= SquareFill ? ComponentReading.Square : ComponentReading.Disc;
    }
}

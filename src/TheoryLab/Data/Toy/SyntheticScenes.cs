namespace TheoryLab.Data.Toy;

/// <summary>The shapes a scene's objects take.</summary>
public enum SceneShape
{
    Square,
    Disc,
    Triangle,
}

/// <summary>One object of a scene: its shape and colour (indices into <see cref="SyntheticScenes.Shapes"/> and <see cref="SyntheticScenes.Colours"/>).</summary>
public sealed record SceneObject(SceneShape Shape, int Colour);

/// <summary>
/// One scene: RGB pixels in [0, 1], channel-major ([3, side, side]), and for every concept of
/// <see cref="SyntheticScenes.Concepts"/> its exact per-pixel mask (side × side, row-major).
/// </summary>
public sealed record Scene(float[] Pixels, bool[][] Masks, bool Striped, IReadOnlyList<SceneObject> Objects);

/// <summary>
/// Small RGB scenes with known concepts, so that dissecting a generator trained on them needs no pretrained segmenter:
/// a background, plain grey or striped with cream bands, under one to a few non-overlapping objects (square, disc,
/// upright triangle) of pure red, green or blue at random positions and sizes. Every pixel has one colour from a
/// palette of five well-separated colours, so a colour concept's mask is recovered exactly from the pixels by
/// <see cref="ColourMask"/>, in real scenes and (within a tolerance) in generated ones.
/// </summary>
public sealed class SyntheticScenes
{
    /// <summary>The object colours, then the background's two; RGB in [0, 1].</summary>
    public static readonly IReadOnlyList<(string Name, float R, float G, float B)> Colours =
        [("red", 0.9f, 0.1f, 0.1f), ("green", 0.1f, 0.75f, 0.1f), ("blue", 0.1f, 0.2f, 0.9f)];

    public static readonly (float R, float G, float B) Grey = (0.45f, 0.45f, 0.45f);
    public static readonly (float R, float G, float B) Cream = (0.95f, 0.9f, 0.6f);

    public static readonly IReadOnlyList<SceneShape> Shapes = [SceneShape.Square, SceneShape.Disc, SceneShape.Triangle];

    /// <summary>Every concept with a mask: the three shapes, the three object colours, and the striped texture.</summary>
    public static readonly IReadOnlyList<string> Concepts = ["square", "disc", "triangle", "red", "green", "blue", "stripes"];

    /// <summary>The concepts defined by a colour, whose masks <see cref="ColourMask"/> reads off any image: the object colours and the stripes' cream.</summary>
    public static readonly IReadOnlyList<string> ColourConcepts = ["red", "green", "blue", "stripes"];

    /// <summary>Rows in each band of a striped background (cream bands alternate with grey ones).</summary>
    public const int StripeWidth = 2;

    /// <summary>Smallest and largest object extent in pixels: a square's side, a disc's diameter, a triangle's base.</summary>
    public const double SmallestObject = 5, LargestObject = 10;

    /// <param name="side">Pixels on each side of a scene.</param>
    /// <param name="maxObjects">Objects per scene are uniform on 1..maxObjects.</param>
    /// <param name="stripedProbability">Probability that the background is striped rather than plain.</param>
    public SyntheticScenes(int side = 24, int maxObjects = 3, double stripedProbability = 0.5)
    {
        if (side < 2 * LargestObject) throw new TheoryLabException($"scenes of {side} pixels a side cannot hold objects of {LargestObject}; give at least {2 * LargestObject}.");
        if (maxObjects is < 1 or > 4) throw new TheoryLabException($"{maxObjects} objects per scene; give 1 to 4, which always fit without overlapping.");
        if (!(stripedProbability is >= 0 and <= 1)) throw new TheoryLabException($"striped probability {stripedProbability}; give a probability in [0, 1].");
        Side = side;
        MaxObjects = maxObjects;
        StripedProbability = stripedProbability;
    }

    public int Side { get; }
    public int MaxObjects { get; }
    public double StripedProbability { get; }

    /// <summary><paramref name="count"/> scenes from one stream seeded by <paramref name="seed"/>.</summary>
    public Scene[] Sample(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => Draw(random))];
    }

    /// <summary>
    /// One scene: the background's texture, then the number of objects, then each object's shape, colour, size and
    /// position, re-drawing a position until its bounding box keeps a pixel's distance from the earlier objects' boxes.
    /// </summary>
    public Scene Draw(Random random)
    {
        int n = Side * Side;
        bool striped = random.NextDouble() < StripedProbability;
        var masks = Concepts.Select(_ => new bool[n]).ToArray();
        var pixels = new float[3 * n];
        for (int y = 0; y < Side; y++)
        {
            bool cream = striped && y / StripeWidth % 2 == 0;
            var (r, g, b) = cream ? Cream : Grey;
            for (int x = 0; x < Side; x++)
            {
                Paint(pixels, y * Side + x, r, g, b);
                masks[Concepts.Count - 1][y * Side + x] = cream;
            }
        }
        int objects = 1 + random.Next(MaxObjects);
        var drawn = new List<SceneObject>();
        var sizes = new double[objects];
        for (int k = 0; k < objects; k++)
        {
            drawn.Add(new SceneObject(Shapes[random.Next(Shapes.Count)], random.Next(Colours.Count)));
            sizes[k] = SmallestObject + (LargestObject - SmallestObject) * random.NextDouble();
        }
        var boxes = Place(sizes, random);
        for (int k = 0; k < objects; k++)
        {
            var o = drawn[k];
            var inside = Rasterise(o.Shape, boxes[k].X0, boxes[k].Y0, sizes[k], Side);
            var c = Colours[o.Colour];
            for (int i = 0; i < n; i++)
            {
                if (!inside[i]) continue;
                Paint(pixels, i, c.R, c.G, c.B);
                masks[(int)o.Shape][i] = true;
                masks[Shapes.Count + o.Colour][i] = true;
                masks[Concepts.Count - 1][i] = false;
            }
        }
        return new Scene(pixels, masks, striped, drawn);
    }

    /// <summary>
    /// Bounding boxes for objects of the given sizes, uniform over the scene and a pixel apart: each box is re-drawn
    /// until it keeps clear of the earlier ones, and when one finds no room (large objects can fence the scene off),
    /// every box is placed afresh.
    /// </summary>
    private List<(double X0, double Y0, double X1, double Y1)> Place(double[] sizes, Random random)
    {
        for (int attempt = 0; attempt < 10_000; attempt++)
        {
            var boxes = new List<(double X0, double Y0, double X1, double Y1)>();
            for (int tries = 0; tries < 100 && boxes.Count < sizes.Length; tries++)
            {
                double size = sizes[boxes.Count];
                double x0 = (Side - size) * random.NextDouble(), y0 = (Side - size) * random.NextDouble();
                var box = (X0: x0, Y0: y0, X1: x0 + size, Y1: y0 + size);
                if (boxes.Any(b => box.X0 < b.X1 + 1 && b.X0 < box.X1 + 1 && box.Y0 < b.Y1 + 1 && b.Y0 < box.Y1 + 1)) continue;
                boxes.Add(box);
                tries = 0;
            }
            if (boxes.Count == sizes.Length) return boxes;
        }
        throw new InvalidOperationException($"no room for {sizes.Length} objects in a {Side}-pixel scene");
    }

    /// <summary>
    /// The pixels whose centre lies inside a shape of extent <paramref name="size"/> whose bounding box has its top-left
    /// corner at (<paramref name="x0"/>, <paramref name="y0"/>): a square, the inscribed disc, or an isosceles triangle
    /// with its base on the box's bottom and its apex at the top's middle. A uniformly placed shape covers on average
    /// exactly its area (size², π size²/4, size²/2) in pixels.
    /// </summary>
    public static bool[] Rasterise(SceneShape shape, double x0, double y0, double size, int side)
    {
        var inside = new bool[side * side];
        for (int y = 0; y < side; y++)
            for (int x = 0; x < side; x++)
            {
                // Coordinates of the pixel's centre relative to the box, in units of its size.
                double u = (x + 0.5 - x0) / size, v = (y + 0.5 - y0) / size;
                inside[y * side + x] = shape switch
                {
                    SceneShape.Square => u is >= 0 and < 1 && v is >= 0 and < 1,
                    SceneShape.Disc => (u - 0.5) * (u - 0.5) + (v - 0.5) * (v - 0.5) < 0.25,
                    SceneShape.Triangle => v is >= 0 and < 1 && Math.Abs(u - 0.5) < v / 2,
                    _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, null),
                };
            }
        return inside;
    }

    /// <summary>Area of a shape of extent <paramref name="size"/>, in pixels.</summary>
    public static double Area(SceneShape shape, double size) => shape switch
    {
        SceneShape.Square => size * size,
        SceneShape.Disc => Math.PI * size * size / 4,
        SceneShape.Triangle => size * size / 2,
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, null),
    };

    /// <summary>The RGB colour that defines a colour concept of <see cref="ColourConcepts"/>.</summary>
    public static (float R, float G, float B) ColourOf(string concept)
    {
        if (concept == "stripes") return Cream;
        foreach (var c in Colours)
            if (c.Name == concept) return (c.R, c.G, c.B);
        throw new TheoryLabException($"'{concept}' is not a colour concept; give one of {string.Join(", ", ColourConcepts)}.");
    }

    /// <summary>
    /// The rule that segments any image, real or generated: a pixel shows a colour concept when each of its channels is
    /// within <paramref name="tolerance"/> of the concept's colour. The palette's colours differ by at least 0.35 in
    /// some channel, so a tolerance below half that never gives a pixel two concepts.
    /// </summary>
    /// <param name="pixels">[3, side, side] channel-major, in [0, 1].</param>
    public static bool[] ColourMask(IReadOnlyList<float> pixels, string concept, double tolerance) => Matching(pixels, ColourOf(concept), tolerance);

    /// <summary>The label of a pixel that matches no palette colour.</summary>
    public const int NoColourLabel = 0;

    /// <summary>The label of the grey background.</summary>
    public const int GreyLabel = 1;

    /// <summary>
    /// The label of a colour concept's pixels: red 2, green 3, blue 4, stripes 5, above the two commonest labels (no
    /// colour and grey) so that a sequential colour map draws the objects apart from the background and from blur.
    /// </summary>
    public static int LabelOf(string concept) => concept switch
    {
        "red" => 2,
        "green" => 3,
        "blue" => 4,
        "stripes" => 5,
        _ => throw new TheoryLabException($"'{concept}' is not a colour concept; give one of {string.Join(", ", ColourConcepts)}."),
    };

    /// <summary>
    /// Each pixel's label under <see cref="ColourMask"/>'s rule, for drawing scenes as one-valued maps: <see cref="NoColourLabel"/>,
    /// <see cref="GreyLabel"/>, or the <see cref="LabelOf"/> of the colour concept it shows.
    /// </summary>
    public static int[] Labels(IReadOnlyList<float> pixels, double tolerance)
    {
        var labels = new int[pixels.Count / 3];
        var grey = Matching(pixels, Grey, tolerance);
        for (int i = 0; i < labels.Length; i++) labels[i] = grey[i] ? GreyLabel : NoColourLabel;
        foreach (var concept in ColourConcepts)
        {
            var mask = ColourMask(pixels, concept, tolerance);
            for (int i = 0; i < labels.Length; i++)
                if (mask[i]) labels[i] = LabelOf(concept);
        }
        return labels;
    }

    private static bool[] Matching(IReadOnlyList<float> pixels, (float R, float G, float B) colour, double tolerance)
    {
        int n = pixels.Count / 3;
        var mask = new bool[n];
        for (int i = 0; i < n; i++)
            mask[i] = Math.Abs(pixels[i] - colour.R) <= tolerance && Math.Abs(pixels[n + i] - colour.G) <= tolerance && Math.Abs(pixels[2 * n + i] - colour.B) <= tolerance;
        return mask;
    }

    private void Paint(float[] pixels, int i, float r, float g, float b)
    {
        int n = Side * Side;
        pixels[i] = r;
        pixels[n + i] = g;
        pixels[2 * n + i] = b;
    }
}

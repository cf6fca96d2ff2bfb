using TheoryLab.Data.Toy;

namespace TheoryLab.Tests.Data.Toy;

/// <summary>
/// The shape reader against the exact masks of real scenes, and its thresholds against the rasterised shapes they
/// separate.
/// </summary>
public class SceneShapeReaderTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void OnRealScenes_EachObjectIsOneComponent_AndEveryShapesMaskIsRecoveredToAnIouOfAtLeast099(int maxObjects)
    {
        // Objects' boxes keep a pixel apart, so their pixels are two apart and never touch: one component per object.
        // The only misreadings the thresholds allow are discs so small they rasterise to a full block (at most 1 % of
        // discs, the next test, each smaller than the mean object), so each shape's IoU over 400 scenes must be above 0.99.
        var scenes = new SyntheticScenes(24, maxObjects, 0.5).Sample(400, 17);
        var intersection = new double[3];
        var union = new double[3];
        foreach (var scene in scenes)
        {
            var reading = SceneShapeReader.Read(scene.Pixels, 0.15);
            Assert.Equal(scene.Objects.Count, reading.Components.Count);
            Assert.All(reading.Components, c => Assert.NotNull(SceneShapeReader.ShapeOf(c)));
            foreach (var shape in SyntheticScenes.Shapes)
            {
                var read = reading.Mask(shape);
                var truth = scene.Masks[(int)shape];
                for (int p = 0; p < read.Length; p++)
                {
                    if (read[p] && truth[p]) intersection[(int)shape]++;
                    if (read[p] || truth[p]) union[(int)shape]++;
                }
            }
        }
        foreach (var shape in SyntheticScenes.Shapes)
            Assert.True(intersection[(int)shape] / union[(int)shape] >= 0.99, $"{shape}: IoU {intersection[(int)shape] / union[(int)shape]:F4}");
    }

    [Fact]
    public void TheThresholds_SeparateRasterisedShapesOfEverySizeAndOffset_ButTheSmallestDiscs()
    {
        // 6,000 placements of each shape, extent uniform on [5, 10] and sub-pixel offsets uniform: every square and
        // triangle is read as itself; a disc is misread only when it is so small (at most 25 pixels) that its pixel
        // centres can fill a whole 4 × 4 or 5 × 5 block, and that happens to at most 1 % of discs.
        var random = new Random(23);
        const int side = 24, placements = 6000;
        foreach (var shape in SyntheticScenes.Shapes)
        {
            int misread = 0;
            for (int i = 0; i < placements; i++)
            {
                double size = SyntheticScenes.SmallestObject + (SyntheticScenes.LargestObject - SyntheticScenes.SmallestObject) * random.NextDouble();
                var inside = SyntheticScenes.Rasterise(shape, 2 + 10 * random.NextDouble(), 2 + 10 * random.NextDouble(), size, side);
                var component = Enumerable.Range(0, inside.Length).Where(p => inside[p]).ToArray();
                if (SceneShapeReader.ShapeOf(SceneShapeReader.Classify(component, side)) == shape) continue;
                misread++;
                Assert.Equal(SceneShape.Disc, shape);
                Assert.True(component.Length <= 25, $"a disc of {component.Length} pixels misread");
            }
            Assert.True(misread <= placements / 100, $"{misread} of {placements} {shape}s misread");
        }
    }

    [Fact]
    public void ComponentsTooSmallOrTooLong_AreReadAsNoShape()
    {
        const int side = 24;
        int[] Block(int x0, int y0, int width, int height) =>
            [.. Enumerable.Range(y0, height).SelectMany(y => Enumerable.Range(x0, width).Select(x => y * side + x))];
        Assert.Equal(ComponentReading.TooSmall, SceneShapeReader.Classify(Block(3, 3, 3, 3), side));
        Assert.Equal(ComponentReading.Elongated, SceneShapeReader.Classify(Block(3, 3, 12, 3), side));
        Assert.Equal(ComponentReading.Square, SceneShapeReader.Classify(Block(3, 3, 6, 5), side));
    }

    [Fact]
    public void TwoBlocksOfOneColourTouchingOnlyAtACorner_AreTwoComponents()
    {
        // 4-connectivity: diagonal neighbours do not join, so two 4 × 4 red squares meeting at a corner read as two squares.
        const int side = 24;
        var pixels = new float[3 * side * side];
        var red = SyntheticScenes.Colours[0];
        for (int y = 0; y < side; y++)
            for (int x = 0; x < side; x++)
            {
                bool inside = (x is >= 2 and < 6 && y is >= 2 and < 6) || (x is >= 6 and < 10 && y is >= 6 and < 10);
                var (r, g, b) = inside ? (red.R, red.G, red.B) : SyntheticScenes.Grey;
                pixels[y * side + x] = r;
                pixels[side * side + y * side + x] = g;
                pixels[2 * side * side + y * side + x] = b;
            }
        var reading = SceneShapeReader.Read(pixels, 0.15);
        Assert.Equal([ComponentReading.Square, ComponentReading.Square], reading.Components);
        Assert.Equal(32, reading.Mask(SceneShape.Square).Count(p => p));
    }
}

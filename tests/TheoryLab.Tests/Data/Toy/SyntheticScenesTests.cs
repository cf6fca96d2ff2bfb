using TheoryLab.Data.Toy;

namespace TheoryLab.Tests.Data.Toy;

public class SyntheticScenesTests
{
    [Theory]
    [InlineData(SceneShape.Square, 5.0)]
    [InlineData(SceneShape.Square, 7.3)]
    [InlineData(SceneShape.Disc, 5.0)]
    [InlineData(SceneShape.Disc, 9.4)]
    [InlineData(SceneShape.Triangle, 6.2)]
    [InlineData(SceneShape.Triangle, 10.0)]
    public void AUniformlyPlacedShape_CoversItsAnalyticAreaOnAverage(SceneShape shape, double size)
    {
        // The pixel count of one placement is the area ± the boundary's discretisation; averaged over uniform
        // sub-pixel offsets it is the area exactly, so the Monte-Carlo mean must agree within its standard error.
        var random = new Random(7);
        const int placements = 4000;
        var counts = new double[placements];
        for (int i = 0; i < placements; i++)
            counts[i] = SyntheticScenes.Rasterise(shape, 3 + 4 * random.NextDouble(), 3 + 4 * random.NextDouble(), size, 24).Count(p => p);
        double mean = counts.Average();
        double error = Math.Sqrt(counts.Sum(c => (c - mean) * (c - mean)) / (placements - 1) / placements);
        double area = SyntheticScenes.Area(shape, size);
        Assert.InRange(mean, area - 4 * error, area + 4 * error);
        // And each placement is within the discretisation of the boundary: at most the perimeter's pixels away.
        Assert.All(counts, c => Assert.InRange(c, area - 4 * size - 1, area + 4 * size + 1));
    }

    [Fact]
    public void AnIntegerSquare_CoversExactlyItsArea_AtAnyOffset()
    {
        var random = new Random(3);
        for (int i = 0; i < 200; i++)
            Assert.Equal(36, SyntheticScenes.Rasterise(SceneShape.Square, 2 + 10 * random.NextDouble(), 2 + 10 * random.NextDouble(), 6, 24).Count(p => p));
    }

    [Fact]
    public void ConceptFrequencies_MatchTheGeneratingProbabilities()
    {
        // Objects per scene are uniform on 1..3 and each object's colour and shape uniform on three, so a given colour
        // (or shape) is in a scene with probability 1 − E[(2/3)^n] = 1 − (2/3 + 4/9 + 8/27)/3 = 43/81; stripes with 1/2.
        var scenes = new SyntheticScenes(24, 3, 0.5).Sample(20_000, 11);
        double Frequency(int concept) => scenes.Average(s => s.Masks[concept].Any(p => p) ? 1.0 : 0.0);
        double FourErrors(double p) => 4 * Math.Sqrt(p * (1 - p) / scenes.Length);
        for (int concept = 0; concept < 6; concept++)
            Assert.InRange(Frequency(concept), 43.0 / 81 - FourErrors(43.0 / 81), 43.0 / 81 + FourErrors(43.0 / 81));
        Assert.InRange(Frequency(6), 0.5 - FourErrors(0.5), 0.5 + FourErrors(0.5));
        Assert.Equal(scenes.Average(s => s.Striped ? 1.0 : 0.0), Frequency(6));
        Assert.InRange(scenes.Average(s => s.Objects.Count), 2 - 4 * Math.Sqrt(2.0 / 3 / scenes.Length), 2 + 4 * Math.Sqrt(2.0 / 3 / scenes.Length));
    }

    [Fact]
    public void EachColoursPixelFrequency_IsTheExpectedObjectAreaItCovers()
    {
        // E[pixels of one colour] = E[objects] · 1/3 · E[area], with the shape uniform over square, disc and triangle
        // (area factors 1, π/4, 1/2 of size²) and size uniform on [5, 10], E[size²] = (10³ − 5³)/(3 · 5); a uniformly
        // placed object covers its area on average.
        const int side = 24;
        var scenes = new SyntheticScenes(side, 3, 0.5).Sample(20_000, 13);
        double meanSquare = (Math.Pow(SyntheticScenes.LargestObject, 3) - Math.Pow(SyntheticScenes.SmallestObject, 3)) / (3 * (SyntheticScenes.LargestObject - SyntheticScenes.SmallestObject));
        double area = meanSquare * (1 + Math.PI / 4 + 0.5) / 3;
        double expected = 2.0 / 3 * area / (side * side);
        for (int concept = 3; concept < 6; concept++)
        {
            var fractions = scenes.Select(s => s.Masks[concept].Average(p => p ? 1.0 : 0.0)).ToArray();
            double mean = fractions.Average();
            double error = Math.Sqrt(fractions.Sum(f => (f - mean) * (f - mean)) / (fractions.Length - 1) / fractions.Length);
            Assert.InRange(expected, mean - 4 * error, mean + 4 * error);
        }
    }

    [Fact]
    public void TheColourRule_RecoversEveryColourMaskOfRealScenesExactly()
    {
        var scenes = new SyntheticScenes().Sample(500, 5);
        foreach (var scene in scenes)
            foreach (var concept in SyntheticScenes.ColourConcepts)
            {
                int index = SyntheticScenes.Concepts.ToList().IndexOf(concept);
                Assert.Equal(scene.Masks[index], SyntheticScenes.ColourMask(scene.Pixels, concept, 0.15));
            }
    }

    [Fact]
    public void TheLabels_OfRealScenes_AreTheirMasks_WithGreyElsewhere()
    {
        foreach (var scene in new SyntheticScenes().Sample(200, 8))
        {
            var labels = SyntheticScenes.Labels(scene.Pixels, 0.15);
            for (int i = 0; i < labels.Length; i++)
            {
                int expected = SyntheticScenes.GreyLabel;
                foreach (var concept in SyntheticScenes.ColourConcepts)
                    if (scene.Masks[SyntheticScenes.Concepts.ToList().IndexOf(concept)][i]) expected = SyntheticScenes.LabelOf(concept);
                Assert.Equal(expected, labels[i]);
            }
        }
        // Six distinct labels: a pixel's label says which of them it matched.
        Assert.Equal(6, new[] { SyntheticScenes.NoColourLabel, SyntheticScenes.GreyLabel }.Concat(SyntheticScenes.ColourConcepts.Select(SyntheticScenes.LabelOf)).Distinct().Count());
    }

    [Fact]
    public void ObjectsDoNotOverlap_SoShapeAndColourMasksPartitionTheSameObjectPixels()
    {
        foreach (var scene in new SyntheticScenes().Sample(500, 9))
            for (int i = 0; i < scene.Masks[0].Length; i++)
            {
                int shapes = Enumerable.Range(0, 3).Count(c => scene.Masks[c][i]);
                int colours = Enumerable.Range(3, 3).Count(c => scene.Masks[c][i]);
                Assert.True(shapes <= 1 && shapes == colours, $"pixel {i}: {shapes} shapes, {colours} colours");
                Assert.False(shapes == 1 && scene.Masks[6][i], $"pixel {i} is both an object and a stripe");
            }
    }

    [Fact]
    public void TheSameSeed_GivesTheSameScenes()
    {
        var a = new SyntheticScenes().Sample(20, 4);
        var b = new SyntheticScenes().Sample(20, 4);
        for (int i = 0; i < a.Length; i++) Assert.Equal(a[i].Pixels, b[i].Pixels);
        Assert.NotEqual(a[0].Pixels, new SyntheticScenes().Sample(1, 5)[0].Pixels);
    }
}

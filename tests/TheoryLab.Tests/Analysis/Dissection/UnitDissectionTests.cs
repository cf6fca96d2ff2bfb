using TheoryLab.Analysis.Dissection;
using TheoryLab.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Analysis.Dissection;

public class UnitDissectionTests
{
    public UnitDissectionTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void TheThreshold_IsTheSortedValueThatLeavesTheTopQuantileAbove()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(5);
        var activations = randn([7, 3, 6, 6], generator: generator);
        foreach (double q in new[] { 0.01, 0.05, 0.2 })
        {
            var thresholds = UnitDissection.TopQuantileThresholds(activations, q);
            for (int u = 0; u < 3; u++)
            {
                var sorted = activations[.., u].flatten().data<float>().ToArray().Order().ToArray();
                int n = sorted.Length;
                int above = (int)Math.Floor(q * n);
                Assert.Equal(sorted[n - above - 1], thresholds[u]);
                Assert.Equal(above, sorted.Count(v => v > thresholds[u]));
            }
        }
    }

    [Fact]
    public void IntersectionOverUnion_MatchesAHandCheckedExample()
    {
        // Two images of 2 × 2 pixels, two units, two concepts. Unit 0 is above its threshold 0.5 at (image 0: pixels
        // 0, 1) and (image 1: pixel 0); unit 1 (threshold 2) only at image 1's pixel 3.
        // Concept 0 is image 0's pixels 0, 2 and image 1's pixel 0: unit 0 meets it in 2 pixels of a union of 4 → 0.5;
        // unit 1 in 0 of 4 → 0. Concept 1 is image 1's pixels 2, 3: unit 0 shares none of 5 → 0; unit 1 shares 1 of 2 → 0.5.
        using var scope = NewDisposeScope();
        var activations = tensor(new float[]
        {
            1, 1, 0, 0,   0, 0, 0, 0,
            1, 0, 0, 0,   0, 0, 0, 3,
        }).view(2, 2, 2, 2);
        var masks = tensor(new[]
        {
            true, false, true, false,   false, false, false, false,
            true, false, false, false,  false, false, true, true,
        }).view(2, 2, 2, 2);
        var iou = UnitDissection.IntersectionOverUnion(activations, [0.5, 2], masks);
        Assert.Equal(0.5, iou[0, 0], 15);
        Assert.Equal(0, iou[1, 0], 15);
        Assert.Equal(0, iou[0, 1], 15);
        Assert.Equal(0.5, iou[1, 1], 15);
        Assert.Equal([0, 1], UnitDissection.Ranking(iou, 0));
        Assert.Equal([1, 0], UnitDissection.Ranking(iou, 1));
        // Unit 0's mean over concept 0's pixels is (1 + 0 + 1)/3; unit 1's over concept 1's is (0 + 3)/2.
        var means = UnitDissection.ConditionalMeans(activations, masks);
        Assert.Equal(2.0 / 3, means[0, 0], 12);
        Assert.Equal(0, means[1, 0], 12);
        Assert.Equal(0, means[0, 1], 12);
        Assert.Equal(1.5, means[1, 1], 12);
    }

    [Fact]
    public void IntersectionOverUnion_AgreesWithAPixelByPixelCount_AcrossChunks()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(9);
        // Enough 64 × 64 images that the count runs over several chunks of images.
        var activations = rand([1100, 2, 64, 64], generator: generator);
        using var coverage = 0.7.ToScalar();
        var masks = rand([1100, 3, 64, 64], generator: generator).gt(coverage);
        double[] thresholds = [0.9, 0.6];
        var iou = UnitDissection.IntersectionOverUnion(activations, thresholds, masks);
        var a = activations.transpose(0, 1).reshape(2, -1).data<float>().ToArray();
        var m = masks.transpose(0, 1).reshape(3, -1).data<bool>().ToArray();
        int n = a.Length / 2;
        for (int u = 0; u < 2; u++)
            for (int c = 0; c < 3; c++)
            {
                long both = 0, either = 0;
                for (int i = 0; i < n; i++)
                {
                    bool x = a[u * n + i] > thresholds[u], y = m[c * n + i];
                    if (x && y) both++;
                    if (x || y) either++;
                }
                Assert.Equal((double)both / either, iou[u, c], 12);
            }
    }

    [Fact]
    public void Upsample_KeepsAConstantMap_AndDoublesTheSide()
    {
        using var scope = NewDisposeScope();
        using var level = 1.5f.ToScalar();
        var up = UnitDissection.Upsample(full([2, 3, 4, 4], level), 8);
        Assert.Equal([2L, 3, 8, 8], up.shape);
        Assert.Equal(1.5, up.min().AsDouble(), 6);
        Assert.Equal(1.5, up.max().AsDouble(), 6);
    }
}

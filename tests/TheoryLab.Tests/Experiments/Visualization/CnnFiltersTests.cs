using TheoryLab.Analysis.FeatureVisualization;
using TheoryLab.Analysis.Filters;
using TheoryLab.Data.Toy;
using TheoryLab.Experiments.Visualization;
using TheoryLab.Kernel;
using TheoryLab.Tables;
using TheoryLab.Tests.Conformance;

namespace TheoryLab.Tests.Experiments.Visualization;

/// <summary>
/// The quick run against second computations: the filters it draws re-fitted here give the median R² it reports; the
/// Gabor-like fractions agree with the R² histograms' upper bins; the synthetic images it shows are the generator's
/// for the run's seed; and the plain ascent's high-frequency share sits above the regularised one's.
/// </summary>
[Collection(QuickRunsCollection.Name)]
public class CnnFiltersTests(QuickRuns runs)
{
    private readonly ExperimentResult _result = runs["cnn-filters"].Result;
    private static readonly CnnFiltersOptions Quick = new CnnFilters().Quick;

    /// <summary>The sheet's pixels at (row of images, image), read back from its long-form table (y counted from the bottom).</summary>
    private static double[] Tile(Table sheet, int tileRow, int tile, int height, int width, int gap)
    {
        var xs = sheet.Numbers("x");
        var ys = sheet.Numbers("y");
        var shades = sheet.Numbers("shade");
        int sheetHeight = (int)ys.Max() + 1;
        var lookup = new Dictionary<(int, int), double>();
        for (int i = 0; i < xs.Count; i++) lookup[((int)xs[i], sheetHeight - 1 - (int)ys[i])] = shades[i];
        var pixels = new double[height * width];
        for (int r = 0; r < height; r++)
            for (int c = 0; c < width; c++) pixels[r * width + c] = lookup[(tile * (width + gap) + c, tileRow * (height + gap) + r)];
        return pixels;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    [Theory]
    [InlineData("mnist-t10k", 1, "2conv")]
    [InlineData("mnist-t10k", 3, "4conv")]
    [InlineData("oriented-textures", 1, "2conv")]
    public void DrawnFilters_RefittedHere_GiveTheReportedMedianRSquared(string dataset, int sheetRow, string depth)
    {
        var sheet = _result.Table($"filters-{dataset}");
        var r2 = Enumerable.Range(0, Quick.Filters).Select(f =>
        {
            var tile = Tile(sheet, sheetRow, f, Quick.Kernel, Quick.Kernel, gap: 1);
            var square = new double[Quick.Kernel, Quick.Kernel];
            for (int k = 0; k < tile.Length; k++) square[k / Quick.Kernel, k % Quick.Kernel] = tile[k];
            return GaborFit.Fit(square).RSquared;
        });
        Assert.Equal(_result.Finding($"median_r2_{dataset.Replace('-', '_')}_{depth}").Value, Median(r2), 3);
    }

    [Theory]
    [InlineData("mnist-t10k")]
    [InlineData("oriented-textures")]
    [InlineData("mnist1d-published")]
    public void GaborFractions_AreTheHistogramsMassAtOrAboveTheThreshold(string dataset)
    {
        var histogram = _result.Table($"r2-histogram-{dataset}");
        int firstBin = (int)Math.Round(Quick.Threshold * 10);
        foreach (var (column, depth) in new[] { ("learned_2conv", "2conv"), ("learned_4conv", "4conv") })
        {
            var mass = histogram.Numbers(column);
            Assert.Equal(1, mass.Sum(), 12);
            Assert.Equal(_result.Finding($"gabor_fraction_{dataset.Replace('-', '_')}_{depth}").Value, mass.Skip(firstBin).Sum(), 12);
        }
    }

    [Fact]
    public void ShownTextures_AreTheGeneratorsImagesForTheRunsSeed()
    {
        var data = OrientedTextures.Generate(Quick.TextureImages, Seeds.Derive(0, "textures train"), Quick.TextureSide);
        var sheet = _result.Table("texture-examples");
        for (int i = 0; i < 16; i++)
        {
            var tile = Tile(sheet, i / 8, i % 8, Quick.TextureSide, Quick.TextureSide, gap: 2);
            for (int k = 0; k < tile.Length; k++) Assert.Equal(data.Inputs[i * tile.Length + k], tile[k], 6);
        }
    }

    /// <summary>Plain ascent leaves the high frequencies a network's gradient carries; jitter, blur and total variation take most of them away.</summary>
    [Theory]
    [InlineData("mnist_t10k", 28)]
    [InlineData("oriented_textures", 32)]
    public void PlainAscent_IsTheMoreHighFrequency(string key, int side)
    {
        var plain = _result.Finding($"high_frequency_plain_{key}");
        Assert.Equal(SpectralPower.WhiteNoiseShare(side, side), plain.Expected!.Value, 12);
        Assert.True(plain.Value > 1.5 * _result.Finding($"high_frequency_regularised_{key}").Value);
    }
}

using System.Numerics;
using TheoryLab.Analysis.Scattering;
using TheoryLab.Numerics.Statistics;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Analysis.Scattering;

public class OrderZeroTests
{
    [Fact]
    public void OrderZero_OfARectangularImage_IsItsPaddedLowPassSampledEvery2ToTheJ()
    {
        // Computed in space, without any FFT: the reflect-padded image, circularly convolved with the spatial
        // low-pass, read every 2^J samples, the first row and column of samples cut. A non-square image whose sides
        // are not multiples of 2^J catches rows and columns swapped anywhere along the way.
        const int rows = 28, cols = 40, scales = 2, step = 1 << scales;
        var draws = new NormalDraws(new Random(3));
        var image = Enumerable.Range(0, rows * cols).Select(_ => draws.Next()).ToArray();
        using var scattering = new Scattering2D(scales, 8, 2, rows, cols);
        using var images = tensor(image, [rows, cols]);
        using var coefficients = scattering.Transform(images);
        // Kymatio's documented output size: rows / 2^J and cols / 2^J, rounded down.
        Assert.Equal([(long)ScatteringPath.ChannelCount(scales, 8, 2), rows / step, cols / step], coefficients.shape);

        int paddedRows = scattering.Filters.Rows, paddedCols = scattering.Filters.Cols;
        var lowPass = MorletSpatial.Gabor(paddedRows, paddedCols, MorletFilterBank.LowPassWidth(scales), 0, 0, 1);
        int beforeRows = KymatioPadding.PaddingBefore(rows, scales), beforeCols = KymatioPadding.PaddingBefore(cols, scales);
        var orderZero = coefficients[0].contiguous().data<double>().ToArray();
        for (int i = 0; i < rows / step; i++)
        {
            for (int k = 0; k < cols / step; k++)
            {
                int atRow = step * (i + 1), atCol = step * (k + 1);
                Complex sum = Complex.Zero;
                for (int u = 0; u < paddedRows; u++)
                {
                    int sourceRow = KymatioPadding.MirroredIndex(u - beforeRows, rows);
                    for (int v = 0; v < paddedCols; v++)
                    {
                        int sourceCol = KymatioPadding.MirroredIndex(v - beforeCols, cols);
                        sum += image[sourceRow * cols + sourceCol] * lowPass[Modulo(atRow - u, paddedRows), Modulo(atCol - v, paddedCols)];
                    }
                }
                Assert.Equal(sum.Real, orderZero[i * (cols / step) + k], 12);
            }
        }
    }

    private static int Modulo(int value, int period) => ((value % period) + period) % period;
}

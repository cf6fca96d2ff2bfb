using TheoryLab.Analysis.Scattering;
using TheoryLab.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Analysis.Scattering;

public class KymatioPaddingTests
{
    public KymatioPaddingTests() => TorchRuntime.EnsureLoaded();

    [Theory]
    [InlineData(32, 4, 64, 16)] // Kymatio's test vector: 2 × 2 coefficients after the border cut
    [InlineData(28, 2, 36, 4)]  // MNIST at J = 2: 7 × 7
    [InlineData(28, 3, 40, 6)]
    [InlineData(3, 1, 6, 1)]
    public void PaddedSize_IsTheNextMultipleOfTwoToTheJBeyondSizePlusTwoToTheJ(int size, int scales, int padded, int before)
    {
        Assert.Equal(padded, KymatioPadding.PaddedSize(size, scales));
        Assert.Equal(before, KymatioPadding.PaddingBefore(size, scales));
    }

    [Fact]
    public void MirroredIndex_MatchesNumpysReflect_EvenForPaddingLongerThanTheAxis()
    {
        // numpy.pad(numpy.arange(3), 5, mode='reflect') = [1 0 1 2 1 0 1 2 1 0 1 2 1]
        int[] numpy = [1, 0, 1, 2, 1, 0, 1, 2, 1, 0, 1, 2, 1];
        for (int i = 0; i < numpy.Length; i++) Assert.Equal(numpy[i], KymatioPadding.MirroredIndex(i - 5, 3));
        Assert.Equal(0, KymatioPadding.MirroredIndex(-4, 1));
    }

    [Fact]
    public void Pad_MirrorsRowsAndColumnsAboutTheirEdgeSamples()
    {
        // A 3 × 3 image at J = 1 pads to 6 × 6: one sample before, two after, in each axis.
        using var image = tensor(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, [1, 3, 3]);
        using var padded = KymatioPadding.Pad(image, scales: 1);
        Assert.Equal([1L, 6, 6], padded.shape);
        double[] expectedFirstRow = [5, 4, 5, 6, 5, 4]; // the row mirrored before row 0 is row 1
        double[] expectedLastRow = [2, 1, 2, 3, 2, 1];  // two after row 2: rows 1, then 0
        var values = padded.data<double>().ToArray();
        Assert.Equal(expectedFirstRow, values[..6]);
        Assert.Equal(expectedLastRow, values[30..]);
    }

    [Fact]
    public void Unpad_CutsOneCoefficientFromEachEdge()
    {
        using var count = 16.ToScalar();
        using var coefficients = HeldScalars.Range(count, dtype: ScalarType.Float64).reshape(1, 4, 4);
        using var cut = KymatioPadding.Unpad(coefficients);
        Assert.Equal([1L, 2, 2], cut.shape);
        Assert.Equal([5.0, 6, 9, 10], cut.contiguous().data<double>().ToArray());
    }
}

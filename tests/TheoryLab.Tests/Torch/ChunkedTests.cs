using TheoryLab.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Torch;

public class ChunkedTests
{
    public ChunkedTests() => TorchRuntime.EnsureLoaded();

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(50)]
    public void RowwiseMap_InChunks_EqualsTheMapOfTheWhole(int chunk)
    {
        using var scope = NewDisposeScope();
        using Scalar count = 21.ToScalar(), two = 2.ToScalar();
        var input = HeldScalars.Range(count, dtype: float64).reshape(7, 3);
        var calls = 0;
        var chunked = Chunked.Map(input, chunk, rows => { calls++; return rows.pow(two).sum(1); });
        Assert.Equal(input.pow(two).sum(1).data<double>().ToArray(), chunked.data<double>().ToArray());
        Assert.Equal((7 + chunk - 1) / chunk, calls);
    }

    [Fact]
    public void ChunkBelowOne_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Chunked.Map(zeros(2, 2), 0, x => x));
}

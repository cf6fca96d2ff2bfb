using System.Numerics;
using TheoryLab.Numerics;

namespace TheoryLab.Tests.Numerics;

/// <summary>The radix-2 transform against the defining sum, and its inverse as the inverse.</summary>
public class FastFourierTransformTests
{
    private static Complex[] RandomSignal(int n, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, n).Select(_ => new Complex(random.NextDouble() - 0.5, random.NextDouble() - 0.5))];
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(64)]
    [InlineData(512)]
    public void Forward_EqualsTheDefiningSum(int n)
    {
        var signal = RandomSignal(n, n);
        var transform = (Complex[])signal.Clone();
        FastFourierTransform.Forward(transform);
        for (int k = 0; k < n; k++)
        {
            var sum = Complex.Zero;
            for (int j = 0; j < n; j++) sum += signal[j] * Complex.FromPolarCoordinates(1, -2 * Math.PI * j * k / n);
            Assert.InRange((transform[k] - sum).Magnitude, 0, 1e-12 * Math.Max(1, n));
        }
    }

    [Fact]
    public void Inverse_UndoesForward()
    {
        var signal = RandomSignal(256, 3);
        var values = (Complex[])signal.Clone();
        FastFourierTransform.Forward(values);
        FastFourierTransform.Inverse(values);
        for (int j = 0; j < signal.Length; j++) Assert.InRange((values[j] - signal[j]).Magnitude, 0, 1e-15 * 256);
    }

    [Fact]
    public void Transform_RefusesALengthThatIsNotAPowerOfTwo() =>
        Assert.Throws<ArgumentException>(() => FastFourierTransform.Forward(new Complex[12]));
}

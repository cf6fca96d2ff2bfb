using TheoryLab.Analysis.Scattering;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Analysis.Scattering;

public class KymatioAgreementTests(ITestOutputHelper output)
{
    [KymatioReferenceFact]
    public void Transform_OfKymatiosStoredInput_ReproducesItsStoredOutputTo1eMinus5Relative()
    {
        var data = KymatioReference.Read();
        var x = data["x"];
        var expected = data["Sx"];
        Assert.Equal([2, 3, 32, 32], x.Shape);
        Assert.Equal([2, 3, 417, 2, 2], expected.Shape);
        Assert.Equal(0, data["pre_pad"].Scalar); // Kymatio padded the input itself, as Transform does

        using var scattering = new Scattering2D((int)data["J"].Scalar, angles: 8, maxOrder: 2, rows: 32, cols: 32);
        using var images = tensor(x.Values, [.. x.Shape.Select(s => (long)s)]);
        using var coefficients = scattering.Transform(images);
        Assert.Equal(expected.Shape.Select(s => (long)s), coefficients.shape);

        var actual = coefficients.contiguous().data<double>().ToArray();
        double largest = expected.Values.Max(Math.Abs);
        double worst = actual.Zip(expected.Values, (a, e) => Math.Abs(a - e)).Max();
        output.WriteLine($"max |ΔS| / max |S| = {worst / largest:E2} (max |S| = {largest:G4})");
        Assert.True(worst <= 1e-5 * largest, $"max |ΔS| / max |S| = {worst / largest:E2}");
    }
}

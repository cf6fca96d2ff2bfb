using TheoryLab.Analysis.Scattering;
using TheoryLab.Numerics.Statistics;
using TheoryLab.Torch;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Analysis.Scattering;

public class TranslationInvarianceTests(ITestOutputHelper output)
{
    private const int Size = 32, Margin = 4;

    [Fact]
    public void SmallShift_ChangesTheCoefficientsMuchLessThanTheImage_AndLessForLargerJ()
    {
        // Windows of one white-noise field, moved 1 to 3 pixels to the right: new pixels enter at the edge as in a
        // real translation. Mallat's bound ‖S_J x_c − S_J x‖ ≤ C 2^−J |c| ‖x‖ makes the relative change shrink
        // about twofold per octave; at J = 4 (averaging over 16 pixels) it should be under a tenth of the image's.
        TorchRuntime.EnsureLoaded();
        var draws = new NormalDraws(new Random(11));
        int fieldRows = Size + 2 * Margin, fieldCols = Size + 2 * Margin + 3;
        var field = Enumerable.Range(0, fieldRows * fieldCols).Select(_ => draws.Next()).ToArray();
        using var windows = stack(Enumerable.Range(0, 4).Select(shift => Window(field, fieldCols, shift)));
        var imageChange = Enumerable.Range(1, 3).Select(shift => RelativeChange(windows, shift)).ToArray();

        var previous = new double[3];
        for (int scales = 1; scales <= 4; scales++)
        {
            using var scattering = new Scattering2D(scales, 8, 2, Size, Size);
            using var coefficients = scattering.Transform(windows);
            for (int shift = 1; shift <= 3; shift++)
            {
                double ratio = RelativeChange(coefficients, shift) / imageChange[shift - 1];
                output.WriteLine($"J = {scales}, shift {shift}: ‖ΔSx‖/‖Sx‖ = {ratio:F4} × ‖Δx‖/‖x‖");
                if (scales > 1) Assert.True(ratio < previous[shift - 1], $"J = {scales}, shift {shift}: {ratio:F4} is not below J − 1's {previous[shift - 1]:F4}");
                if (scales == 4) Assert.True(ratio < 0.1, $"J = 4, shift {shift}: {ratio:F4}");
                previous[shift - 1] = ratio;
            }
        }
    }

    private static Tensor Window(double[] field, int fieldCols, int shift)
    {
        var window = new double[Size * Size];
        for (int r = 0; r < Size; r++)
            Array.Copy(field, (r + Margin) * fieldCols + Margin + shift, window, r * Size, Size);
        return tensor(window, [Size, Size]);
    }

    /// <summary>‖y_shift − y_0‖ / ‖y_0‖ along the first axis of a stack.</summary>
    private static double RelativeChange(Tensor stacked, int shift)
    {
        using var scope = NewDisposeScope();
        var reference = stacked[0];
        return (stacked[shift] - reference).norm().item<double>() / reference.norm().item<double>();
    }
}

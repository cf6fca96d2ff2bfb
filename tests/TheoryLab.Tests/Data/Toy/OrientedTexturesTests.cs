using TheoryLab.Data.Toy;
using TheoryLab.Numerics.Fits;

namespace TheoryLab.Tests.Data.Toy;

/// <summary>
/// The synthetic set's statistics measured with a direct 2-D DFT written here (no shared code with the generator's
/// separable inverse transform): each class's mean (Hann-windowed) power spectrum points along the class's orientation (within 5°, a ninth of the 45° between classes; the ±11° jitter, random contrasts and the noise leave about 2° of sampling error over 150 images), and the
/// noise's power falls with the slope −2α it was generated with.
/// </summary>
public class OrientedTexturesTests
{
    /// <summary>|F(u, v)|² of a side × side image, F(u, v) = Σ_(x,y) p(x, y) e^(−2πi(ux + vy)/side), u over columns.</summary>
    private static double[,] Power(float[] inputs, int offset, int side, bool hann = false)
    {
        // A Hann window takes away the jumps between opposite borders, which the DFT would see as extra horizontal
        // and vertical edges; it is the same along both axes, so it favours no orientation.
        double Window(int k) => hann ? 0.5 - 0.5 * Math.Cos(2 * Math.PI * (k + 0.5) / side) : 1;
        var power = new double[side, side];
        for (int v = 0; v < side; v++)
            for (int u = 0; u < side; u++)
            {
                double re = 0, im = 0;
                for (int y = 0; y < side; y++)
                    for (int x = 0; x < side; x++)
                    {
                        double angle = -2 * Math.PI * ((double)u * x + (double)v * y) / side;
                        double p = inputs[offset + y * side + x] * Window(x) * Window(y);
                        re += p * Math.Cos(angle);
                        im += p * Math.Sin(angle);
                    }
                power[v, u] = re * re + im * im;
            }
        return power;
    }

    private static double Signed(int k, int side) => k <= side / 2 ? k : k - side;

    [Fact]
    public void EachClassMeanPowerSpectrum_PointsAlongItsOrientation()
    {
        const int side = 16, perClass = 150;
        var data = OrientedTextures.Generate(OrientedTextures.Classes * perClass, seed: 3, side);
        for (int label = 0; label < OrientedTextures.Classes; label++)
        {
            // The doubled-angle moment Σ P(f)(f_x² − f_y², 2 f_x f_y) points at twice the spectrum's dominant direction;
            // isotropic noise adds nothing to it on the square grid, whose symmetries cancel both components.
            double cosine = 0, sine = 0;
            for (int n = label; n < data.Count; n += OrientedTextures.Classes)
            {
                var power = Power(data.Inputs, n * side * side, side, hann: true);
                for (int v = 0; v < side; v++)
                    for (int u = 0; u < side; u++)
                    {
                        double fx = Signed(u, side), fy = Signed(v, side);
                        cosine += power[v, u] * (fx * fx - fy * fy);
                        sine += power[v, u] * 2 * fx * fy;
                    }
            }
            double measured = (Math.Atan2(sine, cosine) / 2 + Math.PI) % Math.PI;
            double d = Math.Abs(measured - OrientedTextures.Orientation(label)) % Math.PI;
            Assert.True(Math.Min(d, Math.PI - d) < 5 * Math.PI / 180, $"class {label}: dominant orientation {measured * 180 / Math.PI:F1}°, generated {OrientedTextures.Orientation(label) * 180 / Math.PI:F0}°");
        }
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.5)]
    public void NoisePower_FallsWithTheGeneratedSlope(double exponent)
    {
        const int side = 32, images = 60;
        var random = new Random(5);
        var mean = new double[side, side];
        for (int i = 0; i < images; i++)
        {
            var noise = OrientedTextures.Noise(side, exponent, random);
            Assert.Equal(0, noise.Average(), 10);
            Assert.Equal(1, Math.Sqrt(noise.Sum(p => p * p) / noise.Length), 10);
            var power = Power([.. noise.Select(p => (float)p)], 0, side);
            for (int v = 0; v < side; v++)
                for (int u = 0; u < side; u++) mean[v, u] += power[v, u] / images;
        }
        var logF = new List<double>();
        var logP = new List<double>();
        for (int v = 0; v < side; v++)
            for (int u = 0; u < side; u++)
            {
                double f = Math.Sqrt(Signed(u, side) * Signed(u, side) + Signed(v, side) * Signed(v, side));
                if (f < 2 || f > side / 2) continue;
                logF.Add(Math.Log(f));
                logP.Add(Math.Log(mean[v, u]));
            }
        Assert.InRange(LeastSquaresLine.Fit(logF, logP).Slope, -2 * exponent - 0.1, -2 * exponent + 0.1);
    }

    [Fact]
    public void Generation_IsSeededAndAlternatesClasses()
    {
        var a = OrientedTextures.Generate(20, seed: 9, side: 12);
        var b = OrientedTextures.Generate(20, seed: 9, side: 12);
        var c = OrientedTextures.Generate(20, seed: 10, side: 12);
        Assert.Equal(a.Inputs, b.Inputs);
        Assert.NotEqual(a.Inputs, c.Inputs);
        Assert.Equal(Enumerable.Range(0, 20).Select(n => n % 8), a.Labels);
        Assert.Equal([1, 12, 12], a.ExampleShape);
    }
}

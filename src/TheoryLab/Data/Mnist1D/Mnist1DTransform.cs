using TheoryLab.Numerics.Statistics;

namespace TheoryLab.Data.Mnist1D;

/// <summary>
/// The transformations that turn a digit template into one MNIST-1D example, in the order of the published
/// generator (mnist1d/transform.py): pad with zeros, dilate, scale, translate, fill the padding with smoothed
/// noise, add white noise, shear, subsample. Random draws happen in that order too.
/// </summary>
public static class Mnist1DTransform
{
    /// <summary>Added to the template before padding so the padding alone is exactly zero (and is later told apart from the signal).</summary>
    private const double Epsilon = 1e-8;

    /// <summary>One example of length <see cref="Mnist1DParameters.FinalLength"/> from <paramref name="template"/>.</summary>
    public static double[] Apply(double[] template, Mnist1DParameters p, NormalDraws draws)
    {
        var random = draws.Random;
        int padding = p.PaddingMin + (int)(random.NextDouble() * (p.PaddingMax - p.PaddingMin + 1));
        var padded = new double[template.Length + padding];
        for (int i = 0; i < template.Length; i++) padded[i] = template[i] + Epsilon;

        var x = Interpolate(padded, template.Length + p.PaddingMax);
        double scale = 1 + p.ScaleCoefficient * (random.NextDouble() - 0.5);
        for (int i = 0; i < x.Length; i++) x[i] *= scale;
        x = Roll(x, random.Next(p.MaxTranslation));

        var smooth = GaussianFilter(Normals(draws, x.Length, p.CorrelatedNoiseScale), p.CorrelatedNoiseSigma);
        for (int i = 0; i < x.Length; i++)
            if (x[i] == 0) x[i] = smooth[i];
        var white = Normals(draws, x.Length, p.IidNoiseScale);
        for (int i = 0; i < x.Length; i++) x[i] += white[i];

        double shear = p.ShearScale * (random.NextDouble() - 0.5);
        for (int i = 0; i < x.Length; i++) x[i] -= shear * (-0.5 + (double)i / (x.Length - 1));
        return Interpolate(x, p.FinalLength);
    }

    /// <summary>
    /// Linear interpolation of <paramref name="x"/>, taken as samples at evenly spaced points of [0, 1],
    /// at <paramref name="length"/> evenly spaced points of [0, 1].
    /// </summary>
    public static double[] Interpolate(double[] x, int length)
    {
        var result = new double[length];
        for (int j = 0; j < length; j++)
        {
            double position = length == 1 ? 0 : (double)j * (x.Length - 1) / (length - 1);
            int left = Math.Min((int)position, x.Length - 2);
            double fraction = position - left;
            // Written as a + (b − a)·f so that between two exact zeros the result is exactly zero.
            result[j] = x[left] + (x[left + 1] - x[left]) * fraction;
        }
        return result;
    }

    /// <summary>Shifts <paramref name="x"/> right by <paramref name="k"/> places, circularly.</summary>
    public static double[] Roll(double[] x, int k)
    {
        var result = new double[x.Length];
        for (int i = 0; i < x.Length; i++) result[(i + k) % x.Length] = x[i];
        return result;
    }

    /// <summary>
    /// Convolution with a normalised Gaussian of width <paramref name="sigma"/>, truncated at 4σ, with the
    /// signal reflected about its edges (d c b a | a b c d | d c b a), as scipy.ndimage.gaussian_filter does by default.
    /// </summary>
    public static double[] GaussianFilter(double[] x, double sigma)
    {
        int radius = (int)(4 * sigma + 0.5);
        var weights = new double[2 * radius + 1];
        for (int k = -radius; k <= radius; k++) weights[k + radius] = Math.Exp(-0.5 * k * k / (sigma * sigma));
        double total = weights.Sum();
        for (int k = 0; k < weights.Length; k++) weights[k] /= total;

        int n = x.Length;
        var extended = new double[n + 2 * radius];
        for (int i = 0; i < extended.Length; i++) extended[i] = x[Reflect(i - radius, n)];
        var result = new double[n];
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            for (int k = 0; k < weights.Length; k++) sum += weights[k] * extended[i + k];
            result[i] = sum;
        }
        return result;
    }

    private static int Reflect(int index, int n)
    {
        int period = 2 * n;
        int m = ((index % period) + period) % period;
        return m < n ? m : period - 1 - m;
    }

    private static double[] Normals(NormalDraws draws, int count, double scale)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++) values[i] = scale * draws.Next();
        return values;
    }
}

namespace TheoryLab.Analysis.Filters;

/// <summary>
/// A 2-D Gabor function on pixel coordinates (x the column, y the row):
/// G(x, y) = A·exp(−(x′² + γ²y′²)/(2σ²))·cos(2πx′/λ + φ) + c, with x′ = (x − x₀)cos θ + (y − y₀)sin θ and
/// y′ = −(x − x₀)sin θ + (y − y₀)cos θ. θ is the direction the carrier oscillates along; the stripes run across it.
/// </summary>
public sealed record Gabor2D(double X0, double Y0, double Theta, double Wavelength, double Sigma, double Gamma, double Amplitude, double Phase, double Offset)
{
    public double Value(double x, double y)
    {
        double dx = x - X0, dy = y - Y0;
        double along = dx * Math.Cos(Theta) + dy * Math.Sin(Theta);
        double across = -dx * Math.Sin(Theta) + dy * Math.Cos(Theta);
        return Amplitude * Math.Exp(-(along * along + Gamma * Gamma * across * across) / (2 * Sigma * Sigma)) * Math.Cos(2 * Math.PI * along / Wavelength + Phase) + Offset;
    }

    /// <summary>The function sampled on a <paramref name="rows"/> × <paramref name="cols"/> grid of pixels.</summary>
    public double[,] Sample(int rows, int cols)
    {
        var image = new double[rows, cols];
        for (int y = 0; y < rows; y++)
            for (int x = 0; x < cols; x++) image[y, x] = Value(x, y);
        return image;
    }

    /// <summary>θ folded into [0, π): a Gabor at θ + π is the one at θ with its phase reflected, the same family.</summary>
    public double Orientation => ((Theta % Math.PI) + Math.PI) % Math.PI;
}

/// <summary>A 1-D Gabor function, G(x) = A·exp(−(x − x₀)²/(2σ²))·cos(2π(x − x₀)/λ + φ) + c, on sample positions x = 0, 1, ….</summary>
public sealed record Gabor1D(double X0, double Wavelength, double Sigma, double Amplitude, double Phase, double Offset)
{
    public double Value(double x)
    {
        double d = x - X0;
        return Amplitude * Math.Exp(-d * d / (2 * Sigma * Sigma)) * Math.Cos(2 * Math.PI * d / Wavelength + Phase) + Offset;
    }

    public double[] Sample(int length) => [.. Enumerable.Range(0, length).Select(x => Value(x))];
}

/// <summary>A fitted Gabor and the fraction of the filter's variance about its mean that it explains, R² = 1 − SS_res/SS_tot.</summary>
public sealed record GaborFitResult<TGabor>(TGabor Gabor, double RSquared);

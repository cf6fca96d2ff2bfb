using TheoryLab.Numerics.Fits;

namespace TheoryLab.Analysis.Filters;

/// <summary>
/// Least-squares Gabor fits of small filters, as Jones &amp; Palmer fitted simple cells' receptive fields: a grid of
/// starts over orientation, wavelength, width and centre, at each of which the amplitude, phase and offset are solved
/// exactly (the model is linear in A cos φ, A sin φ and c), then Levenberg–Marquardt over all parameters from the best
/// few starts. Widths are kept within [0.5, 2k] pixels and wavelengths within [2, 4k] (k the filter's side): below
/// 2 pixels a carrier aliases, and beyond these the function is a ramp or a constant the grid already holds.
/// </summary>
public static class GaborFit
{
    /// <summary>Starts refined by Levenberg–Marquardt, the best by their exact linear fit.</summary>
    private const int Refined = 3;

    private const int Orientations = 8;

    /// <summary>The best 2-D Gabor fit of a filter (rows × cols, row 0 at the top).</summary>
    public static GaborFitResult<Gabor2D> Fit(double[,] filter)
    {
        int rows = filter.GetLength(0), cols = filter.GetLength(1);
        int size = Math.Max(rows, cols);
        var values = filter.Cast<double>().ToArray();
        double total = TotalSquares(values);
        if (total == 0) return new(new Gabor2D((cols - 1) / 2.0, (rows - 1) / 2.0, 0, 2, 1, 1, 0, 0, values[0]), 1);

        var centres = new List<(double X, double Y)> { ((cols - 1) / 2.0, (rows - 1) / 2.0), EnergyCentre(filter) };
        var starts = new List<(double Sum, double[] P)>();
        foreach (var (x0, y0) in centres)
            for (int t = 0; t < Orientations; t++)
                foreach (double wavelength in Wavelengths(size))
                    foreach (double sigma in new[] { size / 6.0, size / 4.0, size / 2.5 })
                    {
                        double theta = t * Math.PI / Orientations;
                        var p = new[] { x0, y0, theta, Math.Log(wavelength), Math.Log(sigma), 0, 0, 0, 0 };
                        double sum = SolveLinear(p, values, (q, k) => Basis2D(q, k % cols, k / cols));
                        starts.Add((sum, p));
                    }

        double lowSigma = Math.Log(0.5), highSigma = Math.Log(2.0 * size), lowWave = Math.Log(2), highWave = Math.Log(4.0 * size);
        double[] Project(double[] p)
        {
            p[0] = Math.Clamp(p[0], -1, cols);
            p[1] = Math.Clamp(p[1], -1, rows);
            p[3] = Math.Clamp(p[3], lowWave, highWave);
            p[4] = Math.Clamp(p[4], lowSigma, highSigma);
            p[5] = Math.Clamp(p[5], Math.Log(0.25), Math.Log(4));
            return p;
        }
        void Residuals(double[] p, double[] r)
        {
            for (int k = 0; k < values.Length; k++)
            {
                var (envelopeCos, envelopeSin) = Basis2D(p, k % cols, k / cols);
                r[k] = p[6] * envelopeCos + p[7] * envelopeSin + p[8] - values[k];
            }
        }
        var best = Refine(starts, Residuals, values.Length, Project);
        var q = best.Parameters;
        var gabor = new Gabor2D(q[0], q[1], q[2], Math.Exp(q[3]), Math.Exp(q[4]), Math.Exp(q[5]), Math.Sqrt(q[6] * q[6] + q[7] * q[7]), Math.Atan2(-q[7], q[6]), q[8]);
        return new(gabor, 1 - best.SumOfSquares / total);
    }

    /// <summary>The best 1-D Gabor fit of a filter.</summary>
    public static GaborFitResult<Gabor1D> Fit(double[] filter)
    {
        int size = filter.Length;
        double total = TotalSquares(filter);
        if (total == 0) return new(new Gabor1D((size - 1) / 2.0, 2, 1, 0, 0, filter[0]), 1);

        double energyCentre = filter.Select((v, i) => v * v * i).Sum() / filter.Sum(v => v * v);
        var starts = new List<(double Sum, double[] P)>();
        foreach (double x0 in new[] { (size - 1) / 2.0, energyCentre, size / 4.0, 3 * size / 4.0 })
            foreach (double wavelength in Wavelengths(size))
                foreach (double sigma in new[] { size / 8.0, size / 5.0, size / 3.0, size / 1.5 })
                {
                    var p = new[] { x0, Math.Log(wavelength), Math.Log(sigma), 0, 0, 0 };
                    starts.Add((SolveLinear(p, filter, Basis1D), p));
                }

        double lowSigma = Math.Log(0.5), highSigma = Math.Log(2.0 * size), lowWave = Math.Log(2), highWave = Math.Log(4.0 * size);
        double[] Project(double[] p)
        {
            p[0] = Math.Clamp(p[0], -1, size);
            p[1] = Math.Clamp(p[1], lowWave, highWave);
            p[2] = Math.Clamp(p[2], lowSigma, highSigma);
            return p;
        }
        void Residuals(double[] p, double[] r)
        {
            for (int k = 0; k < size; k++)
            {
                var (envelopeCos, envelopeSin) = Basis1D(p, k);
                r[k] = p[3] * envelopeCos + p[4] * envelopeSin + p[5] - filter[k];
            }
        }
        var best = Refine(starts, Residuals, size, Project);
        var q = best.Parameters;
        var gabor = new Gabor1D(q[0], Math.Exp(q[1]), Math.Exp(q[2]), Math.Sqrt(q[3] * q[3] + q[4] * q[4]), Math.Atan2(-q[4], q[3]), q[5]);
        return new(gabor, 1 - best.SumOfSquares / total);
    }

    /// <summary>Carriers from the Nyquist wavelength of 2 pixels to one longer than the filter (an edge or a blob).</summary>
    private static double[] Wavelengths(int size) => [.. new[] { 2.0, 3.0, 4.5, 7.0, 11.0, 17.0, 26.0 }.Where(w => w < 1.6 * size).Append(1.6 * size)];

    /// <summary>The envelope times the carrier's cosine and sine at pixel (x, y), for parameters [x₀, y₀, θ, ln λ, ln σ, ln γ, …].</summary>
    private static (double Cos, double Sin) Basis2D(double[] p, int x, int y)
    {
        double dx = x - p[0], dy = y - p[1];
        double c = Math.Cos(p[2]), s = Math.Sin(p[2]);
        double along = dx * c + dy * s, across = -dx * s + dy * c;
        double sigma = Math.Exp(p[4]), gamma = Math.Exp(p[5]);
        double envelope = Math.Exp(-(along * along + gamma * gamma * across * across) / (2 * sigma * sigma));
        double phase = 2 * Math.PI * along / Math.Exp(p[3]);
        return (envelope * Math.Cos(phase), envelope * Math.Sin(phase));
    }

    /// <summary>The same for 1-D parameters [x₀, ln λ, ln σ, …].</summary>
    private static (double Cos, double Sin) Basis1D(double[] p, int x)
    {
        double d = x - p[0], sigma = Math.Exp(p[2]);
        double envelope = Math.Exp(-d * d / (2 * sigma * sigma));
        double phase = 2 * Math.PI * d / Math.Exp(p[1]);
        return (envelope * Math.Cos(phase), envelope * Math.Sin(phase));
    }

    /// <summary>
    /// The exact least-squares amplitudes (a, b, c) of a·env·cos + b·env·sin + c at the nonlinear parameters of
    /// <paramref name="p"/>, written into its last three places; returns the residual sum of squares.
    /// </summary>
    private static double SolveLinear(double[] p, double[] values, Func<double[], int, (double Cos, double Sin)> basis)
    {
        var normal = new double[3, 3];
        var right = new double[3];
        var rows = new (double, double, double)[values.Length];
        for (int k = 0; k < values.Length; k++)
        {
            var (ec, es) = basis(p, k);
            double[] row = [ec, es, 1];
            rows[k] = (ec, es, 1);
            for (int a = 0; a < 3; a++)
            {
                right[a] += row[a] * values[k];
                for (int b = 0; b < 3; b++) normal[a, b] += row[a] * row[b];
            }
        }
        // A trace-scaled ridge keeps an envelope that vanishes on every pixel from making the system singular.
        double ridge = 1e-10 * (normal[0, 0] + normal[1, 1] + normal[2, 2]);
        for (int a = 0; a < 3; a++) normal[a, a] += ridge;
        var coefficients = LevenbergMarquardt.Solve(normal, right);
        double sum = 0;
        for (int k = 0; k < values.Length; k++)
        {
            var (ec, es, one) = rows[k];
            double r = coefficients[0] * ec + coefficients[1] * es + coefficients[2] * one - values[k];
            sum += r * r;
        }
        int n = p.Length;
        (p[n - 3], p[n - 2], p[n - 1]) = (coefficients[0], coefficients[1], coefficients[2]);
        return sum;
    }

    private static (double[] Parameters, double SumOfSquares) Refine(List<(double Sum, double[] P)> starts, Action<double[], double[]> residuals, int count,
        Func<double[], double[]> project)
    {
        (double[] Parameters, double SumOfSquares) best = (starts[0].P, double.PositiveInfinity);
        foreach (var (_, start) in starts.OrderBy(s => s.Sum).Take(Refined))
        {
            var fit = LevenbergMarquardt.Minimise(residuals, start, count, project);
            if (fit.SumOfSquares < best.SumOfSquares) best = fit;
        }
        return best;
    }

    /// <summary>Σ(v − v̄)², the variance R² is measured against.</summary>
    private static double TotalSquares(IReadOnlyCollection<double> values)
    {
        double mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean));
    }

    /// <summary>The centre of the filter's squared deviation from its mean: where an off-centre Gabor sits.</summary>
    private static (double X, double Y) EnergyCentre(double[,] filter)
    {
        int rows = filter.GetLength(0), cols = filter.GetLength(1);
        double mean = filter.Cast<double>().Average(), weight = 0, x = 0, y = 0;
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
            {
                double w = (filter[r, c] - mean) * (filter[r, c] - mean);
                weight += w;
                x += w * c;
                y += w * r;
            }
        return (x / weight, y / weight);
    }
}

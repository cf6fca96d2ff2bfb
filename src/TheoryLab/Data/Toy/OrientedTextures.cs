using TheoryLab.Numerics.Statistics;

namespace TheoryLab.Data.Toy;

/// <summary>
/// A synthetic set of natural-image-like grayscale squares in which oriented edge detectors are what tells the classes
/// apart: eight classes, a windowed grating (classes 0–3) or a soft step edge (classes 4–7) at one of four orientations
/// θ = 0, π/4, π/2, 3π/4 (class mod 4), each drawn with a random phase, wavelength, position, contrast and polarity and
/// a jitter of ±π/16 about its orientation, laid over Gaussian noise whose amplitude spectrum falls as 1/f^α
/// (α = 1, the 1/f² power spectrum of natural images). Pixel (x, y) is column x and row y from the top left; the
/// grating is cos(2π(x cos θ + y sin θ)/λ + φ), so its power lies along the frequency direction (cos θ, sin θ), and
/// the edge's normal points along θ. Classes alternate; the same seed gives the same images.
/// </summary>
public static class OrientedTextures
{
    public const int Classes = 8;

    /// <summary>The noise's amplitude-spectrum exponent α: power ∝ 1/f^(2α), the slope −2 measured on natural images.</summary>
    public const double NoiseExponent = 1;

    /// <summary>The noise's standard deviation over an image, against patterns of contrast 0.5 to 1.</summary>
    public const double NoiseLevel = 0.35;

    private const double OrientationJitter = Math.PI / 16;

    /// <summary>The orientation θ of a class: its grating's carrier direction, or its edge's normal.</summary>
    public static double Orientation(int label) => label % 4 * Math.PI / 4;

    /// <summary>Whether a class holds gratings (else edges).</summary>
    public static bool IsGrating(int label) => label < 4;

    /// <summary><paramref name="count"/> images of <paramref name="side"/> × <paramref name="side"/>, shape [1, side, side].</summary>
    public static LabeledData Generate(int count, int seed, int side = 32, string name = "oriented-textures")
    {
        if (count < 1) throw new TheoryLabException($"{name}: {count} images asked for; at least 1 is needed.");
        if (side < 8) throw new TheoryLabException($"{name}: images of {side} pixels a side are too small to hold a grating; use 8 or more.");
        var random = new Random(seed);
        var normal = new NormalDraws(random);
        var noise = new SpectralNoise(side, NoiseExponent);
        int pixels = side * side;
        var inputs = new float[count * pixels];
        var labels = new int[count];
        for (int n = 0; n < count; n++)
        {
            int label = n % Classes;
            labels[n] = label;
            var background = noise.Draw(normal);
            var pattern = Pattern(label, side, random);
            for (int k = 0; k < pixels; k++) inputs[n * pixels + k] = (float)(pattern[k] + NoiseLevel * background[k]);
        }
        return new(name, inputs, labels, [1, side, side], Classes);
    }

    /// <summary>One image of Gaussian noise with amplitude spectrum 1/f^α (none at f = 0), scaled to unit standard deviation.</summary>
    public static double[] Noise(int side, double exponent, Random random) => new SpectralNoise(side, exponent).Draw(new NormalDraws(random));

    private static double[] Pattern(int label, int side, Random random)
    {
        double theta = Orientation(label) + OrientationJitter * (2 * random.NextDouble() - 1);
        double contrast = 0.5 + 0.5 * random.NextDouble();
        double cx = side * (0.3 + 0.4 * random.NextDouble()), cy = side * (0.3 + 0.4 * random.NextDouble());
        double c = Math.Cos(theta), s = Math.Sin(theta);
        var image = new double[side * side];
        if (IsGrating(label))
        {
            double wavelength = 4 + 6 * random.NextDouble(), phase = 2 * Math.PI * random.NextDouble(), window = side * (0.2 + 0.1 * random.NextDouble());
            for (int y = 0; y < side; y++)
                for (int x = 0; x < side; x++)
                {
                    double dx = x - cx, dy = y - cy;
                    double envelope = Math.Exp(-(dx * dx + dy * dy) / (2 * window * window));
                    image[y * side + x] = contrast * envelope * Math.Cos(2 * Math.PI * (x * c + y * s) / wavelength + phase);
                }
        }
        else
        {
            double polarity = random.Next(2) == 0 ? 1 : -1, softness = 0.5 + random.NextDouble();
            for (int y = 0; y < side; y++)
                for (int x = 0; x < side; x++)
                    image[y * side + x] = polarity * contrast / 2 * Math.Tanh(((x - cx) * c + (y - cy) * s) / softness);
        }
        return image;
    }

    /// <summary>
    /// Gaussian noise shaped in frequency: complex Gaussian coefficients times 1/|f|^α, taken back to pixels by a
    /// separable inverse DFT (rows, then columns) whose real part is kept; the real part of such a field has the same
    /// power spectrum shape.
    /// </summary>
    private sealed class SpectralNoise
    {
        private readonly int side;
        private readonly double[] gain;
        private readonly double[] cos, sin;

        public SpectralNoise(int side, double exponent)
        {
            this.side = side;
            gain = new double[side * side];
            for (int v = 0; v < side; v++)
                for (int u = 0; u < side; u++)
                {
                    double fu = u <= side / 2 ? u : u - side, fv = v <= side / 2 ? v : v - side;
                    double f = Math.Sqrt(fu * fu + fv * fv);
                    gain[v * side + u] = f == 0 ? 0 : Math.Pow(f, -exponent);
                }
            cos = new double[side];
            sin = new double[side];
            for (int k = 0; k < side; k++)
            {
                cos[k] = Math.Cos(2 * Math.PI * k / side);
                sin[k] = Math.Sin(2 * Math.PI * k / side);
            }
        }

        public double[] Draw(NormalDraws normal)
        {
            int n = side;
            var re = new double[n * n];
            var im = new double[n * n];
            for (int k = 0; k < n * n; k++)
            {
                re[k] = gain[k] * normal.Next();
                im[k] = gain[k] * normal.Next();
            }
            // Along rows (over u), then along columns (over v): Σ_u F[v, u] e^{2πiux/n}, then Σ_v … e^{2πivy/n}.
            var rowRe = new double[n * n];
            var rowIm = new double[n * n];
            for (int v = 0; v < n; v++)
                for (int x = 0; x < n; x++)
                {
                    double sr = 0, si = 0;
                    for (int u = 0; u < n; u++)
                    {
                        int t = u * x % n;
                        double a = re[v * n + u], b = im[v * n + u];
                        sr += a * cos[t] - b * sin[t];
                        si += a * sin[t] + b * cos[t];
                    }
                    rowRe[v * n + x] = sr;
                    rowIm[v * n + x] = si;
                }
            var image = new double[n * n];
            for (int y = 0; y < n; y++)
                for (int x = 0; x < n; x++)
                {
                    double sr = 0;
                    for (int v = 0; v < n; v++)
                    {
                        int t = v * y % n;
                        sr += rowRe[v * n + x] * cos[t] - rowIm[v * n + x] * sin[t];
                    }
                    image[y * n + x] = sr;
                }
            double mean = image.Average(), deviation = Math.Sqrt(image.Sum(p => (p - mean) * (p - mean)) / image.Length);
            for (int k = 0; k < image.Length; k++) image[k] = (image[k] - mean) / deviation;
            return image;
        }
    }
}

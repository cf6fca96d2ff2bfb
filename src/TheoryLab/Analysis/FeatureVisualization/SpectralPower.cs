using TheoryLab.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Analysis.FeatureVisualization;

/// <summary>
/// How much of an image's power lies at high spatial frequencies: the share of Σ|F(f)|² over f ≠ 0 at radial
/// frequencies |f| above half the Nyquist frequency, |f| &gt; 1/4 cycle per pixel. White noise spreads its power evenly
/// over the frequencies, so its share is the share of the grid's nonzero frequencies that lie there
/// (<see cref="WhiteNoiseShare"/>); natural images and readable visualisations hold far less.
/// </summary>
public static class SpectralPower
{
    /// <summary>Each image's high-frequency share, for images (N, C, H, W) or (N, H, W), its channels pooled.</summary>
    public static double[] HighFrequencyShare(Tensor images)
    {
        using var scope = NewDisposeScope();
        var batch = images.dim() == 3 ? images.unsqueeze(1) : images;
        int h = (int)batch.shape[2], w = (int)batch.shape[3];
        using Scalar two = 2.ToScalar(), one = 1.ToScalar();
        var power = fft.fft2(batch.to(float64)).abs().pow(two).sum(1);
        var high = tensor(HighMask(h, w), [h, w]);
        var dc = zeros(h, w, dtype: float64);
        dc[0, 0] = 1;
        var total = (power * dc.SubtractedFrom(one)).sum([1, 2]);
        var share = (power * high).sum([1, 2]) / total;
        return share.data<double>().ToArray();
    }

    /// <summary>The share of the h × w grid's nonzero frequencies whose radial frequency exceeds 1/4 cycle per pixel.</summary>
    public static double WhiteNoiseShare(int h, int w) => HighMask(h, w).Sum() / (h * w - 1);

    private static double[] HighMask(int h, int w)
    {
        var mask = new double[h * w];
        for (int v = 0; v < h; v++)
            for (int u = 0; u < w; u++)
            {
                double fv = (double)(v <= h / 2 ? v : v - h) / h, fu = (double)(u <= w / 2 ? u : u - w) / w;
                mask[v * w + u] = Math.Sqrt(fu * fu + fv * fv) > 0.25 ? 1 : 0;
            }
        return mask;
    }
}

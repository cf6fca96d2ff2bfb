using static TorchSharp.torch;

namespace TheoryLab.Analysis.Dissection;

/// <summary>
/// Network dissection of a layer's units against concept masks (Bau et al. 2019, §3.1): each unit's feature map,
/// upsampled to the image's resolution, is thresholded at its top quantile t_u, chosen over every position of every
/// image so that P(a_u &gt; t_u) = q, and the region above it is compared with each concept's mask by intersection over
/// union, both summed over all the images.
/// </summary>
public static class UnitDissection
{
    /// <summary>Feature maps [N, U, h, w] upsampled bilinearly to [N, U, side, side], as the paper does before thresholding.</summary>
    public static Tensor Upsample(Tensor features, int side) =>
        nn.functional.interpolate(features, [side, side], mode: InterpolationMode.Bilinear, align_corners: false);

    /// <summary>
    /// Each unit's top-<paramref name="quantile"/> threshold over all positions and images of
    /// <paramref name="activations"/> [N, U, H, W]: the ⌈(1 − q) n⌉-th smallest of its n values, so that at most a
    /// fraction q of them lie above it (fewer only where values tie).
    /// </summary>
    public static double[] TopQuantileThresholds(Tensor activations, double quantile)
    {
        if (!(quantile is > 0 and < 1)) throw new TheoryLabException($"top quantile {quantile}; give a fraction strictly between 0 and 1.");
        using var scope = NewDisposeScope();
        var values = PerUnit(activations);
        long n = values.shape[1];
        long k = Math.Max(1, (long)Math.Ceiling((1 - quantile) * n - 1e-9));
        var (threshold, _) = values.kthvalue(k, dim: 1);
        return [.. threshold.to_type(ScalarType.Float64).data<double>()];
    }

    /// <summary>
    /// IoU[u, c] = Σ |{a_u &gt; t_u} ∩ M_c| / Σ |{a_u &gt; t_u} ∪ M_c| over all images, for activations [N, U, H, W] and
    /// boolean masks [N, C, H, W]; 0 where both regions are empty. Counted in chunks of images so that float32 sums stay exact.
    /// </summary>
    public static double[,] IntersectionOverUnion(Tensor activations, IReadOnlyList<double> thresholds, Tensor masks)
    {
        long images = activations.shape[0], units = activations.shape[1], concepts = masks.shape[1];
        if (masks.shape[0] != images || masks.shape[2] != activations.shape[2] || masks.shape[3] != activations.shape[3])
            throw new ArgumentException($"masks of shape [{string.Join(", ", masks.shape)}] do not cover activations of shape [{string.Join(", ", activations.shape)}]");
        if (thresholds.Count != units) throw new ArgumentException($"{thresholds.Count} thresholds for {units} units");
        var intersection = new double[units, concepts];
        var active = new double[units];
        var present = new double[concepts];
        long chunk = Math.Max(1, (1 << 22) / (activations.shape[2] * activations.shape[3]));
        for (long start = 0; start < images; start += chunk)
        {
            using var scope = NewDisposeScope();
            long size = Math.Min(chunk, images - start);
            var above = PerUnit(activations.narrow(0, start, size)).gt(tensor(thresholds.ToArray()).to_type(activations.dtype).view(units, 1)).to_type(ScalarType.Float32);
            var inside = PerUnit(masks.narrow(0, start, size)).to_type(ScalarType.Float32);
            var counts = above.mm(inside.t()).to_type(ScalarType.Float64).data<double>().ToArray();
            var aboveCounts = above.sum(1).to_type(ScalarType.Float64).data<double>().ToArray();
            var insideCounts = inside.sum(1).to_type(ScalarType.Float64).data<double>().ToArray();
            for (int u = 0; u < units; u++)
            {
                active[u] += aboveCounts[u];
                for (int c = 0; c < concepts; c++) intersection[u, c] += counts[u * concepts + c];
            }
            for (int c = 0; c < concepts; c++) present[c] += insideCounts[c];
        }
        var iou = new double[units, concepts];
        for (int u = 0; u < units; u++)
            for (int c = 0; c < concepts; c++)
            {
                double union = active[u] + present[c] - intersection[u, c];
                iou[u, c] = union > 0 ? intersection[u, c] / union : 0;
            }
        return iou;
    }

    /// <summary>
    /// Mean[u, c], each unit's mean activation over the pixels of each concept's mask, over all images (0 for a concept
    /// never present): the value Bau et al. set a unit to when they force it on to insert the concept.
    /// </summary>
    public static double[,] ConditionalMeans(Tensor activations, Tensor masks)
    {
        long images = activations.shape[0], units = activations.shape[1], concepts = masks.shape[1];
        var sums = new double[units, concepts];
        var present = new double[concepts];
        long chunk = Math.Max(1, (1 << 22) / (activations.shape[2] * activations.shape[3]));
        for (long start = 0; start < images; start += chunk)
        {
            using var scope = NewDisposeScope();
            long size = Math.Min(chunk, images - start);
            var values = PerUnit(activations.narrow(0, start, size)).to_type(ScalarType.Float64);
            var inside = PerUnit(masks.narrow(0, start, size)).to_type(ScalarType.Float64);
            var products = values.mm(inside.t()).data<double>().ToArray();
            var insideCounts = inside.sum(1).data<double>().ToArray();
            for (int u = 0; u < units; u++)
                for (int c = 0; c < concepts; c++) sums[u, c] += products[u * concepts + c];
            for (int c = 0; c < concepts; c++) present[c] += insideCounts[c];
        }
        var means = new double[units, concepts];
        for (int u = 0; u < units; u++)
            for (int c = 0; c < concepts; c++) means[u, c] = present[c] > 0 ? sums[u, c] / present[c] : 0;
        return means;
    }

    /// <summary>The units in decreasing order of IoU with concept <paramref name="concept"/>; ties keep the lower index first.</summary>
    public static int[] Ranking(double[,] iou, int concept) =>
        [.. Enumerable.Range(0, iou.GetLength(0)).OrderByDescending(u => iou[u, concept]).ThenBy(u => u)];

    /// <summary>[N, U, H, W] → [U, N·H·W]: each row one unit's values at every position of every image.</summary>
    private static Tensor PerUnit(Tensor maps) => maps.transpose(0, 1).reshape(maps.shape[1], -1);
}

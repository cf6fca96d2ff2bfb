using static TorchSharp.torch;

namespace TheoryLab.Torch;

/// <summary>A map over a tensor's first axis computed a slice at a time, so that its intermediate tensors stay small.</summary>
public static class Chunked
{
    /// <summary>
    /// <paramref name="map"/> applied to consecutive slices of at most <paramref name="chunk"/> rows of
    /// <paramref name="input"/>, the results joined along the first axis: equal to <c>map(input)</c> for any map that
    /// treats rows independently (a network in evaluation, or in training mode without batch statistics).
    /// </summary>
    public static Tensor Map(Tensor input, int chunk, Func<Tensor, Tensor> map)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunk, 1);
        var parts = new List<Tensor>();
        for (long start = 0; start < input.shape[0]; start += chunk)
            parts.Add(map(input.narrow(0, start, Math.Min(chunk, input.shape[0] - start))));
        return cat(parts, 0);
    }
}

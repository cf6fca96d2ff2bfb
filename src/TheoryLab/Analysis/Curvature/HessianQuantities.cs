using TheoryLab.Numerics.Spectra;
using TheoryLab.Numerics.Statistics;
using TheoryLab.Training;
using static TorchSharp.torch;

namespace TheoryLab.Analysis.Curvature;

/// <summary>One block's curvature summary: its largest Hessian eigenvalue and its Hessian's trace, each with its spread.</summary>
/// <param name="Block">The block's name (a layer, a tensor, or <c>all</c>).</param>
/// <param name="Dimension">Its number of parameters.</param>
/// <param name="TopEigenvalue">λ_max by Lanczos, over repeated start vectors.</param>
/// <param name="Trace">tr H by Hutchinson, over repeated estimates.</param>
public sealed record BlockCurvature(string Block, int Dimension, Spread TopEigenvalue, Spread Trace);

/// <summary>
/// Hessian quantities of a model through <see cref="HessianOperator"/>: extreme eigenvalues (Lanczos), trace
/// (Hutchinson), spectral density (stochastic Lanczos quadrature), the exact spectrum for small blocks, and all of
/// them per layer or tensor. Every stochastic estimate takes its sample counts as arguments and reports the spread
/// over repeats, so a user can see whether the numbers are resolved.
/// </summary>
public static class HessianQuantities
{
    /// <summary>
    /// The <paramref name="count"/> largest eigenvalues (largest first) by <paramref name="steps"/> Lanczos steps from
    /// <paramref name="repeats"/> random start vectors: mean and spread of each rank over the starts.
    /// </summary>
    public static Spread[] TopEigenvalues(HessianOperator hessian, int count, int steps, int repeats, Random random)
    {
        int n = hessian.Dimension;
        if (count < 1 || count > Math.Min(steps, n)) throw new TheoryLabException($"ask for between 1 and min(steps, dimension) = {Math.Min(steps, n)} eigenvalues, not {count}.");
        var runs = Enumerable.Range(0, repeats)
            .Select(_ => Lanczos.Run(hessian.Multiply, ProbeVectors.Rademacher(n, random), Math.Min(steps, n)).RitzValues())
            .ToList();
        return [.. Enumerable.Range(0, count).Select(rank => Spread.Of([.. runs.Select(ritz => ritz[ritz.Length - 1 - Math.Min(rank, ritz.Length - 1)])]))];
    }

    /// <summary>tr H by Hutchinson: <paramref name="repeats"/> estimates of <paramref name="samples"/> probes each.</summary>
    public static Spread Trace(HessianOperator hessian, int samples, int repeats, Random random) =>
        Hutchinson.Trace(hessian.Multiply, hessian.Dimension, samples, repeats, random);

    /// <summary>The spectral density by SLQ: <paramref name="probes"/> probes of <paramref name="steps"/> Lanczos steps.</summary>
    public static StochasticLanczosQuadrature Density(HessianOperator hessian, int probes, int steps, Random random, Action? afterEachProbe = null) =>
        StochasticLanczosQuadrature.Run(hessian.Multiply, hessian.Dimension, probes, steps, random, afterEachProbe);

    /// <summary>Every eigenvalue, increasing, from the dense Hessian (n Hessian-vector products and an O(n³) eigensolve).</summary>
    public static double[] ExactEigenvalues(HessianOperator hessian)
    {
        using var scope = NewDisposeScope();
        return linalg.eigvalsh(hessian.Exact()).data<double>().ToArray();
    }

    /// <summary>
    /// λ_max and tr H of each block's own Hessian (the diagonal block of the full Hessian for its parameters), over
    /// <paramref name="batches"/>: what the per-layer tools of PyHessian report.
    /// </summary>
    public static IReadOnlyList<BlockCurvature> PerBlock(Problem problem, IReadOnlyList<Batch> batches, IReadOnlyList<ParameterVector> blocks, int steps, int samples, int repeats, Random random)
    {
        var summaries = new List<BlockCurvature>();
        foreach (var block in blocks)
        {
            using var hessian = new HessianOperator(problem, batches, block);
            summaries.Add(new BlockCurvature(block.Name, hessian.Dimension,
                TopEigenvalues(hessian, 1, steps, repeats, random)[0], Trace(hessian, samples, repeats, random)));
        }
        return summaries;
    }
}

using TheoryLab.Torch;
using TheoryLab.Training;
using TheoryLab.Training.Optimizers;
using static TorchSharp.torch;

namespace TheoryLab.Experiments.Optimization;

/// <summary>
/// AdaGrad-Norm with exact gradients on a quadratic f(x) = ½ Σ λᵢ xᵢ², where L = max λᵢ is known: how far b_k grows
/// before it stops, against the stability threshold ηL/2 and Ward, Wu and Bottou's two-phase bound.
/// </summary>
internal static class AdaGradNormPlateau
{
    /// <summary>One run: the initial and final b, the steps taken, and whether ‖∇f‖ fell below the tolerance.</summary>
    public sealed record Outcome(double InitialB, double FinalB, int Steps, bool Converged);

    /// <summary>
    /// Runs <see cref="AdaGradNorm"/> from <paramref name="start"/> until ‖∇f(x_k)‖ ≤ tolerance · ‖∇f(x_0)‖ (after
    /// which b grows by less than Σ‖g‖²/(2b), negligible) or <paramref name="maxSteps"/> steps.
    /// </summary>
    public static Outcome Run(IReadOnlyList<double> eigenvalues, IReadOnlyList<double> start, double eta, double b0, double tolerance, int maxSteps, CancellationToken cancellation)
    {
        using var scope = NewDisposeScope();
        var curvature = tensor(eigenvalues.ToArray(), dtype: float64);
        var x = tensor(start.ToArray(), dtype: float64);
        using var optimizer = new AdaGradNorm(eta, b0);
        double threshold = tolerance * x.mul(curvature).norm().AsDouble();
        bool converged = false;
        int? stopped = VectorDescent.Run(x, optimizer, (x, _) => x.mul(curvature), maxSteps, (x, _) =>
        {
            double norm = x.mul(curvature).norm().AsDouble();
            converged = norm <= threshold;
            return converged || !double.IsFinite(norm);
        }, cancellation);
        return new Outcome(b0, optimizer.B, converged ? stopped!.Value : maxSteps, converged);
    }

    /// <summary>
    /// Ward, Wu and Bottou's bound on the final b for an L-smooth f with F(x₀) − F* = <paramref name="gap"/>, in two
    /// phases. Once b_{k₀} ≥ ηL, every step decreases f by at least (η/2b_{k+1})‖g_k‖², and
    /// b_{k+1} − b_k ≤ ‖g_k‖²/b_{k+1}, so b_∞ ≤ b_{k₀} + 2(F(x_{k₀}) − F*)/η (for b₀ ≥ ηL, k₀ = 0). Before k₀, f can
    /// rise by at most (Lη²/2) Σ ‖g_k‖²/b_{k+1}² ≤ Lη² ln(b_{k₀}/b₀), and ‖g‖² ≤ 2L(f − F*) bounds the last increment
    /// of b², so b_{k₀}² ≤ η²L² + 2L·gap + 2L²η² ln(ηL/b₀) =: B² and b_∞ ≤ B + 2·gap/η + 2ηL ln(B/b₀).
    /// (If b never reaches ηL, b_∞ &lt; ηL ≤ B.)
    /// </summary>
    public static double UpperBound(double eta, double smoothness, double gap, double b0)
    {
        double threshold = eta * smoothness;
        if (b0 >= threshold) return b0 + 2 * gap / eta;
        double crossing = Math.Sqrt(threshold * threshold + 2 * smoothness * gap + 2 * threshold * threshold * Math.Log(threshold / b0));
        return crossing + 2 * gap / eta + 2 * threshold * Math.Log(crossing / b0);
    }

    /// <summary>
    /// ηL/2: with b below it the step η/b exceeds 2/L and the top eigen-direction grows, so its gradients keep
    /// increasing b; on a quadratic whose top direction the start excites, b can settle only at or above it.
    /// </summary>
    public static double StabilityThreshold(double eta, double smoothness) => eta * smoothness / 2;
}

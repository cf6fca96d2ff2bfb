using TheoryLab.Torch;
using TheoryLab.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Analysis.Curvature;

/// <summary>Where a critical-point search ended: the loss, ‖∇L‖, the Hessian's eigenvalues there and whether ‖∇L‖ met the tolerance.</summary>
/// <param name="Loss">L at the end point.</param>
/// <param name="GradientNorm">‖∇L‖ at the end point.</param>
/// <param name="Eigenvalues">The exact Hessian's eigenvalues at the end point, increasing.</param>
/// <param name="Iterations">Newton steps taken.</param>
/// <param name="Converged">‖∇L‖ fell below the tolerance: a critical point, not a gradient-flat region.</param>
public sealed record CriticalPoint(double Loss, double GradientNorm, double[] Eigenvalues, int Iterations, bool Converged)
{
    /// <summary>The index α: the fraction of negative Hessian eigenvalues.</summary>
    public double Index => (double)Eigenvalues.Count(l => l < 0) / Eigenvalues.Length;
}

/// <summary>
/// Finds a critical point of a problem's loss near the current parameters by a Newton-type method on ∇L = 0 with the
/// exact Hessian: Levenberg–Marquardt on ½‖∇L‖², whose step is δ = −(H² + μI)⁻¹H∇L = −Σ λ/(λ² + μ) qqᵀ∇L over
/// H's eigenpairs (λ, q). For μ → 0 this is Newton's step, which converges quadratically to a non-degenerate critical
/// point of any index (Newton is not repelled by saddles); μ grows when a step fails to lower ‖∇L‖, and then the
/// step turns towards gradient descent on ½‖∇L‖². (A backtracking line search along Newton's direction was tried
/// first and reduced ‖∇L‖ less on these networks.) Such searches can stall where H∇L ≈ 0 with ∇L ≠ 0 (gradient-flat regions,
/// Frye et al. 2021); <see cref="CriticalPoint.Converged"/> tells them apart. Small models only: each step forms the
/// dense Hessian (one Hessian-vector product per parameter, unless the caller has it in closed form) and its
/// eigendecomposition.
/// </summary>
public static class CriticalPointSearch
{
    /// <summary>Moves the model's parameters to a critical point of the loss averaged over <paramref name="batches"/>.</summary>
    /// <param name="problem">Model and loss (float64 recommended: the tolerance is absolute).</param>
    /// <param name="batches">The data the loss is averaged over (all of it, for critical points of the training loss).</param>
    /// <param name="maxIterations">Newton steps at most.</param>
    /// <param name="tolerance">‖∇L‖ that counts as zero.</param>
    /// <param name="afterEachStep">Called with the step number, L and ‖∇L‖ before each step (progress, diagnostics).</param>
    /// <param name="cancellation">Stops the search between steps.</param>
    /// <param name="exactHessian">
    /// Forms the dense Hessian (float64) at the model's current parameters, for a model that has it in closed form;
    /// by default <see cref="HessianOperator.Exact"/>, one Hessian-vector product per parameter.
    /// </param>
    /// <param name="atEndPoint">
    /// Called with the dense Hessian at the end point (float64, valid during the call), which the search has formed
    /// anyway: a caller that needs it copies it instead of forming it again.
    /// </param>
    public static CriticalPoint Refine(Problem problem, IReadOnlyList<Batch> batches, int maxIterations, double tolerance,
        Action<int, double, double>? afterEachStep = null, CancellationToken cancellation = default, Func<Tensor>? exactHessian = null, Action<Tensor>? atEndPoint = null)
    {
        var theta = ParameterVector.Of(problem.Model);
        double damping = 1e-6;
        for (int iteration = 0; ; iteration++)
        {
            cancellation.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            using var hessian = new HessianOperator(problem, batches, theta);
            double norm = hessian.Gradient.norm().AsDouble();
            var matrix = exactHessian is null ? hessian.Exact() : exactHessian();
            var (values, vectors) = linalg.eigh(matrix);
            if (norm < tolerance || iteration == maxIterations)
            {
                atEndPoint?.Invoke(matrix);
                return new CriticalPoint(hessian.Loss, norm, values.data<double>().ToArray(), iteration, norm < tolerance);
            }
            afterEachStep?.Invoke(iteration, hessian.Loss, norm);
            var projected = vectors.T.matmul(hessian.Gradient.to(float64));
            // Try the step and raise μ tenfold until ‖∇L‖ falls; μ is relative to the largest λ², so it is scale-free,
            // and falls tenfold after each success, so near a non-degenerate critical point the steps become Newton's.
            double scale = values.abs().max().AsDouble();
            for (int attempt = 0; attempt < 30; attempt++)
            {
                using var mu = (damping * scale * scale).ToScalar();
                using var step = vectors.matmul(values.div(values.Squared().Plus(mu)).mul(projected)).neg();
                theta.Add(step);
                if (GradientNorm(problem, batches, theta) < norm)
                {
                    damping = Math.Max(damping / 10, 1e-12);
                    break;
                }
                theta.Add(step, -1);
                damping *= 10;
            }
        }
    }

    /// <summary>‖∇L‖ by one ordinary backward pass over the batches.</summary>
    private static double GradientNorm(Problem problem, IReadOnlyList<Batch> batches, ParameterVector theta)
    {
        using var scope = NewDisposeScope();
        problem.Model.zero_grad();
        long total = batches.Sum(b => b.Inputs.shape[0]);
        foreach (var batch in batches)
        {
            using var share = ((double)batch.Inputs.shape[0] / total).ToScalar();
            problem.Loss(problem.Model, batch).mul(share).backward();
        }
        return theta.Gradient().norm().AsDouble();
    }
}

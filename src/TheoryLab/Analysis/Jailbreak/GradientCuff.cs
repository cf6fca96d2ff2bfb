using TheoryLab.Models.Transformers;
using TheoryLab.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Analysis.Jailbreak;

/// <summary>A prompt's refusal loss φ and the norm of its zeroth-order gradient in the query's embeddings.</summary>
public sealed record RefusalLandscape(double RefusalLoss, double GradientNorm);

/// <summary>
/// Gradient Cuff (Hu, Chen &amp; Ho 2024): a jailbreak detector from the refusal loss φ(x) = 1 − p(refusal | x). Phase 1
/// rejects a query whose φ is below 0.5 (the model would refuse it more often than not); phase 2 rejects one whose
/// φ's gradient norm, estimated from function values at P random perturbations of scale μ of the query's token
/// embeddings, exceeds a threshold t set on benign queries. Hu et al. estimate φ from N sampled responses, judging
/// each refusal by keywords; here p(refusal | x) is the model's exact probability of the refusal sequence, the
/// product of its next-token probabilities, so φ carries no sampling noise.
/// </summary>
public static class GradientCuff
{
    /// <summary>Phase 1 rejects below this refusal loss.</summary>
    public const double RefusalLossThreshold = 0.5;

    /// <summary>
    /// φ and ‖g‖ of the query <paramref name="query"/> read between <paramref name="before"/> and
    /// <paramref name="after"/>: only the query's embeddings are perturbed, the surrounding tokens stay as they are.
    /// </summary>
    public static RefusalLandscape Measure(TinyLanguageModel model, int[] before, int[] query, int[] after, int[] refusal,
        double mu, int directions, Generator generator)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var head = Responses.Embed(model, before);
        var tail = Responses.Embed(model, after);
        Tensor RefusalLoss(Tensor queries)
        {
            long batch = queries.shape[0];
            var context = cat([head.expand(batch, -1, -1), queries, tail.expand(batch, -1, -1)], 1);
            using var one = 1.ToScalar();
            return Responses.LogProbability(model, context, refusal).to(ScalarType.Float64).exp().SubtractedFrom(one);
        }
        var x = Responses.Embed(model, query)[0];
        double phi = RefusalLoss(x.unsqueeze(0)).AsDouble();
        var gradient = ZerothOrderGradient.Estimate(RefusalLoss, x, mu, directions, generator);
        return new RefusalLandscape(phi, gradient.norm().AsDouble());
    }

    /// <summary>The two-phase verdict: rejected when φ &lt; 0.5, or else when ‖g‖ &gt; t.</summary>
    public static bool Rejects(RefusalLandscape landscape, double gradientThreshold) =>
        landscape.RefusalLoss < RefusalLossThreshold || landscape.GradientNorm > gradientThreshold;

    /// <summary>One score whose threshold t gives the two-phase detector: +∞ for a query phase 1 rejects, ‖g‖ otherwise.</summary>
    public static double DetectorScore(RefusalLandscape landscape) =>
        landscape.RefusalLoss < RefusalLossThreshold ? double.PositiveInfinity : landscape.GradientNorm;
}

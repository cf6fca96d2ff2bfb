using TheoryLab.Training.Optimizers;
using static TorchSharp.torch;

namespace TheoryLab.Training;

/// <summary>What a classification run did, and its metrics at every evaluation (the last one after the last step taken).</summary>
public sealed record ClassificationRun(TrainingSummary Summary, IReadOnlyList<ClassificationPoint> Curve)
{
    /// <summary>The metrics after training.</summary>
    public ClassificationPoint Final => Curve[^1];
}

/// <summary>
/// The classification recipe: a model (built by the caller from an explicit generator) is trained with cross-entropy by
/// <see cref="Trainer"/> on a <see cref="ClassificationSets"/>, and evaluated on both parts at the steps asked for
/// and always after its last step, so a run that stops early on a non-finite loss still ends with its metrics.
/// </summary>
public static class ClassificationRecipe
{
    /// <param name="batches">The training batches (<see cref="ClassificationSets.TrainingBatches"/>, or a source whose batch size changes).</param>
    /// <param name="evaluateAt">Steps after which to evaluate (0 is before training).</param>
    /// <param name="callbacks">Anything else to call at every step (progress, probes), after the evaluation of that step.</param>
    /// <param name="onEvaluation">Called with each evaluation as it is made.</param>
    public static ClassificationRun Train(nn.Module<Tensor, Tensor> model, ClassificationSets sets, IBatchSource batches, IOptimizer optimizer,
        long steps, IReadOnlySet<long> evaluateAt, IReadOnlyList<TrainingCallback>? callbacks = null, Action<ClassificationPoint>? onEvaluation = null,
        CancellationToken cancellation = default, DivergencePolicy divergence = DivergencePolicy.Fail)
    {
        var curve = new List<ClassificationPoint>();
        void Evaluate(long step)
        {
            curve.Add(sets.Evaluate(model, step));
            onEvaluation?.Invoke(curve[^1]);
        }
        TrainingCallback evaluate = TrainingCallbacks.At(evaluateAt, moment => Evaluate(moment.Step));
        var summary = Trainer.Train(new Problem(model, batches, Classification.CrossEntropy), optimizer, steps, [evaluate, .. callbacks ?? []],
            cancellation, divergence);
        if (curve.Count == 0 || curve[^1].Step != summary.Steps) Evaluate(summary.Steps);
        return new ClassificationRun(summary, curve);
    }
}

using TheoryLab.Training;
using static TorchSharp.torch;

namespace TheoryLab.Analysis.Landscape;

/// <summary>
/// Measures a model's loss (and a classifier's accuracy) at points θ of its weight space: writes θ into the trainable
/// parameters, recomputes the batch-norm statistics for those weights (see <see cref="BatchNormStatistics"/>), and
/// evaluates in evaluation mode without gradients. Every landscape tool — lines, planes, curves — measures through
/// one of these, so each works on any TorchSharp model and loss, including losses without targets.
/// </summary>
public sealed class LandscapeProbe
{
    private readonly Func<PointMeasure> _measure;
    private readonly IBatchSource _statistics;

    private LandscapeProbe(nn.Module<Tensor, Tensor> model, Func<PointMeasure> measure, IBatchSource statistics, bool recomputeBatchNorm)
    {
        Model = model;
        Weights = ParameterVector.Of(model);
        _measure = measure;
        _statistics = statistics;
        RecomputesBatchNorm = recomputeBatchNorm && BatchNormStatistics.Layers(model).Count > 0;
    }

    /// <summary>The model whose weights the probe moves.</summary>
    public nn.Module<Tensor, Tensor> Model { get; }

    /// <summary>The model's trainable parameters as one vector: the coordinates of the landscape.</summary>
    public ParameterVector Weights { get; }

    /// <summary>Whether batch-norm statistics are recomputed at every point (the model has batch norm and it was asked for).</summary>
    public bool RecomputesBatchNorm { get; }

    /// <summary>
    /// A probe of <paramref name="problem"/>'s loss, averaged over <paramref name="evaluation"/> (default: the problem's
    /// data, epoch-0 order). Batch-norm statistics, where the model has any, are recomputed on
    /// <paramref name="statistics"/> (default: the evaluation data), unless <paramref name="recomputeBatchNorm"/> is false.
    /// </summary>
    public static LandscapeProbe ForLoss(Problem problem, IBatchSource? evaluation = null, IBatchSource? statistics = null, bool recomputeBatchNorm = true)
    {
        var data = evaluation ?? problem.Data;
        var model = problem.Model;
        var atEvaluation = new Problem(model, data, problem.Loss);
        return new(model, () => InEvaluationMode(model, () => new PointMeasure(atEvaluation.AverageLoss(), null)), statistics ?? data, recomputeBatchNorm);
    }

    /// <summary>
    /// A probe of a classifier's mean cross-entropy and accuracy over <paramref name="evaluation"/> (training data, for
    /// the training-loss landscape), one forward pass per batch (<see cref="Classification.Evaluate"/>).
    /// </summary>
    public static LandscapeProbe ForClassifier(nn.Module<Tensor, Tensor> model, IBatchSource evaluation, IBatchSource? statistics = null, bool recomputeBatchNorm = true) =>
        new(model, () =>
        {
            var metrics = Classification.Evaluate(model, evaluation);
            return new PointMeasure(metrics.Loss, metrics.Accuracy);
        }, statistics ?? evaluation, recomputeBatchNorm);

    /// <summary>The measure at the weights the model holds now (after recomputing batch-norm statistics for them).</summary>
    public PointMeasure Measure()
    {
        if (RecomputesBatchNorm) BatchNormStatistics.Recompute(Model, _statistics);
        return _measure();
    }

    /// <summary>Writes <paramref name="weights"/> (a flat θ, see <see cref="Weights"/>) into the model and measures there.</summary>
    public PointMeasure MeasureAt(Tensor weights)
    {
        MoveTo(weights);
        return _measure();
    }

    /// <summary>
    /// Writes <paramref name="weights"/> into the model and recomputes the batch-norm statistics for them, without
    /// measuring: for work at a point that needs the model there but not its loss (a Hessian there), which would
    /// otherwise pay a whole evaluation pass and discard it.
    /// </summary>
    public void MoveTo(Tensor weights)
    {
        Weights.Write(weights);
        if (RecomputesBatchNorm) BatchNormStatistics.Recompute(Model, _statistics);
    }

    private static PointMeasure InEvaluationMode(nn.Module model, Func<PointMeasure> measure)
    {
        bool wasTraining = model.training;
        model.eval();
        try
        {
            return measure();
        }
        finally
        {
            model.train(wasTraining);
        }
    }
}

using System.Diagnostics;
using TheoryLab.Torch;
using TheoryLab.Training.Optimizers;
using static TorchSharp.torch;

namespace TheoryLab.Training;

/// <summary>What a training run did: steps, examples seen, the time the steps themselves took, and where it diverged if it did.</summary>
/// <param name="Steps">Updates applied.</param>
/// <param name="Seconds">Wall time of the training steps (batching, forward, backward, update), callbacks excluded.</param>
/// <param name="Divergence">Where the batch loss stopped being finite, under <see cref="DivergencePolicy.Record"/>; null when it never did.</param>
public sealed record TrainingSummary(long Steps, long Examples, int Epochs, double Seconds, TrainingDivergence? Divergence = null)
{
    /// <summary>Training examples processed per second of step time.</summary>
    public double ExamplesPerSecond => Examples / Seconds;

    public bool Diverged => Divergence is not null;
}

/// <summary>The training loop: mini-batch steps of any <see cref="IOptimizer"/> over a <see cref="Problem"/>, with callbacks for everything else.</summary>
public static class Trainer
{
    /// <summary>
    /// Takes <paramref name="steps"/> steps of <paramref name="optimizer"/> on <paramref name="problem"/>, epoch after
    /// epoch of its data (epoch e in the order the source gives for e), calling every callback before the first step
    /// and after each. The optimiser sees the model's trainable parameters, in registration order, at every step; a
    /// parameter the loss does not reach gets a zero gradient. A batch loss that is not finite is never applied nor
    /// shown to a callback: <paramref name="divergence"/> says whether it fails the run or ends the training early.
    /// </summary>
    public static TrainingSummary Train(Problem problem, IOptimizer optimizer, long steps, IReadOnlyList<TrainingCallback> callbacks,
        CancellationToken cancellation = default, DivergencePolicy divergence = DivergencePolicy.Fail)
    {
        if (steps < 1) throw new TheoryLabException($"training needs at least one step, not {steps}.");
        var model = problem.Model;
        var parameters = model.parameters().Where(p => p.requires_grad).ToArray();
        model.train();
        Notify(callbacks, new TrainingMoment(0, steps, 0, null, model));

        var clock = new Stopwatch();
        long step = 0, examples = 0;
        int epoch = 0;
        for (; step < steps; epoch++)
        {
            using var batches = problem.Data.Epoch(epoch).GetEnumerator();
            long stepsBefore = step;
            while (step < steps)
            {
                cancellation.ThrowIfCancellationRequested();
                clock.Start();
                double loss;
                using (NewDisposeScope())
                {
                    if (!batches.MoveNext()) { clock.Stop(); break; }
                    model.zero_grad();
                    var batchLoss = problem.Loss(model, batches.Current);
                    loss = batchLoss.AsDouble();
                    if (double.IsFinite(loss))
                    {
                        batchLoss.backward();
                        optimizer.Step(parameters, Gradients(parameters));
                        examples += batches.Current.Inputs.shape[0];
                    }
                }
                clock.Stop();
                if (!double.IsFinite(loss))
                {
                    var diverged = new TrainingDivergence(step + 1, loss, optimizer.LearningRate);
                    if (divergence == DivergencePolicy.Fail) throw Diverged(diverged, optimizer);
                    return new TrainingSummary(step, examples, epoch + 1, clock.Elapsed.TotalSeconds, diverged);
                }
                step++;
                Notify(callbacks, new TrainingMoment(step, steps, epoch, loss, model));
            }
            if (step == stepsBefore) throw new TheoryLabException("the training data yielded no batches in an epoch; give it at least one example.");
        }
        return new TrainingSummary(step, examples, epoch, clock.Elapsed.TotalSeconds);
    }

    private static TheoryLabException Diverged(TrainingDivergence d, IOptimizer optimizer) =>
        new($"training diverged: the batch loss of step {d.Step} is {d.Loss} ({optimizer.Name}, learning rate {d.LearningRate:G4}). " +
            $"Lower the learning rate (try {d.LearningRate / 10:G4}), or check the inputs and the initialisation for values that overflow.");

    /// <summary>Each parameter's gradient after a backward pass, zeros where the loss did not reach it.</summary>
    public static Tensor[] Gradients(IReadOnlyList<Tensor> parameters) =>
        [.. parameters.Select(p => p.grad is { } g ? g : zeros_like(p))];

    /// <summary>
    /// <see cref="Train(Problem, IOptimizer, long, IReadOnlyList{TrainingCallback}, CancellationToken, DivergencePolicy)"/>
    /// with a fresh optimiser from <paramref name="sgd"/>, disposed at the end.
    /// </summary>
    public static TrainingSummary Train(Problem problem, SgdSettings sgd, long steps, IReadOnlyList<TrainingCallback> callbacks,
        CancellationToken cancellation = default, DivergencePolicy divergence = DivergencePolicy.Fail)
    {
        using var optimizer = sgd.CreateOptimizer();
        return Train(problem, optimizer, steps, callbacks, cancellation, divergence);
    }

    private static void Notify(IReadOnlyList<TrainingCallback> callbacks, TrainingMoment moment)
    {
        foreach (var callback in callbacks) callback(moment);
    }
}

using System.Diagnostics;
using TheoryLab.Training.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Training;

/// <summary>What a training run did: steps, examples seen and the time the steps themselves took.</summary>
/// <param name="Seconds">Wall time of the training steps (batching, forward, backward, update), callbacks excluded.</param>
public sealed record TrainingSummary(long Steps, long Examples, int Epochs, double Seconds)
{
    /// <summary>Training examples processed per second of step time.</summary>
    public double ExamplesPerSecond => Examples / Seconds;
}

/// <summary>The training loop: mini-batch steps of any <see cref="IOptimizer"/> over a <see cref="Problem"/>, with callbacks for everything else.</summary>
public static class Trainer
{
    /// <summary>
    /// Takes <paramref name="steps"/> steps of <paramref name="optimizer"/> on <paramref name="problem"/>, epoch after
    /// epoch of its data (epoch e in the order the source gives for e), calling every callback before the first step
    /// and after each. The optimiser sees the model's trainable parameters, in registration order, at every step; a
    /// parameter the loss does not reach gets a zero gradient.
    /// </summary>
    public static TrainingSummary Train(Problem problem, IOptimizer optimizer, long steps, IReadOnlyList<TrainingCallback> callbacks, CancellationToken cancellation = default)
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
                    batchLoss.backward();
                    optimizer.Step(parameters, Gradients(parameters));
                    loss = batchLoss.ToDouble();
                    examples += batches.Current.Inputs.shape[0];
                }
                clock.Stop();
                step++;
                Notify(callbacks, new TrainingMoment(step, steps, epoch, loss, model));
            }
            if (step == stepsBefore) throw new TheoryLabException("the training data yielded no batches in an epoch; give it at least one example.");
        }
        return new TrainingSummary(step, examples, epoch, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Each parameter's gradient after a backward pass, zeros where the loss did not reach it.</summary>
    public static Tensor[] Gradients(IReadOnlyList<Tensor> parameters) =>
        [.. parameters.Select(p => p.grad is { } g ? g : zeros_like(p))];

    /// <summary>
    /// <see cref="Train(Problem, IOptimizer, long, IReadOnlyList{TrainingCallback}, CancellationToken)"/> with a fresh
    /// optimiser from <paramref name="sgd"/>, disposed at the end.
    /// </summary>
    public static TrainingSummary Train(Problem problem, SgdSettings sgd, long steps, IReadOnlyList<TrainingCallback> callbacks, CancellationToken cancellation = default)
    {
        using var optimizer = sgd.CreateOptimizer();
        return Train(problem, optimizer, steps, callbacks, cancellation);
    }

    private static void Notify(IReadOnlyList<TrainingCallback> callbacks, TrainingMoment moment)
    {
        foreach (var callback in callbacks) callback(moment);
    }
}

using TheoryLab.Training.Optimizers;
using static TorchSharp.torch;

namespace TheoryLab.Training;

/// <summary>What one member of an ensemble training did: the updates applied to it, and where it diverged if it did.</summary>
public sealed record MemberTraining(long Steps, TrainingDivergence? Divergence = null)
{
    public bool Diverged => Divergence is not null;
}

/// <summary>
/// The training loop of <see cref="Trainer"/> for a stacked ensemble of classifiers (a <see cref="Models.ConvNets.SequentialEnsemble"/>
/// or any module whose parameters hold the members on their first axis and whose logits are [members, batch, classes]):
/// every member sees the same batches, and member g is moved by its own optimiser on its own slices of the parameters,
/// so the members may differ in method and step size as separate trainings would.
/// </summary>
public static class EnsembleTrainer
{
    /// <summary>
    /// Takes up to <paramref name="steps"/> steps on the mean cross-entropy of each member, epoch after epoch of
    /// <paramref name="data"/> (epoch e in the order the source gives for e). As <see cref="Trainer"/> does for one
    /// network under <see cref="DivergencePolicy.Record"/>, a member whose batch loss is not finite is not updated at
    /// that step and stops there, its weights as they were; the others go on. <paramref name="afterStep"/> is called
    /// after each step with the number of steps taken and the number of members that took it.
    /// </summary>
    public static MemberTraining[] Train(nn.Module<Tensor, Tensor> ensemble, IBatchSource data, IReadOnlyList<IOptimizer> optimizers, long steps,
        CancellationToken cancellation = default, Action<long, int>? afterStep = null)
    {
        if (steps < 1) throw new TheoryLabException($"training needs at least one step, not {steps}.");
        int members = optimizers.Count;
        var parameters = ensemble.parameters().Where(p => p.requires_grad).ToArray();
        if (parameters.Any(p => p.dim() == 0 || p.shape[0] != members))
            throw new ArgumentException($"every parameter of the ensemble must hold its {members} members on its first axis", nameof(optimizers));
        using var scope = NewDisposeScope();
        // Each member's views of the parameters, without autograd history, passed to its optimiser at every step.
        var slices = Enumerable.Range(0, members).Select(g => parameters.Select(p => p.detach().select(0, g)).ToArray()).ToArray();
        var taken = new long[members];
        var divergences = new TrainingDivergence?[members];
        ensemble.train();
        long step = 0;
        for (int epoch = 0; step < steps; epoch++)
        {
            using var batches = data.Epoch(epoch).GetEnumerator();
            long stepsBefore = step;
            while (step < steps)
            {
                cancellation.ThrowIfCancellationRequested();
                int moved;
                using (NewDisposeScope())
                {
                    if (!batches.MoveNext()) break;
                    ensemble.zero_grad();
                    var losses = MemberLosses(ensemble, batches.Current);
                    var values = losses.detach().to(ScalarType.Float64).data<double>().ToArray();
                    for (int g = 0; g < members; g++)
                        if (divergences[g] is null && !double.IsFinite(values[g]))
                            divergences[g] = new TrainingDivergence(step + 1, values[g], optimizers[g].LearningRate);
                    var active = Enumerable.Range(0, members).Where(g => divergences[g] is null).ToArray();
                    if (active.Length == 0) return Outcomes(taken, divergences);
                    // Only the members still training carry the loss back: a stopped member's gradient is not wanted, and
                    // its non-finite loss must not reach the sum.
                    losses.index_select(0, tensor(active.Select(g => (long)g).ToArray())).sum().backward();
                    var gradients = Trainer.Gradients(parameters);
                    foreach (int g in active)
                    {
                        optimizers[g].Step(slices[g], [.. gradients.Select(gradient => gradient.select(0, g))]);
                        taken[g]++;
                    }
                    moved = active.Length;
                }
                step++;
                afterStep?.Invoke(step, moved);
            }
            if (step == stepsBefore) throw new TheoryLabException("the training data yielded no batches in an epoch; give it at least one example.");
        }
        return Outcomes(taken, divergences);
    }

    /// <summary>Each member's mean cross-entropy on the batch, [members].</summary>
    private static Tensor MemberLosses(nn.Module<Tensor, Tensor> ensemble, Batch batch)
    {
        var targets = batch.Targets ?? throw new ArgumentException("classification needs targets", nameof(batch));
        var logits = ensemble.call(batch.Inputs);
        long members = logits.shape[0], examples = logits.shape[1];
        return nn.functional.cross_entropy(logits.flatten(0, 1), targets.repeat(members), reduction: nn.Reduction.None).view(members, examples).mean([1]);
    }

    private static MemberTraining[] Outcomes(long[] taken, TrainingDivergence?[] divergences) =>
        [.. taken.Select((steps, g) => new MemberTraining(steps, divergences[g]))];
}

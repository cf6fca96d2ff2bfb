using TheoryLab.Torch;
using TheoryLab.Training.Optimizers;
using static TorchSharp.torch;

namespace TheoryLab.Training.Gans;

/// <summary>A generator and a discriminator (which gives logits) trained against each other, and how.</summary>
/// <param name="Latent">Draws a batch of latent codes z of the given size from the generator's prior.</param>
/// <param name="Real">Gives the batch of real examples for a step (0-based).</param>
/// <param name="BatchSize">Latent codes per step, as many as the real batch holds.</param>
public sealed record GanGame(nn.Module<Tensor, Tensor> Generator, nn.Module<Tensor, Tensor> Discriminator, Func<long, Tensor> Latent,
    Func<long, Tensor> Real, int BatchSize, GeneratorObjective Objective);

/// <summary>
/// Alternating gradient steps on a GAN (Goodfellow et al. 2014, Algorithm 1 with k = 1): each step updates D on a
/// real batch and a batch of G's samples, then G on a fresh latent batch through the updated D. The callbacks see the
/// generator after step 0 (before training) and after every step, as <see cref="Trainer"/>'s do.
/// </summary>
public static class GanTraining
{
    /// <returns>The discriminator's loss −V(D, G) of every step's batch, in order.</returns>
    public static double[] Train(GanGame game, IOptimizer generatorOptimizer, IOptimizer discriminatorOptimizer, long steps,
        IReadOnlyList<TrainingCallback> callbacks, CancellationToken cancellation = default)
    {
        if (steps < 1) throw new TheoryLabException($"training needs at least one step, not {steps}.");
        var g = game.Generator.parameters().Where(p => p.requires_grad).ToArray();
        var d = game.Discriminator.parameters().Where(p => p.requires_grad).ToArray();
        game.Generator.train();
        game.Discriminator.train();
        Notify(callbacks, new TrainingMoment(0, steps, 0, null, game.Generator));
        var losses = new double[steps];
        for (long step = 0; step < steps; step++)
        {
            cancellation.ThrowIfCancellationRequested();
            using (NewDisposeScope())
            {
                // The generator's samples enter D's step as constants: D's update must not move G.
                Tensor fake;
                using (no_grad()) fake = game.Generator.call(game.Latent(game.BatchSize));
                game.Discriminator.zero_grad();
                var discriminatorLoss = GanLoss.Discriminator(game.Discriminator.call(game.Real(step)), game.Discriminator.call(fake));
                losses[step] = discriminatorLoss.AsDouble();
                if (!double.IsFinite(losses[step]))
                    throw new TheoryLabException($"GAN training diverged: the discriminator's loss at step {step + 1} is {losses[step]}; lower the learning rates.");
                discriminatorLoss.backward();
                discriminatorOptimizer.Step(d, Trainer.Gradients(d));

                game.Generator.zero_grad();
                game.Discriminator.zero_grad();
                GanLoss.Generator(game.Discriminator.call(game.Generator.call(game.Latent(game.BatchSize))), game.Objective).backward();
                generatorOptimizer.Step(g, Trainer.Gradients(g));
            }
            Notify(callbacks, new TrainingMoment(step + 1, steps, 0, losses[step], game.Generator));
        }
        return losses;
    }

    /// <summary>
    /// Radford et al.'s recipe for image GANs: the non-saturating objective, and Adam with β₁ = 0.5 and the same step η for
    /// both networks, over <paramref name="images"/>' shuffled batches drawn without end.
    /// </summary>
    /// <returns>The discriminator's loss of every step's batch, in order.</returns>
    public static double[] TrainOnImages(nn.Module<Tensor, Tensor> generator, nn.Module<Tensor, Tensor> discriminator, Func<long, Tensor> latent,
        TensorBatches images, double learningRate, long steps, IReadOnlyList<TrainingCallback> callbacks, CancellationToken cancellation = default)
    {
        using var stream = images.EndlessInputs().GetEnumerator();
        var game = new GanGame(generator, discriminator, latent,
            _ => stream.MoveNext() ? stream.Current : throw new InvalidOperationException("an endless stream ended"), images.BatchSize, GeneratorObjective.NonSaturating);
        using var generatorOptimizer = new Adam(learningRate, beta1: 0.5);
        using var discriminatorOptimizer = new Adam(learningRate, beta1: 0.5);
        return Train(game, generatorOptimizer, discriminatorOptimizer, steps, callbacks, cancellation);
    }

    private static void Notify(IReadOnlyList<TrainingCallback> callbacks, TrainingMoment moment)
    {
        foreach (var callback in callbacks) callback(moment);
    }
}

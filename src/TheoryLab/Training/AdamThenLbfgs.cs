using TheoryLab.Torch;
using TheoryLab.Training.Optimizers;
using static TorchSharp.torch;

namespace TheoryLab.Training;

/// <summary>The loss at one step of an <see cref="AdamThenLbfgs"/> schedule: its phase, the step within the phase, the value.</summary>
public sealed record ScheduleStep(string Phase, int Step, double Loss);

/// <summary>What an <see cref="AdamThenLbfgs"/> schedule did: the loss after every step, and how L-BFGS ended.</summary>
/// <param name="InitialLoss">The loss at the weights it started from (its first evaluation).</param>
public sealed record ScheduleSummary(IReadOnlyList<ScheduleStep> History, int LbfgsIterations, int LbfgsEvaluations, string LbfgsStop, double Seconds,
    double InitialLoss)
{
    /// <summary>The loss at the last iterate.</summary>
    public double FinalLoss => History.Count > 0 ? History[^1].Loss : InitialLoss;

    /// <summary>The factor by which the schedule lowered its loss, from the starting weights to its last iterate.</summary>
    public double LossFall => InitialLoss / FinalLoss;
}

/// <summary>
/// The usual PINN schedule: Adam steps to leave the initial region, then full-batch L-BFGS with a strong-Wolfe line
/// search to converge (Raissi et al. train by L-BFGS alone; Adam first is the DeepXDE custom). L-BFGS works on the
/// model's trainable parameters as one float64 vector, copied into the model before every evaluation.
/// </summary>
public static class AdamThenLbfgs
{
    /// <summary>
    /// Trains <paramref name="model"/> on the scalar <paramref name="loss"/> (rebuilt at each call), calling
    /// <paramref name="onStep"/> after every step with the model at that step's iterate (not at a line-search trial).
    /// </summary>
    public static ScheduleSummary Train(nn.Module<Tensor, Tensor> model, Func<Tensor> loss, int adamSteps, double adamRate,
        LbfgsSettings lbfgs, Action<ScheduleStep>? onStep = null, CancellationToken cancellation = default)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var parameters = model.parameters().Where(p => p.requires_grad).ToArray();
        var history = new List<ScheduleStep>();
        double? initialLoss = null;
        void Record(ScheduleStep step) { history.Add(step); onStep?.Invoke(step); }

        using (var adam = new Adam(adamRate))
        {
            for (int step = 1; step <= adamSteps; step++)
            {
                cancellation.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                model.zero_grad();
                var value = loss();
                double current = value.AsDouble();
                initialLoss ??= current;
                if (!double.IsFinite(current)) throw new TheoryLabException($"the loss became {current} at Adam step {step}; lower the Adam learning rate.");
                value.backward();
                adam.Step(parameters, [.. parameters.Select(p => p.grad ?? zeros_like(p))]);
                Record(new ScheduleStep("adam", step, current));
            }
        }
        if (lbfgs.MaxIterations == 0) return new ScheduleSummary(history, 0, 0, "no L-BFGS phase", clock.Elapsed.TotalSeconds, initialLoss ?? double.NaN);

        (double, double[]) Evaluate(double[] theta)
        {
            using var scope = NewDisposeScope();
            Write(parameters, theta);
            model.zero_grad();
            var value = loss();
            value.backward();
            double current = value.AsDouble();
            initialLoss ??= current;
            return (current, Read(parameters.Select(p => p.grad ?? zeros_like(p))));
        }
        var result = Lbfgs.Minimize(Evaluate, Read(parameters), lbfgs,
            it =>
            {
                Write(parameters, it.Point);
                Record(new ScheduleStep("lbfgs", it.Iteration, it.Value));
            }, cancellation);
        Write(parameters, result.Minimizer);
        return new ScheduleSummary(history, result.Iterations, result.Evaluations, result.Stop, clock.Elapsed.TotalSeconds, initialLoss!.Value);
    }

    private static double[] Read(IEnumerable<Tensor> tensors)
    {
        using var scope = NewDisposeScope();
        return cat([.. tensors.Select(t => t.detach().reshape(-1).to(ScalarType.Float64))]).data<double>().ToArray();
    }

    private static void Write(IReadOnlyList<Tensor> parameters, double[] theta)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        long offset = 0;
        foreach (var p in parameters)
        {
            long n = p.numel();
            p.copy_(tensor(theta.AsSpan((int)offset, (int)n).ToArray(), dtype: ScalarType.Float64).reshape(p.shape));
            offset += n;
        }
    }
}

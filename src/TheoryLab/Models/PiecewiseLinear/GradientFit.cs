using TheoryLab.Torch;
using static TorchSharp.torch;

namespace TheoryLab.Models.PiecewiseLinear;

/// <summary>How <see cref="GradientFit"/> trains: full-batch Adam on the mean absolute error at evenly spaced points.</summary>
public sealed record GradientFitSettings(int Steps, double LearningRate, int Points);

/// <summary>
/// What gradient descent finds: a one-hidden-layer ReLU network trained (float32, full batch, Adam) on the mean
/// absolute error to a piecewise-linear target at evenly spaced points of its interval. Units start with their
/// kinks spread uniformly over the interval, unit-length input weights of random sign and small output weights,
/// so every unit begins where it can matter; the trained weights come back as an exact float64 network.
/// Training runs with one intra-op thread (restored afterwards): tensors of a few thousand numbers gain nothing
/// from more, and on a busy two-core machine the threads' synchronisation made each step fifty times slower
/// (52 ms against 1 ms per step, measured).
/// </summary>
public static class GradientFit
{
    public static ReluNetwork TrainShallow(PiecewiseLinearFunction target, int width, GradientFitSettings settings, Random random, Device device, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(random);
        TorchRuntime.EnsureLoaded();
        var initial = Initial(target, width, random);
        using var module = ReluNetworkModule.Create(initial, ScalarType.Float32, device);
        double a = target.Start, b = target.End;
        var xs = Enumerable.Range(0, settings.Points).Select(i => a + (b - a) * (i + 0.5) / settings.Points).ToArray();
        using var x = tensor(xs.Select(v => (float)v).ToArray(), device: device).reshape(-1, 1);
        using var y = tensor(xs.Select(v => (float)target.Evaluate(v)).ToArray(), device: device).reshape(-1, 1);
        using var optimizer = optim.Adam(module.parameters(), settings.LearningRate);
        int threads = get_num_threads();
        set_num_threads(1);
        try
        {
            for (int step = 0; step < settings.Steps; step++)
            {
                cancellation.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                optimizer.zero_grad();
                var loss = (module.forward(x) - y).abs().mean();
                loss.backward();
                optimizer.step();
            }
        }
        finally
        {
            set_num_threads(threads);
        }
        return ReluNetworkModule.Read(module);
    }

    private static ReluNetwork Initial(PiecewiseLinearFunction target, int width, Random random)
    {
        double a = target.Start, b = target.End;
        double scale = Math.Sqrt(target.Slopes.Max(Math.Abs));
        var w = new double[width, 1];
        var bias = new double[width];
        var output = new double[1, width];
        for (int i = 0; i < width; i++)
        {
            double kink = a + (b - a) * random.NextDouble();
            w[i, 0] = scale * (random.Next(2) == 0 ? 1 : -1);
            bias[i] = -w[i, 0] * kink;
            output[0, i] = scale * (2 * random.NextDouble() - 1);
        }
        return new ReluNetwork([new DenseLayer(w, bias)], new DenseLayer(output, [Mean(target)]));
    }

    /// <summary>(1/(b − a))∫f, exactly, so the output bias starts at the target's mean.</summary>
    private static double Mean(PiecewiseLinearFunction f)
    {
        double total = 0;
        for (int i = 0; i < f.PieceCount; i++)
        {
            double x0 = f.Breakpoints[i], x1 = f.Breakpoints[i + 1];
            total += (x1 - x0) * (f.Slopes[i] * (x0 + x1) / 2 + f.Intercepts[i]);
        }
        return total / (f.End - f.Start);
    }
}

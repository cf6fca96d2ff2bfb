using TheoryLab.Models.PiecewiseLinear;
using TheoryLab.Torch;
using TheoryLab.Training.Optimizers;
using TheoryLab.Training.Optimizers.Schedules;
using static TorchSharp.torch;

namespace TheoryLab.Training.PiecewiseLinear;

/// <summary>
/// How <see cref="GradientFit"/> trains: full-batch steps of the optimiser named <paramref name="Optimizer"/> (any name
/// <see cref="OptimizerRegistry"/> knows, at learning rate <paramref name="LearningRate"/>) on the mean absolute error
/// at <paramref name="Points"/> evenly spaced points.
/// </summary>
public sealed record GradientFitSettings(int Steps, double LearningRate, int Points, string Optimizer = "adam", bool SquaredError = false, bool CosineDecay = false);

/// <summary>
/// What gradient descent finds: a ReLU network trained (float32, full batch, <see cref="Trainer"/>) on the mean absolute
/// error to a piecewise-linear target at the midpoints of <see cref="GradientFitSettings.Points"/> equal cells of its
/// interval; the trained weights come back as an exact float64 network whose pieces <see cref="LinearPieces"/> counts.
/// Training runs with one intra-op thread: tensors of a few thousand numbers gain nothing from more, and on a busy
/// two-core machine the threads' synchronisation made each step fifty times slower (52 ms against 1 ms, measured).
/// </summary>
public static class GradientFit
{
    /// <summary>Trains a copy of <paramref name="initial"/> towards <paramref name="target"/> on the target's interval.</summary>
    public static ReluNetwork Train(ReluNetwork initial, PiecewiseLinearFunction target, GradientFitSettings settings, Device device, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Steps == 0) return initial;
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        var module = ReluNetworkModule.Create(initial, ScalarType.Float32, device);
        double a = target.Start, b = target.End;
        var xs = Enumerable.Range(0, settings.Points).Select(i => a + (b - a) * (i + 0.5) / settings.Points).ToArray();
        var x = tensor(xs.Select(v => (float)v).ToArray(), device: device).reshape(-1, 1);
        var y = tensor(xs.Select(v => (float)target.Evaluate(v)).ToArray(), device: device).reshape(-1, 1);
        var problem = new Problem(module, new TensorBatches(x, y, settings.Points, shuffle: false),
            (model, batch) =>
            {
                var residual = model.forward(batch.Inputs) - batch.Targets!;
                return settings.SquaredError ? residual.Squared().mean() : residual.abs().mean();
            });
        using var optimizer = OptimizerRegistry.Create(settings.Optimizer, new Dictionary<string, double> { ["lr"] = settings.LearningRate },
            settings.CosineDecay ? new CosineStep(1, settings.Steps) : null);
        using (IntraOpThreads.Use(1))
            Trainer.Train(problem, optimizer, settings.Steps, [], cancellation);
        return ReluNetworkModule.Read(module);
    }

    /// <summary>
    /// A one-hidden-layer network of <paramref name="width"/> units trained towards <paramref name="target"/>. Units start
    /// with their kinks spread uniformly over the interval, unit-length input weights of random sign and small output
    /// weights, so every unit begins where it can matter.
    /// </summary>
    public static ReluNetwork TrainShallow(PiecewiseLinearFunction target, int width, GradientFitSettings settings, Random random, Device device, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(random);
        return Train(Initial(target, width, random), target, settings, device, cancellation);
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

using System.Diagnostics;
using TheoryLab.Kernel;
using TheoryLab.Models.ConvNets;
using TheoryLab.Torch;
using TheoryLab.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Bench;

/// <summary>
/// The training step of <see cref="Trainer"/> taken apart: the same work, with a clock read between phases
/// (batching, forward with the loss, backward, optimiser, reading the loss, ending the dispose scope).
/// libtorch on the CPU runs each call to completion, so the gaps measure the phases themselves.
/// </summary>
internal static class LeNetThroughputPhases
{
    public static IReadOnlyList<(string Phase, double MillisecondsPerStep)> Measure(SequentialSpec spec, int batch, int steps, int pool, int warmup, SgdSettings sgd)
    {
        TorchSetup.Prepare(RunContext.Default.Device);
        using var outer = NewDisposeScope();
        var model = spec.Build(new Generator(0));
        var data = new TensorBatches(rand(pool, 1, 28, 28), randint(0, 10, [pool]), batch, shuffle: true);
        using var optimizer = sgd.CreateOptimizer();
        var parameters = model.parameters().ToArray();
        model.train();
        string[] phases = ["batching", "forward", "backward", "optimiser", "loss readout", "dispose scope"];
        var ticks = new long[phases.Length];
        int epoch = 0;
        var batches = data.Epoch(epoch).GetEnumerator();
        for (int step = 0; step < warmup + steps; step++)
        {
            if (step == warmup) Array.Clear(ticks);
            long t0 = Stopwatch.GetTimestamp(), t1, t2, t3, t4, t5;
            using (NewDisposeScope())
            {
                if (!batches.MoveNext())
                {
                    batches.Dispose();
                    batches = data.Epoch(++epoch).GetEnumerator();
                    batches.MoveNext();
                }
                var current = batches.Current;
                t1 = Stopwatch.GetTimestamp();
                model.zero_grad();
                var loss = Classification.CrossEntropy(model, current);
                t2 = Stopwatch.GetTimestamp();
                loss.backward();
                t3 = Stopwatch.GetTimestamp();
                optimizer.Step(parameters, Trainer.Gradients(parameters));
                t4 = Stopwatch.GetTimestamp();
                loss.ToDouble();
                t5 = Stopwatch.GetTimestamp();
            }
            long t6 = Stopwatch.GetTimestamp();
            long[] marks = [t0, t1, t2, t3, t4, t5, t6];
            for (int p = 0; p < phases.Length; p++) ticks[p] += marks[p + 1] - marks[p];
        }
        batches.Dispose();
        return phases.Select((p, k) => (p, ticks[k] * 1000.0 / Stopwatch.Frequency / steps)).ToList();
    }

    /// <summary>
    /// Milliseconds of one forward pass of a batch through each layer on its own, in training mode with autograd
    /// recording (as in a training step): which layers the forward time goes to.
    /// </summary>
    public static IReadOnlyList<(string Layer, double Milliseconds)> ForwardByLayer(SequentialSpec spec, int batch, int repeats)
    {
        TorchSetup.Prepare(RunContext.Default.Device);
        using var outer = NewDisposeScope();
        var modules = new List<(string Name, nn.Module<Tensor, Tensor> Module)>();
        var shape = spec.InputShape;
        foreach (var layer in spec.Layers)
        {
            modules.Add((layer.Describe(shape), layer.Build(shape)));
            shape = layer.OutputShape(shape);
        }
        var ticks = new long[modules.Count];
        var input = rand([batch, .. spec.InputShape.Select(n => (long)n)]);
        for (int r = 0; r < repeats + 1; r++)
        {
            using var scope = NewDisposeScope();
            var x = input;
            for (int k = 0; k < modules.Count; k++)
            {
                long t0 = Stopwatch.GetTimestamp();
                x = modules[k].Module.call(x);
                if (r > 0) ticks[k] += Stopwatch.GetTimestamp() - t0;
            }
        }
        return modules.Select((m, k) => (m.Name, ticks[k] * 1000.0 / Stopwatch.Frequency / repeats)).ToList();
    }
}

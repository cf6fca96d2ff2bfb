using System.Globalization;
using System.Text.Json;
using TheoryLab.Kernel;
using TheoryLab.Models.ConvNets;
using TheoryLab.Torch;
using TheoryLab.Torch.SelfCheck;
using TheoryLab.Training;
using static TorchSharp.torch;

namespace TheoryLab.Bench;

/// <summary>
/// Whole-workload comparison: LeNet-5 training throughput (examples per second) in TheoryLab's loop against the
/// same model, data and loop in PyTorch (bench/peers/lenet_pytorch.py), at equal thread counts, in one run.
/// The two are measured in alternation, <c>--repeats</c> times each, and the medians compared, so a machine
/// shared with other work slows both alike. With <c>--phases</c> each step is also timed phase by phase.
/// </summary>
public sealed class LeNetThroughput : IWorkload
{
    private const int Pool = 4096, Warmup = 10;
    private static readonly SgdSettings Sgd = new(0.01, momentum: 0.9, weightDecay: 5e-4);

    public string Name => "lenet-throughput";
    public string Description => "LeNet-5 training examples/s against PyTorch at equal threads; args: [--threads T] [--batch 64,128] [--steps 100] [--repeats 3] [--phases] [--onednn checked|on|off] [--python /usr/bin/python3]";

    public int Run(string[] args)
    {
        var options = ParseArguments(args);
        var health = TorchRuntime.Health;
        // "on" forces oneDNN back on after the self-check, to time the path it may have ruled out (its numbers may be wrong).
        if (options.OneDnn != "checked") OneDnn.Enabled = options.OneDnn == "on";
        Console.WriteLine($"kernels: {(OneDnn.Enabled ? "oneDNN" : "ATen (oneDNN off)")}; self-check chose {health.Path}: {health.Decision}");
        set_num_threads(options.Threads);
        string peer = PythonPeer.Script("lenet_pytorch.py");
        Console.WriteLine($"LeNet-5 training, random 1×28×28 inputs, SGD; {options.Threads} threads; libtorch {TorchRuntime.LibtorchVersion}; {options.Steps} timed steps after {Warmup} warm-up, {options.Repeats} alternating repeats");
        foreach (int batch in options.Batches)
        {
            var ours = new List<double>();
            var theirs = new List<double>();
            string torchVersion = "?";
            for (int r = 0; r < options.Repeats; r++)
            {
                ours.Add(TheoryLabExamplesPerSecond(batch, options.Steps));
                var peerResult = RunPeer(options, peer, batch, phases: false);
                theirs.Add(peerResult.GetProperty("examples_per_second").GetDouble());
                torchVersion = peerResult.GetProperty("torch").GetString() ?? "?";
            }
            double ratio = Median(ours) / Median(theirs);
            Console.WriteLine($"batch {batch}: TheoryLab {Median(ours):F0} ex/s (runs {Join(ours)}), PyTorch {torchVersion} {Median(theirs):F0} ex/s (runs {Join(theirs)}); ratio TheoryLab/PyTorch = {ratio:F2}");
            if (options.Phases)
            {
                var ourPhases = LeNetThroughputPhases.Measure(LeNet.Five(), batch, options.Steps, Pool, Warmup, Sgd);
                var peerPhases = RunPeer(options, peer, batch, phases: true);
                var theirPhases = peerPhases.GetProperty("milliseconds_per_step");
                var theirLayers = peerPhases.GetProperty("forward_milliseconds_by_layer").EnumerateArray().Select(e => e.GetDouble()).ToArray();
                Console.WriteLine($"  ms per step       TheoryLab  PyTorch");
                foreach (var (phase, ms) in ourPhases)
                {
                    string peerMs = theirPhases.TryGetProperty(phase, out var p) ? p.GetDouble().ToString("F3", CultureInfo.InvariantCulture) : "—";
                    Console.WriteLine($"  {phase,-16} {ms,10:F3} {peerMs,8}");
                }
                Console.WriteLine($"  forward by layer, ms per batch   TheoryLab  PyTorch");
                var ourLayers = LeNetThroughputPhases.ForwardByLayer(LeNet.Five(), batch, options.Steps);
                for (int k = 0; k < ourLayers.Count; k++)
                    Console.WriteLine($"    {ourLayers[k].Layer,-28} {ourLayers[k].Milliseconds,9:F3} {(k < theirLayers.Length ? theirLayers[k] : double.NaN),8:F3}");
            }
        }
        return 0;
    }

    /// <summary>Examples per second of <see cref="Trainer"/>'s steps themselves (step time only), after a warm-up.</summary>
    private static double TheoryLabExamplesPerSecond(int batch, int steps)
    {
        TorchSetup.Prepare(RunContext.Default.Device);
        using var scope = NewDisposeScope();
        var model = LeNet.Five().Build(new Generator(0));
        var data = new TensorBatches(rand(Pool, 1, 28, 28), randint(0, 10, [Pool]), batch, shuffle: true);
        var problem = new Problem(model, data, Classification.CrossEntropy);
        Trainer.Train(problem, Sgd, Warmup, []);
        return Trainer.Train(problem, Sgd, steps, []).ExamplesPerSecond;
    }

    private static JsonElement RunPeer(Options options, string script, int batch, bool phases)
    {
        List<string> arguments = ["--steps", $"{options.Steps}", "--warmup", $"{Warmup}", "--pool", $"{Pool}", "--batch", $"{batch}"];
        if (phases) arguments.Add("--phases");
        return PythonPeer.Run(options.Python, script, options.Threads, arguments);
    }

    private sealed record Options(int Threads, int[] Batches, int Steps, int Repeats, bool Phases, string Python, string OneDnn);

    private static Options ParseArguments(IReadOnlyList<string> args)
    {
        var options = new Options(Environment.ProcessorCount, [64, 128], 100, 3, false, "/usr/bin/python3", "checked");
        for (int k = 0; k < args.Count; k++)
        {
            string Next() => k + 1 < args.Count ? args[++k] : throw new ArgumentException($"{args[k]} needs a value");
            options = args[k] switch
            {
                "--threads" => options with { Threads = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--batch" => options with { Batches = Next().Split(',').Select(b => int.Parse(b, CultureInfo.InvariantCulture)).ToArray() },
                "--steps" => options with { Steps = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--repeats" => options with { Repeats = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--phases" => options with { Phases = true },
                "--python" => options with { Python = Next() },
                "--onednn" => options with { OneDnn = Next() is var v && v is "checked" or "on" or "off" ? v : throw new ArgumentException("--onednn takes checked, on or off") },
                _ => throw new ArgumentException($"unknown argument {args[k]}; see the usage in LeNetThroughput.cs"),
            };
        }
        return options;
    }

    private static double Median(List<double> xs)
    {
        var sorted = xs.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Join(List<double> xs) => string.Join(", ", xs.Select(x => x.ToString("F0", CultureInfo.InvariantCulture)));
}

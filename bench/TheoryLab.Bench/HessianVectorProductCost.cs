using System.Diagnostics;
using System.Globalization;
using TheoryLab.Analysis;
using TheoryLab.Analysis.Curvature;
using TheoryLab.Kernel;
using TheoryLab.Models.ConvNets;
using TheoryLab.Torch;
using TheoryLab.Training;
using static TorchSharp.torch;

namespace TheoryLab.Bench;

/// <summary>
/// The cost of one Hessian-vector product against one gradient, for LeNet-5 and a 784-256-256-10 tanh MLP on a batch
/// of random MNIST-shaped inputs: a gradient is a forward and a backward pass; a product at a new point
/// (<see cref="HessianOperator"/> built, then one product) is a forward, a backward that keeps its graph and a backward
/// through that; further products at the same point (what Lanczos, SLQ and Hutchinson pay each) are the last alone.
/// Medians of alternating repeats, so a machine shared with other work slows all three alike. The same operations in
/// PyTorch (bench/peers/hvp_cost_pytorch.py) follow at the same thread count, unless <c>--no-peer</c>: libtorch's
/// double backward sets the ratio, and the peer shows what it is there.
/// </summary>
public sealed class HessianVectorProductCost : IWorkload
{
    public string Name => "hvp-cost";
    public string Description => "one Hessian-vector product against one gradient (LeNet-5, MLP), and PyTorch's; args: [--batch 128] [--iterations 20] [--repeats 5] [--threads 1] [--python /usr/bin/python3] [--no-peer]";

    public int Run(string[] args)
    {
        int batch = Argument(args, "--batch", 128), iterations = Argument(args, "--iterations", 20), repeats = Argument(args, "--repeats", 5);
        int threads = Argument(args, "--threads", 1);
        TorchRuntime.EnsureLoaded();
        set_num_threads(threads);
        Console.WriteLine($"Hessian-vector product cost, batch {batch}, {iterations} operations per timing, {repeats} alternating repeats; {Timing.Machine()}");
        Measure("LeNet-5", LeNet.Five().Build(new Generator(0)), rand(batch, 1, 28, 28), batch, iterations, repeats);
        var mlp = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.Tanh(), nn.Linear(256, 256), nn.Tanh(), nn.Linear(256, 10));
        Measure("MLP 784-256-256-10 tanh", mlp, rand(batch, 1, 28, 28), batch, iterations, repeats);
        if (args.Contains("--no-peer")) return 0;

        int at = Array.IndexOf(args, "--python");
        string python = at >= 0 && at + 1 < args.Length ? args[at + 1] : "/usr/bin/python3";
        var peer = PythonPeer.Run(python, PythonPeer.Script("hvp_cost_pytorch.py"), threads,
            ["--batch", $"{batch}", "--iterations", $"{iterations}", "--repeats", $"{repeats}"]);
        foreach (var model in peer.GetProperty("models").EnumerateArray())
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"PyTorch {peer.GetProperty("torch").GetString()}, {model.GetProperty("model").GetString()}: gradient {model.GetProperty("gradient_ms").GetDouble():F2} ms; product at a new point {model.GetProperty("fresh_ms").GetDouble():F2} ms ({model.GetProperty("fresh_ratio").GetDouble():F2}×); each further product {model.GetProperty("kept_ms").GetDouble():F2} ms ({model.GetProperty("kept_ratio").GetDouble():F2}×)"));
        }
        return 0;
    }

    private static void Measure(string name, nn.Module<Tensor, Tensor> model, Tensor inputs, int batch, int iterations, int repeats)
    {
        TorchSetup.Prepare(RunContext.Default.Device);
        var problem = new Problem(model, new TensorBatches(inputs, randint(0, 10, [batch]), batch, shuffle: false), Classification.CrossEntropy);
        var data = problem.Data.Epoch(0).Single();
        var theta = ParameterVector.Of(model);
        var v = randn(theta.Length);

        void Gradient()
        {
            using var scope = NewDisposeScope();
            model.zero_grad();
            problem.Loss(model, data).backward();
            theta.Gradient();
        }
        void FreshProduct()
        {
            using var scope = NewDisposeScope();
            using var hessian = new HessianOperator(problem, [data]);
            hessian.Multiply(v);
        }
        using var kept = new HessianOperator(problem, [data]);
        void KeptProduct()
        {
            using var scope = NewDisposeScope();
            kept.Multiply(v);
        }

        var gradient = new List<double>();
        var fresh = new List<double>();
        var reused = new List<double>();
        for (int r = 0; r <= repeats; r++)
        {
            // The first round warms up (JIT, allocator) and is not kept.
            double g = Seconds(Gradient, iterations), f = Seconds(FreshProduct, iterations), k = Seconds(KeptProduct, iterations);
            if (r == 0) continue;
            gradient.Add(g);
            fresh.Add(f);
            reused.Add(k);
        }
        double mg = Timing.Median(gradient), mf = Timing.Median(fresh), mk = Timing.Median(reused);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name} ({theta.Length} parameters): gradient {1e3 * mg:F2} ms; Hessian-vector product at a new point {1e3 * mf:F2} ms ({mf / mg:F2}× a gradient); each further product at the same point {1e3 * mk:F2} ms ({mk / mg:F2}×)"));
    }

    private static double Seconds(Action work, int iterations)
    {
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < iterations; i++) work();
        return clock.Elapsed.TotalSeconds / iterations;
    }

    private static int Argument(string[] args, string name, int fallback)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}

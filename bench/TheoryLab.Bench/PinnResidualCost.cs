using System.Diagnostics;
using System.Globalization;
using TheoryLab.Torch;
using TheoryLab.Training;
using TheoryLab.Training.Pinn;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Bench;

/// <summary>
/// What one evaluation of pinn-burgers' loss and gradient costs at Raissi's size (N_f = 10,000 collocation points plus
/// 100 data points, a [2, 20×8, 1] tanh network): the residual's derivatives by nested autograd (a double backward
/// through the network) against the same derivatives propagated forward with the values
/// (<see cref="Models.FullyConnected.TanhDerivativePropagation"/>), each split into the loss alone and loss plus gradient, and the copy of
/// the parameters in and out that every L-BFGS evaluation adds. The same loss in PyTorch by nested
/// torch.autograd.grad (bench/peers/pinn_burgers_pytorch.py) follows at the same thread count unless <c>--no-peer</c>.
/// Medians of alternating repeats, so a machine shared with other work slows all paths alike; the process's CPU time
/// beside the wall time, since on a loaded machine the wall time mostly measures the queue.
/// </summary>
public sealed class PinnResidualCost : IWorkload
{
    public string Name => "pinn-residual";
    public string Description => "one pinn-burgers loss + gradient at N_f = 10,000: nested autograd vs forward propagation vs PyTorch; args: [--points 10000] [--iterations 10] [--repeats 5] [--threads 1] [--float32] [--python /usr/bin/python3] [--no-peer]";

    public int Run(string[] args)
    {
        int points = Argument(args, "--points", 10_000), iterations = Argument(args, "--iterations", 10), repeats = Argument(args, "--repeats", 5);
        int threads = Argument(args, "--threads", 1);
        var dtype = args.Contains("--float32") ? ScalarType.Float32 : ScalarType.Float64;
        TorchRuntime.EnsureLoaded();
        using var intraOp = IntraOpThreads.Use(threads);
        Console.WriteLine($"pinn-burgers loss + gradient, N_f = {points} + 100 data points, [2, 20×8, 1] tanh, {dtype}, {threads} thread(s), {iterations} evaluations per timing, {repeats} alternating repeats; {Timing.Machine()}");

        using var problem = new BurgersBenchProblem(points, dtype);
        var model = problem.Model;
        var parameters = model.parameters().ToArray();
        var losses = new[] { PinnDerivatives.Autograd, PinnDerivatives.Propagated }.ToDictionary(d => d, problem.Loss);

        Action LossOnly(BurgersPinnLoss loss) => () =>
        {
            using var scope = NewDisposeScope();
            loss.Loss(model).ToDouble();
        };
        Action LossAndGradient(BurgersPinnLoss loss) => () =>
        {
            using var scope = NewDisposeScope();
            model.zero_grad();
            var value = loss.Loss(model);
            value.backward();
            value.ToDouble();
        };
        void CopyInAndOut()
        {
            // What AdamThenLbfgs does around each evaluation: write θ into the parameters, read the gradient out.
            using var scope = NewDisposeScope();
            using (no_grad())
                foreach (var p in parameters) p.copy_(tensor(new double[p.numel()], dtype: ScalarType.Float64).reshape(p.shape));
            cat([.. parameters.Select(p => p.detach().reshape(-1).to(ScalarType.Float64))]).data<double>().ToArray();
        }

        var work = new (string Name, Action Work)[]
        {
            ("nested autograd, loss only", LossOnly(losses[PinnDerivatives.Autograd])),
            ("nested autograd, loss + gradient", LossAndGradient(losses[PinnDerivatives.Autograd])),
            ("propagated, loss only", LossOnly(losses[PinnDerivatives.Propagated])),
            ("propagated, loss + gradient", LossAndGradient(losses[PinnDerivatives.Propagated])),
            ("parameters in and out", CopyInAndOut),
        };
        var seconds = work.ToDictionary(w => w.Name, _ => new List<double>());
        var cpuSeconds = work.ToDictionary(w => w.Name, _ => new List<double>());
        var state = parameters.Select(p => p.detach().clone()).ToArray();
        for (int r = 0; r <= repeats; r++)
            foreach (var (name, action) in work)
            {
                // Every path times the same weights: the copy benchmark zeroes them.
                using (no_grad()) for (int i = 0; i < parameters.Length; i++) parameters[i].copy_(state[i]);
                var (wall, cpu) = Seconds(action, iterations);
                if (r == 0) continue; // the first round warms up (JIT, allocator)
                seconds[name].Add(wall);
                cpuSeconds[name].Add(cpu);
            }
        foreach (var loss in losses.Values) loss.Dispose();

        double nested = Timing.Median(seconds["nested autograd, loss + gradient"]), propagated = Timing.Median(seconds["propagated, loss + gradient"]);
        foreach (var (name, _) in work)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"TheoryLab {name}: {1e3 * Timing.Median(seconds[name]):F2} ms wall, {1e3 * Timing.Median(cpuSeconds[name]):F2} ms CPU"));
        double nestedCpu = Timing.Median(cpuSeconds["nested autograd, loss + gradient"]), propagatedCpu = Timing.Median(cpuSeconds["propagated, loss + gradient"]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"TheoryLab loss + gradient, nested autograd / propagated: {nested / propagated:F2}× wall, {nestedCpu / propagatedCpu:F2}× CPU"));
        if (args.Contains("--no-peer")) return 0;

        int at = Array.IndexOf(args, "--python");
        string python = at >= 0 && at + 1 < args.Length ? args[at + 1] : "/usr/bin/python3";
        var peer = PythonPeer.Run(python, PythonPeer.Script("pinn_burgers_pytorch.py"), threads,
            ["--points", $"{points}", "--iterations", $"{iterations}", "--repeats", $"{repeats}", .. dtype == ScalarType.Float32 ? new[] { "--float32" } : []]);
        double peerSeconds = peer.GetProperty("loss_gradient_ms").GetDouble() / 1e3, peerCpu = peer.GetProperty("loss_gradient_cpu_ms").GetDouble() / 1e3;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"PyTorch {peer.GetProperty("torch").GetString()} nested autograd: loss only {peer.GetProperty("loss_ms").GetDouble():F2} ms wall, loss + gradient {1e3 * peerSeconds:F2} ms wall, {1e3 * peerCpu:F2} ms CPU; " +
            $"TheoryLab nested / PyTorch {nested / peerSeconds:F2}× wall, {nestedCpu / peerCpu:F2}× CPU; TheoryLab propagated / PyTorch {propagated / peerSeconds:F2}× wall, {propagatedCpu / peerCpu:F2}× CPU"));
        return 0;
    }

    private static (double Wall, double Cpu) Seconds(Action work, int iterations)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < iterations; i++) work();
        process.Refresh();
        return (clock.Elapsed.TotalSeconds / iterations, (process.TotalProcessorTime - cpu).TotalSeconds / iterations);
    }

    private static int Argument(string[] args, string name, int fallback)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}

using System.Diagnostics;
using System.Globalization;
using TheoryLab.Kernel;
using TheoryLab.Models.ConvNets;
using TheoryLab.Models.MeanField;
using TheoryLab.Models.ResNets;
using TheoryLab.Torch;
using TheoryLab.Torch.SelfCheck;
using TorchSharp;
using TheoryLab.Training;
using TheoryLab.Training.Pinn;
using static TorchSharp.torch;

namespace TheoryLab.Bench;

/// <summary>
/// The table of docs/performance.md: one training step of each of the course's workhorse models — LeNet-5 at batch 64
/// and 256, the MNIST-1D MLP and CNN, ResNet-20 on CIFAR-shaped inputs, and one pinn-burgers loss-and-gradient
/// evaluation — timed in TheoryLab's own loop (<see cref="Trainer"/>, <see cref="BurgersPinnLoss"/>) and in PyTorch
/// (bench/peers/steps_pytorch.py, pinn_burgers_pytorch.py) at equal threads, alternating, medians compared; each
/// step's FLOPs over its time against the measured matmul peak; and the share of the step's CPU samples outside
/// libtorch (<see cref="NativeProfile"/>).
/// </summary>
public sealed class StepTable : IWorkload
{
    private static readonly SgdSettings Sgd = new(0.01, momentum: 0.9, weightDecay: 5e-4);

    public string Name => "steps";
    public string Description => "the step table of docs/performance.md, every case against PyTorch; args: [--threads T] [--repeats 3] [--seconds 1] [--python /usr/bin/python3] [--only NAME]";

    /// <summary>One row: how to prepare TheoryLab's step, the FLOPs it does, and how the peer times the same step.</summary>
    /// <param name="Prepare">Builds the model and data, returning an action that runs n steps.</param>
    /// <param name="Float64">Whether the step computes in float64, whose matmul peak is then its floor.</param>
    /// <param name="PeerMilliseconds">Runs the peer: milliseconds per step, and its torch version.</param>
    private sealed record StepCase(string Name, int Batch, double FlopsPerStep, string FlopsNote, bool Float64, Func<Action<int>> Prepare,
        Func<Options, (double Milliseconds, string Torch)> PeerMilliseconds);

    private sealed record Options(int Threads, int Repeats, double Seconds, string Python, string? Only);

    public int Run(string[] args)
    {
        var options = ParseArguments(args);
        TorchSetup.Prepare(RunContext.Default.Device);
        using var threads = IntraOpThreads.Use(options.Threads);
        double peak32 = MatmulPeak.FlopsPerSecond(ScalarType.Float32), peak64 = MatmulPeak.FlopsPerSecond(ScalarType.Float64);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Timing.Machine()}; libtorch {TorchRuntime.LibtorchVersion}, kernels {(OneDnn.Enabled ? "oneDNN" : "ATen (oneDNN off)")}; {options.Threads} threads; matmul peak (1024², best of 20) {peak32 / 1e9:F1} GFLOP/s float32, {peak64 / 1e9:F1} float64"));
        Console.WriteLine($"each time: the median of {options.Repeats} alternating repeats of about {options.Seconds} s of steps, after warm-up");
        Console.WriteLine();
        Console.WriteLine("| step | batch | TheoryLab ms | PyTorch ms | TheoryLab / PyTorch | GFLOP per step | fraction of matmul floor | CPU outside libtorch |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        var notes = new List<string>();
        string torchVersion = "?";
        foreach (var step in Cases().Where(c => options.Only is null || c.Name.Contains(options.Only, StringComparison.OrdinalIgnoreCase)))
        {
            using var scope = NewDisposeScope();
            var run = step.Prepare();
            run(3);
            int steps = StepsFilling(run, options.Seconds);
            var ours = new List<double>();
            var theirs = new List<double>();
            for (int r = 0; r < options.Repeats; r++)
            {
                var clock = Stopwatch.StartNew();
                run(steps);
                ours.Add(1e3 * clock.Elapsed.TotalSeconds / steps);
                var (ms, torch) = step.PeerMilliseconds(options);
                theirs.Add(ms);
                torchVersion = torch;
            }
            var profile = NativeProfile.Sample(() => run(StepsFilling(run, 2 * options.Seconds)), out string why);
            double milliseconds = Timing.Median(ours), peer = Timing.Median(theirs);
            double floor = step.FlopsPerStep / (step.Float64 ? peak64 : peak32);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {step.Name} | {step.Batch} | {milliseconds:F2} | {peer:F2} | {milliseconds / peer:F2} | {step.FlopsPerStep / 1e9:F3} | {1e3 * floor / milliseconds:F2} | {(profile is null ? "—" : $"{100 * profile.OutsideLibtorch:F0} %")} |"));
            notes.Add(profile is null ? $"{step.Name}: no profile ({why})" : $"{step.Name}: largest outside libtorch: {profile.LargestOutside(4)}");
            if (step.FlopsNote.Length > 0) notes.Add($"{step.Name}: FLOPs {step.FlopsNote}");
        }
        Console.WriteLine();
        Console.WriteLine($"PyTorch {torchVersion} (Debian's python3-torch) at {options.Threads} threads.");
        foreach (string note in notes) Console.WriteLine(note);
        return 0;
    }

    private static IEnumerable<StepCase> Cases() =>
    [
        Classifier("LeNet-5", "lenet5", LeNet.Five(), 64, 4096),
        Classifier("LeNet-5", "lenet5", LeNet.Five(), 256, 4096),
        Classifier("MNIST-1D MLP", "mnist1d-mlp", Perceptron.Classifier("MNIST-1D MLP", [40], [100, 100], 10, Activations.Relu), 100, 4000),
        Classifier("MNIST-1D CNN", "mnist1d-cnn", LeNet.OneDimensional(), 100, 4000),
        Classifier("ResNet-20 (3×32×32)", "resnet20", ResNet.Cifar([3, 32, 32], 20), 128, 1024),
        PinnEvaluation(10_000),
    ];

    /// <summary>A step of <see cref="Trainer"/> with SGD on random inputs and labels; FLOPs are 2 × 3 × the forward multiply-adds (the backward costs two forwards).</summary>
    private static StepCase Classifier(string name, string peerModel, SequentialSpec spec, int batch, int pool) =>
        new(name, batch, 6.0 * spec.MultiplyAddsPerExample * batch, "", false,
            () =>
            {
                var model = spec.Build(new Generator(0));
                var data = new TensorBatches(rand([pool, .. spec.InputShape.Select(n => (long)n)]).MoveToOuterDisposeScope(),
                    randint(0, 10, [pool]).MoveToOuterDisposeScope(), batch, shuffle: true);
                var problem = new Problem(model, data, Classification.CrossEntropy);
                return n => Trainer.Train(problem, Sgd, n, []);
            },
            options =>
            {
                var peer = PythonPeer.Run(options.Python, PythonPeer.Script("steps_pytorch.py"), options.Threads,
                    ["--model", peerModel, "--batch", $"{batch}", "--pool", $"{pool}", "--seconds", options.Seconds.ToString(CultureInfo.InvariantCulture)]);
                return (peer.GetProperty("milliseconds_per_step").GetDouble(), peer.GetProperty("torch").GetString() ?? "?");
            });

    /// <summary>
    /// One L-BFGS evaluation of pinn-burgers (loss and parameter gradient, float64), its derivatives propagated forward
    /// as the experiment computes them, against PyTorch's nested autograd. FLOPs: the dense layers' multiply-adds for the
    /// value and three derivative streams (u_t, u_x, u_xx) at every point, tripled for the backward pass.
    /// </summary>
    private static StepCase PinnEvaluation(int collocation)
    {
        var widths = BurgersBenchProblem.Widths;
        double multiplyAdds = widths.Zip(widths.Skip(1), (a, b) => (double)a * b).Sum();
        int points = collocation + 200;
        return new($"pinn-burgers evaluation (N_f = {collocation:N0})", points, 2 * 4 * 3 * multiplyAdds * points,
            "the dense layers' multiply-adds for u, u_t, u_x and u_xx at every point, ×3 for the backward (tanh and the residual's elementwise work not counted)", true,
            () =>
            {
                var problem = new BurgersBenchProblem(collocation, ScalarType.Float64);
                var loss = problem.Loss(PinnDerivatives.Propagated);
                return n =>
                {
                    for (int i = 0; i < n; i++)
                    {
                        using var scope = NewDisposeScope();
                        problem.Model.zero_grad();
                        var value = loss.Loss(problem.Model);
                        value.backward();
                        value.ToDouble();
                    }
                };
            },
            options =>
            {
                var peer = PythonPeer.Run(options.Python, PythonPeer.Script("pinn_burgers_pytorch.py"), options.Threads,
                    ["--points", $"{collocation}", "--iterations", "5", "--repeats", "1"]);
                return (peer.GetProperty("loss_gradient_ms").GetDouble(), peer.GetProperty("torch").GetString() ?? "?");
            });
    }

    /// <summary>Steps that take about <paramref name="seconds"/>, judged from one timed step.</summary>
    private static int StepsFilling(Action<int> run, double seconds)
    {
        var clock = Stopwatch.StartNew();
        run(1);
        return Math.Max(3, (int)(seconds / Math.Max(clock.Elapsed.TotalSeconds, 1e-4)));
    }

    private static Options ParseArguments(IReadOnlyList<string> args)
    {
        var options = new Options(Environment.ProcessorCount, 3, 1.0, "/usr/bin/python3", null);
        for (int k = 0; k < args.Count; k++)
        {
            string Next() => k + 1 < args.Count ? args[++k] : throw new ArgumentException($"{args[k]} needs a value");
            options = args[k] switch
            {
                "--threads" => options with { Threads = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--repeats" => options with { Repeats = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--seconds" => options with { Seconds = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--python" => options with { Python = Next() },
                "--only" => options with { Only = Next() },
                _ => throw new ArgumentException($"unknown argument {args[k]}; the usage is in StepTable.cs's description ('list')"),
            };
        }
        return options;
    }
}

using System.Diagnostics;
using System.Globalization;
using TheoryLab.Analysis.Curvature;
using TheoryLab.Experiments.Landscape;
using TheoryLab.Torch;
using TheoryLab.Training;
using static TorchSharp.torch;

namespace TheoryLab.Bench;

/// <summary>
/// What one step of <see cref="CriticalPointSearch"/> costs on hessian-spectrum's network as n grows: the dense
/// Hessian and its eigendecomposition, which every step forms. The Hessian is timed both ways: by one Hessian-vector
/// product per parameter (<see cref="HessianOperator.Exact"/>, what any model pays) and in closed form
/// (<see cref="HessianSpectrum.ExactHessian"/>, what the experiment's searches use). This is what
/// decides how large an n the index-law study can afford: its 3/2 regime (α ≲ 10⁻³) needs thousands of parameters.
/// Medians over repeats after one warm-up.
/// </summary>
public sealed class CriticalPointStepCost : IWorkload
{
    public string Name => "critical-point-step";
    public string Description => "one Newton step of the critical-point search (exact Hessian by products and in closed form, + eigh) on hessian-spectrum's network; args: [widths 16,32,48] [phis 0.5,0.125] [repeats 2] [threads 2]";

    public int Run(string[] args)
    {
        string Arg(int i, string fallback) => args.Length > i ? args[i] : fallback;
        var widths = Arg(0, "16,32,48").Split(',').Select(w => int.Parse(w, CultureInfo.InvariantCulture)).ToArray();
        var phis = Arg(1, "0.5,0.125").Split(',').Select(p => double.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        int repeats = int.Parse(Arg(2, "2"), CultureInfo.InvariantCulture), threads = int.Parse(Arg(3, "2"), CultureInfo.InvariantCulture);
        TorchRuntime.EnsureLoaded();
        using var intraOp = IntraOpThreads.Use(threads);
        Console.WriteLine($"critical-point search, one step's dense linear algebra; libtorch threads {threads}; {Timing.Machine()}");
        foreach (int width in widths)
        {
            foreach (double phi in phis)
            {
                int examples = HessianSpectrum.Examples(width, phi);
                var problem = HessianSpectrum.NewProblem(width, examples, seed: 1);
                var batches = problem.Data.Epoch(0).ToList();
                var hessianSeconds = new List<double>();
                var closedSeconds = new List<double>();
                var eigenSeconds = new List<double>();
                for (int r = 0; r <= repeats; r++)
                {
                    using var scope = NewDisposeScope();
                    var clock = Stopwatch.StartNew();
                    using var operatorAtPoint = new HessianOperator(problem, batches);
                    var hessian = operatorAtPoint.Exact();
                    double formed = clock.Elapsed.TotalSeconds;
                    clock.Restart();
                    linalg.eigh(hessian);
                    double decomposed = clock.Elapsed.TotalSeconds;
                    clock.Restart();
                    HessianSpectrum.ExactHessian(problem, batches);
                    double closed = clock.Elapsed.TotalSeconds;
                    if (r == 0) continue; // the warm-up
                    hessianSeconds.Add(formed);
                    closedSeconds.Add(closed);
                    eigenSeconds.Add(decomposed);
                }
                double h = Timing.Median(hessianSeconds), c = Timing.Median(closedSeconds), e = Timing.Median(eigenSeconds);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"n = {width,3}, φ = {phi:G3} (m = {examples}, {2 * width * width:N0} parameters): Hessian {h:F2} s by products or {c:F3} s in closed form + eigh {e:F2} s = {c + e:F2} s a step"));
            }
        }
        return 0;
    }
}

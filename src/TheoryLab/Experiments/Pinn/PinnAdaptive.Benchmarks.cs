using TheoryLab.Models.FullyConnected;
using TheoryLab.Numerics;
using TheoryLab.Numerics.Pde;
using TheoryLab.Torch;
using TheoryLab.Training.Pinn;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Experiments.Pinn;

/// <summary>The two benchmarks of <see cref="PinnAdaptive"/>: each its reference, its loss, and its per-point errors for scoring candidates.</summary>
public sealed partial class PinnAdaptive
{
    /// <summary>
    /// A benchmark's loss at the current points with the per-point errors that score candidates: the residual at rows
    /// (t, x), the initial misfit at positions, and the boundary misfit at times (the root of the summed squares of
    /// what the boundary term compares there).
    /// </summary>
    private sealed class BenchmarkLoss(PinnLoss loss, double finalTime, Mlp model, ScalarType dtype,
        Func<Tensor, Tensor> residual, Func<Tensor, Tensor> initialMisfit, Func<Tensor, Tensor> boundaryMisfit) : IDisposable
    {
        public PinnLoss Loss => loss;

        public Func<Tensor, Tensor> Residual => residual;

        public Func<Tensor, Tensor> InitialMisfit => initialMisfit;

        public Func<Tensor, Tensor> BoundaryMisfit => boundaryMisfit;

        public Tensor Predict(Tensor points) => TimeSpaceDerivatives.Predict(model, points, finalTime);

        /// <summary>|error| at rows of <paramref name="points"/>, without gradients.</summary>
        public double[] Scores(double[,] points, Func<Tensor, Tensor> error) => Scores(tensor(points, dtype: dtype), error);

        /// <summary>|error| at the scalars <paramref name="values"/> (positions or times), without gradients.</summary>
        public double[] Scores(double[] values, Func<Tensor, Tensor> error) => Scores(tensor(values, dtype: dtype), error);

        private static double[] Scores(Tensor input, Func<Tensor, Tensor> error)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            using var owned = input;
            return error(input).abs().to(ScalarType.Float64).data<double>().ToArray();
        }

        public void Dispose() => loss.Dispose();
    }

    private abstract class Benchmark
    {
        public abstract string Name { get; }

        public abstract string Slug { get; }

        /// <summary>Both benchmarks run to t = 1.</summary>
        public double FinalTime => 1;

        /// <summary>The evaluation grid and the reference solution on it, [time index, position index].</summary>
        public abstract (double[] Times, double[] Positions, double[,] Reference) Reference();

        /// <summary>n Latin-hypercube points in [0, T] × [−1, 1], rows (t, x).</summary>
        public double[,] Collocation(int n, Random random) => LatinHypercube.Sample(n, [0, -1], [FinalTime, 1], random);

        public abstract BenchmarkLoss Loss(Mlp model, double[,] collocation, double[] initialPositions, double[] boundaryTimes, ScalarType dtype);
    }

    /// <summary>Burgers' equation with ν = 0.01/π from −sin(πx), zero at x = ±1; Raissi's 100 × 256 grid with the Cole–Hopf solution.</summary>
    private sealed class BurgersBenchmark : Benchmark
    {
        private const double Viscosity = 0.01 / Math.PI;

        public override string Name => "Burgers";

        public override string Slug => "burgers";

        public override (double[] Times, double[] Positions, double[,] Reference) Reference()
        {
            double[] times = [.. Enumerable.Range(0, 100).Select(i => i * 0.01)];
            double[] positions = [.. Enumerable.Range(0, 256).Select(j => -1 + 2.0 * j / 255)];
            return (times, positions, new BurgersColeHopf(Viscosity).OnGrid(times, positions));
        }

        public override BenchmarkLoss Loss(Mlp model, double[,] collocation, double[] initialPositions, double[] boundaryTimes, ScalarType dtype)
        {
            var initial = new double[initialPositions.Length, 2];
            for (int p = 0; p < initialPositions.Length; p++) initial[p, 1] = initialPositions[p];
            var boundary = new double[2 * boundaryTimes.Length, 2];
            for (int p = 0; p < boundaryTimes.Length; p++)
            {
                boundary[2 * p, 0] = boundary[2 * p + 1, 0] = boundaryTimes[p];
                boundary[2 * p, 1] = -1;
                boundary[2 * p + 1, 1] = 1;
            }
            var loss = new BurgersPinnLoss(initial, [.. initialPositions.Select(x => -Math.Sin(Math.PI * x))], boundary, collocation, Viscosity, FinalTime, new PinnLossWeights(), dtype);
            Tensor InitialMisfit(Tensor x)
            {
                using var pi = Math.PI.ToScalar();
                return loss.Predict(model, stack([zeros_like(x), x], 1))[.., 0].Plus(x.mul(pi).sin());
            }
            Tensor BoundaryMisfit(Tensor t)
            {
                using var left = (-1.0).ToScalar();
                return loss.Predict(model, stack([t, full_like(t, left)], 1))[.., 0].Squared().Plus(loss.Predict(model, stack([t, ones_like(t)], 1))[.., 0].Squared()).sqrt();
            }
            return new BenchmarkLoss(loss, FinalTime, model, dtype, points => loss.Residual(model, points), InitialMisfit, BoundaryMisfit);
        }
    }

    /// <summary>Allen–Cahn with D = 10⁻⁴ and reaction 5u − 5u³ from x² cos(πx), periodic on [−1, 1]; the Fourier–ETDRK4 solution on 101 times × 512 positions.</summary>
    private sealed class AllenCahnBenchmark : Benchmark
    {
        private const double Diffusion = 1e-4, Reaction = 5;

        /// <summary>Fourier points of the reference, its snapshots (every 0.01) and ETDRK4 steps between them (h = 10⁻³, whose error the tests bound).</summary>
        private const int SolverPoints = 512, Snapshots = 101, StepsPerSnapshot = 10;

        public override string Name => "Allen–Cahn";

        public override string Slug => "allen-cahn";

        public override (double[] Times, double[] Positions, double[,] Reference) Reference()
        {
            var solver = new AllenCahnEtdrk4(SolverPoints, Diffusion, Reaction, Reaction);
            double[] times = [.. Enumerable.Range(0, Snapshots).Select(i => i * FinalTime / (Snapshots - 1))];
            return (times, solver.Positions, solver.Solve(AllenCahnEtdrk4.BenchmarkInitial, FinalTime, Snapshots, StepsPerSnapshot));
        }

        public override BenchmarkLoss Loss(Mlp model, double[,] collocation, double[] initialPositions, double[] boundaryTimes, ScalarType dtype)
        {
            var loss = new AllenCahnPinnLoss(initialPositions, [.. initialPositions.Select(AllenCahnEtdrk4.BenchmarkInitial)], boundaryTimes, collocation,
                Diffusion, Reaction, FinalTime, new PinnLossWeights(), dtype);
            Tensor InitialMisfit(Tensor x)
            {
                using var pi = Math.PI.ToScalar();
                return loss.InitialMisfit(model, x, x.Squared().mul(x.mul(pi).cos()));
            }
            Tensor BoundaryMisfit(Tensor t)
            {
                var (value, slope) = loss.PeriodicityGaps(model, t);
                return value.Squared().Plus(slope.Squared()).sqrt();
            }
            return new BenchmarkLoss(loss, FinalTime, model, dtype, points => loss.Residual(model, points), InitialMisfit, BoundaryMisfit);
        }
    }
}

namespace TheoryLab.Experiments;

/// <summary>
/// Every constant the experiments' cost estimates use, in one place: seconds per unit of work (or its inverse, a
/// rate) as measured on the project's 2-core AMD EPYC, each scaled by <see cref="MachineSpeed.Slowdown"/> so that it
/// follows the machine at hand. Each class's remarks say how its constants were last checked:
/// <c>bench estimates quick|default</c> prints each experiment's estimate beside its measured wall and CPU time, and
/// when a ratio leaves 0.5–2 on an idle machine, that class's constants are the ones to measure again. Experiments whose networks' size is known
/// only from the options (lenet5, glorot-init, trainable-depth) time a few real steps instead (StepCalibration).
/// </summary>
public static class CostCalibration
{
    /// <remarks>Scaled by the idle ratio 0.72 of 2026-12-05 (175.8 s estimated, 126.9 s measured); not re-run since.</remarks>
    public static class Compositional
    {
        /// <summary>One training step of the deep and the shallow network together.</summary>
        public static double SecondsPerStep => 0.65e-3 * MachineSpeed.Slowdown;
    }

    /// <remarks>Idle, 2026-12-05: defaults 91.2 s estimated, 65.4 s measured.</remarks>
    public static class Sawtooth
    {
        public static double SecondsPerLinearPiece => 1.3e-7 * MachineSpeed.Slowdown;
        public static double SecondsPerSearchUnit => 1.3e-8 * MachineSpeed.Slowdown;
        public static double SecondsPerTrainingStep => 3.4e-4 * MachineSpeed.Slowdown;
    }

    /// <remarks>Idle, 2026-12-05: defaults 11.7 s estimated, 9.4 s measured (SecondsPerCloud lowered since, for quick runs).</remarks>
    public static class IntrinsicDimension
    {
        /// <summary>The pairwise distances of a point cloud: per pair of points and ambient dimension.</summary>
        public static double SecondsPerPairDimension => 7e-11 * MachineSpeed.Slowdown;
        public static double SecondsPerCloud => 0.1 * MachineSpeed.Slowdown;
    }

    /// <remarks>Idle, 2026-12-05: each part timed alone (--set partition_order=0, --set grid_points=4097); defaults 50.5 s estimated, 55.5 s measured.</remarks>
    public static class YarotskySquare
    {
        /// <summary>Enumerating a network's linear pieces exactly: per piece and per hidden unit the piece crosses.</summary>
        public static double SecondsPerPieceUnit => 3e-8 * MachineSpeed.Slowdown;
        /// <summary>Evaluating a network on the grid: per grid point and dense weight.</summary>
        public static double SecondsPerPointWeight => 3e-9 * MachineSpeed.Slowdown;
    }

    /// <remarks>Idle, 2026-12-05: defaults 14.3 s estimated, 14.0 s measured; the 121² phase diagram alone 0.086 s (bench phase-diagram).</remarks>
    public static class EdgeOfChaos
    {
        /// <summary>Drawing and propagating one 1000 × 1000 float64 layer (drawing the Gaussians dominates).</summary>
        public static double SecondsPerMegaLayer => 0.024 * MachineSpeed.Slowdown;
        /// <summary>One (σ_w², σ_b²) cell of the phase diagram: q* and χ₁ by Gauss–Hermite quadrature.</summary>
        public static double SecondsPerPhaseCell => 6e-6 * MachineSpeed.Slowdown;
    }

    /// <remarks>Idle, 2026-12-05 (below).</remarks>
    public static class GlorotInit
    {
        /// <summary>
        /// A step of the run against the median of the calibration's first steps: the first hundred steps of the
        /// width-1000 MLP at batch 10 are several times slower than the rest (34 ms after 5 warm-up steps, 15 after 50,
        /// 6.6 after 200), and waiting for them to settle would make the estimate cost seconds. Measured idle on
        /// 2026-12-08: the defaults took 302 s against about 590 s estimated from the first steps (three dry runs, 111–146 s
        /// at the share 0.21 fitted earlier, when they took 326 s against 1542 s: the first steps have grown faster since).
        /// </summary>
        public const double SteadyStepShare = 0.5;
    }

    /// <remarks>Idle, 2026-12-05: defaults 18.4 s estimated, 16.2 s measured.</remarks>
    public static class JacobianSpectrum
    {
        /// <summary>Products, QR factorisations and SVDs of the input–output Jacobian, per 10⁹ multiply–adds.</summary>
        public static double SecondsPerGigaMacJacobian => 0.07 * MachineSpeed.Slowdown;
        public static double SecondsPerGigaMacTraining => 0.07 * MachineSpeed.Slowdown;
    }

    /// <remarks>Idle, 2026-12-05: defaults 65.2 s estimated, 61.8 s measured.</remarks>
    public static class SparseInit
    {
        public static double SecondsPerGigaMac => 0.056 * MachineSpeed.Slowdown;
    }

    /// <remarks>From an earlier stop, idle: defaults 935 s, quick 13 s; 2026-12-05 quick: 14.6 s estimated, 18.9 s measured; 2026-12-07, load 9–14, one thread: 0.20 s of CPU a ResNet-20 surface point, 5.5 s a ratio-map point, 0.025 s a training step (constant kept: the estimate leaves out the batch study, which now trains one network fewer).</remarks>
    public static class LossSurface
    {
        /// <summary>Forward passes of the ResNets on one core.</summary>
        public static double MultiplyAddsPerSecond => 9e9 / MachineSpeed.Slowdown;
    }

    /// <remarks>From an earlier stop, idle: defaults 308 s; 2026-12-05 quick: 7.9 s estimated, 8.2 s measured.</remarks>
    public static class ModeConnectivity
    {
        public static double SecondsPerStepOverhead => 3e-4 * MachineSpeed.Slowdown;
        /// <summary>Forward passes of the MLPs on libtorch's threads.</summary>
        public static double MultiplyAddsPerSecond => 2.5e10 / MachineSpeed.Slowdown;
    }

    /// <remarks>
    /// From the <c>critical-point-step</c> bench (n = 16 to 48) at an earlier stop, idle: the defaults took 309 s, trainings = 10
    /// 18.6 min against 18 predicted; 2026-12-05 quick: 10.3 s estimated, 10.9 s measured. 2026-12-07: the searches form
    /// the Hessian in closed form (HessianSpectrum.ExactHessian), 40–55 times faster than by products in paired timings at
    /// load ≈ 11 (12–20 ms against 0.7–0.96 s at n = 16, m = 64–256); the two constants below are about a 45th of the old
    /// ones, so the eigendecompositions now dominate the estimate.
    /// </remarks>
    public static class HessianSpectrum
    {
        /// <summary>Forming the dense Hessian in closed form: per parameter, and per parameter² and example.</summary>
        public static double SecondsPerParameter => 6e-6 * MachineSpeed.Slowdown;
        public static double SecondsPerParameterSquaredExample => 7e-12 * MachineSpeed.Slowdown;
        /// <summary>Diagonalising a 512 × 512 Hessian on one thread; the cost grows as the cube of the size.</summary>
        public static double SecondsPerEigendecomposition512 => 0.035 * MachineSpeed.Slowdown;
        /// <summary>A second thread speeds the eigendecomposition up by threads^0.9 (1.85 with two), the products not at all.</summary>
        public const double EigendecompositionThreadExponent = 0.9;
        public static double SecondsPerTrainingStep => 1.4e-4 * MachineSpeed.Slowdown;
    }

    /// <remarks>Scaled by the idle ratio 1.30 of 2026-12-05 (140.6 s estimated, 183.3 s measured); not re-run since.</remarks>
    public static class BatchNorm
    {
        /// <summary>The small convolutions forward on libtorch's threads; a step costs about three forward passes.</summary>
        public static double MultiplyAddsPerSecond => 1.4e10 / MachineSpeed.Slowdown;
        public static double SecondsPerStepOverhead => 2.6e-3 * MachineSpeed.Slowdown;
    }

    /// <remarks>Idle, 2026-12-05: defaults 24.1 s estimated, 22.1 s measured.</remarks>
    public static class BatchSizeSchedules
    {
        /// <summary>One training example on one thread, by network; an evaluation costs a third of that.</summary>
        public static double SecondsPerExampleMlp => 5.3e-6 * MachineSpeed.Slowdown;
        public static double SecondsPerExampleCnn1d => 2.7e-5 * MachineSpeed.Slowdown;
        public static double SecondsPerExampleLeNet5 => 5.8e-5 * MachineSpeed.Slowdown;
    }

    /// <remarks>
    /// From an earlier stop at load 5 (defaults about 20 min of CPU time); 2026-12-05 quick: 7.6 s estimated, 5.3 s measured.
    /// 2026-12-07, stacked ensembles: only LeNet-5 refitted, by the ratio of CPU time per member-step to a training alone
    /// (15.2 ms in one replicate's ensembles at load 4–6, 358 s of CPU for its 36 trainings, against 26.9 ms alone at
    /// load 1.2; 16–20 against 22–29 ms side by side at load 7–12; evaluation 0.7 against 3.3 s); the other networks'
    /// steps are within the start-up noise of such runs and keep their constants. Quick: 31 s wall, 8.0 s CPU at load 10
    /// (before: 42 s, 10.9 s CPU). 2026-12-08: defaults 36 min wall beside the parallel test suite (1,763 s of CPU);
    /// idle, one LeNet-5 replicate of 100 steps took 102 s against 33 s estimated: LeNet-5's constants are short, to refit idle.
    /// </remarks>
    public static class AdaGradNorm
    {
        /// <summary>A step at batch 128 on one thread, and an evaluation of the training and test sets, by data and model.</summary>
        public static (double Step, double Evaluation) Seconds(bool sequences, bool mlp)
        {
            var (step, evaluation) = (sequences, mlp) switch
            {
                (true, true) => (4e-4, 0.02),
                (true, false) => (1.8e-3, 0.05),
                (false, true) => (1e-3, 0.08),
                _ => (7e-3, 0.15),
            };
            return (step * MachineSpeed.Slowdown, evaluation * MachineSpeed.Slowdown);
        }
    }

    /// <remarks>Idle, 2026-12-05: defaults 8.4 s estimated, 7.9 s measured.</remarks>
    public static class SgdNoiseFloor
    {
        public static double SecondsPerStep => 1.3e-5 * MachineSpeed.Slowdown;
        /// <summary>The full-gradient passes of SVRG and the loss curve: per example and feature.</summary>
        public static double SecondsPerExampleFeature => 0.66e-9 * MachineSpeed.Slowdown;
    }

    /// <remarks>Idle, 2026-12-05: defaults 3.0 s estimated, 3.6 s measured.</remarks>
    public static class MomentumConditioning
    {
        /// <summary>One iteration of a method on the d = 100 quadratic; the cost grows with d above that.</summary>
        public static double SecondsPerIteration => 1.5e-5 * MachineSpeed.Slowdown;
    }

    public static class LinearAutoencoder
    {
        /// <summary>One gradient step of a linear autoencoder, per d²k (d inputs, bottleneck k): 55 s for the defaults' 2.05·10¹¹ on the shared 2-core machine.</summary>
        public static double SecondsPerLinearMultiply => 2.7e-10 * MachineSpeed.Slowdown;

        /// <summary>One Adam step of the ReLU autoencoder, per batch × d × hidden width: 33 s for the defaults' 1.03·10¹¹.</summary>
        public static double SecondsPerNonlinearMultiply => 3.2e-10 * MachineSpeed.Slowdown;

        /// <summary>The fixed cost of any step (a handful of libtorch calls and the training loop), which dominates at d = 40.</summary>
        public static double SecondsPerStep => 2e-4 * MachineSpeed.Slowdown;
    }

    public static class Diffusion
    {
        /// <summary>
        /// One multiply-add of a noise predictor's forward pass (backward counted as two more while training): the
        /// defaults' 2.1·10¹² took 342 s on the shared 2-core machine at load 17 (143 s of CPU time).
        /// </summary>
        public static double SecondsPerMultiply => 1.4e-10 * MachineSpeed.Slowdown;

        /// <summary>The fixed cost of a training or sampling step (libtorch calls, float/double copies), which dominates the quick run's 14 s.</summary>
        public static double SecondsPerStep => 1.5e-3 * MachineSpeed.Slowdown;
    }

    /// <remarks>Shared 2-core machine at load 10–14, 2026-12-06: defaults 238–294 s, quick 8.4–26 s measured.</remarks>
    public static class Vae
    {
        /// <summary>One multiply of an Adam step of the VAE's MLPs (batch × fan-in × fan-out, forward and backward together).</summary>
        public static double SecondsPerMultiply => 3.2e-10 * MachineSpeed.Slowdown;

        /// <summary>The fixed cost of a step (sampling, the loss's few operations, Adam's update), which dominates at d = 40.</summary>
        public static double SecondsPerStep => 1e-3 * MachineSpeed.Slowdown;
    }

    public static class Scattering
    {
        /// <summary>Kymatio-style transform of one 28×28 image at J = 3, L = 8, orders 0–2, in float64 (batches of 4): 12 ms on the shared 2-core machine, timed at load 12.</summary>
        public static double SecondsPerImageAtDefaults => 1.2e-2 * MachineSpeed.Slowdown;

        /// <summary>One LeNet-5 example through a training step (forward and backward): lenet5's 800,000 in 20 s.</summary>
        public static double SecondsPerCnnExample => 2.5e-5 * MachineSpeed.Slowdown;
    }

    /// <remarks>Load 4–8, 2026-12-06: defaults 3.9 min estimated, 276 s measured (184 s of CPU).</remarks>
    public static class Gan
    {
        /// <summary>One 2-D GAN step per batch × hidden × (hidden + latent), the networks' multiply-adds.</summary>
        public static double SecondsPerPlanarMultiply => 1.3e-9 * MachineSpeed.Slowdown;

        /// <summary>The fixed cost of a 2-D GAN step (drawing the real batch, two optimiser updates, a dozen libtorch calls).</summary>
        public static double SecondsPerPlanarStep => 1e-3 * MachineSpeed.Slowdown;

        /// <summary>Judging one 2-D sample (its log-density and nearest mode over every mode).</summary>
        public static double SecondsPerJudgedSample => 2e-6 * MachineSpeed.Slowdown;

        /// <summary>One DCGAN step per batch × c², the convolutions' multiply-adds up to a constant.</summary>
        public static double SecondsPerImageMultiply => 2.5e-6 * MachineSpeed.Slowdown;

        /// <summary>An image through the feature classifier, trained or judged.</summary>
        public static double SecondsPerClassifierImage => 1e-4 * MachineSpeed.Slowdown;
    }

    /// <remarks>Load 12–14, 2026-12-06: defaults about 4 min estimated at 1.2·10⁻¹⁰, 182 s measured (100 s of CPU).</remarks>
    public static class Transfer
    {
        /// <summary>One multiply–add of a perceptron's forward or backward pass in training (batches of 64, one thread).</summary>
        public static double SecondsPerMultiplyAdd => 1e-10 * MachineSpeed.Slowdown;
    }

    /// <remarks>
    /// Load about 10, 2026-12-06: defaults 264 s measured (training about 205 s, interventions about 55 s; 152 s of CPU)
    /// with the four colour concepts. With the three shapes added (2026-12-07): 198 s of CPU (1,434 s of wall time at
    /// load 47–72), the shapes' renderings and readings 46 s of it.
    /// </remarks>
    public static class GanDissection
    {
        /// <summary>One training step per batch × c² × pixels, the convolutions' multiply-adds up to a constant.</summary>
        public static double SecondsPerTrainingMultiply => 3e-9 * MachineSpeed.Slowdown;

        /// <summary>One rendering of an intervened layer per scene × unit × pixel, with its concept mask.</summary>
        public static double SecondsPerRenderedUnitPixel => 7e-10 * MachineSpeed.Slowdown;

        /// <summary>Drawing a scene's pixel and its masks.</summary>
        public static double SecondsPerScenePixel => 3e-7 * MachineSpeed.Slowdown;

        /// <summary>Reading the shapes of a rendered scene, per pixel (its colour masks, components and shape mask).</summary>
        public static double SecondsPerReadPixel => 1e-7 * MachineSpeed.Slowdown;

        /// <summary>The fixed cost of a training step (two optimiser updates, a few dozen libtorch calls).</summary>
        public static double SecondsPerStep => 2e-2 * MachineSpeed.Slowdown;
    }

    public static class CnnFilters
    {
        // Scaled together to the measured default run: 448 s of wall time (162 s of CPU) on the shared 2-core machine at load 6–11.

        /// <summary>One 28×28 example through a training step of the 2- and 4-layer image networks with 16 first-layer filters (forward and backward), on average.</summary>
        public static double SecondsPerImageExample => 1.4e-3 * MachineSpeed.Slowdown;

        /// <summary>One MNIST-1D example through a training step of the 1-D networks.</summary>
        public static double SecondsPerSequenceExample => 1.4e-4 * MachineSpeed.Slowdown;

        /// <summary>One Gabor fit of a 7×7 filter (grid of starts and Levenberg–Marquardt).</summary>
        public static double SecondsPerFit => 0.2 * MachineSpeed.Slowdown;

        /// <summary>One image through one gradient-ascent step of the 4-layer network.</summary>
        public static double SecondsPerAscentImageStep => 7e-3 * MachineSpeed.Slowdown;
    }

    /// <remarks>2026-12-06: defaults 3.0 min estimated; 101 s measured at load 9–10 (77 s of CPU), 188 s at load 14–22. With the Bigram-Backcopy model: about 5 min estimated, 137 s measured at load 5–6 (its one-layer steps cost less than the multiply count says; the estimate errs long).</remarks>
    public static class AttentionSinks
    {
        /// <summary>One multiply-add of a training step of the tiny transformers (batch × tokens × the blocks' products, forward and backward).</summary>
        public static double SecondsPerMultiply => 4e-10 * MachineSpeed.Slowdown;

        /// <summary>The fixed cost of a step (a few dozen libtorch calls per block, the Adam update).</summary>
        public static double SecondsPerStep => 5e-3 * MachineSpeed.Slowdown;
    }

    /// <remarks>
    /// Load about 21, 2026-12-06: 12 rounds (74,000 iterations) about 8 min estimated at 10⁻¹⁰, 472 s measured (165 s of CPU); halved since, between the two.
    /// 2026-12-07 at load 45–57: MNIST-1D defaults 2 min estimated, 74 s of CPU; learning rate 0.012 with 9 rounds and 1 seed 77 s estimated, 72–77 s of CPU
    /// (run times 30 minutes, the load's); the defaults, now 64,000 iterations, 4 min estimated.
    /// </remarks>
    public static class LotteryTicket
    {
        /// <summary>One multiply-add of LeNet's forward or backward pass in training or evaluation.</summary>
        public static double SecondsPerMultiplyAdd => 5e-11 * MachineSpeed.Slowdown;

        /// <summary>
        /// The same for network conv, whose small convolutions libtorch runs three times slower per multiply-add: LeNet-5 with 8 rounds
        /// of 500 iterations, 1 seed and controls every 4 rounds took 109 s of CPU at load 30–50 on 2026-12-07 (6.7·10¹¹ multiply-adds).
        /// </summary>
        public static double ConvolutionSecondsPerMultiplyAdd => 1.5e-10 * MachineSpeed.Slowdown;

        /// <summary>The fixed cost of an iteration (the libtorch calls of a step, the Adam update and the mask).</summary>
        public static double SecondsPerStep => 1e-3 * MachineSpeed.Slowdown;
    }

    /// <remarks>2026-12-06: transfer's rate; defaults 87 s estimated, 97 s measured at load about 20 (33 s of CPU).</remarks>
    public static class Lora
    {
        /// <summary>One multiply–add of a perceptron's forward or backward pass in training (batches of 64, one thread).</summary>
        public static double SecondsPerMultiplyAdd => 1e-10 * MachineSpeed.Slowdown;
    }

    public static class PinnBurgers
    {
        /// <summary>
        /// One collocation point through one hidden layer's width² multiplies, with the residual's propagated derivatives and
        /// the backward pass, in float32: about 40 ms of CPU per loss and gradient at N_f = 10,000, 8 × 20, one thread
        /// (bench pinn-residual, 2026-12-06, at load 20–45).
        /// </summary>
        public static double SecondsPerPointUnit32 => 1.3e-9 * MachineSpeed.Slowdown;

        /// <summary>The same in float64: about 100 ms of CPU per loss and gradient there.</summary>
        public static double SecondsPerPointUnit64 => 3.1e-9 * MachineSpeed.Slowdown;

        /// <summary>The fixed cost of a loss evaluation (a few hundred libtorch calls, L-BFGS's vector work).</summary>
        public static double SecondsPerPass => 2e-3 * MachineSpeed.Slowdown;
    }

    /// <remarks>2026-12-06: defaults 163 s measured at load 22–30 (46 s of CPU), 4.7·10¹¹ multiply-adds by the estimate's count; with PGD on the three MNIST models 160 s at load 22–25 against an estimate of about 3.5 minutes.</remarks>
    public static class FgsmLinear
    {
        /// <summary>One multiply-add of the training and attack passes (forward and backward) of the MNIST models, LeNet-5's PGD and the dimension study.</summary>
        public static double SecondsPerMultiplyAdd => 3.5e-10 * MachineSpeed.Slowdown;
    }

    /// <remarks>2026-12-07, load about 50: defaults estimated at about 4 min ran in 940 s of wall time and 88 s of CPU; not measured on an idle machine.</remarks>
    public static class Universal
    {
        /// <summary>One multiply-add of LeNet-5's training passes.</summary>
        public static double SecondsPerMultiplyAdd => 3.5e-10 * MachineSpeed.Slowdown;

        /// <summary>One image visited by the universal-perturbation algorithm: a forward pass, and DeepFool's iterations of ten logit gradients while the image is not yet fooled.</summary>
        public static double SecondsPerImageVisit => 3e-2 * MachineSpeed.Slowdown;
    }

    /// <remarks>2026-12-07, load about 50: defaults estimated at about 3 min ran in 745 s of wall time and 68 s of CPU; not measured on an idle machine.</remarks>
    public static class Transferability
    {
        /// <summary>One multiply-add of the four networks' training passes and of the attacks' forward and backward passes.</summary>
        public static double SecondsPerMultiplyAdd => 3.5e-10 * MachineSpeed.Slowdown;
    }

    /// <remarks>2026-12-06, load about 20–30: 150 L-BFGS iterations a network, 100 a window and two 21 × 21 surfaces ran in 136 s (51 s of CPU), which these rates price at 130 s; the defaults, priced at about 5 min, ran in 4 min 54 s (95 s of CPU) at load about 30.</remarks>
    public static class PinnFailure
    {
        /// <summary>One point (collocation, initial or boundary) through one hidden layer's width² multiplies, with the residual's autograd pass and the backward pass (float64).</summary>
        public static double SecondsPerPointUnit => 2.3e-9 * MachineSpeed.Slowdown;

        /// <summary>The fixed cost of a loss evaluation (libtorch calls, L-BFGS's vector work).</summary>
        public static double SecondsPerPass => 2e-3 * MachineSpeed.Slowdown;
    }

    /// <remarks>
    /// pinn-burgers' float32 CPU rates for the propagated residual (1.3·10⁻⁹ s a point-unit, 2 ms a pass) priced 300 Adam steps
    /// and 5 × 300 L-BFGS iterations at 76 s; they ran in 413 s of wall time (98 s of CPU) at load 40–50 on 2026-12-07, so the
    /// rates here are 5.4 times those, pricing wall time at such a load. The defaults (200 Adam steps, 5 × 200 L-BFGS), priced at
    /// about 5 min, then ran in 3 min 58 s (73 s of CPU) at load 38–53, and in 6 min 20 s beside a build.
    /// </remarks>
    public static class PinnAdaptive
    {
        /// <summary>One point (collocation, initial or boundary) through one hidden layer's width² multiplies, with propagated derivatives and the backward pass (float32).</summary>
        public static double SecondsPerPointUnit => 7e-9 * MachineSpeed.Slowdown;

        /// <summary>The fixed cost of a loss evaluation (libtorch calls, L-BFGS's vector work).</summary>
        public static double SecondsPerPass => 1.1e-2 * MachineSpeed.Slowdown;

        /// <summary>The Cole–Hopf grid and the Fourier–ETDRK4 solution, computed once per run.</summary>
        public static double ReferenceSeconds => 2 * MachineSpeed.Slowdown;
    }

    /// <remarks>Provisional: PinnFailure's rates (the same tanh networks, L-BFGS and autograd-free derivative passes cost no more), to be measured.</remarks>
    public static class PinnQuadrature
    {
        /// <summary>One collocation or boundary point through one hidden layer's width² multiplies, with its derivatives and the backward pass (float64).</summary>
        public static double SecondsPerPointUnit => 2.3e-9 * MachineSpeed.Slowdown;

        /// <summary>The fixed cost of a loss evaluation (libtorch calls, L-BFGS's vector work).</summary>
        public static double SecondsPerPass => 2e-3 * MachineSpeed.Slowdown;
    }

    /// <remarks>Lottery-ticket's rates for the same network and recipe; 2026-12-06: defaults 82 s estimated, 180 s measured at load 30–49 (55 s of CPU).</remarks>
    public static class StructuredSparsity
    {
        /// <summary>One multiply-add of LeNet's forward or backward pass in training or evaluation.</summary>
        public static double SecondsPerMultiplyAdd => 5e-11 * MachineSpeed.Slowdown;

        /// <summary>The fixed cost of an iteration (the libtorch calls of a step, the Adam update and the mask).</summary>
        public static double SecondsPerStep => 1e-3 * MachineSpeed.Slowdown;
    }

    public static class SparseApproximation
    {
        /// <summary>One multiply-add of a float64 forward or backward pass over the training grid.</summary>
        public static double SecondsPerMultiplyAdd => 1e-10 * MachineSpeed.Slowdown;

        /// <summary>
        /// The fixed cost of a full-batch Adam step (the libtorch calls, the update and the mask): 2.9 ms of CPU per step
        /// of the 1-32-32-32-1 network on 1,025 points, measured at defaults, of which the products are about a quarter.
        /// </summary>
        public static double SecondsPerStep => 2.2e-3 * MachineSpeed.Slowdown;

        /// <summary>Building the constructions and enumerating their linear pieces.</summary>
        public static double ConstructionSeconds => 2 * MachineSpeed.Slowdown;
    }

    /// <remarks>2026-12-07, load 25–28: 1,000 attacked images (1.05·10¹² multiply-adds by the estimate's count) ran in 427 s of wall time and 132 s of CPU; the rate prices wall time at such a load.</remarks>
    public static class SparsityRobustness
    {
        /// <summary>One multiply-add of the classifiers' and the front end's forward or backward passes in training and attack.</summary>
        public static double SecondsPerMultiplyAdd => 4e-10 * MachineSpeed.Slowdown;
    }

    public static class Jailbreak
    {
        /// <summary>One multiply of the transformer's passes: training (forward and backward), GCG's candidates, the controls and Gradient Cuff.</summary>
        public static double SecondsPerMultiply => 1e-10 * MachineSpeed.Slowdown;

        /// <summary>The fixed cost of a training step (the libtorch calls of a pass, AdamW's update).</summary>
        public static double SecondsPerTrainingStep => 5e-3 * MachineSpeed.Slowdown;

        /// <summary>The fixed cost of a GCG step (the gradient's pass, the candidates' batch, the greedy check).</summary>
        public static double SecondsPerGcgStep => 5e-3 * MachineSpeed.Slowdown;
    }

    /// <remarks>2026-12-07: defaults estimated at 90 s with the first rates ran in 127 s of CPU (280 s of wall time at load 9–17); the rates are scaled by 1.4 to match the CPU time. The grid skips broken examples, so the estimate (every point on every image) is an upper bound for the grid's share.</remarks>
    public static class Spatial
    {
        /// <summary>One multiply-add of LeNet-5's training passes and of the attacks' forward and backward passes.</summary>
        public static double SecondsPerMultiplyAdd => 1.4e-10 * MachineSpeed.Slowdown;

        /// <summary>One image rotated and translated by affine_grid and grid_sample (and its share of the calls around it).</summary>
        public static double SecondsPerTransformedImage => 1.4e-6 * MachineSpeed.Slowdown;
    }
}

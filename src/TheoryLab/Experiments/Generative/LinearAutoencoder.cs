using TheoryLab.Data;
using TheoryLab.Kernel;
using TheoryLab.Numerics.Subspaces;
using TheoryLab.Options;
using TheoryLab.Torch;
using TheoryLab.Training;
using TheoryLab.Training.Optimizers;
using TorchSharp;
using Parameter = TorchSharp.Modules.Parameter;
using static TorchSharp.torch;

namespace TheoryLab.Experiments.Generative;

/// <summary>
/// Options of <see cref="LinearAutoencoder"/>. Defaults: 8,000 MNIST images (the t10k set's training part), centred;
/// bottlenecks k = 2, 5, 10, 20; full-batch gradient descent at 0.8 of the stable step, tied and untied, and the
/// nested (ordered) loss beside the plain one; a ReLU autoencoder of the same widths trained by Adam.
/// </summary>
public sealed record LinearAutoencoderOptions
{
    [Option("Dataset whose training split is encoded (centred by its mean); a -t10k set uses 8,000 of the 10,000 test images and holds out the rest.",
        ChoicesFrom = typeof(BenchmarkDatasets))]
    public string Dataset { get; init; } = "mnist-t10k";

    [Option("Training examples: the first n of the training split (all of it when it holds fewer).", Min = 50, Max = 60_000, Unit = "examples")]
    public int Examples { get; init; } = 8000;

    [Option("Bottleneck widths k of the autoencoders.", Min = 1, Max = 200)]
    public int[] Bottlenecks { get; init; } = [2, 5, 10, 20];

    [Option("Full-batch gradient-descent steps of each linear autoencoder.", Min = 10, Max = 10_000_000, Unit = "steps")]
    public int Steps { get; init; } = 3000;

    [Option("Step of gradient descent as a fraction of the stability limit at a balanced minimum (‖Dᵢ‖ = ‖Eᵢ‖ = 1), where the loss's largest curvature is 4λ₁ untied and 8λ₁ tied (λ₁ the covariance's top eigenvalue): η = learning_rate · 2/(4λ₁) untied and learning_rate · 2/(8λ₁) tied; near 1 the step oscillates.", Min = 1e-4, Max = 1.5)]
    public double LearningRate { get; init; } = 0.8;

    [Option("Scale s of the initial weights, Gaussian with standard deviation s/√d (d the input dimension): small, so training starts near the saddle at 0.", Min = 1e-6, Max = 10)]
    public double InitScale { get; init; } = 0.1;

    [Option("Also train tied weights (decoder = encoderᵀ) beside untied ones.")]
    public bool Tied { get; init; } = true;

    [Option("Regulariser that breaks the rotation symmetry, trained beside the plain untied loss: nested, the mean of the reconstruction errors of the first 1, 2, …, k units (nested dropout's expected loss with a uniform cut, Rippel et al. 2014), whose minima are the ordered principal directions; none skips it.",
        Choices = ["nested", "none"])]
    public string Regulariser { get; init; } = "nested";

    [Option("Training steps at which angles and errors are recorded, spread evenly on a log scale (step 0 and the last included).", Min = 2, Max = 1000, Unit = "evaluations")]
    public int Evaluations { get; init; } = 60;

    [Option("Hidden width h of the nonlinear autoencoder d → h → k → h → d (ReLU after the hidden layers); 0 skips it.", Min = 0, Max = 4096, Unit = "units")]
    public int NonlinearHidden { get; init; } = 128;

    [Option("Adam steps of the nonlinear autoencoder, on mini-batches reshuffled each epoch.", Min = 1, Max = 10_000_000, Unit = "steps")]
    public int NonlinearSteps { get; init; } = 2000;

    [Option("Examples per mini-batch of the nonlinear autoencoder.", Min = 1, Max = 65_536)]
    public int NonlinearBatchSize { get; init; } = 128;

    [Option("Adam's step η for the nonlinear autoencoder.", Min = 1e-6, Max = 1)]
    public double NonlinearLearningRate { get; init; } = 1e-3;

    [OptionGroup]
    public ThreadOptions Runtime { get; init; } = new();
}

/// <summary>
/// A linear autoencoder trained by gradient descent learns the top-k principal subspace (Baldi &amp; Hornik 1989):
/// the principal angles between its decoder's column space and the top-k eigenvectors of the data covariance go to
/// 0, its reconstruction error meets the Eckart–Young bound, but its basis of that subspace is arbitrary unless a
/// regulariser (here the nested loss) breaks the rotation symmetry. A ReLU autoencoder of the same width shows what a
/// nonlinear bottleneck gains over PCA.
/// </summary>
public sealed partial class LinearAutoencoder : Experiment<LinearAutoencoderOptions>
{
    public override string Id => "linear-autoencoder";
    public override string Title => "Linear autoencoders learn the principal subspace";
    public override Topic Topic => Topic.Generative;
    public override IReadOnlyList<string> Papers => ["baldi1989neural", "eckart1936approximation", "rippel2014learning"];

    public override string Summary =>
        "Trains linear autoencoders x ↦ DEx (tied D = Eᵀ and untied) by full-batch gradient descent on centred examples for several " +
        "bottleneck widths k and measures the largest principal angle between span(D) and the covariance's top-k eigenvectors (computed " +
        "separately by an eigendecomposition; Baldi & Hornik: → 0), the reconstruction error over the Eckart–Young bound Σ_{i>k} λᵢ (→ 1), " +
        "and the angle between each decoder column and its principal direction, without and with the nested loss (Rippel et al.) that " +
        "orders the units. A ReLU autoencoder of the same width is compared with PCA on held-out images.";

    public override LinearAutoencoderOptions Quick => Defaults with
    {
        Dataset = "mnist1d",
        Examples = 4000,
        Bottlenecks = [2, 5],
        Steps = 1500,
        Evaluations = 30,
        NonlinearHidden = 64,
        NonlinearSteps = 400,
    };

    public override CostEstimate EstimateCost(LinearAutoencoderOptions o)
    {
        int d = Datasets.Shape(o.Dataset).Inputs;
        int trainings = 1 + (o.Tied ? 1 : 0) + (o.Regulariser == "none" ? 0 : 1);
        double linear = trainings * o.Bottlenecks.Sum(k => (double)o.Steps * d * d * k);
        double nonlinear = o.NonlinearHidden == 0 ? 0 : o.Bottlenecks.Length * (double)o.NonlinearSteps * o.NonlinearBatchSize * d * o.NonlinearHidden;
        double steps = trainings * o.Bottlenecks.Length * (double)o.Steps + (o.NonlinearHidden == 0 ? 0 : o.Bottlenecks.Length * (double)o.NonlinearSteps);
        return new CostEstimate(trainings * o.Bottlenecks.Length, "trainings", TimeSpan.FromSeconds(
            linear * CostCalibration.LinearAutoencoder.SecondsPerLinearMultiply + nonlinear * CostCalibration.LinearAutoencoder.SecondsPerNonlinearMultiply +
            steps * CostCalibration.LinearAutoencoder.SecondsPerStep));
    }

    public override ExperimentResult Run(LinearAutoencoderOptions o, RunContext context) => Present(o, Measure(o, context));

    /// <summary>One trained linear autoencoder.</summary>
    /// <param name="Angles">Largest principal angle (degrees) between span(D) and the top-k eigenvectors at each recorded step.</param>
    /// <param name="Errors">Mean squared reconstruction error of the training examples at each recorded step.</param>
    /// <param name="Decoder">The final decoder D, d × k.</param>
    /// <param name="DataError">The final error recomputed on the examples themselves (not through the covariance).</param>
    /// <param name="TestError">The final error on the held-out examples.</param>
    /// <param name="DirectionAngles">Angle (degrees) between decoder column i and the i-th principal direction.</param>
    /// <param name="AbsCosines">|cos| between unit-normalised decoder column i (row) and principal direction j (column).</param>
    private sealed record TrainedCodec(int K, bool Tied, bool Nested, double[] Angles, double[] Errors, double[,] Decoder,
        double DataError, double TestError, double[] DirectionAngles, double[,] AbsCosines);

    /// <summary>PCA against the ReLU autoencoder of the same width, on the training and held-out examples.</summary>
    private sealed record NonlinearComparison(int K, double PcaTrain, double PcaTest, double NonlinearTrain, double NonlinearTest);

    /// <summary>
    /// What a run measures: the covariance's eigenvalues (decreasing) and top eigenvectors (d × max k), the recorded
    /// steps, every trained linear autoencoder, and the nonlinear comparison.
    /// </summary>
    private sealed record Measurement(string DatasetName, int TrainCount, int TestCount, int[] ExampleShape, double[] Eigenvalues,
        double[,] PrincipalDirections, long[] Steps, List<TrainedCodec> Codecs, List<NonlinearComparison> Nonlinear);

    private static Measurement Measure(LinearAutoencoderOptions o, RunContext context)
    {
        var device = TorchSetup.Prepare(context.Device);
        using var threads = IntraOpThreads.Use(o.Runtime.Threads);
        var bottlenecks = o.Bottlenecks.Distinct().Order().ToArray();
        var splits = Datasets.Load(o.Dataset, context.Data, context.Seed);
        int n = Math.Min(o.Examples, splits.Train.Count);
        var train = splits.Train.Select([.. Enumerable.Range(0, n)]);
        int d = train.ExampleSize;
        if (bottlenecks[^1] >= Math.Min(n, d))
            throw new TheoryLabException($"bottleneck k = {bottlenecks[^1]} must be below both the input dimension {d} and the examples {n}; lower bottlenecks.");

        using var scope = NewDisposeScope();
        var raw = tensor(train.Inputs, dtype: float64).reshape(n, d);
        var mean = raw.mean([0]);
        var x = raw - mean;
        var test = tensor(splits.Test.Inputs, dtype: float64).reshape(splits.Test.Count, d) - mean;

        // The covariance's spectrum and top eigenvectors, by LAPACK's symmetric eigensolver.
        using var examples = n.ToScalar();
        var covariance = x.T.matmul(x) / examples;
        var (values, vectors) = linalg.eigh(covariance);
        var eigenvalues = values.flip(0).data<double>().ToArray();
        int kMax = bottlenecks[^1];
        var top = vectors.flip(1)[.., ..kMax].contiguous();
        var principal = ToMatrix(top);

        // Full-batch gradient descent on the n examples, exactly: for a linear map M = DE the loss (1/n) Σ ‖x − Mx‖² is
        // tr((I − M) C (I − M)ᵀ) with C = XᵀX/n, so the gradient is computed from C at a cost of d²k a step instead of ndk.
        double lambda1 = eigenvalues[0];
        var steps = LogSpacedSteps(o.Steps, o.Evaluations);

        var runs = new List<(int K, bool Tied, bool Nested)>();
        foreach (int k in bottlenecks)
        {
            runs.Add((k, false, false));
            if (o.Tied) runs.Add((k, true, false));
            if (o.Regulariser == "nested") runs.Add((k, false, true));
        }
        var codecs = new List<TrainedCodec>();
        var nonlinear = new List<NonlinearComparison>();
        using (var task = context.Progress.Start("linear autoencoders", runs.Count + (o.NonlinearHidden > 0 ? bottlenecks.Length : 0)))
        {
            foreach (var (k, tied, nested) in runs)
            {
                codecs.Add(TrainLinear(o, context, k, tied, nested, covariance, x, test, top[.., ..k], principal, o.LearningRate * (tied ? 0.25 : 0.5) / lambda1, steps));
                task.Advance(1, $"k = {k} {(tied ? "tied" : "untied")}{(nested ? " nested" : "")}: largest angle {codecs[^1].Angles[^1]:G3}°");
            }
            if (o.NonlinearHidden > 0)
                foreach (int k in bottlenecks)
                {
                    nonlinear.Add(CompareNonlinear(o, context, k, x, test, top[.., ..k], device));
                    task.Advance(1, $"nonlinear k = {k}: {nonlinear[^1].NonlinearTest / nonlinear[^1].PcaTest:G3} × PCA's held-out error");
                }
        }
        return new Measurement(splits.Train.Name, n, splits.Test.Count, train.ExampleShape, eigenvalues, principal, [.. steps.Order()], codecs, nonlinear);
    }

    private static TrainedCodec TrainLinear(LinearAutoencoderOptions o, RunContext context, int k, bool tied, bool nested, Tensor covariance,
        Tensor x, Tensor test, Tensor topK, double[,] principal, double eta, SortedSet<long> steps)
    {
        using var scope = NewDisposeScope();
        int d = (int)covariance.shape[1];
        using var generator = context.TorchGenerator($"linear-autoencoder k={k} tied={tied} nested={nested}");
        using var model = new LinearCodec(d, k, tied, o.InitScale / Math.Sqrt(d), generator);
        var subspace = ToMatrix(topK);
        var angles = new List<double>();
        var errors = new List<double>();
        // The one "batch" is C itself: the loss closures read the full-batch loss from it.
        LossFunction loss = nested ? (m, batch) => ((LinearCodec)m).NestedLoss(batch.Inputs) : (m, batch) => ((LinearCodec)m).Loss(batch.Inputs);
        var record = TrainingCallbacks.At(steps, moment =>
        {
            using var inner = NewDisposeScope();
            using var noGrad = no_grad();
            angles.Add(PrincipalAngles.LargestDegrees(ToMatrix(model.Decoder), subspace));
            errors.Add(model.Loss(covariance).AsDouble());
        });
        var problem = new Problem(model, new TensorBatches(covariance, null, d, shuffle: false), loss);
        using var optimizer = new Sgd(eta);
        Trainer.Train(problem, optimizer, o.Steps, [record], context.Cancellation);

        using var final = no_grad();
        var decoder = ToMatrix(model.Decoder);
        using var two = 2.ToScalar();
        double dataError = (model.call(x) - x).pow(two).sum(dim: 1).mean().AsDouble();
        double testError = (model.call(test) - test).pow(two).sum(dim: 1).mean().AsDouble();
        var directionAngles = new double[k];
        var cosines = new double[k, k];
        var overlaps = DenseMatrices.Gram(decoder, principal);
        for (int i = 0; i < k; i++)
        {
            var column = Column(decoder, i);
            double norm = Math.Sqrt(column.Sum(v => v * v));
            for (int j = 0; j < k; j++)
                cosines[i, j] = Math.Abs(overlaps[i, j]) / norm;
            directionAngles[i] = PrincipalAngles.LineAngleDegrees(column, Column(principal, i));
        }
        return new TrainedCodec(k, tied, nested, [.. angles], [.. errors], decoder, dataError, testError, directionAngles, cosines);
    }

    /// <summary>Trains the ReLU autoencoder of bottleneck k by Adam and measures it beside the projection onto the top-k eigenvectors.</summary>
    private static NonlinearComparison CompareNonlinear(LinearAutoencoderOptions o, RunContext context, int k, Tensor x, Tensor test, Tensor topK, Device device)
    {
        using var scope = NewDisposeScope();
        int d = (int)x.shape[1];
        using var two = 2.ToScalar();
        double PcaError(Tensor data, Tensor basis) => (data - data.matmul(basis).matmul(basis.T)).pow(two).sum(dim: 1).mean().AsDouble();
        using var generator = context.TorchGenerator($"linear-autoencoder nonlinear k={k}");
        var sizes = new[] { d, o.NonlinearHidden, k, o.NonlinearHidden, d };
        var layers = new List<nn.Module<Tensor, Tensor>>();
        for (int l = 0; l < 4; l++)
        {
            using var deviation = Math.Sqrt((l is 0 or 2 ? 2.0 : 1.0) / sizes[l]).ToScalar();
            var weight = randn([sizes[l + 1], sizes[l]], dtype: float32, generator: generator).mul_(deviation);
            layers.Add(nn.Linear(new Parameter(weight), new Parameter(zeros(sizes[l + 1], dtype: float32))));
            if (l is 0 or 2) layers.Add(nn.ReLU());
        }
        using var model = nn.Sequential(layers).to(device);
        var inputs = x.to(float32).to(device);
        var held = test.to(float32).to(device);
        LossFunction loss = (m, batch) =>
        {
            using var exponent = 2.ToScalar();
            return (m.call(batch.Inputs) - batch.Inputs).pow(exponent).sum(dim: 1).mean();
        };
        var problem = new Problem(model, new TensorBatches(inputs, null, o.NonlinearBatchSize, shuffle: true, seed: context.Seed), loss);
        using var optimizer = new Adam(o.NonlinearLearningRate);
        Trainer.Train(problem, optimizer, o.NonlinearSteps, [], context.Cancellation);
        model.eval();
        using var noGrad = no_grad();
        double Error(Tensor data) => (model.call(data) - data).pow(two).sum(dim: 1).to(float64).mean().AsDouble();
        return new NonlinearComparison(k, PcaError(x, topK), PcaError(test, topK), Error(inputs), Error(held));
    }

    /// <summary>Step 0, the last step, and about <paramref name="points"/> steps between them evenly spaced in log(step).</summary>
    private static SortedSet<long> LogSpacedSteps(long total, int points)
    {
        var steps = new SortedSet<long> { 0, total };
        for (int i = 0; i < points - 1; i++) steps.Add((long)Math.Round(Math.Pow(total, i / (double)(points - 2))));
        return steps;
    }

    private static double[,] ToMatrix(Tensor t)
    {
        int rows = (int)t.shape[0], columns = (int)t.shape[1];
        var values = t.to(float64).contiguous().data<double>().ToArray();
        var matrix = new double[rows, columns];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++) matrix[r, c] = values[r * columns + c];
        return matrix;
    }

    private static double[] Column(double[,] matrix, int c) => [.. Enumerable.Range(0, matrix.GetLength(0)).Select(r => matrix[r, c])];

    /// <summary>x ↦ D E x with E (k × d) and D (d × k), or D = Eᵀ when tied; float64, rows are examples.</summary>
    private sealed class LinearCodec : nn.Module<Tensor, Tensor>
    {
        private readonly Parameter encoder;
        private readonly Parameter? decoder;

        public LinearCodec(int d, int k, bool tied, double scale, Generator generator) : base("linear-codec")
        {
            using var deviation = scale.ToScalar();
            encoder = new Parameter(randn([k, d], dtype: float64, generator: generator).mul_(deviation));
            if (!tied) decoder = new Parameter(randn([d, k], dtype: float64, generator: generator).mul_(deviation));
            RegisterComponents();
        }

        /// <summary>The decoder D, d × k.</summary>
        public Tensor Decoder => decoder ?? encoder.T;

        public override Tensor forward(Tensor input) => input.matmul(encoder.T).matmul(Decoder.T);

        /// <summary>
        /// The mean squared reconstruction error E‖x − DEx‖² of data with second moment <paramref name="c"/>:
        /// tr(C) − 2 tr(DEC) + tr(DᵀD · ECEᵀ), through B = EC (k × d), the only product of cost d²k.
        /// </summary>
        public Tensor Loss(Tensor c)
        {
            var b = encoder.matmul(c);
            var d = Decoder;
            using var two = 2.ToScalar();
            return (c.trace() - two * (d.T * b).sum()).Plus((d.T.matmul(d) * b.matmul(encoder.T)).sum());
        }

        /// <summary>
        /// The nested loss (1/k) Σ_{i=1..k} E‖x − D_{:,&lt;i} E_{&lt;i,:} x‖², the mean error of the first 1, …, k units, in
        /// closed form: the i-th term is tr(C) − 2 Σ_{j&lt;i} aⱼ + Σ_{j,l&lt;i} A_{jl} G_{jl} with a = diag(ECD), A = ECEᵀ and
        /// G = DᵀD, so summing over i weights aⱼ by k − j and A_{jl}G_{jl} by k − max(j, l) (0-based).
        /// </summary>
        public Tensor NestedLoss(Tensor c)
        {
            int k = (int)encoder.shape[0];
            var b = encoder.matmul(c);
            var d = Decoder;
            var a = (d.T * b).sum(dim: 1);
            var weights = tensor(Enumerable.Range(0, k).Select(j => (double)(k - j)).ToArray(), dtype: float64);
            var pairWeights = tensor(Enumerable.Range(0, k * k).Select(m => (double)(k - Math.Max(m / k, m % k))).ToArray(), dtype: float64).reshape(k, k);
            var cross = (pairWeights * b.matmul(encoder.T) * d.T.matmul(d)).sum();
            using Scalar units = k.ToScalar(), two = 2.ToScalar();
            return (units * c.trace() - two * (weights * a).sum()).Plus(cross) / units;
        }
    }
}

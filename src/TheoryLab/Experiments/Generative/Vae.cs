using TheoryLab.Data;
using TheoryLab.Kernel;
using TheoryLab.Models.Generative;
using TheoryLab.Models.MeanField;
using TheoryLab.Numerics;
using TheoryLab.Numerics.Statistics;
using TheoryLab.Options;
using TheoryLab.Torch;
using TheoryLab.Training;
using TheoryLab.Training.Optimizers;
using static TorchSharp.torch;

namespace TheoryLab.Experiments.Generative;

/// <summary>
/// Options of <see cref="Vae"/>. Defaults: Kingma &amp; Welling's MLP VAE (one hidden layer of 500 tanh units in the
/// encoder and the decoder, 20 latents, mini-batches of 100) on 8,000 statically binarised MNIST test images and on
/// the published MNIST-1D, trained by Adam for 1,000 steps (scaled down from the paper's millions of examples); β
/// from 0.5 to 8 and decoders of 1 to 3 hidden layers; importance sampling with K up to 1,000.
/// </summary>
public sealed record VaeOptions
{
    [Option("Datasets, each studied apart: images with intensities in [0, 1] are binarised once by the seed (pixel ~ Bernoulli(intensity)) and modelled by Bernoulli pixels; real-valued data (MNIST-1D) by a Gaussian with one learned variance. A -t10k set trains on 8,000 of the 10,000 test images and holds out the rest.",
        ChoicesFrom = typeof(BenchmarkDatasets))]
    public string[] Datasets { get; init; } = ["mnist-t10k", "mnist1d-published"];

    [Option("Training examples: the first n of the training split (all of it when it holds fewer).", Min = 100, Max = 60_000, Unit = "examples")]
    public int Examples { get; init; } = 8000;

    [Option("Held-out examples: the first n of the test split, for the held-out ELBO and the active units.", Min = 100, Max = 10_000, Unit = "examples")]
    public int HeldOut { get; init; } = 2000;

    [Option("Latent units L of the VAEs (Kingma & Welling used 3 to 200; 20 in the middle of their range).", Min = 1, Max = 512, Unit = "units")]
    public int Latents { get; init; } = 20;

    [Option("Units of every hidden layer of encoder and decoder (500 in the paper for MNIST).", Min = 4, Max = 4096, Unit = "units")]
    public int Hidden { get; init; } = 500;

    [Option("Nonlinearity of the hidden layers (the paper's MLPs used tanh).", ChoicesFrom = typeof(MeanFieldActivations))]
    public string Activation { get; init; } = "tanh";

    [Option("Adam steps of each VAE (the paper ran Adagrad for up to 10⁸ examples; this is 10⁵ at the defaults, for a 2-core CPU).", Min = 1, Max = 10_000_000, Unit = "steps")]
    public int Steps { get; init; } = 1000;

    [Option("Examples per mini-batch (100 in the paper).", Min = 1, Max = 65_536, Unit = "examples")]
    public int BatchSize { get; init; } = 100;

    [Option("Adam's step η (the paper used Adagrad with a step from {0.01, 0.02, 0.1}).", Min = 1e-6, Max = 1)]
    public double LearningRate { get; init; } = 1e-3;

    [Option("Weights β of the KL term (β-VAE, Higgins et al. 2017), one VAE each with the one-layer decoder; must include 1, the plain VAE whose ELBO and log-likelihood are measured.", Min = 1e-3, Max = 1000)]
    public double[] Betas { get; init; } = [0.5, 1, 2, 4, 8];

    [Option("Hidden layers of the decoder (its capacity), one VAE each at β = 1; must include 1, the paper's decoder.", Min = 1, Max = 8, Unit = "layers")]
    public int[] DecoderDepths { get; init; } = [1, 2, 3];

    [Option("Samples K of the importance-weighted estimate L_K of log p(x) (Burda et al. 2016 used 5,000); each must divide the largest, whose draws every K shares.", Min = 1, Max = 100_000, Unit = "samples")]
    public int[] ImportanceSamples { get; init; } = [1, 10, 100, 1000];

    [Option("Held-out examples whose log-likelihood is estimated by importance sampling.", Min = 2, Max = 10_000, Unit = "examples")]
    public int ImportanceExamples { get; init; } = 500;

    [Option("Points of the training curves of the plain VAE, evenly spaced (step 0 and the last included).", Min = 1, Max = 1000, Unit = "evaluations")]
    public int Evaluations { get; init; } = 20;

    [Option("Training and held-out examples each on which the training curves are evaluated.", Min = 10, Max = 10_000, Unit = "examples")]
    public int EvaluationExamples { get; init; } = 1000;

    [Option("Points per side of the grid of the 2-D latent model's manifold, at the standard normal's quantiles (i + ½)/n as in Kingma & Welling's Figure 4.", Min = 2, Max = 40, Unit = "points")]
    public int ManifoldGrid { get; init; } = 15;

    [OptionGroup]
    public ThreadOptions Runtime { get; init; } = new();
}

/// <summary>
/// Variational autoencoders (Kingma &amp; Welling 2014): the ELBO and its two terms during training, the
/// importance-weighted estimate of log p(x) (Burda et al. 2016) against K, the 2-D latent manifold, and posterior
/// collapse, counted in active units (Burda et al.'s Cov_x E_q[zᵢ] &gt; 0.01), as β (Higgins et al. 2017) and the
/// decoder's depth grow.
/// </summary>
public sealed partial class Vae : Experiment<VaeOptions>
{
    public override string Id => "vae";
    public override string Title => "Variational autoencoders: the ELBO, importance-weighted likelihood and posterior collapse";
    public override Topic Topic => Topic.Generative;
    public override IReadOnlyList<string> Papers => ["kingma2014auto", "burda2016importance", "higgins2017beta"];

    public override string Summary =>
        "Trains Kingma & Welling's MLP VAE (Gaussian encoder, standard-normal prior, Bernoulli decoder on binarised MNIST, Gaussian on " +
        "MNIST-1D) with the reparameterisation trick and records the ELBO, its reconstruction term and its KL on training and held-out data; " +
        "estimates log p(x) by importance sampling with K samples (Burda et al.: L_1 = ELBO ≤ L_K → log p(x)); decodes the 2-D latent " +
        "model's manifold; and counts active latent units (Cov_x E_q[zᵢ|x] > 0.01) and the KL per unit as β and the decoder's depth grow.";

    public override VaeOptions Quick => Defaults with
    {
        Datasets = ["mnist-t10k", "mnist1d-published"],
        Examples = 2000,
        HeldOut = 500,
        Latents = 10,
        Hidden = 100,
        Steps = 300,
        Betas = [1, 8],
        DecoderDepths = [1, 2],
        ImportanceSamples = [1, 10, 100],
        ImportanceExamples = 200,
        Evaluations = 6,
        EvaluationExamples = 500,
        ManifoldGrid = 8,
    };

    /// <summary>The unit-activity threshold of Burda et al. (2016, Section 5.2): unit i is active when Cov_x(E_q[zᵢ|x]) exceeds it.</summary>
    public const double ActivityThreshold = 0.01;

    protected override IEnumerable<string> Inconsistencies(VaeOptions o)
    {
        if (o.Datasets.Length == 0) yield return "datasets is empty: name at least one (mnist1d needs no files).";
        if (o.Datasets.Distinct().Count() != o.Datasets.Length) yield return "datasets names a set twice; list each once.";
        if (!o.Betas.Contains(1)) yield return "betas must include 1, the plain VAE whose ELBO and log-likelihood are measured; add 1.";
        if (o.Betas.Distinct().Count() != o.Betas.Length) yield return "betas names a value twice; list each once.";
        if (!o.DecoderDepths.Contains(1)) yield return "decoder_depths must include 1, the paper's one-hidden-layer decoder; add 1.";
        if (o.DecoderDepths.Distinct().Count() != o.DecoderDepths.Length) yield return "decoder_depths names a depth twice; list each once.";
        if (o.ImportanceSamples.Length == 0) yield return "importance_samples is empty: name at least one K (1 is the ELBO).";
        else if (o.ImportanceSamples.Any(k => o.ImportanceSamples.Max() % k != 0))
            yield return $"every K of importance_samples must divide the largest, {o.ImportanceSamples.Max()}, whose draws they share; drop or change the others.";
    }

    /// <summary>
    /// Adam steps of batch × (d·h·(1 + 1) + h²·(extra decoder layers)) multiplies, plus the importance samples'
    /// decoder passes; MNIST-1D's d = 40 makes the fixed cost of a step dominate.
    /// </summary>
    public override CostEstimate EstimateCost(VaeOptions o)
    {
        double multiplies = 0, steps = 0;
        foreach (var name in o.Datasets)
        {
            int d = TheoryLab.Data.Datasets.Shape(name).Inputs;
            foreach (var (_, depth, _) in Trainings(o))
            {
                multiplies += (double)o.Steps * o.BatchSize * (2.0 * d * o.Hidden + (depth - 1) * (double)o.Hidden * o.Hidden);
                steps += o.Steps;
            }
            multiplies += (double)o.ImportanceSamples.Max() * o.ImportanceExamples * d * o.Hidden / 3;   // a forward pass is a third of a step
        }
        return new CostEstimate(o.Datasets.Length * Trainings(o).Count, "trainings", TimeSpan.FromSeconds(
            multiplies * CostCalibration.Vae.SecondsPerMultiply + steps * CostCalibration.Vae.SecondsPerStep));
    }

    public override ExperimentResult Run(VaeOptions o, RunContext context) => Present(o, Measure(o, context));

    /// <summary>The ELBO and its two terms, means over examples, in nats per example.</summary>
    private sealed record Terms(double Elbo, double Reconstruction, double Kl);

    /// <summary>One trained VAE of the sweeps, measured on the held-out examples.</summary>
    /// <param name="HeldOut">The ELBO (at β = 1, whatever β it was trained with) and its terms.</param>
    /// <param name="UnitVariances">Cov_x(E_q[zᵢ|x]) = the variance over examples of μᵢ(x), per latent unit.</param>
    /// <param name="UnitKl">The mean over examples of KL(q(zᵢ|x) ‖ N(0, 1)), per latent unit.</param>
    private sealed record Trained(double Beta, int DecoderDepth, Terms HeldOut, double[] UnitVariances, double[] UnitKl);

    /// <summary>The importance-weighted estimates on held-out examples, means over them with their standard errors.</summary>
    /// <param name="Gain">L_K − L_1 per K, a mean of paired differences, and its standard error.</param>
    /// <param name="Elbo">The ELBO of the same examples from the closed-form KL and separate reconstruction draws.</param>
    private sealed record Importance(int Examples, int[] K, double[] Bound, double[] BoundError, double[] Gain, double[] GainError, double Elbo, double ElboError);

    /// <summary>What one dataset gives.</summary>
    /// <param name="Steps">Steps at which the plain VAE's curves were evaluated.</param>
    /// <param name="GridCoordinates">The latent values of the manifold grid, the standard normal's quantiles.</param>
    /// <param name="Grid">The decoded means of the 2-D model on the grid, row r = z₂ index, column c = z₁ index: [r·n + c][d].</param>
    /// <param name="Traversals">Decoded means of the 2-D model along zᵢ with the other coordinate 0: [i][grid point][d].</param>
    /// <param name="Originals">A few held-out examples as the model sees them (binarised for images).</param>
    /// <param name="Reconstructions">Their reconstructions by the plain VAE through the posterior mean.</param>
    private sealed record Study(string Dataset, ObservationModel Observation, double? NoiseVariance, int TrainCount, int HeldOutCount, int[] ExampleShape,
        long[] Steps, Terms[] TrainCurve, Terms[] HeldOutCurve, Importance Importance, List<Trained> Models,
        double[] GridCoordinates, double[][] Grid, double[][][] Traversals, double[][] Originals, double[][] Reconstructions);

    private sealed record Measurement(List<Study> Studies);

    /// <summary>Every VAE trained per dataset: (β, decoder depth, latents): the β sweep, the depth sweep and the 2-D model, the plain VAE first.</summary>
    private static List<(double Beta, int DecoderDepth, int Latents)> Trainings(VaeOptions o)
    {
        var list = new List<(double, int, int)> { (1, 1, o.Latents) };
        list.AddRange(o.Betas.Where(b => b != 1).Order().Select(b => (b, 1, o.Latents)));
        list.AddRange(o.DecoderDepths.Where(l => l != 1).Order().Select(l => (1.0, l, o.Latents)));
        list.Add((1, 1, 2));
        return list;
    }

    private const int ShownExamples = 10;

    private static Measurement Measure(VaeOptions o, RunContext context)
    {
        TorchSetup.Prepare(context.Device);
        using var threads = IntraOpThreads.Use(o.Runtime.Threads);
        var trainings = Trainings(o);
        var studies = new List<Study>();
        using var task = context.Progress.Start("VAE steps", (long)o.Datasets.Length * trainings.Count * o.Steps);
        foreach (var name in o.Datasets) studies.Add(MeasureDataset(o, context, name, trainings, task));
        return new Measurement(studies);
    }

    private static Study MeasureDataset(VaeOptions o, RunContext context, string name, List<(double Beta, int DecoderDepth, int Latents)> trainings, IProgressTask task)
    {
        using var scope = NewDisposeScope();
        var splits = TheoryLab.Data.Datasets.Load(name, context.Data, context.Seed);
        int n = Math.Min(o.Examples, splits.Train.Count), m = Math.Min(o.HeldOut, splits.Test.Count), d = splits.Train.ExampleSize;
        var train = tensor(splits.Train.Inputs.AsSpan(0, n * d).ToArray(), dtype: float32).reshape(n, d);
        var heldOut = tensor(splits.Test.Inputs.AsSpan(0, m * d).ToArray(), dtype: float32).reshape(m, d);

        // Intensities in [0, 1] become binary once, so that p(x) is a probability and log p(x) comparable with the binarised-MNIST literature.
        bool binary = splits.Train.Inputs.All(v => v is >= 0 and <= 1) && splits.Test.Inputs.All(v => v is >= 0 and <= 1);
        if (binary)
        {
            using var binarising = context.TorchGenerator($"vae binarise {name}");
            train = bernoulli(train, binarising);
            heldOut = bernoulli(heldOut, binarising);
        }
        var observation = binary ? ObservationModel.Bernoulli : ObservationModel.Gaussian;
        int evaluated = Math.Min(o.EvaluationExamples, Math.Min(n, m));
        var steps = TrainingCallbacks.EvenlySpaced(o.Steps, Math.Min(o.Evaluations, o.Steps));

        var models = new List<Trained>();
        var trainCurve = new List<Terms>();
        var heldOutCurve = new List<Terms>();
        Importance? importance = null;
        double? noiseVariance = null;
        double[][] originals = [], reconstructions = [];
        (double[] Coordinates, double[][] Grid, double[][][] Traversals) manifoldDecoded = ([], [], []);
        for (int index = 0; index < trainings.Count; index++)
        {
            var (beta, depth, latents) = trainings[index];
            string key = $"vae {name} beta={beta} depth={depth} latents={latents}";
            using var generator = context.TorchGenerator(key);
            using var model = new VariationalAutoencoder(d, latents, o.Hidden, 1, depth, Activations.ByName(o.Activation), observation, generator);
            bool plain = index == 0, manifold = index == trainings.Count - 1;
            using var curveNoise = context.TorchGenerator(key + " curve");
            var callbacks = new List<TrainingCallback> { TrainingCallbacks.Progress(task) };
            if (plain)
            {
                var trainPart = train[..evaluated];
                var heldOutPart = heldOut[..evaluated];
                callbacks.Add(TrainingCallbacks.At(steps, _ =>
                {
                    trainCurve.Add(Evaluate(model, trainPart, curveNoise));
                    heldOutCurve.Add(Evaluate(model, heldOutPart, curveNoise));
                }));
            }
            Train(o, context, model, beta, train, key, callbacks);

            using var noise = context.TorchGenerator(key + " held-out");
            if (!manifold) models.Add(Inspect(model, beta, depth, heldOut, noise));
            if (plain)
            {
                using var sampling = context.TorchGenerator(key + " importance");
                importance = EstimateLikelihood(o, model, heldOut[..Math.Min(o.ImportanceExamples, m)], sampling);
                noiseVariance = model.NoiseVariance;
                using var noGrad = no_grad();
                var shown = heldOut[..Math.Min(ShownExamples, m)];
                originals = Rows(shown);
                reconstructions = Rows(model.forward(shown));
            }
            if (manifold) manifoldDecoded = DecodeManifold(model, o.ManifoldGrid);
        }
        return new Study(name, observation, noiseVariance, n, m, splits.Train.ExampleShape, [.. steps.Order()], [.. trainCurve], [.. heldOutCurve],
            importance!, models, manifoldDecoded.Coordinates, manifoldDecoded.Grid, manifoldDecoded.Traversals, originals, reconstructions);
    }

    private static void Train(VaeOptions o, RunContext context, VariationalAutoencoder model, double beta, Tensor train, string key, List<TrainingCallback> callbacks)
    {
        using var noise = context.TorchGenerator(key + " noise");
        LossFunction loss = (vae, batch) => ((VariationalAutoencoder)vae).Loss(batch.Inputs, beta, noise);
        var problem = new Problem(model, new TensorBatches(train, null, o.BatchSize, shuffle: true, seed: Seeds.Derive(context.Seed, key)), loss);
        using var optimizer = new Adam(o.LearningRate);
        Trainer.Train(problem, optimizer, o.Steps, callbacks, context.Cancellation);
    }

    /// <summary>The ELBO and its terms, means over the examples, from one reparameterised draw each and the closed-form KL.</summary>
    private static Terms Evaluate(VariationalAutoencoder model, Tensor x, Generator noise)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (reconstruction, kl) = model.ElboTerms(x, noise);
        double r = reconstruction.to(float64).mean().AsDouble(), k = kl.to(float64).sum(-1).mean().AsDouble();
        return new Terms(r - k, r, k);
    }

    private static Trained Inspect(VariationalAutoencoder model, double beta, int depth, Tensor heldOut, Generator noise)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (mean, logVariance) = model.Encode(heldOut);
        var variances = mean.to(float64).var(0).data<double>().ToArray();   // unbiased, over examples
        var unitKl = DiagonalGaussian.KlToStandardNormalPerUnit(mean, logVariance).to(float64).mean([0]).data<double>().ToArray();
        return new Trained(beta, depth, Evaluate(model, heldOut, noise), variances, unitKl);
    }

    /// <summary>
    /// L_K for every K from the same Kmax draws per example (disjoint groups of K), with L_K − L_1 as paired
    /// differences, and the ELBO of the same examples with the closed-form KL as a separate check of L_1.
    /// </summary>
    private static Importance EstimateLikelihood(VaeOptions o, VariationalAutoencoder model, Tensor x, Generator generator)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        int n = (int)x.shape[0], kMax = o.ImportanceSamples.Max();
        var ks = o.ImportanceSamples.Distinct().Order().ToArray();
        var perExample = ks.Select(_ => new double[n]).ToArray();
        var (mean, logVariance) = model.Encode(x);
        var logWeights = ImportanceSampling.LogWeights(mean, logVariance, z => model.LogLikelihood(x, z), kMax, generator);
        var weights = logWeights.T.contiguous().data<double>().ToArray();   // example-major
        for (int i = 0; i < n; i++)
        {
            var row = new ArraySegment<double>(weights, i * kMax, kMax);
            for (int j = 0; j < ks.Length; j++) perExample[j][i] = ImportanceWeightedBound.Estimate(row, ks[j]);
        }
        var elbos = Enumerable.Range(0, 10).Select(_ =>
        {
            var (reconstruction, kl) = model.ElboTerms(x, generator);
            return (reconstruction - kl.sum(-1)).to(float64);
        }).ToList();
        var elbo = stack(elbos).mean([0]).data<double>().ToArray();
        var gains = perExample.Select(b => b.Zip(perExample[0], (bk, b1) => bk - b1).ToArray()).ToArray();
        return new Importance(n, ks, [.. perExample.Select(b => b.Average())], [.. perExample.Select(Moments.StandardError)],
            [.. gains.Select(g => g.Average())], [.. gains.Select(Moments.StandardError)], elbo.Average(), Moments.StandardError(elbo));
    }

    /// <summary>The 2-D model decoded on a grid of the prior's quantiles, and along each axis with the other coordinate at 0.</summary>
    private static (double[] Coordinates, double[][] Grid, double[][][] Traversals) DecodeManifold(VariationalAutoencoder model, int points)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var coordinates = Enumerable.Range(0, points)
            .Select(i => Brent.FindRoot(z => SpecialFunctions.NormalCdf(z) - (i + 0.5) / points, -10, 10)).ToArray();
        var grid = new float[points * points * 2];
        for (int r = 0; r < points; r++)
            for (int c = 0; c < points; c++) { grid[2 * (r * points + c)] = (float)coordinates[c]; grid[2 * (r * points + c) + 1] = (float)coordinates[r]; }
        var decoded = Rows(model.DecodeMean(tensor(grid).reshape(points * points, 2)));
        var traversals = new double[2][][];
        for (int axis = 0; axis < 2; axis++)
        {
            var line = new float[points * 2];
            for (int i = 0; i < points; i++) line[2 * i + axis] = (float)coordinates[i];
            traversals[axis] = Rows(model.DecodeMean(tensor(line).reshape(points, 2)));
        }
        return (coordinates, decoded, traversals);
    }

    private static double[][] Rows(Tensor t)
    {
        int rows = (int)t.shape[0], columns = (int)t.shape[1];
        var values = t.to(float64).contiguous().data<double>().ToArray();
        return [.. Enumerable.Range(0, rows).Select(r => values.AsSpan(r * columns, columns).ToArray())];
    }
}

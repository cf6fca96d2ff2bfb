using TheoryLab.Models.ConvNets;
using TheoryLab.Training;
using TheoryLab.Training.Optimizers;
using Conv2d = TorchSharp.Modules.Conv2d;
using Linear = TorchSharp.Modules.Linear;
using static TorchSharp.torch;

namespace TheoryLab.Analysis.SampleQuality;

/// <summary>
/// A small convolutional classifier of 28 × 28 single-channel images whose penultimate layer serves as the feature
/// space of a Fréchet distance, the role the Inception network plays in the FID (Heusel et al. 2017) for natural
/// images: conv 8@5×5, max-pool, conv 16@5×5, max-pool, a 64-unit ReLU layer (the features), and 10-way logits.
/// Trained on real images only, so that generated ones are judged by what separates real classes.
/// </summary>
public sealed class FeatureClassifier : nn.Module<Tensor, Tensor>
{
    /// <summary>Dimension of <see cref="Features"/>.</summary>
    public const int FeatureCount = 64;

    private readonly Conv2d conv1;
    private readonly Conv2d conv2;
    private readonly Linear hidden;
    private readonly Linear output;

    /// <param name="classes">Number of classes of the labels it is trained on.</param>
    /// <param name="generator">Source of the initial weights (torch's default initialisation, <see cref="DefaultInitialization"/>).</param>
    public FeatureClassifier(int classes, Generator generator) : base(nameof(FeatureClassifier))
    {
        conv1 = nn.Conv2d(1, 8, 5, padding: 2);
        conv2 = nn.Conv2d(8, 16, 5, padding: 2);
        hidden = nn.Linear(16 * 7 * 7, FeatureCount);
        output = nn.Linear(FeatureCount, classes);
        RegisterComponents();
        DefaultInitialization.Apply(this, generator);
    }

    /// <summary>The class logits of a batch [N, 1, 28, 28].</summary>
    public override Tensor forward(Tensor images)
    {
        using var scope = NewDisposeScope();
        return output.forward(FeaturesOf(images)).MoveToOuterDisposeScope();
    }

    private Tensor FeaturesOf(Tensor images)
    {
        var h = nn.functional.max_pool2d(nn.functional.relu(conv1.forward(images)), 2);
        h = nn.functional.max_pool2d(nn.functional.relu(conv2.forward(h)), 2);
        return nn.functional.relu(hidden.forward(h.flatten(1)));
    }

    /// <summary>
    /// Trains the classifier by Adam (step 10⁻³) on mini-batches of <paramref name="images"/> [N, 1, 28, 28] with
    /// integer <paramref name="labels"/>, reshuffled each epoch from <paramref name="seed"/>.
    /// </summary>
    public TrainingSummary Fit(Tensor images, Tensor labels, int steps, int batchSize, int seed, CancellationToken cancellation = default)
    {
        using var optimizer = new Adam(1e-3);
        var problem = new Problem(this, new TensorBatches(images, labels, batchSize, shuffle: true, seed), Classification.CrossEntropy);
        var summary = Trainer.Train(problem, optimizer, steps, [], cancellation);
        eval();
        return summary;
    }

    /// <summary>The penultimate layer's activations of a batch of images, [N, <see cref="FeatureCount"/>] as float64 rows, in evaluation mode.</summary>
    public double[,] Features(Tensor images) => InChunks(images, FeatureCount, x => FeaturesOf(x));

    /// <summary>The predicted class of each image.</summary>
    public int[] Predict(Tensor images)
    {
        var logits = InChunks(images, (int)output.weight!.shape[0], x => forward(x));
        return [.. Enumerable.Range(0, logits.GetLength(0)).Select(i => Enumerable.Range(0, logits.GetLength(1)).MaxBy(c => logits[i, c]))];
    }

    /// <summary>The fraction of <paramref name="images"/> whose predicted class is their label.</summary>
    public double Accuracy(Tensor images, Tensor labels)
    {
        var predicted = Predict(images);
        var truth = labels.to(int64).data<long>().ToArray();
        return (double)predicted.Where((p, i) => p == truth[i]).Count() / predicted.Length;
    }

    private double[,] InChunks(Tensor images, int width, Func<Tensor, Tensor> map)
    {
        eval();
        using var noGrad = no_grad();
        long n = images.shape[0];
        var rows = new double[n, width];
        for (long start = 0; start < n; start += ClassificationSets.EvaluationBatch)
        {
            using var scope = NewDisposeScope();
            long size = Math.Min(ClassificationSets.EvaluationBatch, n - start);
            var values = map(images.narrow(0, start, size)).to(float64).contiguous().data<double>().ToArray();
            for (long i = 0; i < size; i++)
                for (int j = 0; j < width; j++) rows[start + i, j] = values[i * width + j];
        }
        return rows;
    }
}

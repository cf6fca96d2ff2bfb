using TheoryLab.Data;
using static TorchSharp.torch;

namespace TheoryLab.Training;

/// <summary>
/// A train/test classification set made ready for training, the first step of the classification recipe: both parts
/// standardised by the training part's mean and standard deviation (so nothing of the test set leaks in), on one
/// device, optionally flattened to vectors, and one evaluation pass over each part.
/// </summary>
public sealed class ClassificationSets
{
    /// <summary>Examples per evaluation batch: large enough for a fast pass, small enough for every dataset here.</summary>
    public const int EvaluationBatch = 1000;

    /// <param name="data">The training and test parts.</param>
    /// <param name="device">Where the tensors live (the CPU when null).</param>
    /// <param name="asVectors">Flatten every example to one vector, as fully connected networks take them.</param>
    /// <param name="dtype">The inputs' element type.</param>
    public ClassificationSets(TrainTest data, Device? device = null, bool asVectors = false, ScalarType dtype = ScalarType.Float32)
    {
        (TrainInputs, TrainLabels) = Prepare(data.Train, data.Train, device, asVectors, dtype);
        (TestInputs, TestLabels) = Prepare(data.Test, data.Train, device, asVectors, dtype);
        Classes = data.Train.Classes;
        TrainCount = data.Train.Count;
        TrainPass = new TensorBatches(TrainInputs, TrainLabels, EvaluationBatch, shuffle: false);
        TestPass = new TensorBatches(TestInputs, TestLabels, EvaluationBatch, shuffle: false);
    }

    public Tensor TrainInputs { get; }
    public Tensor TrainLabels { get; }
    public Tensor TestInputs { get; }
    public Tensor TestLabels { get; }
    public int Classes { get; }
    public int TrainCount { get; }

    /// <summary>One pass over the training part in storage order, for evaluation.</summary>
    public IBatchSource TrainPass { get; }

    /// <summary>One pass over the test part in storage order, for evaluation.</summary>
    public IBatchSource TestPass { get; }

    /// <summary>The training part in batches of <paramref name="batchSize"/>, reshuffled each epoch from <paramref name="seed"/>.</summary>
    public TensorBatches TrainingBatches(int batchSize, int seed) => new(TrainInputs, TrainLabels, batchSize, shuffle: true, seed);

    /// <summary>The model's loss and accuracy on the whole training part and on the test part, at training step <paramref name="step"/>.</summary>
    public ClassificationPoint Evaluate(nn.Module<Tensor, Tensor> model, long step) =>
        new(step, Classification.Evaluate(model, TrainPass), Classification.Evaluate(model, TestPass));

    private static (Tensor Inputs, Tensor Labels) Prepare(LabeledData part, LabeledData train, Device? device, bool asVectors, ScalarType dtype)
    {
        var (inputs, labels) = part.Standardised(train, device);
        if (asVectors) inputs = inputs.reshape(part.Count, part.ExampleSize);
        return (inputs.to(dtype), labels);
    }
}

/// <summary>A classifier's metrics on its training and test sets at one step of training.</summary>
public sealed record ClassificationPoint(long Step, ClassificationMetrics Train, ClassificationMetrics Test);

namespace TheoryLab.Data;

/// <summary>
/// A labelled classification set held in memory: inputs as one contiguous float array (row-major,
/// example after example), integer labels, the shape of one example, and the number of classes.
/// </summary>
/// <param name="Name">Dataset and split, for messages and records ("mnist1d/train").</param>
/// <param name="Inputs">Count × product(ExampleShape) values.</param>
/// <param name="ExampleShape">Shape of one example: [40] for MNIST-1D, [1, 28, 28] for MNIST.</param>
public sealed record LabeledData(string Name, float[] Inputs, int[] Labels, int[] ExampleShape, int Classes)
{
    public int Count => Labels.Length;
    public int ExampleSize => ExampleShape.Aggregate(1, (a, b) => a * b);

    /// <summary>The examples at the given indices, in that order.</summary>
    public LabeledData Select(IReadOnlyList<int> indices, string? name = null)
    {
        int size = ExampleSize;
        var inputs = new float[indices.Count * size];
        var labels = new int[indices.Count];
        for (int k = 0; k < indices.Count; k++)
        {
            Array.Copy(Inputs, (long)indices[k] * size, inputs, (long)k * size, size);
            labels[k] = Labels[indices[k]];
        }
        return this with { Name = name ?? Name, Inputs = inputs, Labels = labels };
    }
}

/// <summary>A training split and a test split of one dataset.</summary>
public sealed record TrainTest(LabeledData Train, LabeledData Test);

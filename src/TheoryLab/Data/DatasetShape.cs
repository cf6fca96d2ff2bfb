namespace TheoryLab.Data;

/// <summary>
/// What a dataset is like, known without loading it: the shape of one example ([40] for MNIST-1D, [1, 28, 28] for
/// the MNIST family, as <see cref="LabeledData.ExampleShape"/>), its classes, and the examples in each split — so that
/// cost estimates build the network a run would build.
/// </summary>
public sealed record DatasetShape(int[] Example, int Classes, int Train, int Test)
{
    /// <summary>Inputs per example, flattened.</summary>
    public int Inputs => Example.Aggregate(1, (a, b) => a * b);

    /// <summary>Equal when every field is, the example shape compared element by element.</summary>
    public bool Equals(DatasetShape? other) =>
        other is not null && Example.SequenceEqual(other.Example) && Classes == other.Classes && Train == other.Train && Test == other.Test;

    public override int GetHashCode() => HashCode.Combine(Inputs, Example.Length, Classes, Train, Test);
}

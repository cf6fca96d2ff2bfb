namespace TheoryLab.Data.Mnist1D;

/// <summary>
/// An MNIST-1D dataset: its two splits (examples of shape [40], 10 classes) and the positions of the
/// sequence's points, which the published dataset carries as 't' (used to draw examples as curves).
/// </summary>
/// <param name="Positions">One coordinate per point of a sequence, in the dataset's normalised units.</param>
public sealed record Mnist1DData(TrainTest Splits, double[] Positions);

namespace TheoryLab.Data;

/// <summary>Deterministic train/test splits of one labelled set, for users who hold a single split of a dataset.</summary>
public static class LabeledDataSplit
{
    /// <summary>
    /// A random <paramref name="trainCount"/> examples for training and the rest for testing, drawn from
    /// <paramref name="seed"/> alone (the same seed gives the same split); each part keeps its examples in their
    /// original relative order. For MNIST's 10,000 test images, 8,000 / 2,000 is a common choice.
    /// </summary>
    public static TrainTest SplitTrainTest(this LabeledData data, int trainCount, int seed)
    {
        if (trainCount < 1 || trainCount >= data.Count)
            throw new TheoryLabException($"cannot split {data.Count} examples of {data.Name} into {trainCount} for training and {data.Count - trainCount} for testing; both parts need at least one.");
        int[] order = new Random(seed).Permutation(data.Count);
        int[] train = [.. order[..trainCount].Order()];
        int[] test = [.. order[trainCount..].Order()];
        return new(data.Select(train, $"{data.Name}[train {trainCount}]"), data.Select(test, $"{data.Name}[test {data.Count - trainCount}]"));
    }
}

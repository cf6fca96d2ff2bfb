namespace TheoryLab.Data;

/// <summary>
/// Tasks cut out of one labelled set by class, as Yosinski et al. (2014) split ImageNet's classes into two halves: the
/// examples of some classes, relabelled 0…k−1 in the order the classes are given.
/// </summary>
public static class ClassSubsets
{
    /// <summary>The examples whose label is one of <paramref name="classes"/>, in their order, labelled by the class's position in the list.</summary>
    public static LabeledData OfClasses(this LabeledData data, IReadOnlyList<int> classes, string? name = null)
    {
        if (classes.Count == 0 || classes.Distinct().Count() != classes.Count || classes.Any(c => c < 0 || c >= data.Classes))
            throw new TheoryLabException($"a task needs distinct classes between 0 and {data.Classes - 1} of {data.Name}; got [{string.Join(", ", classes)}].");
        var position = new Dictionary<int, int>();
        for (int k = 0; k < classes.Count; k++) position[classes[k]] = k;
        var kept = Enumerable.Range(0, data.Count).Where(i => position.ContainsKey(data.Labels[i])).ToArray();
        var subset = data.Select(kept, name ?? $"{data.Name}[classes {string.Join(",", classes)}]");
        return subset with { Labels = [.. subset.Labels.Select(label => position[label])], Classes = classes.Count };
    }

    /// <summary>Both parts cut to <paramref name="classes"/>, relabelled alike.</summary>
    public static TrainTest OfClasses(this TrainTest data, IReadOnlyList<int> classes) =>
        new(data.Train.OfClasses(classes), data.Test.OfClasses(classes));
}

using TheoryLab.Kernel;
namespace TheoryLab.Experiments;

/// <summary>The experiments TheoryLab knows, by id: an explicit table, so what exists is read in one place.</summary>
public sealed class ExperimentRegistry
{
    private readonly Dictionary<string, IExperiment> _byId;

    public ExperimentRegistry(IEnumerable<IExperiment> experiments)
    {
        _byId = [];
        foreach (var e in experiments)
            if (!_byId.TryAdd(e.Id, e)) throw new InvalidOperationException($"two experiments share the id '{e.Id}'");
    }

    /// <summary>Every experiment that ships with TheoryLab.</summary>
    public static ExperimentRegistry Default { get; } = new(BuiltInExperiments.All());

    public IEnumerable<IExperiment> All => _byId.Values.OrderBy(e => e.Topic).ThenBy(e => e.Id, StringComparer.Ordinal);

    public IExperiment Get(string id) =>
        _byId.TryGetValue(id, out var experiment)
            ? experiment
            : throw new TheoryLabException($"unknown experiment '{id}'{Suggestions.DidYouMean(id, _byId.Keys)}; 'theorylab list' shows them all.");
}

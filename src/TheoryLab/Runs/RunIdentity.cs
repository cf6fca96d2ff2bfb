using TheoryLab.Options;

namespace TheoryLab.Runs;

/// <summary>Whether a stored run is the run a request asks for, and where it is not, the first difference in words.</summary>
public static class RunIdentity
{
    /// <summary>Null when <paramref name="stored"/> is the run <paramref name="request"/> asks for; else "with seed 3, not 1" and the like.</summary>
    public static string? Difference(RunRecord stored, RunRequest request)
    {
        if (stored.Seed != request.Seed) return $"with seed {stored.Seed}, not {request.Seed}";
        string device = OptionValues.Format(request.Device);
        if (stored.Device != device) return $"on {stored.Device}, not {device}";
        var wanted = request.Experiment.Schema.NonDefault(request.Options);
        foreach (var name in wanted.Keys.Union(stored.NonDefaultOptions.Keys).Order(StringComparer.Ordinal))
        {
            string before = stored.NonDefaultOptions.GetValueOrDefault(name) ?? "its default";
            string now = wanted.GetValueOrDefault(name) ?? "its default";
            if (before != now) return $"with {name} = {before}, not {now}";
        }
        return null;
    }
}

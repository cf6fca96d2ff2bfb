using TheoryLab.Options;

namespace TheoryLab.Runs;

/// <summary>
/// Whether a stored run is the run a request asks for: same seed, device and TheoryLab version, and every option that
/// can change a result at the same effective value, defaults included, since a default may change between versions.
/// Where it is not, the first difference in words.
/// </summary>
public static class RunIdentity
{
    /// <summary>Null when <paramref name="stored"/> is the run <paramref name="request"/> asks for; else "with seed 3, not 1" and the like.</summary>
    public static string? Difference(RunRecord stored, RunRequest request)
    {
        if (stored.Seed != request.Seed) return $"with seed {stored.Seed}, not {request.Seed}";
        string device = OptionValues.Format(request.Device);
        if (stored.Device != device) return $"on {stored.Device}, not {device}";
        string version = Provenance.Build.Version;
        if (stored.Provenance.TheoryLabVersion != version) return $"by TheoryLab {stored.Provenance.TheoryLabVersion}, not {version}";
        var schema = request.Experiment.Schema;
        var wanted = schema.Values(request.Options);
        foreach (var name in wanted.Keys.Union(stored.Options.Keys).Where(schema.ChangesResults).Order(StringComparer.Ordinal))
        {
            if (!stored.Options.TryGetValue(name, out var before)) return $"before option {name} existed";
            if (!wanted.TryGetValue(name, out var now)) return $"with option {name} = {before}, which this version does not have";
            if (before != now) return $"with {name} = {before}, not {now}";
        }
        return null;
    }
}

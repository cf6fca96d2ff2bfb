using System.Globalization;
using TheoryLab.Training.Optimizers.Schedules;

namespace TheoryLab.Training.Optimizers;

/// <summary>
/// Creates optimisers by name with named hyperparameters, for experiments and users' scripts
/// (<c>OptimizerRegistry.Create("adam", new() { ["lr"] = 1e-3 })</c>). Unknown names and hyperparameters fail
/// with the closest known ones. SGD here takes a constant step; build <see cref="Sgd"/> with a schedule in code.
/// </summary>
public static class OptimizerRegistry
{
    private sealed record Entry(IReadOnlyDictionary<string, double> Defaults, Func<Func<string, double>, IOptimizer> Create);

    private static readonly Dictionary<string, Entry> Entries = new(StringComparer.Ordinal)
    {
        ["sgd"] = new(new Dictionary<string, double> { ["lr"] = 0.01 }, h => new Sgd(new ConstantStep(h("lr")))),
        ["heavy-ball"] = new(new Dictionary<string, double> { ["lr"] = 0.01, ["momentum"] = 0.9 }, h => new HeavyBall(h("lr"), h("momentum"))),
        ["nesterov"] = new(new Dictionary<string, double> { ["lr"] = 0.01, ["momentum"] = 0.9 }, h => new Nesterov(h("lr"), h("momentum"))),
        ["adagrad"] = new(new Dictionary<string, double> { ["lr"] = 0.01, ["eps"] = 1e-10, ["initial_accumulator"] = 0 }, h => new AdaGrad(h("lr"), h("eps"), h("initial_accumulator"))),
        ["rmsprop"] = new(new Dictionary<string, double> { ["lr"] = 0.01, ["alpha"] = 0.99, ["eps"] = 1e-8 }, h => new RmsProp(h("lr"), h("alpha"), h("eps"))),
        ["adam"] = new(new Dictionary<string, double> { ["lr"] = 1e-3, ["beta1"] = 0.9, ["beta2"] = 0.999, ["eps"] = 1e-8 }, h => new Adam(h("lr"), h("beta1"), h("beta2"), h("eps"))),
        ["adagrad-norm"] = new(new Dictionary<string, double> { ["lr"] = 1, ["b0"] = 1 }, h => new AdaGradNorm(h("lr"), h("b0"))),
    };

    /// <summary>The names <see cref="Create"/> accepts.</summary>
    public static IReadOnlyList<string> Names => Entries.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>The hyperparameters of <paramref name="name"/> with their defaults.</summary>
    public static IReadOnlyDictionary<string, double> Defaults(string name) => Find(name).Defaults;

    /// <summary>A fresh optimiser; hyperparameters not given take their defaults.</summary>
    public static IOptimizer Create(string name, IReadOnlyDictionary<string, double>? hyperparameters = null)
    {
        var entry = Find(name);
        foreach (var key in (hyperparameters ?? new Dictionary<string, double>()).Keys)
            if (!entry.Defaults.ContainsKey(key))
                throw new TheoryLabException(
                    $"optimizer '{name}' has no hyperparameter '{key}'{Suggestions.DidYouMean(key, entry.Defaults.Keys)}; " +
                    $"it takes {string.Join(", ", entry.Defaults.Select(d => $"{d.Key} (default {d.Value.ToString(CultureInfo.InvariantCulture)})"))}.");
        return entry.Create(key => hyperparameters is not null && hyperparameters.TryGetValue(key, out var v) ? v : entry.Defaults[key]);
    }

    private static Entry Find(string name) =>
        Entries.TryGetValue(name, out var entry)
            ? entry
            : throw new TheoryLabException($"unknown optimizer '{name}'{Suggestions.DidYouMean(name, Entries.Keys)}; known: {string.Join(", ", Names)}. SVRG is a driver over a finite sum: construct Svrg directly.");
}

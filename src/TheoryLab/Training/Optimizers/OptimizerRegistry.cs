using System.Globalization;
using TheoryLab.Training.Optimizers.Schedules;

namespace TheoryLab.Training.Optimizers;

/// <summary>
/// Creates optimisers by name with named hyperparameters, for experiments and users' scripts
/// (<c>OptimizerRegistry.Create("adam", new() { ["lr"] = 1e-3 })</c>). Unknown names and hyperparameters fail
/// with the closest known ones. Every optimiser's learning rate is <c>lr</c> at each step, or <c>lr</c> times a factor
/// schedule given to <see cref="Create"/> (torch's LambdaLR): one mechanism schedules them all.
/// </summary>
public static class OptimizerRegistry
{
    private sealed record Entry(IReadOnlyDictionary<string, double> Defaults, Func<Func<string, double>, IStepSchedule, IOptimizer> Create);

    private static readonly Dictionary<string, Entry> Entries = new(StringComparer.Ordinal)
    {
        ["sgd"] = new(new Dictionary<string, double> { ["lr"] = 0.01 }, (_, lr) => new Sgd(lr)),
        ["heavy-ball"] = new(new Dictionary<string, double> { ["lr"] = 0.01, ["momentum"] = 0.9 }, (h, lr) => new HeavyBall(lr, h("momentum"))),
        ["nesterov"] = new(new Dictionary<string, double> { ["lr"] = 0.01, ["momentum"] = 0.9 }, (h, lr) => new Nesterov(lr, h("momentum"))),
        ["adagrad"] = new(new Dictionary<string, double> { ["lr"] = 0.01, ["eps"] = 1e-10, ["initial_accumulator"] = 0 }, (h, lr) => new AdaGrad(lr, h("eps"), h("initial_accumulator"))),
        ["rmsprop"] = new(new Dictionary<string, double> { ["lr"] = 0.01, ["alpha"] = 0.99, ["eps"] = 1e-8 }, (h, lr) => new RmsProp(lr, h("alpha"), h("eps"))),
        ["adam"] = new(new Dictionary<string, double> { ["lr"] = 1e-3, ["beta1"] = 0.9, ["beta2"] = 0.999, ["eps"] = 1e-8 }, (h, lr) => new Adam(lr, h("beta1"), h("beta2"), h("eps"))),
        ["adagrad-norm"] = new(new Dictionary<string, double> { ["lr"] = 1, ["b0"] = 1 }, (h, lr) => new AdaGradNorm(lr, h("b0"))),
    };

    /// <summary>The names <see cref="Create"/> accepts.</summary>
    public static IReadOnlyList<string> Names => Entries.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>The hyperparameters of <paramref name="name"/> with their defaults.</summary>
    public static IReadOnlyDictionary<string, double> Defaults(string name) => Find(name).Defaults;

    /// <summary>
    /// A fresh optimiser; hyperparameters not given take their defaults. With <paramref name="factor"/>, step k's learning
    /// rate is lr·f(k) (a cosine decay to zero over K steps: <c>new CosineStep(1, K)</c>); without, it is lr throughout.
    /// </summary>
    public static IOptimizer Create(string name, IReadOnlyDictionary<string, double>? hyperparameters = null, IStepSchedule? factor = null)
    {
        var entry = Find(name);
        foreach (var key in (hyperparameters ?? new Dictionary<string, double>()).Keys)
            if (!entry.Defaults.ContainsKey(key))
                throw new TheoryLabException(
                    $"optimizer '{name}' has no hyperparameter '{key}'{Suggestions.DidYouMean(key, entry.Defaults.Keys)}; " +
                    $"it takes {string.Join(", ", entry.Defaults.Select(d => $"{d.Key} (default {d.Value.ToString(CultureInfo.InvariantCulture)})"))}.");
        double Hyperparameter(string key) => hyperparameters is not null && hyperparameters.TryGetValue(key, out var v) ? v : entry.Defaults[key];
        double lr = Hyperparameter("lr");
        return entry.Create(Hyperparameter, factor is null ? new ConstantStep(lr) : new ScaledStep(lr, factor));
    }

    private static Entry Find(string name) =>
        Entries.TryGetValue(name, out var entry)
            ? entry
            : throw new TheoryLabException($"unknown optimizer '{name}'{Suggestions.DidYouMean(name, Entries.Keys)}; known: {string.Join(", ", Names)}. SVRG is a driver over a finite sum: construct Svrg directly.");
}

using TheoryLab.Data;
using TheoryLab.Options;

namespace TheoryLab.Kernel;

/// <summary>
/// Base for experiments with a typed options record. The record's property initialisers are the
/// paper's defaults; <see cref="OptionAttribute"/> documents and range-checks each option.
/// </summary>
public abstract class Experiment<TOptions> : IExperiment where TOptions : class, new()
{
    private OptionSchema? _schema;

    public abstract string Id { get; }
    public abstract string Title { get; }
    public abstract Topic Topic { get; }
    public abstract IReadOnlyList<string> Papers { get; }
    public abstract string Summary { get; }

    public OptionSchema Schema => _schema ??= new OptionSchema(typeof(TOptions), Defaults, Id);

    /// <summary>The paper's setting.</summary>
    public virtual TOptions Defaults => new();

    /// <summary>A setting that runs in seconds.</summary>
    public abstract TOptions Quick { get; }

    public abstract ExperimentResult Run(TOptions options, RunContext context);

    /// <summary>Problems that involve several options at once; each is a sentence saying what to change.</summary>
    protected virtual IEnumerable<string> Inconsistencies(TOptions options) => [];

    public virtual CostEstimate EstimateCost(TOptions options) => CostEstimate.Negligible;

    /// <summary>
    /// Makes sure the data a run reads is at hand. By default each value of the options called dataset or datasets is
    /// prepared as a name of <see cref="Datasets"/>; an experiment that reads data otherwise says so here.
    /// </summary>
    public virtual void PrepareData(TOptions options, DataStore store)
    {
        var names = Schema.Options
            .Where(o => o.Name is "dataset" or "datasets")
            .SelectMany(o => o.ValueIn(options) switch
            {
                string one => [one],
                string[] many => many,
                _ => Array.Empty<string>(),
            });
        foreach (var name in names.Distinct()) Datasets.Prepare(name, store);
    }

    object IExperiment.DefaultOptions => Defaults;
    object IExperiment.QuickOptions => Quick;
    ExperimentResult IExperiment.Run(object options, RunContext context) => Run(Cast(options), context);
    CostEstimate IExperiment.EstimateCost(object options) => EstimateCost(Cast(options));
    void IExperiment.PrepareData(object options, DataStore store) => PrepareData(Cast(options), store);

    public void Validate(object options)
    {
        Schema.Validate(options);
        var problem = Inconsistencies(Cast(options)).FirstOrDefault();
        if (problem is not null) throw new TheoryLabException($"{Id}: {problem}");
    }

    private TOptions Cast(object options) =>
        options as TOptions ?? throw new ArgumentException($"{Id} takes {typeof(TOptions).Name}, not {options.GetType().Name}", nameof(options));
}

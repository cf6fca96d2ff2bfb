using TheoryLab.Options;

namespace TheoryLab.Experiments;

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

    object IExperiment.DefaultOptions => Defaults;
    object IExperiment.QuickOptions => Quick;
    ExperimentResult IExperiment.Run(object options, RunContext context) => Run(Cast(options), context);
    CostEstimate IExperiment.EstimateCost(object options) => EstimateCost(Cast(options));

    public void Validate(object options)
    {
        Schema.Validate(options);
        var problem = Inconsistencies(Cast(options)).FirstOrDefault();
        if (problem is not null) throw new TheoryLabException($"{Id}: {problem}");
    }

    private TOptions Cast(object options) =>
        options as TOptions ?? throw new ArgumentException($"{Id} takes {typeof(TOptions).Name}, not {options.GetType().Name}", nameof(options));
}

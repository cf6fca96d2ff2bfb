using TheoryLab.Data;
using TheoryLab.Options;

namespace TheoryLab.Kernel;

/// <summary>
/// A phenomenon as a value: identity, the papers it reproduces, documented options whose defaults
/// reproduce the paper, a quick variant, and a run that returns findings, tables and figures.
/// Implement it through <see cref="Experiment{TOptions}"/>.
/// </summary>
public interface IExperiment
{
    /// <summary>kebab-case id used on the command line (<c>edge-of-chaos</c>).</summary>
    string Id { get; }
    string Title { get; }
    Topic Topic { get; }

    /// <summary>BibTeX keys of the papers it reproduces, in TheoryLab's bibliography.</summary>
    IReadOnlyList<string> Papers { get; }

    /// <summary>What it shows and how, in a few sentences.</summary>
    string Summary { get; }

    OptionSchema Schema { get; }
    object DefaultOptions { get; }

    /// <summary>Options that finish in seconds and still show the phenomenon.</summary>
    object QuickOptions { get; }

    /// <summary>Throws a <see cref="TheoryLabException"/> when options are out of range or inconsistent.</summary>
    void Validate(object options);

    /// <summary>The work the options imply; may run a short calibration.</summary>
    CostEstimate EstimateCost(object options);

    /// <summary>
    /// Makes sure the data a run with these options reads is at hand (downloading published files that are missing),
    /// so that a missing or misplaced file stops the run before it starts; throws a <see cref="TheoryLabException"/>.
    /// </summary>
    void PrepareData(object options, DataStore store);

    ExperimentResult Run(object options, RunContext context);
}

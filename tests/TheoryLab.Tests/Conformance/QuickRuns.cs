using TheoryLab.Data;
using TheoryLab.Experiments;
using TheoryLab.Kernel;
using TheoryLab.Runs;
using TheoryLab.Tests.Data;

namespace TheoryLab.Tests.Conformance;

/// <summary>One registered experiment's quick run: its result in memory, its run directory and how long it took.</summary>
public sealed record QuickRun(IExperiment Experiment, ExperimentResult Result, string Directory, double WallSeconds);

/// <summary>
/// Every registered experiment's quick run, made through <see cref="Runner"/> at seed 0 the first time a test asks for
/// it and then shared by every test of the session: the conformance suite, the tests of each experiment's science, and
/// the slow tests over the whole registry. Runs are written under <see cref="Root"/>/runs/&lt;id&gt;, where a gallery
/// finds them.
/// </summary>
public sealed class QuickRuns : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly Dictionary<string, Lazy<QuickRun>> _runs;

    public QuickRuns() =>
        _runs = ExperimentRegistry.Default.All.ToDictionary(e => e.Id, e => new Lazy<QuickRun>(() => Run(e)));

    /// <summary>Holds runs/&lt;experiment&gt;/, as a gallery's output folder does.</summary>
    public string Root => _directory.Path;

    /// <summary>The quick run of the experiment called <paramref name="id"/>, made now if no test has asked for it yet.</summary>
    public QuickRun this[string id] => _runs[id].Value;

    /// <summary>Every experiment's quick run, in the registry's order.</summary>
    public IReadOnlyList<QuickRun> Runs => ExperimentRegistry.Default.All.Select(e => this[e.Id]).ToList();

    /// <summary>The data the quick runs read: the shared datasets beside the checkout when present, never downloads there.</summary>
    public static DataStore Data { get; } = SharedDatasets.Root is { } shared ? new DataStore(shared) { Downloads = false } : DataStore.Default;

    private QuickRun Run(IExperiment experiment)
    {
        var request = new RunRequest(experiment, experiment.QuickOptions)
        {
            OutputDirectory = Path.Combine(Root, RunLayout.DefaultRoot, experiment.Id),
            Data = Data,
        };
        var outcome = Runner.Run(request);
        return new QuickRun(experiment, outcome.Result!, outcome.Directory, outcome.Record.WallSeconds ?? double.NaN);
    }

    public void Dispose() => _directory.Dispose();
}

/// <summary>
/// The tests that read quick runs share one <see cref="QuickRuns"/>, so each experiment's quick run is made once per
/// test session, whichever tests ask for it.
/// </summary>
[CollectionDefinition(Name)]
public sealed class QuickRunsCollection : ICollectionFixture<QuickRuns>
{
    public const string Name = "quick runs of every experiment";

    /// <summary>
    /// The tests over every run at once (the gallery, every figure compiled): tens of minutes on a busy two-core
    /// machine with LaTeX, so the fast suite leaves them to CI's slow phase.
    /// </summary>
    public const string Category = "Registry";
}

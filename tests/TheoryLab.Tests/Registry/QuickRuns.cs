using TheoryLab.Data;
using TheoryLab.Experiments;
using TheoryLab.Kernel;
using TheoryLab.Runs;
using TheoryLab.Tests.Data;

namespace TheoryLab.Tests.Registry;

/// <summary>One registered experiment's quick run: its result in memory and its run directory.</summary>
public sealed record QuickRun(IExperiment Experiment, ExperimentResult Result, string Directory);

/// <summary>
/// Every registered experiment run once with its Quick options and written as a run directory under
/// <see cref="Root"/>/runs/&lt;id&gt;, where the gallery finds and reuses it. The tests over the whole registry share it.
/// </summary>
public sealed class QuickRuns : IDisposable
{
    private readonly TempDirectory _directory = new();

    public QuickRuns()
    {
        var data = SharedDatasets.Root is { } shared ? new DataStore(shared) { Downloads = false } : DataStore.Default;
        foreach (var experiment in ExperimentRegistry.Default.All)
        {
            var request = new RunRequest(experiment, experiment.QuickOptions) { OutputDirectory = Path.Combine(Root, RunLayout.DefaultRoot, experiment.Id), Data = data };
            var started = DateTimeOffset.Now;
            var result = experiment.Run(request.Options, new RunContext { Data = data });
            var record = Runner.NewRecord(request, started) with { Status = "completed", Finished = DateTimeOffset.Now, WallSeconds = (DateTimeOffset.Now - started).TotalSeconds };
            Directory.CreateDirectory(request.Directory);
            Runner.WriteResult(request.Directory, request, result, record);
            Runs.Add(new QuickRun(experiment, result, request.Directory));
        }
    }

    /// <summary>Holds runs/&lt;experiment&gt;/, as a gallery's output folder does.</summary>
    public string Root => _directory.Path;

    public List<QuickRun> Runs { get; } = [];

    public void Dispose() => _directory.Dispose();
}

/// <summary>
/// Tests over every registered experiment's quick run. The runs take minutes (tens of minutes on a busy two-core
/// machine), so these tests carry the Registry category, which the fast suite leaves to CI's slow phase.
/// </summary>
[CollectionDefinition(Name)]
public sealed class QuickRunsCollection : ICollectionFixture<QuickRuns>
{
    public const string Name = "quick runs of every experiment";
    public const string Category = "Registry";
}

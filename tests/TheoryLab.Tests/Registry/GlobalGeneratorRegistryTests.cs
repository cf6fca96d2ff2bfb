using TheoryLab.Experiments;
using TheoryLab.Runs;
using TheoryLab.Tests.Conformance;
using TheoryLab.Torch;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Registry;

/// <summary>
/// No experiment seeds or reads torch's global generator: each of its draws takes a generator seeded from the run's
/// seed. So a number cannot depend on what ran before it in the process, and a second quick run after the global
/// generator has been moved to an arbitrary state gives the first run's findings bit for bit.
/// </summary>
[Collection(QuickRunsCollection.Name)]
[Trait("Category", QuickRunsCollection.Category)]
public class GlobalGeneratorRegistryTests(QuickRuns quick)
{
    public static TheoryData<string> Ids => [.. ExperimentRegistry.Default.All.Select(e => e.Id)];

    [Theory]
    [MemberData(nameof(Ids))]
    public void QuickFindings_DoNotDependOnTorchsGlobalGenerator(string id)
    {
        var first = quick[id];
        TorchRuntime.EnsureLoaded();
        manual_seed(987_654_321 + id.Length);
        using var directory = new TempDirectory();
        var again = Runner.Run(new RunRequest(first.Experiment, first.Experiment.QuickOptions) { OutputDirectory = directory.Path, Data = QuickRuns.Data });
        var before = ReferenceFindings.Of(id, 0, first.Result.Findings, previous: null);
        var after = ReferenceFindings.Of(id, 0, again.Result!.Findings, previous: null);
        Assert.Empty(before.Differences(after));
    }
}

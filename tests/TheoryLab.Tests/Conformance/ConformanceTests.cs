using TheoryLab.Citations;
using TheoryLab.Data;
using TheoryLab.Experiments;
using TheoryLab.Kernel;
using TheoryLab.Models.MeanField;
using TheoryLab.Runs;
using TheoryLab.Training.Optimizers;
using Xunit.Abstractions;

namespace TheoryLab.Tests.Conformance;

/// <summary>
/// What every registered experiment owes its users, checked on each one's quick run (made once per session through
/// <see cref="Runner"/>, shared with the tests of its science): options that validate, a complete run directory,
/// findings with numbers, citations, documentation, an example, and numbers that match the stored reference exactly.
/// </summary>
[Collection(QuickRunsCollection.Name)]
public class ConformanceTests(QuickRuns quick, ITestOutputHelper output)
{
    public static TheoryData<string> Ids => [.. ExperimentRegistry.Default.All.Select(e => e.Id)];

    [Theory]
    [MemberData(nameof(Ids))]
    public void DefaultsAndQuickOptions_Validate_AndQuickOptionsSurviveTheirTextForm(string id)
    {
        var experiment = ExperimentRegistry.Default.Get(id);
        experiment.Validate(experiment.DefaultOptions);
        experiment.Validate(experiment.QuickOptions);
        var quickValues = experiment.Schema.Values(experiment.QuickOptions);
        var bound = experiment.Schema.Bind(experiment.DefaultOptions, quickValues);
        Assert.Equal(quickValues, experiment.Schema.Values(bound));
    }

    /// <summary>
    /// The registries a text option may choose from, by the option names that name them (an enum option, such as
    /// lenet5's activation, is its own list); "none" is the one word a dataset option may add (intrinsic-dimension's
    /// "skip this part").
    /// </summary>
    private static readonly (string[] OptionNames, IReadOnlyList<string> Registry, string[] Extra)[] Registries =
    [
        (["dataset", "datasets"], Datasets.Names, ["none"]),
        (["activation", "activations"], Activations.Names, []),
        (["optimizer", "methods"], OptimizerRegistry.Names, []),
    ];

    /// <summary>batch-norm's default dataset was missing from a second, hand-kept dataset list; choices must name what the registries hold.</summary>
    [Theory]
    [MemberData(nameof(Ids))]
    public void DatasetActivationAndOptimizerOptions_ChooseFromTheirRegistries(string id)
    {
        var schema = ExperimentRegistry.Default.Get(id).Schema;
        foreach (var (names, registry, extra) in Registries)
            foreach (var option in schema.Options.Where(o => names.Contains(o.Name) && !o.Type.IsEnum))
            {
                Assert.True(option.Choices is { Count: > 0 }, $"{id}: option '{option.Name}' accepts any text; give it the registry's choices");
                Assert.Empty(option.Choices.Except(registry).Except(extra));
            }
    }

    /// <summary>A literal list equal to a registry's is a copy that drifts when the registry grows: take it from the registry.</summary>
    [Theory]
    [MemberData(nameof(Ids))]
    public void NoOptionCopiesAChoiceListThatARegistryKeeps(string id)
    {
        IReadOnlyList<string>[] kept = [BenchmarkDatasets.Choices, MeanFieldActivations.Choices, OptimizerNames.Choices];
        foreach (var option in ExperimentRegistry.Default.Get(id).Schema.Options.Where(o => o.Attribute.Choices is not null))
            Assert.False(kept.Any(list => list.ToHashSet().SetEquals(option.Attribute.Choices!)),
                $"{id}: option '{option.Name}' lists a registry's choices; use ChoicesFrom");
    }

    /// <summary>The base class's fallback says "under a second"; yarotsky-square used it and took 52 s.</summary>
    [Theory]
    [MemberData(nameof(Ids))]
    public void DeclaresItsOwnCostEstimate_RatherThanTheUnderASecondFallback(string id)
    {
        var experiment = ExperimentRegistry.Default.Get(id);
        var method = experiment.GetType().GetMethod(nameof(IExperiment.EstimateCost), [experiment.DefaultOptions.GetType()]);
        Assert.Equal(experiment.GetType(), method?.DeclaringType);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void QuickRun_WritesACompletedRunDirectory_WithEveryTableAndEveryFigureAsPngTikzAndSnippet(string id)
    {
        var run = quick[id];
        var record = RunRecord.TryRead(run.Directory);
        Assert.Equal(("completed", id), (record?.Status, record?.Experiment));
        Assert.NotEmpty(run.Result.Tables);
        foreach (var table in run.Result.Tables)
            Assert.True(new FileInfo(RunLayout.TablePath(run.Directory, table.Name)).Length > 0, $"{table.Name}.csv is missing or empty");
        foreach (var figure in run.Result.Figures)
        {
            var png = File.ReadAllBytes(RunLayout.FigurePath(run.Directory, figure.Name, ".png"));
            Assert.True(png.AsSpan().StartsWith(PngSignature), $"{figure.Name}.png is not a PNG");
            Assert.Contains(@"\begin{tikzpicture}", File.ReadAllText(RunLayout.FigurePath(run.Directory, figure.Name, ".tikz")));
            Assert.Contains($"{figure.Name}.tikz", File.ReadAllText(RunLayout.FigurePath(run.Directory, figure.Name, ".tex")));
        }
    }

    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    [Theory]
    [MemberData(nameof(Ids))]
    public void EveryFigureSeries_DrawsFromATableAndColumnsTheRunHas(string id)
    {
        var result = quick[id].Result;
        var missing = result.Figures
            .SelectMany(figure => figure.Series.SelectMany(series => series.Columns.Select(column => (figure.Name, series.Table, Column: column))))
            .Where(use => !result.Tables.Any(t => t.Name == use.Table && t.Has(use.Column)))
            .Select(use => $"{use.Name}: {use.Table}.{use.Column}")
            .ToList();
        Assert.Empty(missing);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void FindingsJson_HoldsEveryFinding_WithAFiniteValueOrTheReasonItHasNone(string id)
    {
        var run = quick[id];
        var written = FindingsFile.Read(Path.Combine(run.Directory, RunLayout.FindingsFile));
        Assert.NotEmpty(written);
        Assert.Equal(run.Result.Findings.Select(f => (f.Name, f.Outcome)), written.Select(f => (f.Name, f.Outcome)));
        var withoutNumber = written.Where(f => f.Outcome == FindingOutcome.Measured ? !double.IsFinite(f.Value) : f.WhyNoValue is null).Select(f => f.Name).ToList();
        Assert.Empty(withoutNumber);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void RefsBib_CitesItsPapersAndTheDatasetsItsOptionsName_AndEveryKeyResolves(string id)
    {
        var experiment = ExperimentRegistry.Default.Get(id);
        var datasets = Datasets.CitedIn(experiment.Schema.Values(experiment.QuickOptions).Values).SelectMany(d => d.Keys);
        var keys = experiment.Papers.Concat(datasets).ToList();
        Assert.NotEmpty(experiment.Papers);
        Assert.All(keys, key => Assert.True(Bibliography.Default.Contains(key), $"{key} is not in references.bib"));
        var cited = Bibliography.Parse(File.ReadAllText(Path.Combine(quick[id].Directory, RunLayout.BibliographyFile))).Select(e => e.Key).ToHashSet();
        Assert.Empty(keys.Except(cited));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void HasItsDocsSection_AndAnExampleThatRunsIt(string id)
    {
        var experiment = ExperimentRegistry.Default.Get(id);
        string docs = Repository.PathOf(Path.Combine("docs", experiment.Topic.Page()));
        Assert.True(File.Exists(docs), $"{docs} is missing");
        Assert.Contains(File.ReadLines(docs), line => line.StartsWith("## ", StringComparison.Ordinal) && line.Contains($"`{id}`", StringComparison.Ordinal));
        string example = Repository.PathOf(Path.Combine("examples", id + ".cs"));
        Assert.True(File.Exists(example), $"{example} is missing");
        Assert.Contains($"Get(\"{id}\")", File.ReadAllText(example));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void QuickFindings_AgreeWithTheStoredReference(string id)
    {
        var run = quick[id];
        var previous = ReferenceFindings.Read(id);
        var actual = ReferenceFindings.Of(id, RunContext.Default.Seed, run.Result.Findings, previous);
        if (ReferenceFindings.Updating)
        {
            var changes = previous?.Differences(actual) ?? ["no reference before"];
            actual.Write();
            output.WriteLine($"{id}: quick run {run.WallSeconds:F1} s; {(changes.Count == 0 ? "unchanged" : "changed:")}");
            foreach (var change in changes) output.WriteLine($"  {change}");
            return;
        }
        Assert.True(previous is not null, $"{ReferenceFindings.PathOf(id)} is missing: write it with {ReferenceFindings.UpdateVariable}=1 (docs/framework.md, 'Conformance').");
        var differences = previous.Differences(actual);
        Assert.True(differences.Count == 0, $"{id}'s quick findings moved from the reference; if on purpose, regenerate it with {ReferenceFindings.UpdateVariable}=1 (docs/framework.md):\n  " + string.Join("\n  ", differences));
    }
}

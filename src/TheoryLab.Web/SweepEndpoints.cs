using System.Globalization;
using Microsoft.AspNetCore.Builder;
using TheoryLab.Data;
using TheoryLab.Experiments;
using TheoryLab.Sweeps;
using TheoryLab.Tables;

namespace TheoryLab.Web;

/// <summary>
/// What the sweep form sends: an experiment, Quick or default options, the options swept (name → values as
/// <c>--grid</c> takes them: 2,3,4 or 1:3:0.5 or 1e-3:1e1:x10), seeds 0 to N − 1, options held (<c>--set</c>) and workers.
/// </summary>
public sealed record SweepRequest(string? Experiment, bool Quick, int Seeds, Dictionary<string, string>? Grid, Dictionary<string, string>? Options, int? Parallel);

/// <summary>
/// Launching <c>theorylab sweep</c> from the page: planned by the library's <see cref="SweepPlan"/> first, so a bad
/// grid or option is a 400 with the CLI's line before anything starts, then run as the CLI's own command in a child
/// process like a launched run, its per-run progress lines streamed, cancellable, and its figures shown when done.
/// </summary>
internal static class SweepEndpoints
{
    public static void Map(WebApplication app, ExperimentRegistry registry, Launches launches, string root)
    {
        app.MapPost("/api/sweeps", async (Microsoft.AspNetCore.Http.HttpRequest http) =>
        {
            var request = await RequestBody.Read<SweepRequest>(http, "sweep request",
                "{\"experiment\": \"sawtooth\", \"quick\": true, \"seeds\": 2, \"grid\": {\"depth\": \"2,3,4\"}, \"options\": {\"train_steps\": \"0\"}}");
            if (request.Parallel is < 1) throw new TheoryLabException($"--parallel must be at least 1, got {request.Parallel}.");
            var grid = (request.Grid ?? []).Select(g => GridAxis.Of(g.Key, g.Value)).ToList();
            if (grid.Count == 0) throw new TheoryLabException("a sweep needs at least one swept option with its values, such as depth = 2,3,4.");
            var set = (request.Options ?? []).Select(o => KeyValuePair.Create(o.Key, o.Value)).ToList();
            var study = new Study(request.Experiment ?? "", grid, Study.FirstSeeds(request.Seeds), request.Quick, set);
            var plan = SweepPlan.For(study, registry.Get(study.Experiment), root, DataStore.Default);
            var launch = launches.Start(plan.Directory, Arguments(study, request.Parallel, root), "its running runs are marked failed, and the runs it completed are kept");
            return new { launch.Id, launch.Directory, Runs = plan.Runs.Count, Missing = plan.Missing.Count };
        });

        // A sweep's findings and figures (each finding against each swept option), once it has written them.
        app.MapGet("/api/sweeps/show", (string? sweep) =>
        {
            string directory = Find(root, sweep);
            var study = StudyFile.Read(SweepLayout.StudyPath(directory));
            return new { Directory = Path.GetRelativePath(root, directory), Findings = Findings(directory, study), Figures = RunFiles.Figures(root, directory) };
        });
    }

    /// <summary>A sweep's directory by its path relative to the root (as its launch reported it), and only inside the root.</summary>
    internal static string Find(string root, string? sweep)
    {
        string refusal = $"'{sweep}' is not a sweep under {root}; name the directory its launch reported.";
        if (string.IsNullOrWhiteSpace(sweep) || Path.IsPathRooted(sweep)) throw new TheoryLabException(refusal);
        string directory = Path.GetFullPath(Path.Combine(root, sweep));
        if (!RunFiles.IsInside(root, directory) || !File.Exists(Path.Combine(directory, SweepLayout.StudyFileName))) throw new TheoryLabException(refusal);
        return directory;
    }

    /// <summary>Each finding's table as the sweep wrote it: at every grid point the mean and standard error over its measured seeds.</summary>
    private static IEnumerable<object> Findings(string directory, Study study)
    {
        string tables = Path.Combine(directory, SweepLayout.TablesFolder);
        if (!Directory.Exists(tables)) yield break;
        foreach (string path in Directory.EnumerateFiles(tables, "*.csv").Order(StringComparer.Ordinal))
        {
            var table = Table.FromCsv(Path.GetFileNameWithoutExtension(path), File.ReadAllText(path));
            var (mean, error, measured) = (table.Numbers(SweepTables.Mean), table.Numbers(SweepTables.StandardError), table.Numbers(SweepTables.Measured));
            yield return new
            {
                table.Name,
                Points = Enumerable.Range(0, table.RowCount).Select(row => new
                {
                    Point = string.Join(", ", study.Grid.Select(axis => $"{axis.Option}={table.Texts(axis.Option)[row]}")),
                    Mean = FigureQuery.Finite(mean[row]),
                    StandardError = FigureQuery.Finite(error[row]),
                    Measured = (int)measured[row],
                }),
            };
        }
    }

    /// <summary>The command line of the sweep, in the CLI's own options, so that it is the sweep 'theorylab sweep' would run.</summary>
    private static IEnumerable<string> Arguments(Study study, int? parallel, string root)
    {
        yield return "sweep";
        yield return study.Experiment;
        if (study.Quick) yield return "--quick";
        foreach (var axis in study.Grid)
        {
            yield return "--grid";
            yield return $"{axis.Option}={axis.Text}";
        }
        foreach (var (name, value) in study.Set)
        {
            yield return "--set";
            yield return $"{name}={value}";
        }
        yield return "--seeds";
        yield return study.Seeds.Count.ToString(CultureInfo.InvariantCulture);
        if (parallel is { } workers)
        {
            yield return "--parallel";
            yield return workers.ToString(CultureInfo.InvariantCulture);
        }
        yield return "--runs";
        yield return root;
    }
}

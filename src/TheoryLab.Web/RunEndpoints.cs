using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TheoryLab.RunIndex;

namespace TheoryLab.Web;

/// <summary>The runs under the root, through the same index and comparison as <c>theorylab runs list|show|compare</c>.</summary>
internal static class RunEndpoints
{
    public static void Map(WebApplication app, string root)
    {
        // ?experiment=… and ?where=… as 'runs list' takes them (docs/sweeps.md); a bad filter is refused in its one line.
        app.MapGet("/api/runs", (string? experiment, string? where) =>
            RunsIndex.Open(root).List(string.IsNullOrWhiteSpace(experiment) ? null : experiment, string.IsNullOrWhiteSpace(where) ? null : where)
                .Select(run => new
                {
                    Directory = Path.GetRelativePath(root, run.Directory),
                    run.Experiment,
                    run.RunId,
                    run.Seed,
                    run.Status,
                    run.Started,
                    run.WallSeconds,
                    Options = run.NonDefaultOptions.Select(o => $"{o.Key}={o.Value}"),
                    Findings = run.Findings.Select(f => new { f.Name, f.Value, f.Outcome, f.Unit }),
                }));

        app.MapGet("/api/runs/show", (string? run) =>
        {
            var shown = Read(root, run);
            return new
            {
                Directory = Path.GetRelativePath(root, shown.Directory),
                shown.Record.Experiment,
                shown.Record.RunId,
                shown.Record.Title,
                shown.Record.Seed,
                shown.Record.Status,
                shown.Record.Error,
                shown.Record.WallSeconds,
                shown.Record.NonDefaultOptions,
                Findings = shown.Findings.Select(f => new { f.Name, Value = RunComparison.Text(f), f.Meaning }),
                Figures = RunFiles.Figures(root, shown.Directory),
            };
        });

        app.MapGet("/api/runs/compare", (string? a, string? b) =>
        {
            var comparison = RunComparison.Of(Read(root, a), Read(root, b));
            return new { comparison.Options, comparison.Findings };
        });

        // ?run=…&run=…: two or more runs of one experiment, each figure's curves from every run's tables.
        app.MapGet("/api/runs/overlay", (HttpRequest request) =>
            RunOverlay.Of(root, [.. request.Query["run"].Select(run => Read(root, run))]));

        app.MapGet("/api/file", (string? path) =>
        {
            var (full, type) = RunFiles.Resolve(root, path);
            return Results.File(full, type);
        });
    }

    /// <summary>A run by directory relative to the root (as the runs table gives it) or by run id, as 'runs show' finds it, and only inside the root.</summary>
    internal static IndexedRun Read(string root, string? run)
    {
        string refusal = $"'{run}' is not a run under {root}; name a directory or run id that the runs table lists.";
        if (string.IsNullOrWhiteSpace(run) || Path.IsPathRooted(run)) throw new TheoryLabException(refusal);
        string candidate = Path.Combine(root, run);
        string directory = RunsIndex.Open(root).Find(Directory.Exists(candidate) ? candidate : run);
        if (!RunFiles.IsInside(root, Path.GetFullPath(directory))) throw new TheoryLabException(refusal);
        return IndexedRun.Read(directory) ?? throw new TheoryLabException($"the run.json of {run} cannot be read; name a run that the runs table lists.");
    }
}

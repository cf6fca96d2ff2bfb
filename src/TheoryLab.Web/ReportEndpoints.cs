using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TheoryLab.Figures;
using TheoryLab.Report;
using TheoryLab.Runs;

namespace TheoryLab.Web;

/// <summary>What the report page sends to create a report, as 'report new' takes it.</summary>
public sealed record NewReportRequest(string? Title, string? Author);

/// <summary>
/// What "Add to report" sends: a run as the runs table names it, or a sweep's directory as its launch reported it
/// ('report add' takes either), and the figures' width ('report add --width').
/// </summary>
public sealed record AddToReportRequest(string? Run, string? Width, string? Sweep = null);

/// <summary>The report of <c>theorylab serve --report DIR</c>: its runs and figures, and 'report new|add|build|check' from the page.</summary>
internal static class ReportEndpoints
{
    /// <summary>The kinds of report file the page reads: the PDF, the LaTeX it was built from, and LaTeX's log.</summary>
    private static readonly Dictionary<string, string> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = "application/pdf",
        [".tex"] = "text/plain; charset=utf-8",
        [".tikz"] = "text/plain; charset=utf-8",
        [".bib"] = "text/plain; charset=utf-8",
        [".log"] = "text/plain; charset=utf-8",
        [".json"] = "application/json",
        [".png"] = "image/png",
    };

    public static void Map(WebApplication app, ReportDesk desk, string runsRoot)
    {
        app.MapGet("/api/report", () => desk.Exists ? Describe(desk, runsRoot) : new { desk.Directory, Exists = false });

        app.MapPost("/api/report", async (HttpRequest http) =>
        {
            var request = await RequestBody.Read<NewReportRequest>(http, "new report", "{\"title\": \"Depth scales at the edge of chaos\", \"author\": \"Ada Student\"}");
            // The CLI's defaults for what the form leaves empty; \n starts a new author line as on the command line.
            desk.Create(Blank(request.Title) ?? "Title of the Mini-Project", (Blank(request.Author) ?? "Author Name").Replace("\\n", "\n"));
            return Describe(desk, runsRoot);
        });

        app.MapPost("/api/report/add", async (HttpRequest http) =>
        {
            var request = await RequestBody.Read<AddToReportRequest>(http, "request to add a run", "{\"run\": \"sawtooth/seed0-1a2b3c4d\", \"width\": \"half\"}");
            if (request.Run is not null && request.Sweep is not null) throw new TheoryLabException("name a run or a sweep to add, not both.");
            // Only runs and sweeps inside the runs root can be added: the server reads no other directory.
            string directory = request.Sweep is { } sweep ? SweepEndpoints.Find(runsRoot, sweep) : RunEndpoints.Read(runsRoot, request.Run).Directory;
            var result = desk.Add(Width(request.Width), directory);
            return result.Runs.Select(r => new
            {
                r.Prefix,
                r.Experiment,
                r.RunId,
                r.Refreshed,
                Figures = r.Figures.Select(f => new { f.Label, f.InputLine }),
                r.AddedCitations,
                r.ConflictingCitations,
            });
        });

        app.MapPost("/api/report/build", () => desk.StartBuild());
        app.MapGet("/api/report/build", () => desk.Build);

        // The document 'report check --json' prints: every rule's verdict, where, what was found and how to fix it.
        app.MapGet("/api/report/check", () => Results.Content(desk.Check().ToJson(), "application/json"));

        app.MapGet("/api/report/file", (string? path) =>
        {
            var (full, type) = RunFiles.Resolve(desk.Directory, path, Types, $"'{path}' is not a file of the report in {desk.Directory}; name one that the report page lists.");
            return Results.File(full, type);
        });
    }

    private static object Describe(ReportDesk desk, string runsRoot)
    {
        var project = desk.Open();
        var pdf = new FileInfo(project.PdfPath);
        return new
        {
            desk.Directory,
            Exists = true,
            project.Manifest.Title,
            project.Manifest.Author,
            Runs = project.Manifest.Runs.Select(run => new
            {
                run.Prefix,
                run.Experiment,
                run.RunId,
                run.Sweep,
                Figures = run.Figures.Select(f => new { f.Name, f.Snippet, f.Label, f.InputLine, Width = f.Width.ToString().ToLowerInvariant(), Preview = Preview(runsRoot, run, f) }),
            }),
            Pairs = project.Manifest.Pairs.Select(p => new { p.Snippet, p.Label, p.InputLine }),
            // The PDF's time tells the page when to reload its frame.
            Pdf = pdf.Exists ? new { Path = ReportLayout.PdfFile, Modified = pdf.LastWriteTimeUtc } : null,
        };
    }

    /// <summary>The run's PNG of a report figure, relative to the runs root, when the run still lies there; the report itself holds only the vector picture.</summary>
    private static string? Preview(string runsRoot, ReportRun run, ReportFigure figure)
    {
        string png = RunLayout.FigurePath(run.Source, figure.Name, ".png");
        return RunFiles.IsInside(runsRoot, Path.GetFullPath(png)) && File.Exists(png) ? Path.GetRelativePath(runsRoot, png) : null;
    }

    private static FigureWidth Width(string? width) => (width ?? "half").ToLowerInvariant() switch
    {
        "half" => FigureWidth.Half,
        "full" => FigureWidth.Full,
        _ => throw new TheoryLabException($"'{width}' is not a figure width; 'report add --width' takes half or full."),
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}

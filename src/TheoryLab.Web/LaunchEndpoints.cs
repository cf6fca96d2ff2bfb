using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using TheoryLab.Experiments;
using TheoryLab.Runs;

namespace TheoryLab.Web;

/// <summary>What the launch form sends: an experiment, Quick or default options, a seed, and option values as text.</summary>
public sealed record LaunchRequest(string? Experiment, bool Quick, int Seed, Dictionary<string, string>? Options);

/// <summary>Launching a run from the page, its progress as server-sent events, and cancelling it.</summary>
internal static class LaunchEndpoints
{
    public static void Map(WebApplication app, ExperimentRegistry registry, Launches launches, string root)
    {
        // Checked here by the same schema as 'theorylab run' before any process starts, so a bad value is a 400 with the CLI's line.
        app.MapPost("/api/launches", async (HttpRequest http) =>
        {
            var request = await RequestBody.Read<LaunchRequest>(http, "launch request", "{\"experiment\": \"sawtooth\", \"quick\": true, \"seed\": 0, \"options\": {\"depth\": \"3\"}}");
            var experiment = registry.Get(request.Experiment ?? "");
            var values = (request.Options ?? []).Select(o => KeyValuePair.Create(o.Key, o.Value)).ToList();
            var options = experiment.Schema.Bind(request.Quick ? experiment.QuickOptions : experiment.DefaultOptions, values);
            experiment.Validate(options);
            string directory = new RunRequest(experiment, options) { Seed = request.Seed, Root = root }.Directory;
            var launch = launches.Start(directory, Arguments(experiment.Id, request, values, directory), "the run is marked failed and left no findings");
            return new { launch.Id, launch.Directory };
        });

        app.MapPost("/api/launches/{id}/cancel", (string id) =>
        {
            var launch = Find(launches, id);
            launch.Cancel();
            return new { launch.Id, launch.Directory };
        });

        app.MapGet("/api/launches/{id}/events", async (string id, HttpContext context, IHostApplicationLifetime lifetime) =>
        {
            var launch = Find(launches, id);
            context.Response.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache";
            // The stream ends when the page goes away or the server stops; the run itself goes on either way.
            using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
            int seen = 0;
            try
            {
                while (true)
                {
                    var (events, ended, changed) = launch.Since(seen);
                    foreach (var e in events) await context.Response.WriteAsync($"event: {e.Kind}\ndata: {e.Data}\n\n", ending.Token);
                    await context.Response.Body.FlushAsync(ending.Token);
                    seen += events.Count;
                    if (ended) break;
                    await changed.WaitAsync(ending.Token);
                }
            }
            catch (OperationCanceledException) when (ending.IsCancellationRequested)
            {
                // The page closed or the server is stopping: nothing more to send.
            }
        });
    }

    private static Launch Find(Launches launches, string id) =>
        launches.Find(id) ?? throw new TheoryLabException($"no launched run '{id}' in this server; launch one from the experiments page.");

    /// <summary>The command line of the run: the CLI's own options, so that it is the run 'theorylab run' would make.</summary>
    private static IEnumerable<string> Arguments(string experiment, LaunchRequest request, IEnumerable<KeyValuePair<string, string>> values, string directory)
    {
        yield return "run";
        yield return experiment;
        if (request.Quick) yield return "--quick";
        foreach (var (name, value) in values)
        {
            yield return "--set";
            yield return $"{name}={value}";
        }
        yield return "--seed";
        yield return request.Seed.ToString(CultureInfo.InvariantCulture);
        yield return "--out";
        yield return directory;
        yield return "--json";
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using TheoryLab.Runs;

namespace TheoryLab.Web.Tests;

/// <summary>Runs launched from the page: made by the CLI's own 'run', streamed as events, indifferent to the page going away.</summary>
public class LaunchTests
{
    [Fact]
    public async Task AQuickRun_StreamsItsEvents_EndsCompleted_AndIsListedWithItsFindings()
    {
        await using var server = await RunningExplorer.StartAsync();
        using var visitor = await server.Visitor();
        var launch = await Launch(visitor, seed: 0);
        var events = await Events(visitor, launch.Id, IsDone);
        var done = JsonDocument.Parse(events[^1].Data).RootElement;
        Assert.Equal("done", events[^1].Kind);
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal(launch.Directory, done.GetProperty("directory").GetString());
        Assert.True(File.Exists(Path.Combine(server.Runs, launch.Directory, RunLayout.FindingsFile)));
        var runs = await visitor.GetFromJsonAsync<JsonElement>("/api/runs?experiment=sawtooth");
        Assert.Equal(launch.Directory, runs[0].GetProperty("directory").GetString());
        Assert.NotEqual(0, runs[0].GetProperty("findings").GetArrayLength());
    }

    [Fact]
    public async Task ClosingTheEventStreamMidRun_LeavesTheRunToComplete()
    {
        await using var server = await RunningExplorer.StartAsync();
        using var visitor = await server.Visitor();
        var launch = await Launch(visitor, seed: 1);
        // The page goes away before the run ends: the stream is read up to its first event (the command line) and dropped.
        var first = await Events(visitor, launch.Id, _ => true);
        Assert.StartsWith("theorylab run sawtooth --quick", first[0].Data);
        Assert.NotEqual("completed", RunRecord.TryRead(Path.Combine(server.Runs, launch.Directory))?.Status);
        using var later = await server.Visitor();
        var events = await Events(later, launch.Id, IsDone);
        Assert.Equal("completed", JsonDocument.Parse(events[^1].Data).RootElement.GetProperty("status").GetString());
        Assert.Equal("completed", RunRecord.TryRead(Path.Combine(server.Runs, launch.Directory))!.Status);
    }

    [Fact]
    public async Task TwoRuns_AreComparedAsRunsCompareComparesThem()
    {
        await using var server = await RunningExplorer.StartAsync();
        using var visitor = await server.Visitor();
        var a = await Launch(visitor, seed: 0);
        await Events(visitor, a.Id, IsDone);
        var b = await Launch(visitor, seed: 0, depth: "3");
        await Events(visitor, b.Id, IsDone);
        var comparison = await visitor.GetFromJsonAsync<JsonElement>($"/api/runs/compare?a={Uri.EscapeDataString(a.Directory)}&b={Uri.EscapeDataString(b.Directory)}");
        var differing = comparison.GetProperty("options").EnumerateArray().Where(o => o.GetProperty("differs").GetBoolean()).Select(o => o.GetProperty("name").GetString()).ToList();
        // train_points follows depth (a derived option); train_steps, set alike in both, does not differ.
        Assert.Contains("depth", differing);
        Assert.DoesNotContain("train_steps", differing);
        Assert.Contains(comparison.GetProperty("findings").EnumerateArray(), f => f.GetProperty("differs").GetBoolean());
    }

    [Fact]
    public async Task StoppingTheServerMidRun_MarksTheRunFailed_AsCtrlCWouldInTheCli()
    {
        await using var server = await RunningExplorer.StartAsync();
        using var visitor = await server.Visitor();
        // The default options train for minutes; the first line of the training's progress shows the run under way.
        var answer = await visitor.PostAsJsonAsync("/api/launches", new LaunchRequest("sawtooth", false, 2, []));
        var launch = (await answer.Content.ReadFromJsonAsync<Launched>())!;
        var events = await Events(visitor, launch.Id, e => e.Data.StartsWith("training", StringComparison.Ordinal) || IsDone(e));
        Assert.NotEqual("done", events[^1].Kind);
        await server.Explorer.StopAsync();
        var record = RunRecord.TryRead(Path.Combine(server.Runs, launch.Directory));
        Assert.Equal("failed", record?.Status);
        Assert.False(File.Exists(Path.Combine(server.Runs, launch.Directory, RunLayout.FindingsFile)));
    }

    [Fact]
    public async Task CancellingMidRun_EndsItCancelled_MarkedFailed_WithoutFindings()
    {
        await using var server = await RunningExplorer.StartAsync();
        using var visitor = await server.Visitor();
        var answer = await visitor.PostAsJsonAsync("/api/launches", new LaunchRequest("sawtooth", false, 3, []));
        var launch = (await answer.Content.ReadFromJsonAsync<Launched>())!;
        var before = await Events(visitor, launch.Id, e => e.Data.StartsWith("training", StringComparison.Ordinal) || IsDone(e));
        Assert.NotEqual("done", before[^1].Kind);

        (await visitor.PostAsync($"/api/launches/{launch.Id}/cancel", null)).EnsureSuccessStatusCode();

        var events = await Events(visitor, launch.Id, IsDone);
        Assert.Equal("cancelled", JsonDocument.Parse(events[^1].Data).RootElement.GetProperty("status").GetString());
        Assert.Equal("failed", RunRecord.TryRead(Path.Combine(server.Runs, launch.Directory))?.Status);
        Assert.False(File.Exists(Path.Combine(server.Runs, launch.Directory, RunLayout.FindingsFile)));
    }

    [Fact]
    public async Task CancellingAnUnknownLaunch_IsA400NamingWhatToDo()
    {
        await using var server = await RunningExplorer.StartAsync();
        using var visitor = await server.Visitor();
        var answer = await visitor.PostAsync("/api/launches/99/cancel", null);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("no launched run '99'", await answer.Content.ReadAsStringAsync());
    }

    private static bool IsDone(LaunchEvent e) => e.Kind == "done";

    private sealed record Launched(string Id, string Directory);

    /// <summary>A quick sawtooth run without the shallow networks' training, which would take it from seconds to a minute.</summary>
    private static async Task<Launched> Launch(HttpClient client, int seed, string? depth = null)
    {
        var options = new Dictionary<string, string> { ["train_steps"] = "0" };
        if (depth is not null) options["depth"] = depth;
        var answer = await client.PostAsJsonAsync("/api/launches", new LaunchRequest("sawtooth", true, seed, options));
        answer.EnsureSuccessStatusCode();
        return (await answer.Content.ReadFromJsonAsync<Launched>())!;
    }

    /// <summary>The launch's server-sent events, up to the first for which <paramref name="last"/> holds (or the stream's end).</summary>
    internal static async Task<List<LaunchEvent>> Events(HttpClient client, string id, Func<LaunchEvent, bool> last)
    {
        using var answer = await client.GetAsync($"/api/launches/{id}/events", HttpCompletionOption.ResponseHeadersRead);
        answer.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await answer.Content.ReadAsStreamAsync());
        var events = new List<LaunchEvent>();
        string? kind = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal)) kind = line[7..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal)) events.Add(new LaunchEvent(kind!, line[6..]));
            if (events.Count > 0 && line.StartsWith("data: ", StringComparison.Ordinal) && last(events[^1])) break;
        }
        return events;
    }
}

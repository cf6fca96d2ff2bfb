using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TheoryLab.Runs;

namespace TheoryLab.Web.Tests;

/// <summary>Sweeps launched from the page: planned by the library first, run by the CLI's own 'sweep', streamed, cancellable.</summary>
public class SweepTests
{
    [Theory]
    [InlineData("depth", "0,2")]
    [InlineData("depth", "2:1:x0")]
    [InlineData("shallow_widths", "1,2")]
    [InlineData("no_such_option", "1,2")]
    public async Task ABadGrid_GetsTheClisLine_AndStartsNothing(string option, string values)
    {
        await using var server = await RunningExplorer.StartAsync();
        using var visitor = await server.Visitor();
        var answer = await visitor.PostAsJsonAsync("/api/sweeps", new SweepRequest("sawtooth", true, 1, new() { [option] = values }, null, 1));
        var (code, line) = RunningExplorer.CliError("sweep", "sawtooth", "--quick", "--grid", $"{option}={values}", "--runs", server.Runs, "--dry-run");
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal(1, code);
        Assert.Equal(line, "error: " + (await answer.Content.ReadFromJsonAsync<ErrorAnswer>())!.Error);
        Assert.False(Directory.Exists(Path.Combine(server.Runs, "sawtooth")));
    }

    [Fact]
    public async Task ALaunchedSweep_StreamsEachRun_AndWritesTablesThatCountTwoToTheDepthPieces()
    {
        await using var server = await RunningExplorer.StartAsync();
        using var visitor = await server.Visitor();
        var answer = await visitor.PostAsJsonAsync("/api/sweeps", new SweepRequest("sawtooth", true, 1, new() { ["depth"] = "2,3" }, new() { ["train_steps"] = "0" }, 1));
        answer.EnsureSuccessStatusCode();
        var sweep = await answer.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, sweep.GetProperty("runs").GetInt32());

        var events = await LaunchTests.Events(visitor, sweep.GetProperty("id").GetString()!, e => e.Kind == "done");
        Assert.StartsWith("theorylab sweep sawtooth --quick --grid depth=2,3 --set train_steps=0 --seeds 1 --parallel 1", events[0].Data);
        // One progress line as each run ends, naming its grid point.
        Assert.Contains(events, e => e.Kind == "progress" && e.Data.Contains("depth=2"));
        Assert.Contains(events, e => e.Kind == "progress" && e.Data.Contains("depth=3"));
        var done = JsonDocument.Parse(events[^1].Data).RootElement;
        Assert.Equal("completed", done.GetProperty("status").GetString());

        // Δᵏ has 2ᵏ linear pieces, so the mean over the one seed is 4 at depth 2 and 8 at depth 3.
        string directory = Path.Combine(server.Runs, done.GetProperty("directory").GetString()!);
        var pieces = File.ReadAllLines(Path.Combine(directory, "tables", "linear_pieces.csv"));
        int mean = Array.IndexOf(pieces[0].Split(','), "mean");
        Assert.Equal(["4", "8"], pieces.Skip(1).Select(l => l.Split(',')[mean]));
        var shown = await visitor.GetFromJsonAsync<JsonElement>($"/api/sweeps/show?sweep={Uri.EscapeDataString(done.GetProperty("directory").GetString()!)}");
        Assert.NotEqual(0, shown.GetProperty("figures").GetArrayLength());
        // The page's findings table: each finding's mean over seeds at each grid point, as the tables hold it.
        var linearPieces = shown.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "linear_pieces").GetProperty("points");
        Assert.Equal(["depth=2", "depth=3"], linearPieces.EnumerateArray().Select(p => p.GetProperty("point").GetString()));
        Assert.Equal([4.0, 8.0], linearPieces.EnumerateArray().Select(p => p.GetProperty("mean").GetDouble()));
        Assert.All(linearPieces.EnumerateArray(), p => Assert.Equal(1, p.GetProperty("measured").GetInt32()));
    }

    [Fact]
    public async Task ACancelledSweep_EndsCancelled_WithNoRunLeftCompletedOrRunning()
    {
        await using var server = await RunningExplorer.StartAsync();
        using var visitor = await server.Visitor();
        // The paper's options train for minutes per run: cancelled as soon as it starts, no run can have completed.
        var answer = await visitor.PostAsJsonAsync("/api/sweeps", new SweepRequest("sawtooth", false, 1, new() { ["depth"] = "3,4" }, null, 1));
        var id = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await LaunchTests.Events(visitor, id, _ => true);
        (await visitor.PostAsync($"/api/launches/{id}/cancel", null)).EnsureSuccessStatusCode();

        var events = await LaunchTests.Events(visitor, id, e => e.Kind == "done");
        var done = JsonDocument.Parse(events[^1].Data).RootElement;
        Assert.Equal("cancelled", done.GetProperty("status").GetString());
        Assert.Contains("its running runs are marked failed", done.GetProperty("error").GetString());
        string experiment = Path.Combine(server.Runs, "sawtooth");
        var records = Directory.Exists(experiment)
            ? Directory.EnumerateFiles(experiment, RunLayout.RecordFile, SearchOption.AllDirectories).Select(f => RunRecord.TryRead(Path.GetDirectoryName(f)!)!.Status)
            : [];
        Assert.All(records, status => Assert.Equal("failed", status));
        Assert.False(Directory.Exists(Path.Combine(server.Runs, done.GetProperty("directory").GetString()!, "tables")));
    }
}

using System.Net;
using System.Net.Http.Json;
using TheoryLab.Models.PiecewiseLinear;
using TheoryLab.Runs;

namespace TheoryLab.Web.Tests;

/// <summary>Runs' curves overlaid: each run's points are its own tables' columns, checked here against closed forms.</summary>
public class OverlayTests
{
    [Fact]
    public async Task ThreeSawtoothRuns_OverlayTheirOwnCurves_NamedByTheOptionsThatDiffer()
    {
        await using var server = await RunningExplorer.StartAsync();
        string[] runs = [server.QuickRun("d3", "depth=3"), server.QuickRun("d4", "depth=4"), server.QuickRun("d5", "depth=5")];
        using var visitor = await server.Visitor();
        var overlay = (await visitor.GetFromJsonAsync<Overlay>("/api/runs/overlay?" + string.Join('&', runs.Select(r => $"run={Uri.EscapeDataString(r)}"))))!;

        Assert.Equal("sawtooth", overlay.Experiment);
        // The quick runs' training points follow the depth, so they differ too and are named, as each run.json records them.
        var points = runs.Select(r => RunRecord.TryRead(Path.Combine(server.Runs, r))!.Options["train_points"]).ToList();
        Assert.Equal(3, points.Distinct().Count());
        Assert.Equal([$"depth=3, train_points={points[0]}", $"depth=4, train_points={points[1]}", $"depth=5, train_points={points[2]}"], overlay.Labels);
        // Each run's Δᵏ curve is the tent map composed k times at its points, exactly (its knots are dyadic).
        var fits = overlay.Figures.Single(f => f.Name == "sawtooth-fits");
        for (int run = 0; run < 3; run++)
        {
            var deep = fits.Series.Single(s => s.Run == run && s.Label.Contains(": deep net"));
            Assert.Equal(deep.X.Select(x => (double?)TentMap.Iterate(x!.Value, run + 3)), deep.Y);
        }
        // And the 2ᵏ theory line of the pieces figure is 2 to the power of its x, in every run.
        var theory = overlay.Figures.Single(f => f.Name == "pieces-vs-depth").Series.Where(s => s.Label == "2ᵏ (theory)").ToList();
        Assert.Equal(3, theory.Count);
        Assert.All(theory, s => Assert.Equal(s.X.Select(k => (double?)Math.Pow(2, k!.Value)), s.Y));
        Assert.True(overlay.Figures.Single(f => f.Name == "pieces-vs-depth").Y.Log);
    }

    [Fact]
    public async Task ARunWithoutFigureDescriptions_IsNamedAsLeftOut()
    {
        await using var server = await RunningExplorer.StartAsync();
        string[] runs = [server.QuickRun("d3", "depth=3"), server.QuickRun("d4", "depth=4")];
        foreach (var description in Directory.EnumerateFiles(Path.Combine(server.Runs, runs[1], "figures"), "*.json")) File.Delete(description);
        using var visitor = await server.Visitor();
        var overlay = (await visitor.GetFromJsonAsync<Overlay>($"/api/runs/overlay?run={runs[0]}&run={runs[1]}"))!;
        Assert.All(overlay.Figures, f => Assert.All(f.Series, s => Assert.Equal(0, s.Run)));
        Assert.All(overlay.Figures, f => Assert.Contains(f.Left, l => l.Contains("has no description of this figure")));
    }

    [Fact]
    public async Task OneRun_OrRunsOfTwoExperiments_AreRefusedInOneLine()
    {
        await using var server = await RunningExplorer.StartAsync();
        string run = server.QuickRun("d3", "depth=3");
        // A run of another experiment, made without training anything.
        var (code, _) = RunningExplorer.CliError("run", "edge-of-chaos", "--quick", "--out", Path.Combine(server.Runs, "edge-of-chaos", "a"));
        Assert.Equal(0, code);
        using var visitor = await server.Visitor();

        var one = await visitor.GetAsync($"/api/runs/overlay?run={run}");
        Assert.Equal(HttpStatusCode.BadRequest, one.StatusCode);
        Assert.Equal("overlaying curves needs two or more runs of one experiment; 1 named.", (await one.Content.ReadFromJsonAsync<ErrorAnswer>())!.Error);

        var two = await visitor.GetAsync($"/api/runs/overlay?run={run}&run=edge-of-chaos/a");
        Assert.Equal(HttpStatusCode.BadRequest, two.StatusCode);
        Assert.StartsWith("curves overlay only for runs of one experiment, and these are runs of sawtooth and edge-of-chaos;", (await two.Content.ReadFromJsonAsync<ErrorAnswer>())!.Error);

        var outside = await visitor.GetAsync($"/api/runs/overlay?run={run}&run=../outside");
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
    }
}

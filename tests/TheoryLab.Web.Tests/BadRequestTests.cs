using System.Net;
using System.Net.Http.Json;

namespace TheoryLab.Web.Tests;

/// <summary>Bad input is refused with 400 and the very line the CLI prints after "error: ", never a stack trace.</summary>
public class BadRequestTests
{
    [Theory]
    [InlineData("phase_grid=1", "phase_grid=1")]
    [InlineData("sigma_b2_max=-1", "sigma_b2_max=-1")]
    [InlineData("activation=tahn", "activation=tahn")]
    public async Task AFigureSettingOutOfRange_GetsTheClisLine(string query, string set)
    {
        await using var server = await RunningExplorer.StartAsync();
        using var visitor = await server.Visitor();
        var answer = await visitor.GetAsync($"/api/phase-diagram?{query}");
        var (code, line) = RunningExplorer.CliError("run", "edge-of-chaos", "--set", set, "--dry-run");
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal(1, code);
        Assert.Equal(line, "error: " + (await answer.Content.ReadFromJsonAsync<ErrorAnswer>())!.Error);
    }

    [Theory]
    [InlineData("jacobian-spectrum", "depth=1", "jacobian-spectrum")]
    [InlineData("jacobian-spectrum", "weights=sparce", "jacobian-spectrum")]
    [InlineData("yarotsky-square", "m=0", "yarotsky-square")]
    [InlineData("momentum-rates", "condition_numbers=1", "momentum-conditioning")]
    [InlineData("momentum-rates", "tolerance=1", "momentum-conditioning")]
    public async Task ALiveConstructionSettingOutOfRange_GetsTheClisLine(string figure, string set, string experiment)
    {
        await using var server = await RunningExplorer.StartAsync();
        using var visitor = await server.Visitor();
        var answer = await visitor.GetAsync($"/api/{figure}?{set}");
        var (code, line) = RunningExplorer.CliError("run", experiment, "--set", set, "--dry-run");
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal(1, code);
        Assert.Equal(line, "error: " + (await answer.Content.ReadFromJsonAsync<ErrorAnswer>())!.Error);
    }

    [Fact]
    public async Task AYarotskySquareTooLargeToDraw_IsSentToTheCli()
    {
        await using var server = await RunningExplorer.StartAsync();
        using var visitor = await server.Visitor();
        var answer = await visitor.GetAsync("/api/yarotsky-square?m=13");
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("the page draws f_m up to m = 12 (4097 knots); 'theorylab run yarotsky-square --set m=13' measures larger ones.",
            (await answer.Content.ReadFromJsonAsync<ErrorAnswer>())!.Error);
    }

    [Fact]
    public async Task ASettingTheFigureDoesNotTake_IsNamedWithTheOnesItDoes()
    {
        await using var server = await RunningExplorer.StartAsync();
        using var visitor = await server.Visitor();
        var answer = await visitor.GetAsync("/api/phase-diagram?depth=3");
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("'depth' is not a setting of this figure; it takes activation, sigma_w2_max, sigma_b2_max, phase_grid (options of edge-of-chaos).",
            (await answer.Content.ReadFromJsonAsync<ErrorAnswer>())!.Error);
    }

    [Fact]
    public async Task ALaunchWithABadOption_GetsTheClisLine_AndStartsNothing()
    {
        await using var server = await RunningExplorer.StartAsync();
        using var visitor = await server.Visitor();
        var answer = await visitor.PostAsJsonAsync("/api/launches", new LaunchRequest("sawtooth", true, 0, new() { ["depth"] = "0" }));
        var (_, line) = RunningExplorer.CliError("run", "sawtooth", "--quick", "--set", "depth=0", "--dry-run");
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal(line, "error: " + (await answer.Content.ReadFromJsonAsync<ErrorAnswer>())!.Error);
        Assert.Empty(Directory.EnumerateFileSystemEntries(server.Runs));
    }

    [Theory]
    [InlineData("sawtoth", "depth", "3")]
    [InlineData("sawtooth", "deepness", "3")]
    [InlineData("sawtooth", "depth", "three")]
    public async Task ALaunchOfAnUnknownExperimentOrOption_GetsTheClisLine(string experiment, string option, string value)
    {
        await using var server = await RunningExplorer.StartAsync();
        using var visitor = await server.Visitor();
        var answer = await visitor.PostAsJsonAsync("/api/launches", new LaunchRequest(experiment, false, 0, new() { [option] = value }));
        var (_, line) = RunningExplorer.CliError("run", experiment, "--set", $"{option}={value}", "--dry-run");
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal(line, "error: " + (await answer.Content.ReadFromJsonAsync<ErrorAnswer>())!.Error);
    }

    [Fact]
    public async Task ALaunchThatIsNotJson_IsRefusedInOneLine()
    {
        await using var server = await RunningExplorer.StartAsync();
        using var visitor = await server.Visitor();
        var answer = await visitor.PostAsync("/api/launches", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.StartsWith("the launch request could not be read (", (await answer.Content.ReadFromJsonAsync<ErrorAnswer>())!.Error);
    }

    [Fact]
    public async Task ABadRunsFilter_GetsTheLineOfRunsList()
    {
        await using var server = await RunningExplorer.StartAsync();
        using var visitor = await server.Visitor();
        var answer = await visitor.GetAsync("/api/runs?where=" + Uri.EscapeDataString("depth >"));
        var (_, line) = RunningExplorer.CliError("runs", "list", "--runs", server.Runs, "--where", "depth >");
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal(line, "error: " + (await answer.Content.ReadFromJsonAsync<ErrorAnswer>())!.Error);
    }

    [Fact]
    public void ServeWithAPortOutOfRange_IsRefusedInOneLine()
    {
        var (code, line) = RunningExplorer.CliError("serve", "--port", "70000");
        Assert.Equal(1, code);
        Assert.Equal("error: --port must be 0 (any free port) or 1 to 65535, got 70000.", line);
    }
}

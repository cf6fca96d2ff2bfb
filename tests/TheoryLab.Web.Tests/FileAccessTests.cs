using System.Net;

namespace TheoryLab.Web.Tests;

/// <summary>Files are read only from inside the runs root, whatever the request's path says.</summary>
public class FileAccessTests
{
    public static TheoryData<string> Escapes =>
    [
        "../outside.png",
        "../../../../etc/passwd",
        "%2e%2e/outside.png",
        "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "..%5coutside.png",
        "%252e%252e/outside.png",
        "/etc/passwd",
        "%2Fetc%2Fpasswd",
        "run/figures/../../../outside.png",
        "link/outside.png",
        "run/run.json%00.png",
    ];

    [Theory]
    [MemberData(nameof(Escapes))]
    public async Task APathThatLeavesTheRunsRoot_IsRefusedInOneLine(string path)
    {
        await using var server = await RunningExplorer.StartAsync();
        Plant(server.Runs);
        using var visitor = await server.Visitor();
        var answer = await visitor.GetAsync($"/api/file?path={path}");
        string body = await answer.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.DoesNotContain("secret", body);
        Assert.DoesNotContain("root:", body);
        Assert.Contains("is not a file of a run under", body);
    }

    [Fact]
    public async Task AFigureInsideTheRunsRoot_IsServed()
    {
        await using var server = await RunningExplorer.StartAsync();
        Plant(server.Runs);
        using var visitor = await server.Visitor();
        var answer = await visitor.GetAsync("/api/file?path=run/figures/inside.png");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("image/png", answer.Content.Headers.ContentType?.MediaType);
        Assert.Equal("inside", await answer.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("../outside")]
    [InlineData("/etc")]
    public async Task ARunNamedOutsideTheRunsRoot_IsRefused(string run)
    {
        await using var server = await RunningExplorer.StartAsync();
        Plant(server.Runs);
        using var visitor = await server.Visitor();
        var answer = await visitor.GetAsync($"/api/runs/show?run={Uri.EscapeDataString(run)}");
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.DoesNotContain("secret", await answer.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// A figure inside the root; beside the root, a file and a run-shaped directory that must stay unreadable; and a
    /// link inside the root to the directory beside it.
    /// </summary>
    private static void Plant(string runs)
    {
        string beside = Path.GetDirectoryName(runs)!;
        Directory.CreateDirectory(Path.Combine(runs, "run", "figures"));
        File.WriteAllText(Path.Combine(runs, "run", "figures", "inside.png"), "inside");
        File.WriteAllText(Path.Combine(beside, "outside.png"), "secret");
        Directory.CreateDirectory(Path.Combine(beside, "outside"));
        File.WriteAllText(Path.Combine(beside, "outside", "run.json"), "{\"secret\": 1}");
        Directory.CreateSymbolicLink(Path.Combine(runs, "link"), beside);
    }
}

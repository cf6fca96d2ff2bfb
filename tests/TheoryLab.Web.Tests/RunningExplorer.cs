using System.Diagnostics;
using System.Net;
using TheoryLab.Cli;

// Each test starts its own server; runs launched from them are child processes, so one test at a time keeps the machine's cores for them.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace TheoryLab.Web.Tests;

/// <summary>A real explorer on 127.0.0.1 and a free port, over a fresh runs directory, with clients that do and do not hold its token.</summary>
public sealed class RunningExplorer : IAsyncDisposable
{
    public const string Token = "0123456789abcdef0123456789abcdef";

    private RunningExplorer(Explorer explorer, string runs, string report)
    {
        Explorer = explorer;
        Runs = runs;
        Report = report;
    }

    public Explorer Explorer { get; }

    /// <summary>The runs root, deleted when the explorer is disposed.</summary>
    public string Runs { get; }

    /// <summary>The report directory beside the runs root; the explorer starts with no report in it.</summary>
    public string Report { get; }

    public static async Task<RunningExplorer> StartAsync()
    {
        string runs = Path.Combine(Path.GetTempPath(), "theorylab-serve-" + Guid.NewGuid().ToString("N")[..8], "runs");
        string report = Path.Combine(Path.GetDirectoryName(runs)!, "report");
        var explorer = await Explorer.StartAsync(new ExplorerSettings(runs, 0, Token, Cli) { ReportDirectory = report });
        return new RunningExplorer(explorer, runs, report);
    }

    /// <summary>This build's theorylab, run by the dotnet host as the test host is.</summary>
    public static ProcessStartInfo Cli()
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet");
        info.ArgumentList.Add(typeof(CliApp).Assembly.Location);
        return info;
    }

    /// <summary>A client that sends no cookie of its own: each request carries exactly what the test gives it.</summary>
    public HttpClient Stranger() => new(new HttpClientHandler { UseCookies = false }) { BaseAddress = Explorer.Address };

    /// <summary>A client that has opened the printed URL and so holds the token's cookie.</summary>
    public async Task<HttpClient> Visitor()
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = Explorer.Address };
        (await client.GetAsync(Explorer.Url)).EnsureSuccessStatusCode();
        return client;
    }

    /// <summary>The line 'theorylab' prints on stderr for <paramref name="args"/>, and its exit code.</summary>
    public static (int Code, string Line) CliError(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(args, stdout, stderr);
        return (code, stderr.ToString().Trim());
    }

    /// <summary>
    /// A quick sawtooth run without its shallow networks' training (a second of work) made by 'theorylab run' into
    /// <c>&lt;runs&gt;/sawtooth/&lt;name&gt;</c>, with the options <paramref name="set"/>; returns that directory relative to the root.
    /// </summary>
    public string QuickRun(string name, params string[] set)
    {
        string directory = Path.Combine("sawtooth", name);
        string[] args = ["run", "sawtooth", "--quick", "--set", "train_steps=0", .. set.SelectMany(s => new[] { "--set", s }), "--out", Path.Combine(Runs, directory)];
        var stderr = new StringWriter();
        int code = CliApp.Run(args, new StringWriter(), stderr);
        if (code != 0) throw new InvalidOperationException($"theorylab {string.Join(' ', args)} failed: {stderr}");
        return directory;
    }

    /// <summary>What 'theorylab' prints on stdout for <paramref name="args"/>.</summary>
    public static string CliOutput(params string[] args)
    {
        var stdout = new StringWriter();
        CliApp.Run(args, stdout, new StringWriter());
        return stdout.ToString().Trim();
    }

    public async ValueTask DisposeAsync()
    {
        await Explorer.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(Runs)!, recursive: true);
    }
}

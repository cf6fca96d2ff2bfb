using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TheoryLab.Web;

/// <summary>
/// The explorer of <c>theorylab serve</c>: an ASP.NET Core application on 127.0.0.1 that serves the page from the
/// assembly, theory computed live, the experiments' option forms, launched runs and sweeps with their progress, the runs
/// under one root, and one report built from them. Every request needs the token (<see cref="AccessToken"/>).
/// </summary>
public sealed class Explorer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Launches _launches;
    private readonly ReportDesk _report;

    private Explorer(WebApplication app, Launches launches, ReportDesk report, Uri address, string token)
    {
        _app = app;
        _launches = launches;
        _report = report;
        Address = address;
        Url = $"{address}?{AccessToken.QueryName}={token}";
    }

    /// <summary>http://127.0.0.1:PORT/ without the token.</summary>
    public Uri Address { get; }

    /// <summary>The URL to open: the address with the token.</summary>
    public string Url { get; }

    /// <summary>Completes when the server has been asked to stop (SIGINT, SIGTERM or <see cref="StopAsync"/>).</summary>
    public Task Stopping => Task.Delay(Timeout.Infinite, _app.Lifetime.ApplicationStopping).ContinueWith(_ => { }, TaskScheduler.Default);

    public static async Task<Explorer> StartAsync(ExplorerSettings settings)
    {
        string root = Path.GetFullPath(settings.RunsRoot);
        // The root is where runs go; creating it is what 'theorylab run' would do on its first run.
        Directory.CreateDirectory(root);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, settings.Port));
        var app = builder.Build();
        var launches = new Launches(root, settings.Cli);
        var report = new ReportDesk(settings.ReportDirectory);
        app.Use(next => context => AccessToken.Require(context, settings.Token, next));
        app.Use(next => context => UserErrors.Answer(context, next));
        Assets.Map(app);
        TheoryEndpoints.Map(app, settings.Registry);
        ExperimentEndpoints.Map(app, settings.Registry);
        RunEndpoints.Map(app, root);
        LaunchEndpoints.Map(app, settings.Registry, launches, root);
        SweepEndpoints.Map(app, settings.Registry, launches, root);
        ReportEndpoints.Map(app, report, root);
        // Launched runs are asked to stop as Ctrl-C would stop 'theorylab run', and waited for, so each ends marked failed.
        app.Lifetime.ApplicationStopping.Register(launches.Interrupt);
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Explorer(app, launches, report, new Uri(new Uri(bound), "/"), settings.Token);
    }

    public async Task StopAsync()
    {
        await _app.StopAsync();
        await _launches.WaitForAll();
        await _report.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
        _report.Dispose();
    }
}

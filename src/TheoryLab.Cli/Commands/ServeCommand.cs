using System.CommandLine;
using System.Diagnostics;
using TheoryLab.Experiments;
using TheoryLab.Web;

namespace TheoryLab.Cli.Commands;

/// <summary><c>theorylab serve</c>: the local web explorer (docs/serve.md), until Ctrl-C.</summary>
internal static class ServeCommand
{
    public static Command Create(ConsoleIO io, ExperimentRegistry registry)
    {
        var port = new Option<int>("--port") { Description = "The port on 127.0.0.1; 0, the default, takes any free port.", DefaultValueFactory = _ => 0 };
        var runs = RunsCommand.RootOption();
        var open = new Option<bool>("--open") { Description = "Open the URL in the desktop's browser." };
        var report = new Option<string>("--report")
        {
            Description = "The report directory the report page works on (created there from the page if it holds no report yet).",
            DefaultValueFactory = _ => "report",
        };
        var command = new Command("serve", "Serve the explorer of theory, experiments, runs and a report on 127.0.0.1, behind a token printed with its URL.") { port, runs, open, report };
        command.SetAction(parse =>
        {
            int number = parse.GetValue(port);
            if (number is < 0 or > 65535) throw new TheoryLabException($"--port must be 0 (any free port) or 1 to 65535, got {number}.");
            var settings = new ExplorerSettings(parse.GetValue(runs)!, number, AccessToken.New(), CliExecutable.StartInfo) { Registry = registry, ReportDirectory = parse.GetValue(report)! };
            var explorer = Start(settings);
            io.Out.WriteLine($"TheoryLab explorer of {Path.GetFullPath(settings.RunsRoot)} (report: {Path.GetFullPath(settings.ReportDirectory)}) at");
            io.Out.WriteLine($"    {explorer.Url}");
            io.Out.WriteLine("Ctrl-C stops it.");
            if (parse.GetValue(open)) OpenBrowser(io, explorer.Url);
            explorer.Stopping.Wait();
            explorer.DisposeAsync().AsTask().GetAwaiter().GetResult();
            io.Out.WriteLine("stopped.");
            return CliApp.Ok;
        });
        return command;
    }

    private static Explorer Start(ExplorerSettings settings)
    {
        try
        {
            return Explorer.StartAsync(settings).GetAwaiter().GetResult();
        }
        catch (IOException e)
        {
            throw new TheoryLabException($"cannot listen on 127.0.0.1:{settings.Port} ({e.Message}); pick another port with --port, or 0 for any free one.", e);
        }
    }

    private static void OpenBrowser(ConsoleIO io, string url)
    {
        try
        {
            Process.Start(new ProcessStartInfo("xdg-open", url) { UseShellExecute = false })?.Dispose();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            io.Error.WriteLine($"could not open a browser ({e.Message}); open the URL above yourself.");
        }
    }
}

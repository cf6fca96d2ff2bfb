using System.CommandLine;
using TheoryLab.RunIndex;
using TheoryLab.Text;

namespace TheoryLab.Cli.Commands;

/// <summary><c>theorylab runs show RUN</c>: one run in full, read from its directory.</summary>
internal static class RunsShowCommand
{
    public static Command Create(ConsoleIO io)
    {
        var root = RunsCommand.RootOption();
        var run = new Argument<string>("run") { Description = "A run directory, or a run id that 'theorylab runs list' shows." };
        var command = new Command("show", "Show a run's options (defaults marked), findings, status and files.") { run, root };
        command.SetAction(parse =>
        {
            var shown = RunsCommand.Read(parse.GetValue(root)!, parse.GetValue(run)!);
            var r = shown.Record;
            io.Out.WriteLine($"{r.Experiment} {r.RunId}: {r.Status}{(r.Error is null ? "" : " (" + r.Error + ")")}");
            io.Out.WriteLine($"  directory  {shown.Directory}");
            io.Out.WriteLine($"  started    {r.Started:yyyy-MM-dd HH:mm:ss zzz}" + (r.WallSeconds is { } wall ? $", {NumberText.Short(wall)} s" : ""));
            io.Out.WriteLine($"  seed       {r.Seed}");
            io.Out.WriteLine("options (default where not marked *):");
            foreach (var (name, value) in r.Options.OrderBy(o => o.Key, StringComparer.Ordinal))
                io.Out.WriteLine($"{(shown.IsDefault(name) ? " " : "*")} {name} = {value}");
            io.Out.WriteLine("findings:");
            foreach (var finding in shown.Findings) io.Out.WriteLine($"  {finding.Name} = {RunComparison.Text(finding)}");
            io.Out.WriteLine("files:");
            foreach (string file in Directory.EnumerateFiles(shown.Directory, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(shown.Directory, f)).Order(StringComparer.Ordinal))
                io.Out.WriteLine($"  {file}");
            return CliApp.Ok;
        });
        return command;
    }
}

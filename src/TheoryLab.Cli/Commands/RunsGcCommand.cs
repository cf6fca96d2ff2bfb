using System.CommandLine;
using TheoryLab.RunIndex;

namespace TheoryLab.Cli.Commands;

/// <summary>
/// <c>theorylab runs gc [--yes]</c>: lists abandoned staging directories and failed runs, and removes them only with
/// --yes, so that the first call is always the dry run.
/// </summary>
internal static class RunsGcCommand
{
    public static Command Create(ConsoleIO io)
    {
        var root = RunsCommand.RootOption();
        var yes = new Option<bool>("--yes") { Description = "Remove what is listed (without it, gc only lists)." };
        var command = new Command("gc", "List staging directories left by killed runs, and failed runs; remove them with --yes.") { root, yes };
        command.SetAction(parse =>
        {
            string runs = parse.GetValue(root)!;
            if (!Directory.Exists(runs)) throw new TheoryLabException($"{Path.GetFullPath(runs)} does not exist; name the root of your run directories with --runs DIR.");
            var garbage = RunGarbage.Under(runs);
            foreach (var g in garbage) io.Out.WriteLine($"{g.Path}  ({g.Why})");
            if (garbage.Count == 0) io.Out.WriteLine($"nothing to remove under {Path.GetFullPath(runs)}.");
            else if (!parse.GetValue(yes)) io.Out.WriteLine($"{Directories(garbage.Count)} would be removed; run again with --yes to remove them.");
            else
            {
                foreach (var g in garbage) RunGarbage.Remove(g);
                io.Out.WriteLine($"removed {Directories(garbage.Count)}.");
            }
            return CliApp.Ok;
        });
        return command;
    }

    private static string Directories(int count) => count == 1 ? "1 directory" : $"{count} directories";
}

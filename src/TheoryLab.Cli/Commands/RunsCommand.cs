using System.CommandLine;
using TheoryLab.Runs;

namespace TheoryLab.Cli.Commands;

/// <summary><c>theorylab runs list|show|compare|gc</c>: the runs already made, through the index of them (docs/sweeps.md).</summary>
internal static class RunsCommand
{
    public static Command Create(ConsoleIO io)
    {
        var command = new Command("runs", "List, show, compare and clean up the runs under a root of run directories.");
        command.Add(RunsListCommand.Create(io));
        command.Add(RunsShowCommand.Create(io));
        command.Add(RunsCompareCommand.Create(io));
        command.Add(RunsGcCommand.Create(io));
        return command;
    }

    /// <summary>The --runs option every runs command takes.</summary>
    public static Option<string> RootOption() =>
        new("--runs") { Description = "The root of run directories (default runs).", DefaultValueFactory = _ => RunLayout.DefaultRoot };
}

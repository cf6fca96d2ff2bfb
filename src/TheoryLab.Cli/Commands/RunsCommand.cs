using System.CommandLine;
using TheoryLab.RunIndex;
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

    /// <summary>The run that <paramref name="run"/> (a directory or run id) names under the root of runs <paramref name="root"/>.</summary>
    public static IndexedRun Read(string root, string run) =>
        IndexedRun.Read(RunsIndex.Open(root).Find(run))
        ?? throw new TheoryLabException($"the run.json of {run} cannot be read; name a run directory that 'theorylab runs list' shows.");
}

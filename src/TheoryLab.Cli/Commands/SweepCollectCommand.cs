using System.CommandLine;
using TheoryLab.Experiments;
using TheoryLab.Sweeps;

namespace TheoryLab.Cli.Commands;

/// <summary><c>theorylab sweep collect</c>: writes a sweep's tables and figures from its completed runs, running nothing.</summary>
internal static class SweepCollectCommand
{
    public static Command Create(ConsoleIO io, ExperimentRegistry registry)
    {
        var study = new SweepArguments();
        var command = new Command("collect", "Write a sweep's tables and figures from its completed runs (the same arguments as the sweep, or --study FILE).");
        study.AddTo(command);
        command.SetAction(parse =>
        {
            if (!Collect(io, Plan(study, parse, registry))) throw new TheoryLabException("none of this sweep's runs is complete; run it with 'theorylab sweep' first.");
            return CliApp.Ok;
        });
        return command;
    }

    /// <summary>The study the arguments name, checked against its experiment and planned.</summary>
    public static SweepPlan Plan(SweepArguments study, ParseResult parse, ExperimentRegistry registry)
    {
        var named = study.Study(parse);
        return SweepPlan.For(named, registry.Get(named.Experiment), study.Runs(parse), study.Data(parse));
    }

    /// <summary>Writes the tables and figures of the completed runs of <paramref name="plan"/> and says where; false where no run is complete.</summary>
    public static bool Collect(ConsoleIO io, SweepPlan plan)
    {
        if (plan.Runs.All(r => !r.Done)) return false;
        var written = SweepCollection.Write(plan);
        io.Out.WriteLine($"{written.Tables} tables and {written.Figures} figures of {written.CompleteRuns} of {plan.Runs.Count} runs in {written.Directory}");
        return true;
    }
}

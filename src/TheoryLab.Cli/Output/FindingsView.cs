using System.Globalization;
using Spectre.Console;
using TheoryLab.Runs;

namespace TheoryLab.Cli.Output;

/// <summary>The findings table printed at the end of a run.</summary>
internal static class FindingsView
{
    public static void Print(ConsoleIO io, RunOutcome outcome)
    {
        var table = new Spectre.Console.Table().AddColumns("finding", "value", "unit", "expected", "meaning");
        foreach (var f in outcome.Findings)
            table.AddRow(Markup.Escape(f.Name), Markup.Escape((f.WhyNoValue ?? Number(f.Value)) + (f.MachineDependent ? " (this machine)" : "")), Markup.Escape(f.Unit),
                f.Expected is { } e ? Markup.Escape($"{Number(e)} ({f.ExpectedSource})") : "", Markup.Escape(f.Meaning));
        io.Rich.Write(table);
        string how = outcome.Reused ? "reused (an identical completed run; --force runs again)" : $"completed in {outcome.Record.WallSeconds:F1} s";
        io.Out.WriteLine($"{outcome.Record.Experiment} {how}");
        io.Out.WriteLine($"run directory: {outcome.Directory}");
    }

    private static string Number(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}

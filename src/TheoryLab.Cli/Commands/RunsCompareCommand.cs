using System.CommandLine;
using TheoryLab.RunIndex;
using TheoryLab.Text;

namespace TheoryLab.Cli.Commands;

/// <summary><c>theorylab runs compare A B</c>: two runs' options and findings side by side, each difference marked *.</summary>
internal static class RunsCompareCommand
{
    public static Command Create(ConsoleIO io)
    {
        var root = RunsCommand.RootOption();
        var a = new Argument<string>("a") { Description = "A run directory or run id." };
        var b = new Argument<string>("b") { Description = "Another run directory or run id." };
        var command = new Command("compare", "Show two runs' options and findings side by side, marking with * what differs.") { a, b, root };
        command.SetAction(parse =>
        {
            string runs = parse.GetValue(root)!;
            var first = RunsCommand.Read(runs, parse.GetValue(a)!);
            var second = RunsCommand.Read(runs, parse.GetValue(b)!);
            var comparison = RunComparison.Of(first, second);
            var rows = comparison.Options.Concat(comparison.Findings).ToList();
            int name = Math.Max("option".Length, rows.Max(r => r.Name.Length));
            int left = Math.Max(first.Record.RunId.Length, rows.Max(r => (r.A ?? "-").Length));
            io.Out.WriteLine($"  {"option".PadRight(name)}  {first.Record.RunId.PadRight(left)}  {second.Record.RunId}");
            foreach (var row in comparison.Options) Write(io, row, name, left);
            io.Out.WriteLine($"  {"finding".PadRight(name)}");
            foreach (var row in comparison.Findings) Write(io, row, name, left);
            int differences = rows.Count(r => r.Differs);
            io.Out.WriteLine(differences == 0 ? "the two runs agree in every option and finding." : $"{NumberText.Count(differences, "difference")}, marked *.");
            return CliApp.Ok;
        });
        return command;
    }

    private static void Write(ConsoleIO io, ComparedValue row, int name, int left) =>
        io.Out.WriteLine($"{(row.Differs ? "*" : " ")} {row.Name.PadRight(name)}  {(row.A ?? "-").PadRight(left)}  {row.B ?? "-"}");
}

using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using TheoryLab.Experiments;
using TheoryLab.Kernel;

namespace TheoryLab.Cli.Commands;

/// <summary><c>theorylab list [--json]</c>: the experiments, by topic.</summary>
internal static class ListCommand
{
    public static Command Create(ConsoleIO io, ExperimentRegistry registry)
    {
        var json = new Option<bool>("--json") { Description = "Print a JSON array of {id, title, topic, papers} and nothing else." };
        var command = new Command("list", "List the experiments.") { json };
        command.SetAction(parse =>
        {
            if (parse.GetValue(json))
            {
                var items = registry.All.Select(e => new { id = e.Id, title = e.Title, topic = e.Topic.Label(), papers = e.Papers });
                io.Out.WriteLine(JsonSerializer.Serialize(items, new JsonSerializerOptions { WriteIndented = true }));
                return CliApp.Ok;
            }
            var table = new Spectre.Console.Table().AddColumns("id", "topic", "title");
            foreach (var e in registry.All) table.AddRow(Markup.Escape(e.Id), Markup.Escape(e.Topic.Label()), Markup.Escape(e.Title));
            io.Rich.Write(table);
            io.Out.WriteLine("'theorylab describe <id>' explains an experiment and its options; 'theorylab run <id>' runs it.");
            return CliApp.Ok;
        });
        return command;
    }
}

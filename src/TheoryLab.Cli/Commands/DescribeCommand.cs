using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using TheoryLab.Citations;
using TheoryLab.Experiments;
using TheoryLab.Kernel;
using TheoryLab.Options;

namespace TheoryLab.Cli.Commands;

/// <summary><c>theorylab describe &lt;id&gt;</c>: what an experiment shows, its papers, and every option.</summary>
internal static class DescribeCommand
{
    public static Command Create(ConsoleIO io, ExperimentRegistry registry)
    {
        var id = new Argument<string>("experiment") { Description = "Experiment id, as 'theorylab list' shows." };
        var json = new Option<bool>("--json") { Description = "Print the description as one JSON document." };
        var command = new Command("describe", "Explain an experiment: what it reproduces, its papers and its options.") { id, json };
        command.SetAction(parse =>
        {
            var experiment = registry.Get(parse.GetValue(id)!);
            var quick = experiment.Schema.Values(experiment.QuickOptions);
            if (parse.GetValue(json))
            {
                var doc = new
                {
                    id = experiment.Id,
                    title = experiment.Title,
                    topic = experiment.Topic.Label(),
                    summary = experiment.Summary,
                    papers = experiment.Papers,
                    options = experiment.Schema.Options.Select(o => new
                    {
                        name = o.Name, type = o.TypeName, @default = OptionValues.Format(o.Default), derived = o.Attribute.Derived, quick = quick[o.Name], range = o.RangeText, meaning = o.Meaning,
                    }),
                };
                io.Out.WriteLine(JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true }));
                return CliApp.Ok;
            }
            io.Out.WriteLine($"{experiment.Id}: {experiment.Title}");
            io.Out.WriteLine($"topic: {experiment.Topic.Label()}");
            io.Out.WriteLine();
            io.Out.WriteLine(experiment.Summary);
            io.Out.WriteLine();
            io.Out.WriteLine("papers:");
            foreach (var key in experiment.Papers) io.Out.WriteLine($"  [{key}] {Citation(key)}");
            io.Out.WriteLine();
            var table = new Spectre.Console.Table().AddColumns("option", "type", "default", "--quick", "range", "meaning");
            foreach (var o in experiment.Schema.Options)
            {
                table.AddRow(Markup.Escape(o.Name), o.TypeName, Markup.Escape(o.DefaultText),
                    Markup.Escape(quick[o.Name] == OptionValues.Format(o.Default) ? "" : quick[o.Name]), Markup.Escape(o.RangeText), Markup.Escape(o.Meaning));
            }
            io.Rich.Write(table);
            io.Out.WriteLine($"Set options with: theorylab run {experiment.Id} --set name=value [--set …] or --config file.json");
            return CliApp.Ok;
        });
        return command;
    }

    private static string Citation(string key)
    {
        if (!Bibliography.Default.Contains(key)) return "(not in the bibliography)";
        var fields = Bibliography.Default.Get(key).Fields;
        string Field(string name) => fields.TryGetValue(name, out var v) ? v.Replace("{", "").Replace("}", "") : "";
        string venue = Field("booktitle") is { Length: > 0 } b ? b : Field("journal");
        return $"{Field("author")} ({Field("year")}). {Field("title")}. {venue}".Trim();
    }
}

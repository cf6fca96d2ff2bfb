using System.CommandLine;
using TheoryLab.Cli.Output;
using TheoryLab.Experiments;
using TheoryLab.Report;

namespace TheoryLab.Cli.Commands.Report;

/// <summary><c>theorylab report gallery</c>: runs every experiment and builds one PDF that shows each phenomenon.</summary>
internal static class ReportGalleryCommand
{
    public static Command Create(ConsoleIO io, ExperimentRegistry registry)
    {
        var quick = new Option<bool>("--quick") { Description = "Run each experiment's Quick options (seconds each)." };
        var output = new Option<string>("--out") { Description = "Output directory.", DefaultValueFactory = _ => "gallery" };
        var seed = new Option<int>("--seed") { Description = "Seed of every run.", DefaultValueFactory = _ => 0 };
        var command = new Command("gallery", "Run every experiment and build one PDF (and page PNGs) showing each phenomenon with its findings.") { quick, output, seed };
        command.SetAction(parse =>
        {
            var request = new GalleryRequest(parse.GetValue(output)!) { Quick = parse.GetValue(quick), Seed = parse.GetValue(seed), Registry = registry };
            var result = Progress.Show(io, sink => GalleryBuilder.Build(request with { Progress = sink }));
            foreach (var failure in result.Failures) io.Error.WriteLine($"warning: {failure.Experiment} failed: {failure.Message}");
            if (!result.Build.Succeeded)
            {
                foreach (var error in result.Build.Errors) io.Error.WriteLine($"error: {error}");
                return CliApp.UserError;
            }
            io.Out.WriteLine($"gallery: {result.PdfPath} ({result.PagePngs.Count} pages, {result.Runs.Count} experiments, {result.Failures.Count} failed)");
            return result.Failures.Count == 0 ? CliApp.Ok : CliApp.UserError;
        });
        return command;
    }
}

using System.CommandLine;
using TheoryLab.Experiments;

namespace TheoryLab.Cli.Commands.Report;

/// <summary><c>theorylab report …</c>: from runs to a NeurIPS-format report that obeys the course's rules.</summary>
internal static class ReportCommand
{
    public static Command Create(ConsoleIO io, ExperimentRegistry registry) => new("report", "Write, build and check a NeurIPS-format mini-project report from runs.")
    {
        ReportNewCommand.Create(io),
        ReportAddCommand.Create(io),
        ReportPairCommand.Create(io),
        ReportRemoveCommand.Create(io),
        ReportReplaceCommand.Create(io),
        ReportExportBibCommand.Create(io),
        ReportMethodsCommand.Create(io),
        ReportBuildCommand.Create(io),
        ReportCheckCommand.Create(io),
        ReportGalleryCommand.Create(io, registry),
    };

    /// <summary>The <c>--report DIR</c> option shared by the subcommands that work on an existing report.</summary>
    public static Option<string> ReportOption() => new("--report")
    {
        Description = "The report directory (default: the current directory).",
        DefaultValueFactory = _ => ".",
    };
}

using System.Diagnostics;
using TheoryLab.Experiments;

namespace TheoryLab.Web;

/// <summary>What an explorer serves and how it launches runs.</summary>
/// <param name="RunsRoot">The root of run directories: the only place it reads files from, and where launched runs write.</param>
/// <param name="Port">The port on 127.0.0.1; 0 takes any free one.</param>
/// <param name="Token">The secret every request must carry (<see cref="AccessToken.New"/>).</param>
/// <param name="Cli">How to start the <c>theorylab</c> command itself, whose <c>run</c> executes launched runs.</param>
public sealed record ExplorerSettings(string RunsRoot, int Port, string Token, Func<ProcessStartInfo> Cli)
{
    public ExperimentRegistry Registry { get; init; } = ExperimentRegistry.Default;

    /// <summary>
    /// The report directory the report page works on, as 'theorylab report … --report DIR' would: the only other place
    /// files are read from or written to. It need not exist: the page offers to create the report there ('report new').
    /// </summary>
    public string ReportDirectory { get; init; } = "report";
}

using System.CommandLine;
using TheoryLab.Cli.Commands;
using TheoryLab.Cli.Commands.Report;
using TheoryLab.Experiments;

namespace TheoryLab.Cli;

/// <summary>
/// The <c>theorylab</c> command: parses arguments, dispatches to a command, and turns user errors into one
/// line on stderr with a non-zero exit code. Commands are thin shells over public library calls.
/// </summary>
public static class CliApp
{
    public const int Ok = 0;
    public const int UserError = 1;
    public const int UsageError = 2;
    public const int Interrupted = 130;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, ExperimentRegistry? registry = null)
    {
        var io = new ConsoleIO(stdout, stderr);
        var root = new RootCommand("TheoryLab: reproducible experiments for the theory of deep learning.");
        var experiments = registry ?? ExperimentRegistry.Default;
        root.Add(ListCommand.Create(io, experiments));
        root.Add(DescribeCommand.Create(io, experiments));
        root.Add(RunCommand.Create(io, experiments));
        root.Add(SweepCommand.Create(io, experiments));
        root.Add(RunsCommand.Create(io));
        root.Add(ReportCommand.Create(io, experiments));
        root.Add(ServeCommand.Create(io, experiments));
        root.Add(DoctorCommand.Create(io));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            stderr.WriteLine($"error: {parsed.Errors[0].Message} (see 'theorylab --help')");
            return UsageError;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (TheoryLabException.Within(e) is { } userError)
        {
            stderr.WriteLine($"error: {userError.Message}");
            return UserError;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("interrupted: the run was marked failed and left no partial files.");
            return Interrupted;
        }
    }
}

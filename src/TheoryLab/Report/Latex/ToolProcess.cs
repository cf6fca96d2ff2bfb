using System.Diagnostics;
using System.Text;

namespace TheoryLab.Report.Latex;

/// <summary>Runs an external program to completion, capturing its output, with a time limit.</summary>
internal static class ToolProcess
{
    public sealed record Outcome(int ExitCode, string Output, TimeSpan Elapsed);

    public static Outcome Run(string program, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null, CancellationToken cancellation = default)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;

        var output = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using (cancellation.Register(() => Kill(process)))
        {
            if (!process.WaitForExit(timeout))
            {
                Kill(process);
                throw new TheoryLabException($"{Path.GetFileName(program)} did not finish within {timeout.TotalSeconds:F0} s in {workingDirectory}; look for a loop in the document or raise the time limit.");
            }
            process.WaitForExit();
        }
        cancellation.ThrowIfCancellationRequested();
        lock (output) return new Outcome(process.ExitCode, output.ToString(), clock.Elapsed);
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
    }
}

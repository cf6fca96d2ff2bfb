using System.Diagnostics;

namespace TheoryLab.Tests.Peers;

/// <summary>
/// Debian's PyTorch (python3-torch, 1.13) as a peer that tests compare against: whether it is here, and running a script with it.
/// TheoryLab itself never runs Python.
/// </summary>
public static class PyTorchPeer
{
    /// <summary>
    /// The first interpreter that imports torch: <c>python3</c> on the PATH, else Debian's own <c>/usr/bin/python3</c>, whose
    /// packages a pyenv or virtual-environment python3 earlier on the PATH does not see.
    /// </summary>
    public static string? Interpreter { get; } = new[] { "python3", "/usr/bin/python3" }
        .FirstOrDefault(python => Start(python, ["-c", "import torch"], stdin: null, TimeSpan.FromMinutes(1)).ExitCode == 0);

    public static bool Available => Interpreter is not null;

    /// <summary>Why a peer test is skipped, with the command that installs the peer.</summary>
    public const string SkipReason = "needs python3 with torch to compare against (Debian: apt-get install python3-torch python3-numpy); neither python3 nor /usr/bin/python3 imports torch here";

    /// <summary>Runs the peer's interpreter with <paramref name="arguments"/>; its exit code and everything it printed.</summary>
    public static (int ExitCode, string Output) Run(IEnumerable<string> arguments, TimeSpan timeout) =>
        Start(Interpreter ?? throw new InvalidOperationException(SkipReason), arguments, stdin: null, timeout);

    /// <summary>Runs <paramref name="script"/>, given on standard input; its exit code and what it printed on standard output.</summary>
    public static (int ExitCode, string Output) RunScript(string script, TimeSpan timeout) =>
        Start(Interpreter ?? throw new InvalidOperationException(SkipReason), ["-"], script, timeout);

    private static (int ExitCode, string Output) Start(string python, IEnumerable<string> arguments, string? stdin, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(python) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (stdin is not null) process.StandardInput.Write(stdin);
            process.StandardInput.Close();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                return (-1, $"{python} timed out after {timeout.TotalSeconds:F0} s");
            }
            return (process.ExitCode, process.ExitCode == 0 ? output.Result : output.Result + errors.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}

/// <summary>A fact that runs only where the PyTorch peer is installed, and says how to install it when skipped.</summary>
public sealed class PyTorchPeerFactAttribute : FactAttribute
{
    public PyTorchPeerFactAttribute()
    {
        if (!PyTorchPeer.Available) Skip = PyTorchPeer.SkipReason;
    }
}

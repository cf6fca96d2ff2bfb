using System.Diagnostics;

namespace TheoryLab.Tests.Analysis.Adversarial;

/// <summary>The Debian PyTorch peer (python3 with torch): whether it is here, and running a script with it.</summary>
public static class PyTorchPeer
{
    /// <summary>Whether <c>python3 -c "import torch"</c> succeeds on this machine.</summary>
    public static bool Available { get; } = Run("-c \"import torch\"", TimeSpan.FromSeconds(60)).ExitCode == 0;

    /// <summary>Runs python3 with <paramref name="arguments"/>; the exit code and everything it printed.</summary>
    public static (int ExitCode, string Output) Run(string arguments, TimeSpan timeout)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("python3", arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout)) { process.Kill(); return (-1, "timed out"); }
            return (process.ExitCode, output.Result + errors.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}

/// <summary>A fact that runs only where python3 can import torch, and says so when skipped.</summary>
public sealed class PyTorchPeerFactAttribute : FactAttribute
{
    public PyTorchPeerFactAttribute()
    {
        if (!PyTorchPeer.Available) Skip = "needs python3 with torch (Debian's python3-torch) to compare against; `python3 -c \"import torch\"` fails here";
    }
}

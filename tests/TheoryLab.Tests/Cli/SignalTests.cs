using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using TheoryLab.Cli;
using TheoryLab.Runs;

namespace TheoryLab.Tests.Cli;

/// <summary>The theorylab command in a process of its own, signalled mid-run as a batch system's kill or a closed terminal would.</summary>
public class SignalTests
{
    private const int SigHup = 1, SigTerm = 15;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    /// <summary>
    /// The command starts with the signal's default handling, whatever this process inherited: under
    /// <c>nohup dotnet test</c> SIGHUP is ignored here, a child inherits that, and the command then rightly ignores it
    /// (see the next test); this one is about a command that was asked to stop.
    /// </summary>
    [Theory]
    [InlineData(SigTerm)]
    [InlineData(SigHup)]
    public void SignalMidRun_EndsLikeCtrlC_WithAFailedRecordAndNoStaging(int signal)
    {
        using var dir = new TempDirectory();
        var stderr = new StringBuilder();
        using var cli = StartLongRun(stderr, $"--default-signal={signal}", dir["run"]);
        try
        {
            WaitForStaging(cli, dir, stderr);
            Assert.Equal(0, kill(cli.Id, signal));
            AssertEndedLikeCtrlC(cli, dir, stderr);
        }
        finally
        {
            if (!cli.HasExited) cli.Kill();
        }
    }

    [Fact]
    public void HangUp_UnderNohup_IsIgnored_ButTerminateStillEndsTheRun()
    {
        // nohup asks that a closed terminal not stop the command: it starts it with SIGHUP ignored, as env does here.
        using var dir = new TempDirectory();
        var stderr = new StringBuilder();
        using var cli = StartLongRun(stderr, "--ignore-signal=HUP", dir["run"]);
        try
        {
            WaitForStaging(cli, dir, stderr);
            Assert.Equal(0, kill(cli.Id, SigHup));
            Assert.False(cli.WaitForExit(TimeSpan.FromSeconds(3)), $"the command ended on a SIGHUP it was started to ignore: {stderr}");
            Assert.Equal(0, kill(cli.Id, SigTerm));
            AssertEndedLikeCtrlC(cli, dir, stderr);
        }
        finally
        {
            if (!cli.HasExited) cli.Kill();
        }
    }

    /// <summary>An edge-of-chaos run of minutes, started through <c>env</c> with <paramref name="signalHandling"/>.</summary>
    private static Process StartLongRun(StringBuilder stderr, string signalHandling, string runDirectory)
    {
        var info = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        string[] args = [signalHandling, Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", Path.Combine(AppContext.BaseDirectory, "TheoryLab.Cli.dll"),
            "run", "edge-of-chaos", "--set", "depth=2000", "--set", "width=100", "--set", "networks=1000", "--out", runDirectory];
        foreach (var arg in args) info.ArgumentList.Add(arg);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr) stderr.AppendLine(e.Data);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void WaitForStaging(Process cli, TempDirectory dir, StringBuilder stderr)
    {
        var clock = Stopwatch.StartNew();
        while (!Directory.EnumerateDirectories(dir.Path, ".run.partial-*").Any())
        {
            Assert.False(cli.HasExited, $"the command ended before its run started: {stderr}");
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), "the run did not start within two minutes");
            Thread.Sleep(50);
        }
    }

    private static void AssertEndedLikeCtrlC(Process cli, TempDirectory dir, StringBuilder stderr)
    {
        Assert.True(cli.WaitForExit(TimeSpan.FromMinutes(1)), "the command went on for a minute after the signal");
        Assert.True(CliApp.Interrupted == cli.ExitCode, $"exit code {cli.ExitCode}: {stderr}");
        Assert.Equal("interrupted before it finished", RunRecord.TryRead(dir["run"])!.Error);
        Assert.Equal([dir["run"]], Directory.GetFileSystemEntries(dir.Path));
    }
}

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

    [Theory]
    [InlineData(SigTerm)]
    [InlineData(SigHup)]
    public void SignalMidRun_EndsLikeCtrlC_WithAFailedRecordAndNoStaging(int signal)
    {
        using var dir = new TempDirectory();
        var stderr = new StringBuilder();
        using var cli = Start(stderr, "run", "edge-of-chaos", "--set", "depth=2000", "--set", "width=100", "--set", "networks=1000", "--out", dir["run"]);
        try
        {
            var clock = Stopwatch.StartNew();
            while (!Directory.EnumerateDirectories(dir.Path, ".run.partial-*").Any())
            {
                Assert.False(cli.HasExited, $"the command ended before its run started: {stderr}");
                Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), "the run did not start within two minutes");
                Thread.Sleep(50);
            }
            Assert.Equal(0, kill(cli.Id, signal));
            Assert.True(cli.WaitForExit(TimeSpan.FromMinutes(1)), "the command went on for a minute after the signal");
            Assert.True(CliApp.Interrupted == cli.ExitCode, $"exit code {cli.ExitCode}: {stderr}");
            Assert.Equal("interrupted before it finished", RunRecord.TryRead(dir["run"])!.Error);
            Assert.Equal([dir["run"]], Directory.GetFileSystemEntries(dir.Path));
        }
        finally
        {
            if (!cli.HasExited) cli.Kill();
        }
    }

    private static Process Start(StringBuilder stderr, params string[] args)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "TheoryLab.Cli.dll"));
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
}

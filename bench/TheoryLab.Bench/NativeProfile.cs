using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace TheoryLab.Bench;

/// <summary>
/// Where the calling thread's time goes while it runs some work, by shared object, sampled by Linux <c>perf</c>
/// attached to that thread alone. The calling thread is the one that runs the C# loop and waits for libtorch's worker
/// threads, so its samples are the step's wall time; the workers' are not counted, since OpenMP's idle workers spin
/// and would bury the loop's share. Samples in libtorch's own libraries (libtorch, libc10, OpenMP, MKL, oneDNN) are
/// the kernels, the dispatcher and the wait for workers; every other sample — the .NET runtime, JIT-compiled C#,
/// TorchSharp's native glue, libc and the kernel's page faults — is time outside libtorch, the C# overhead's upper bound.
/// </summary>
public sealed partial class NativeProfile
{
    private NativeProfile(IReadOnlyDictionary<string, double> shares) => Shares = shares;

    /// <summary>Share of the samples (0 to 1) in each shared object.</summary>
    public IReadOnlyDictionary<string, double> Shares { get; }

    /// <summary>Share of the samples outside libtorch's libraries.</summary>
    public double OutsideLibtorch => Shares.Where(s => !IsLibtorch(s.Key)).Sum(s => s.Value);

    /// <summary>The largest shares outside libtorch, as "name 12 %".</summary>
    public string LargestOutside(int count) => string.Join(", ", Shares.Where(s => !IsLibtorch(s.Key)).OrderByDescending(s => s.Value).Take(count)
        .Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key} {100 * s.Value:F1} %")));

    /// <summary>
    /// Samples the calling thread while <paramref name="work"/> runs on it, or explains in <paramref name="why"/> why it could not
    /// (perf missing or not permitted to attach: perf_event_paranoid above 1 without root).
    /// </summary>
    public static NativeProfile? Sample(Action work, out string why)
    {
        string data = Path.Combine(Path.GetTempPath(), $"theorylab-bench-{Environment.ProcessId}.perf");
        try
        {
            var record = Start("perf", "record", "-F", "999", "-o", data, "-t", $"{CurrentThreadId()}");
            if (record is null) { why = "perf is not installed (Debian: linux-perf)"; return null; }
            Thread.Sleep(500);   // perf attaches to every thread before the work starts
            if (record.HasExited) { why = $"perf could not attach: {record.StandardError.ReadToEnd().Trim().Split('\n')[0]}"; return null; }
            work();
            Start("kill", "-INT", $"{record.Id}")?.WaitForExit();
            record.WaitForExit();
            var report = Start("perf", "report", "-i", data, "--sort", "dso", "--stdio", "-q");
            string text = report?.StandardOutput.ReadToEnd() ?? "";
            report?.WaitForExit();
            var shares = ShareLine().Matches(text).ToDictionary(m => m.Groups[2].Value.Trim(), m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) / 100);
            why = shares.Count == 0 ? "perf recorded no samples" : "";
            return shares.Count == 0 ? null : new NativeProfile(shares);
        }
        finally
        {
            File.Delete(data);
            File.Delete(data + ".old");
        }
    }

    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int CurrentThreadId();

    private static bool IsLibtorch(string dso) => LibtorchName().IsMatch(dso);

    private static Process? Start(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in arguments) info.ArgumentList.Add(a);
        try { return Process.Start(info); }
        catch (System.ComponentModel.Win32Exception) { return null; }
    }

    [GeneratedRegex(@"^\s*([0-9.]+)%\s+(\S.*)$", RegexOptions.Multiline)]
    private static partial Regex ShareLine();

    [GeneratedRegex(@"^lib(torch|c10|gomp|iomp|mkl|dnnl)")]
    private static partial Regex LibtorchName();
}

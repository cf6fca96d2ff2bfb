using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace TheoryLab.Bench;

/// <summary>
/// A PyTorch script in bench/peers/ that measures the same workload as a TheoryLab bench, run as a child process at the
/// same thread count so the two are compared in one run. The script prints JSON objects, one per line; the last is read.
/// </summary>
public static class PythonPeer
{
    /// <summary>The path of bench/peers/<paramref name="script"/>, found above the bench's own directory.</summary>
    public static string Script(string script)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "bench", "peers", script);
            if (File.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException($"bench/peers/{script} not found above {AppContext.BaseDirectory}; run from the repository.");
    }

    /// <summary>Runs the script with <c>--threads</c> and the arguments; returns its last JSON line.</summary>
    public static JsonElement Run(string python, string script, int threads, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add("--threads");
        start.ArgumentList.Add(threads.ToString(CultureInfo.InvariantCulture));
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        // Equal threads: neither OpenMP nor MKL may add threads behind torch.set_num_threads.
        start.Environment["OMP_NUM_THREADS"] = $"{threads}";
        start.Environment["MKL_NUM_THREADS"] = $"{threads}";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {python}");
        string output = process.StandardOutput.ReadToEnd();
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{python} {script} failed ({process.ExitCode}): {errors.Trim()}. Install PyTorch for it (Debian: apt-get install python3-torch) or pass --python.");
        using var json = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
        return json.RootElement.Clone();
    }
}

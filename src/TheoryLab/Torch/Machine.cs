using System.Runtime.InteropServices;

namespace TheoryLab.Torch;

/// <summary>The CPU this process runs on, as /proc/cpuinfo names it: what decides which kernels libtorch runs.</summary>
public static class Machine
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> FirstCpu = new(ReadFirstCpu);

    /// <summary>The CPU's model name ("AMD EPYC"), or the architecture where /proc/cpuinfo is absent.</summary>
    public static string CpuModel => FirstCpu.Value.GetValueOrDefault("model name") ?? RuntimeInformation.ProcessArchitecture.ToString();

    /// <summary>The CPU's feature flags, space-separated, as the kernel reports them.</summary>
    public static string CpuFlags => FirstCpu.Value.GetValueOrDefault("flags") ?? "";

    /// <summary>The vector instruction sets among the flags that decide libtorch's and oneDNN's code paths.</summary>
    public static IReadOnlyList<string> VectorExtensions =>
        CpuFlags.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(f => f.StartsWith("avx", StringComparison.Ordinal) || f.StartsWith("sse", StringComparison.Ordinal) || f is "fma" or "amx_tile" or "amx_bf16" or "amx_int8")
            .ToArray();

    private static IReadOnlyDictionary<string, string> ReadFirstCpu()
    {
        var fields = new Dictionary<string, string>();
        const string cpuinfo = "/proc/cpuinfo";
        if (!File.Exists(cpuinfo)) return fields;
        foreach (var line in File.ReadLines(cpuinfo))
        {
            if (line.Length == 0) break; // the first processor's block ends at the first blank line
            int colon = line.IndexOf(':');
            if (colon > 0) fields.TryAdd(line[..colon].Trim(), line[(colon + 1)..].Trim());
        }
        return fields;
    }
}

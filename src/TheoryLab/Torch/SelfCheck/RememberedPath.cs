using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TheoryLab.Torch.SelfCheck;

/// <summary>
/// The path an earlier process chose on this machine with this libtorch and these probes, kept in the cache
/// so that a kernel found wrong is not run again. The key covers the CPU's model and feature flags, since
/// the same binary takes different code paths on different CPUs.
/// </summary>
internal static class RememberedPath
{
    public static RememberedChoice? Read(string libtorchVersion)
    {
        string file = FileFor(libtorchVersion);
        try
        {
            if (!File.Exists(file)) return null;
            return JsonSerializer.Deserialize(File.ReadAllText(file), RememberedPathJson.Default.RememberedChoice);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null; // A missing or damaged cache only costs a fresh check.
        }
    }

    public static void Write(string libtorchVersion, EngineHealth health)
    {
        var record = new RememberedChoice(health.Path, Machine.CpuModel, libtorchVersion, KernelProbes.Version,
            health.RejectedOnOneDnn.Select(v => $"{v.Kernel}: {v.Output}").Distinct().ToArray(), DateTimeOffset.Now);
        try
        {
            string file = FileFor(libtorchVersion);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            AtomicFile.WriteAllText(file, JsonSerializer.Serialize(record, RememberedPathJson.Default.RememberedChoice));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Unwritable cache: every process checks afresh, which costs milliseconds, and numbers stay right.
        }
    }

    public static string FileFor(string libtorchVersion)
    {
        string key = $"{Machine.CpuModel}\n{Machine.CpuFlags}\n{libtorchVersion}\n{KernelProbes.Version}";
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];
        return Path.Combine(TheoryLabPaths.CacheRoot, "kernel-check", hash + ".json");
    }
}

/// <summary>An earlier process's choice, with the outputs that ruled oneDNN out then.</summary>
public sealed record RememberedChoice(KernelPath Path, string Cpu, string Libtorch, int ProbesVersion, IReadOnlyList<string> WrongOnOneDnn, DateTimeOffset Checked);

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(RememberedChoice))]
internal sealed partial class RememberedPathJson : JsonSerializerContext;

using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using TheoryLab.Torch.SelfCheck;
using TorchSharp;

namespace TheoryLab.Torch;

/// <summary>
/// Makes TorchSharp's native library load on this machine without changing system libraries.
/// Where the system libstdc++ is older than the one TorchSharp was built against and the only unmet
/// version need is GCC 13's marker (see <see cref="NativeLibraryCheck"/>), a copy of the shim with that
/// need marked weak is cached and loaded after libtorch's own libraries. Elsewhere nothing is patched.
/// </summary>
public static class TorchRuntime
{
    private static readonly string[] SystemLibraries = ["libstdc++.so.6", "libgcc_s.so.1", "libm.so.6", "libc.so.6"];
    private static readonly string[] LibtorchLoadOrder = ["libc10.so", "libtorch_cpu.so", "libtorch.so"];
    private static readonly Lock Gate = new();
    private static readonly Lock HealthGate = new();
    private static IntPtr _shimHandle;
    private static bool _prepared;
    private static Exception? _failure;
    private static EngineHealth? _health;
    private static Exception? _healthFailure;

    /// <summary>How TorchSharp's native library was loaded: "as shipped" or the path of the patched copy.</summary>
    public static string LoadedFrom { get; private set; } = "not loaded";

#pragma warning disable CA2255 // A module initializer is the one place that runs before any TorchSharp call a user makes through TheoryLab.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void RegisterResolver()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64) return;
        NativeLibrary.SetDllImportResolver(typeof(torch).Assembly, Resolve);
        NativeLibrary.SetDllImportResolver(typeof(TorchRuntime).Assembly, ResolveLibtorch);
    }

    /// <summary>
    /// Loads libtorch (patching the shim if this machine needs it), checks that it answers, and on first use
    /// runs the kernel self-check (<see cref="EngineCheck"/>) on ATen's own kernels, or with THEORYLAB_KERNELS=onednn
    /// picks the kernels that compute correctly here.
    /// Throws a <see cref="TheoryLabException"/> that says what is wrong when libtorch cannot load or no kernel
    /// path passes the check.
    /// </summary>
    public static void EnsureLoaded() => _ = Health;

    /// <summary>The kernel self-check's verdict for this process (running it on first use).</summary>
    public static EngineHealth Health
    {
        get
        {
            EnsureLibrariesLoaded();
            lock (HealthGate)
            {
                if (_health is null && _healthFailure is null)
                {
                    try
                    {
                        string version = torch.__version__;
                        Nnpack.Enabled = false;
                        if (EngineCheck.OneDnnAsked(Environment.GetEnvironmentVariable("THEORYLAB_KERNELS")))
                        {
                            _health = EngineCheck.Decide(KernelProbes.Standard, RememberedPath.Read(version));
                            if (!_health.RememberedFromEarlierCheck) RememberedPath.Write(version, _health);
                        }
                        else
                        {
                            _health = EngineCheck.DecideAten(KernelProbes.Standard);
                        }
                    }
                    catch (TheoryLabException e)
                    {
                        _healthFailure = e;
                    }
                }
                if (_healthFailure is not null) throw _healthFailure;
                return _health!;
            }
        }
    }

    /// <summary>Loads libtorch and checks that it answers, without the kernel self-check.</summary>
    internal static void EnsureLibrariesLoaded()
    {
        Prepare();
        if (_failure is not null) throw _failure;
        try
        {
            _ = torch.__version__;
        }
        catch (TypeInitializationException e)
        {
            throw new TheoryLabException($"TorchSharp could not start libtorch: {e.InnerException?.Message ?? e.Message}. Check that the libtorch-cpu-linux-x64 package restored completely (dotnet restore).", e);
        }
    }

    /// <summary>The libtorch version TorchSharp reports.</summary>
    public static string LibtorchVersion
    {
        get { EnsureLoaded(); return torch.__version__; }
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (!libraryName.Contains("LibTorchSharp", StringComparison.Ordinal)) return IntPtr.Zero;
        Prepare();
        return _shimHandle;
    }

    /// <summary>TheoryLab's own calls into libtorch (<see cref="OneDnn"/>) bind to the copy TorchSharp loads.</summary>
    private static IntPtr ResolveLibtorch(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != OneDnn.Library) return IntPtr.Zero;
        EnsureLibrariesLoaded();
        string? path = FindNativeFile(libraryName);
        return path is not null && NativeLibrary.TryLoad(path, out var handle) ? handle : IntPtr.Zero;
    }

    private static void Prepare()
    {
        lock (Gate)
        {
            if (_prepared) return;
            _prepared = true;
            try
            {
                InstructionSetPins.Apply();
                _shimHandle = LoadShim();
            }
            catch (TheoryLabException e)
            {
                _failure = e;
            }
        }
    }

    private static IntPtr LoadShim()
    {
        if (!OperatingSystem.IsLinux()) { LoadedFrom = "as shipped"; return IntPtr.Zero; }
        string? shimPath = FindNativeFile("libLibTorchSharp.so");
        if (shimPath is null) { LoadedFrom = "as shipped"; return IntPtr.Zero; }

        var shim = ElfVersionNeeds.Read(shimPath);
        var verdict = NativeLibraryCheck.Judge(shim, SystemDefinitions);
        if (verdict.LoadsAsIs) { LoadedFrom = "as shipped"; return IntPtr.Zero; }
        if (!verdict.NeedsPatch)
            throw new TheoryLabException(
                $"libLibTorchSharp.so needs {string.Join(", ", verdict.Unmet)}, which this system does not provide; install newer system libraries (Debian 13, Ubuntu 24.04 or later) or a libstdc++ from GCC 13+.");

        string patched = CachedPatchedCopy(shim, verdict, shimPath);
        string nativeDir = Path.GetDirectoryName(shimPath)!;
        foreach (var lib in LibtorchLoadOrder)
        {
            string path = Path.Combine(nativeDir, lib);
            if (File.Exists(path)) NativeLibrary.Load(path);
        }
        LoadedFrom = patched;
        return NativeLibrary.Load(patched);
    }

    private static string CachedPatchedCopy(ElfVersionNeeds shim, NativeLibraryCheck.Verdict verdict, string originalPath)
    {
        string hash = Convert.ToHexStringLower(SHA256.HashData(shim.Image))[..16];
        string dir = Path.Combine(TheoryLabPaths.CacheRoot, "native", hash);
        string target = Path.Combine(dir, "libLibTorchSharp.so");
        if (File.Exists(target)) return target;
        foreach (var need in verdict.MarkerOnly) shim.MarkWeak(need);
        try
        {
            Directory.CreateDirectory(dir);
            AtomicFile.WriteAllBytes(target, shim.Image);
            return target;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TheoryLabException($"cannot write the patched copy of {originalPath} to {dir} ({e.Message}); set THEORYLAB_CACHE to a writable directory.", e);
        }
    }

    private static IReadOnlySet<string>? SystemDefinitions(string library)
    {
        if (!SystemLibraries.Contains(library)) return null;
        if (!NativeLibrary.TryLoad(library, out _)) return null;
        string? path = MappedPath(library);
        return path is null ? null : ElfVersionNeeds.Read(path).Definitions();
    }

    /// <summary>The file the dynamic loader actually mapped for a library already loaded in this process.</summary>
    private static string? MappedPath(string library)
    {
        foreach (var line in File.ReadLines("/proc/self/maps"))
        {
            int slash = line.IndexOf('/');
            if (slash < 0) continue;
            string path = line[slash..];
            if (Path.GetFileName(path) == library || Path.GetFileName(path).StartsWith(library + ".", StringComparison.Ordinal))
                return path;
        }
        return null;
    }

    private static string? FindNativeFile(string name)
    {
        string rid = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? "linux-x64" : "linux-arm64";
        string[] candidates =
        [
            Path.Combine(AppContext.BaseDirectory, "runtimes", rid, "native", name),
            Path.Combine(AppContext.BaseDirectory, name),
            Path.Combine(Path.GetDirectoryName(typeof(torch).Assembly.Location) ?? "", "runtimes", rid, "native", name),
        ];
        return candidates.FirstOrDefault(File.Exists);
    }
}

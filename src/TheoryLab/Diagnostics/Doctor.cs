using TheoryLab.Data;
using TheoryLab.Report.Latex;
using TheoryLab.Runs;
using TheoryLab.Torch;
using TheoryLab.Torch.SelfCheck;
using static TorchSharp.torch;

namespace TheoryLab.Diagnostics;

/// <summary>
/// The engine's health on this machine, as <c>theorylab doctor</c> shows it: versions, CPU, threads, the kernel
/// self-check, how libtorch was loaded, the report tools, and the data directory.
/// </summary>
public sealed record DoctorReport(
    Provenance Software,
    IReadOnlyList<string> VectorExtensions,
    int? TorchThreads,
    string LibtorchLoadedFrom,
    EngineHealth? Kernels,
    string? EngineFailure,
    string KernelCheckCache,
    IReadOnlyList<ToolStatus> Tools,
    DataDirectoryStatus Data)
{
    /// <summary>Whether a run can compute trustworthy numbers here: libtorch loads and a kernel path passes the self-check.</summary>
    public bool RunsCanProceed => EngineFailure is null && Kernels is not null;
}

/// <summary>An external program a feature needs, and where it was found (null: not on PATH).</summary>
public sealed record ToolStatus(string Program, string NeededFor, string? Path);

/// <summary>The data directory and what it holds (top-level entries).</summary>
public sealed record DataDirectoryStatus(string Directory, bool Exists, IReadOnlyList<string> Entries);

public static class Doctor
{
    private static readonly (string Program, string Purpose)[] ToolsNeeded =
    [
        ("latexmk", "report build"), ("pdflatex", "report build"), ("bibtex", "report build"),
        ("pdftotext", "report check"), ("pdfinfo", "report check"), ("pdftoppm", "report gallery page images"),
    ];

    /// <summary>Examines this machine; loading libtorch and the self-check run here if nothing ran them yet.</summary>
    public static DoctorReport Examine(DataStore data)
    {
        EngineHealth? health = null;
        string? failure = null;
        int? threads = null;
        try
        {
            health = TorchRuntime.Health;
            threads = get_num_threads();
        }
        catch (TheoryLabException e)
        {
            failure = e.Message;
        }
        var tools = ToolsNeeded.Select(t => new ToolStatus(t.Program, t.Purpose, LatexTools.Find(t.Program))).ToArray();
        return new DoctorReport(Provenance.Current(), Machine.VectorExtensions, threads, TorchRuntime.LoadedFrom, health, failure,
            RememberedPath.FileFor(health is null ? "unloaded" : __version__), tools, DataDirectory(data.Directory));
    }

    private static DataDirectoryStatus DataDirectory(string directory)
    {
        if (!Directory.Exists(directory)) return new(directory, false, []);
        var entries = new DirectoryInfo(directory).EnumerateFileSystemInfos()
            .OrderBy(e => e.Name, StringComparer.Ordinal)
            .Select(e => e is DirectoryInfo d ? $"{d.Name}/ ({d.EnumerateFiles("*", SearchOption.AllDirectories).Count()} files)" : $"{e.Name} ({((FileInfo)e).Length:N0} bytes)")
            .ToArray();
        return new(directory, true, entries);
    }
}

using System.Diagnostics;

namespace TheoryLab.Runs;

/// <summary>
/// The hidden directories beside a run directory in which a run is written, and in which a replaced run waits to be
/// deleted. Each holds a marker naming its machine and process, so that one left by a process that died (killed,
/// or the machine lost power) is recognised and removed by the next run beside it; a directory without the marker,
/// or whose process may still live, is never removed.
/// </summary>
internal static class Staging
{
    private const string Infix = ".partial-";
    private const string MarkerFile = ".theorylab-staging";

    /// <summary>A new staging directory beside <paramref name="target"/>, marked as this process's.</summary>
    public static string Create(string target) => Create(target, Environment.ProcessId);

    /// <summary>A new staging directory beside <paramref name="target"/>, marked as process <paramref name="owner"/>'s.</summary>
    internal static string Create(string target, int owner)
    {
        string staging = NameBeside(target);
        try
        {
            Directory.CreateDirectory(staging);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TheoryLabException($"cannot write the run directory {target} ({e.Message}); choose a writable place with --out DIR.", e);
        }
        Mark(staging, owner);
        return staging;
    }

    /// <summary>Moves <paramref name="runDirectory"/> to a marked staging name beside it, for deletion once its replacement is in place.</summary>
    public static string SetAside(string runDirectory)
    {
        string aside = NameBeside(runDirectory);
        Directory.Move(runDirectory, aside);
        Mark(aside, Environment.ProcessId);
        return aside;
    }

    /// <summary>Takes the marker out of a finished staging directory, just before it becomes the run directory.</summary>
    public static void Unmark(string staging) => File.Delete(Path.Combine(staging, MarkerFile));

    /// <summary>Deletes the staging directories in <paramref name="parent"/> whose marker names a process of this machine that is no longer alive.</summary>
    public static void RemoveAbandoned(string parent)
    {
        foreach (var staging in Abandoned(parent).ToList()) Delete(staging);
    }

    /// <summary>The staging directories in <paramref name="parent"/> whose marker names a process of this machine that is no longer alive.</summary>
    public static IEnumerable<string> Abandoned(string parent) =>
        Directory.Exists(parent)
            ? Directory.EnumerateDirectories(parent, "." + "*" + Infix + "*").Where(staging => Owner(staging) is { } owner && !IsAlive(owner))
            : [];

    /// <summary>Deletes a staging directory; one that cannot be deleted is left, hidden, for a later run to remove.</summary>
    public static void Delete(string staging)
    {
        try
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // It keeps its marker (or never had one to lose), so the next run beside it tries again.
        }
    }

    private static string NameBeside(string target) =>
        Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}{Infix}{Guid.NewGuid():N}");

    private static void Mark(string staging, int owner) =>
        AtomicFile.WriteAllText(Path.Combine(staging, MarkerFile), $"{Environment.MachineName}\n{owner}\n");

    /// <summary>The process that owns <paramref name="staging"/>; null where there is no marker or it names another machine.</summary>
    private static int? Owner(string staging)
    {
        string marker = Path.Combine(staging, MarkerFile);
        if (!File.Exists(marker)) return null;
        string[] lines;
        try
        {
            lines = File.ReadAllLines(marker);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        // Another machine's processes cannot be looked up from here, so its staging is left to that machine.
        return lines is [var machine, var pid, ..] && machine == Environment.MachineName && int.TryParse(pid, out int id) ? id : null;
    }

    private static bool IsAlive(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

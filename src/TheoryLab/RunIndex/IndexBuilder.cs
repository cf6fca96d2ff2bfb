using System.Globalization;
using Microsoft.Data.Sqlite;
using TheoryLab.Kernel;
using TheoryLab.Options;

namespace TheoryLab.RunIndex;

/// <summary>
/// Writes the index from the run directories, whole: into a temporary file beside it, in one transaction, then moved
/// over the old one, so that a reader sees the old index or the new one and a crash leaves no half-written index.
/// </summary>
internal static class IndexBuilder
{
    public static void Write(string path, IReadOnlyDictionary<string, long> runs) => AtomicFile.Write(path, temp =>
    {
        using var connection = IndexFile.Open(temp, SqliteOpenMode.ReadWriteCreate);
        using var transaction = connection.BeginTransaction();
        IndexFile.Command(connection, IndexFile.Schema).ExecuteNonQuery();
        foreach (var (directory, ticks) in runs)
        {
            // Unreadable run directories are sources too: otherwise they would make every later check find the index stale.
            IndexFile.Command(connection, "INSERT INTO sources VALUES ($dir, $ticks)", ("$dir", directory), ("$ticks", ticks)).ExecuteNonQuery();
            if (IndexedRun.Read(directory) is { } run) Insert(connection, run);
        }
        IndexFile.Command(connection, $"PRAGMA user_version = {IndexFile.Version}").ExecuteNonQuery();
        transaction.Commit();
    });

    private static void Insert(SqliteConnection connection, IndexedRun run)
    {
        var r = run.Record;
        IndexFile.Command(connection, "INSERT INTO runs VALUES ($dir, $experiment, $runId, $seed, $status, $started, $wall, $error)",
            ("$dir", run.Directory), ("$experiment", r.Experiment), ("$runId", r.RunId), ("$seed", r.Seed), ("$status", r.Status),
            ("$started", r.Started.ToString("O", CultureInfo.InvariantCulture)), ("$wall", r.WallSeconds), ("$error", r.Error)).ExecuteNonQuery();
        foreach (var (name, value) in r.Options)
            IndexFile.Command(connection, "INSERT INTO options VALUES ($dir, $name, $value, $number, $isDefault)",
                ("$dir", run.Directory), ("$name", name), ("$value", value), ("$number", Number(value)), ("$isDefault", run.IsDefault(name))).ExecuteNonQuery();
        for (int k = 0; k < run.Findings.Count; k++)
        {
            var f = run.Findings[k];
            IndexFile.Command(connection, "INSERT INTO findings VALUES ($dir, $position, $name, $value, $outcome, $unit)",
                ("$dir", run.Directory), ("$position", k), ("$name", f.Name), ("$value", f.Outcome == FindingOutcome.Measured ? f.Value : null),
                ("$outcome", OptionValues.Kebab(f.Outcome.ToString())), ("$unit", f.Unit)).ExecuteNonQuery();
        }
    }

    /// <summary>An option's value as a number where it is one, so that --where compares 10 above 9 rather than below it.</summary>
    public static double? Number(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) ? number : null;
}

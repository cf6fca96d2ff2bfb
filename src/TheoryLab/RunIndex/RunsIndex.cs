using System.Globalization;
using Microsoft.Data.Sqlite;
using TheoryLab.Runs;

namespace TheoryLab.RunIndex;

/// <summary>
/// The index of the runs under a root, in &lt;root&gt;/.index.sqlite: a cache of their run.json and findings.json files,
/// rebuilt whole when it is missing, unreadable, of another layout, or stale (a run directory added or removed, or
/// a run.json written since). The run directories stay the only record; deleting the index loses nothing.
/// </summary>
public sealed class RunsIndex
{
    public const string FileName = ".index.sqlite";

    public string Root { get; }
    public string File { get; }

    /// <summary>Whether opening it had to rebuild it.</summary>
    public bool Rebuilt { get; }

    private RunsIndex(string root, string file, bool rebuilt) => (Root, File, Rebuilt) = (root, file, rebuilt);

    /// <summary>The index of the runs under <paramref name="root"/>, brought up to date with their directories first.</summary>
    public static RunsIndex Open(string root)
    {
        string full = Path.GetFullPath(root);
        if (!Directory.Exists(full)) throw new TheoryLabException($"{full} does not exist; name the root of your run directories with --runs DIR.");
        string file = Path.Combine(full, FileName);
        var runs = RunDirectories.Under(full);
        bool stale = !IsCurrent(file, runs);
        if (stale) Rebuild(file, runs);
        return new RunsIndex(full, file, stale);
    }

    private static void Rebuild(string file, SortedDictionary<string, long> runs)
    {
        try
        {
            IndexBuilder.Write(file, runs);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SqliteException)
        {
            throw new TheoryLabException($"cannot write the index of runs {file} ({e.Message}); make {Path.GetDirectoryName(file)} writable, or name another root with --runs DIR.", e);
        }
    }

    private static bool IsCurrent(string file, SortedDictionary<string, long> runs)
    {
        if (!System.IO.File.Exists(file)) return false;
        try
        {
            using var connection = IndexFile.Open(file, SqliteOpenMode.ReadOnly);
            if (Convert.ToInt32(IndexFile.Command(connection, "PRAGMA user_version").ExecuteScalar(), CultureInfo.InvariantCulture) != IndexFile.Version) return false;
            var indexed = new SortedDictionary<string, long>(StringComparer.Ordinal);
            using var reader = IndexFile.Command(connection, "SELECT dir, record_ticks FROM sources").ExecuteReader();
            while (reader.Read()) indexed[reader.GetString(0)] = reader.GetInt64(1);
            return indexed.Count == runs.Count && indexed.All(p => runs.TryGetValue(p.Key, out long ticks) && ticks == p.Value);
        }
        catch (SqliteException)
        {
            // A damaged or foreign file by that name is replaced like a missing one: the run directories hold everything.
            return false;
        }
    }

    public IndexNames Names()
    {
        using var connection = IndexFile.Open(File, SqliteOpenMode.ReadOnly);
        return new IndexNames(Strings(connection, "SELECT DISTINCT name FROM options").ToHashSet(), Strings(connection, "SELECT DISTINCT name FROM findings").ToHashSet());
    }

    /// <summary>The runs of <paramref name="experiment"/> (all where null) that satisfy <paramref name="where"/> (all where null), oldest first.</summary>
    public IReadOnlyList<ListedRun> List(string? experiment = null, string? where = null)
    {
        var filter = where is null ? null : RunFilter.Parse(where, Names());
        using var connection = IndexFile.Open(File, SqliteOpenMode.ReadOnly);
        var conditions = new List<string>();
        var command = connection.CreateCommand();
        if (experiment is not null)
        {
            conditions.Add("r.experiment = $experiment");
            command.Parameters.AddWithValue("$experiment", experiment);
        }
        if (filter is not null)
        {
            conditions.Add($"({filter.Sql})");
            foreach (var (name, value) in filter.Parameters) command.Parameters.AddWithValue(name, value);
        }
        command.CommandText = "SELECT dir, experiment, run_id, seed, status, started, wall_seconds FROM runs r"
            + (conditions.Count > 0 ? " WHERE " + string.Join(" AND ", conditions) : "") + " ORDER BY started, dir";
        var rows = new List<(string Dir, string Experiment, string RunId, int Seed, string Status, DateTimeOffset Started, double? Wall)>();
        using (var reader = command.ExecuteReader())
            while (reader.Read())
                rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4),
                    DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture), reader.IsDBNull(6) ? null : reader.GetDouble(6)));

        var options = new Dictionary<string, List<KeyValuePair<string, string>>>();
        using (var reader = IndexFile.Command(connection, "SELECT dir, name, value FROM options WHERE is_default = 0 ORDER BY dir, name").ExecuteReader())
            while (reader.Read()) Of(options, reader.GetString(0)).Add(new(reader.GetString(1), reader.GetString(2)));
        var findings = new Dictionary<string, List<ListedFinding>>();
        using (var reader = IndexFile.Command(connection, "SELECT dir, name, value, outcome, unit FROM findings ORDER BY dir, position").ExecuteReader())
            while (reader.Read())
                Of(findings, reader.GetString(0)).Add(new ListedFinding(reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetDouble(2), reader.GetString(3), reader.GetString(4)));

        return rows.Select(r => new ListedRun(r.Dir, r.Experiment, r.RunId, r.Seed, r.Status, r.Started, r.Wall,
            options.GetValueOrDefault(r.Dir) ?? [], findings.GetValueOrDefault(r.Dir) ?? [])).ToList();
    }

    /// <summary>
    /// The run directory <paramref name="run"/> names: a directory holding a run.json, or the run id of exactly one
    /// indexed run (the same id under two experiments needs the directory).
    /// </summary>
    public string Find(string run)
    {
        if (Directory.Exists(run) && System.IO.File.Exists(Path.Combine(run, RunLayout.RecordFile))) return Path.GetFullPath(run);
        using var connection = IndexFile.Open(File, SqliteOpenMode.ReadOnly);
        var found = Strings(connection, "SELECT dir FROM runs WHERE run_id = $runId ORDER BY dir", ("$runId", run));
        return found.Count switch
        {
            1 => found[0],
            0 => throw new TheoryLabException($"no run '{run}' under {Root}; name a run directory, or a run id that 'theorylab runs list' shows."),
            _ => throw new TheoryLabException($"'{run}' is the id of {found.Count} runs ({string.Join(", ", found)}); name the run directory instead."),
        };
    }

    private static List<T> Of<T>(Dictionary<string, List<T>> groups, string key) =>
        groups.TryGetValue(key, out var group) ? group : groups[key] = [];

    private static List<string> Strings(SqliteConnection connection, string sql, params (string, object?)[] parameters)
    {
        var values = new List<string>();
        using var reader = IndexFile.Command(connection, sql, parameters).ExecuteReader();
        while (reader.Read()) values.Add(reader.GetString(0));
        return values;
    }
}

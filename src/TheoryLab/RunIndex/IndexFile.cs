using Microsoft.Data.Sqlite;

namespace TheoryLab.RunIndex;

/// <summary>
/// The SQLite file of the index: its schema, and connections to it. Pooling is off so that a closed connection
/// releases the file at once, as the atomic move of a rebuilt index and the removal of a test's folder need.
/// </summary>
internal static class IndexFile
{
    /// <summary>Raised whenever the schema changes, so that an index of an older layout counts as stale and is rebuilt.</summary>
    public const int Version = 1;

    public const string Schema = """
        CREATE TABLE sources (dir TEXT PRIMARY KEY, record_ticks INTEGER NOT NULL);
        CREATE TABLE runs (dir TEXT PRIMARY KEY, experiment TEXT NOT NULL, run_id TEXT NOT NULL, seed INTEGER NOT NULL,
            status TEXT NOT NULL, started TEXT NOT NULL, wall_seconds REAL, error TEXT);
        CREATE TABLE options (dir TEXT NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL, number REAL, is_default INTEGER NOT NULL);
        CREATE TABLE findings (dir TEXT NOT NULL, position INTEGER NOT NULL, name TEXT NOT NULL, value REAL, outcome TEXT NOT NULL, unit TEXT NOT NULL);
        CREATE INDEX options_by_name ON options (name, dir);
        CREATE INDEX findings_by_name ON findings (name, dir);
        """;

    public static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }
}

using System.Globalization;
using System.Text;

namespace TheoryLab.Analysis.Landscape;

/// <summary>
/// The finished points of a grid scan in a CSV file, so that an interrupted scan resumes instead of starting over.
/// The first line names the scan (its key: grid, origin and directions), the second the columns; each batch of points
/// is appended in one write and flushed to disk, and a reader keeps only complete rows, so a crash in the middle of a
/// write loses at most that batch. A file made for a different scan (another key or other columns) is not resumed
/// from: it is replaced. A value that was not measured (NaN) is written as an empty field.
/// </summary>
public sealed class FinishedPoints
{
    private const string KeyPrefix = "# scan: ";
    private readonly string _path;
    private readonly string _start;
    private readonly int _columns;

    /// <param name="path">The CSV file; its directory is created when needed.</param>
    /// <param name="key">What identifies the scan, on one line (<see cref="SurfaceScan"/> builds it from the grid and the vectors).</param>
    /// <param name="columns">Names of the values stored for each point.</param>
    public FinishedPoints(string path, string key, IReadOnlyList<string> columns)
    {
        if (key.Contains('\n') || key.Contains('\r')) throw new ArgumentException("the key must be one line", nameof(key));
        if (columns.Count == 0 || columns.Any(c => c.Contains(',') || c.Contains('\n'))) throw new ArgumentException("one or more plain column names", nameof(columns));
        _path = path;
        _columns = columns.Count;
        _start = $"{KeyPrefix}{key}\nindex,{string.Join(",", columns)}\n";
    }

    /// <summary>The points already finished, by index; empty when the file is absent or belongs to another scan.</summary>
    public IReadOnlyDictionary<int, double[]> Load()
    {
        var points = new Dictionary<int, double[]>();
        if (!File.Exists(_path)) return points;
        string text = File.ReadAllText(_path);
        if (!text.StartsWith(_start, StringComparison.Ordinal)) return points;
        // Only lines ended by a newline are complete; a torn last write leaves at most one partial line.
        var lines = text[_start.Length..].Split('\n');
        foreach (var line in lines.Take(lines.Length - 1))
        {
            var fields = line.Split(',');
            if (fields.Length != _columns + 1 || !int.TryParse(fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int index)) continue;
            var values = new double[_columns];
            bool complete = true;
            for (int c = 0; c < _columns; c++)
            {
                if (fields[c + 1].Length == 0) values[c] = double.NaN;
                else if (!double.TryParse(fields[c + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out values[c])) complete = false;
            }
            if (complete) points[index] = values;
        }
        return points;
    }

    /// <summary>
    /// Makes the file ready for appending: started afresh unless it already belongs to this scan, and cut back to its
    /// last complete row if a write was torn (so the next batch does not continue a partial line).
    /// </summary>
    public void Open()
    {
        if (File.Exists(_path))
        {
            string text = File.ReadAllText(_path);
            if (text.StartsWith(_start, StringComparison.Ordinal))
            {
                if (!text.EndsWith('\n')) AtomicFile.WriteAllText(_path, text[..(text.LastIndexOf('\n') + 1)]);
                return;
            }
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_path))!);
        AtomicFile.WriteAllText(_path, _start);
    }

    /// <summary>Appends finished points in one write, flushed to disk before returning.</summary>
    public void Append(IEnumerable<(int Index, double[] Values)> points)
    {
        var text = new StringBuilder();
        foreach (var (index, values) in points)
        {
            if (values.Length != _columns) throw new ArgumentException($"{values.Length} values for {_columns} columns", nameof(points));
            text.Append(index.ToString(CultureInfo.InvariantCulture));
            foreach (double v in values) text.Append(',').Append(double.IsNaN(v) ? "" : v.ToString("R", CultureInfo.InvariantCulture));
            text.Append('\n');
        }
        if (text.Length == 0) return;
        using var stream = new FileStream(_path, FileMode.Append, FileAccess.Write);
        stream.Write(Encoding.UTF8.GetBytes(text.ToString()));
        stream.Flush(flushToDisk: true);
    }
}

using System.Globalization;
using System.Text;

namespace TheoryLab.Analysis.Landscape;

/// <summary>
/// The finished points of a grid scan in a CSV file, so that an interrupted scan resumes instead of starting over.
/// The first line names the scan (its key: grid, origin and directions); each batch of points is appended in one write
/// and flushed to disk, and a reader keeps only complete rows, so a crash in the middle of a write loses at most that
/// batch. A file made for a different scan (another key) is not resumed from: it is replaced.
/// </summary>
public sealed class FinishedPoints
{
    private const string KeyPrefix = "# scan: ";
    private const string Header = "index,loss,accuracy";
    private readonly string _path;
    private readonly string _key;

    /// <param name="path">The CSV file; its directory is created when needed.</param>
    /// <param name="key">What identifies the scan, on one line (<see cref="SurfaceScan"/> builds it from the grid and the vectors).</param>
    public FinishedPoints(string path, string key)
    {
        if (key.Contains('\n') || key.Contains('\r')) throw new ArgumentException("the key must be one line", nameof(key));
        _path = path;
        _key = key;
    }

    /// <summary>The points already finished, by index; empty when the file is absent or belongs to another scan.</summary>
    public IReadOnlyDictionary<int, PointMeasure> Load()
    {
        var points = new Dictionary<int, PointMeasure>();
        if (!File.Exists(_path)) return points;
        string text = File.ReadAllText(_path);
        // Only lines ended by a newline are complete; a torn last write leaves at most one partial line.
        var lines = text.Split('\n');
        if (lines.Length < 3 || lines[0] != KeyPrefix + _key || lines[1] != Header) return points;
        for (int k = 2; k < lines.Length - 1; k++)
        {
            var fields = lines[k].Split(',');
            if (fields.Length != 3
                || !int.TryParse(fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int index)
                || !double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double loss))
                continue;
            double? accuracy = double.TryParse(fields[2], NumberStyles.Float, CultureInfo.InvariantCulture, out double a) ? a : null;
            points[index] = new PointMeasure(loss, accuracy);
        }
        return points;
    }

    /// <summary>
    /// Makes the file ready for appending: started afresh unless it already belongs to this scan, and cut back to its
    /// last complete row if a write was torn (so the next batch does not continue a partial line).
    /// </summary>
    public void Open()
    {
        string start = $"{KeyPrefix}{_key}\n{Header}\n";
        if (File.Exists(_path))
        {
            string text = File.ReadAllText(_path);
            if (text.StartsWith(start, StringComparison.Ordinal))
            {
                if (!text.EndsWith('\n')) AtomicFile.WriteAllText(_path, text[..(text.LastIndexOf('\n') + 1)]);
                return;
            }
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_path))!);
        AtomicFile.WriteAllText(_path, start);
    }

    /// <summary>Appends finished points in one write, flushed to disk before returning.</summary>
    public void Append(IEnumerable<(int Index, PointMeasure Measure)> points)
    {
        var text = new StringBuilder();
        foreach (var (index, measure) in points)
        {
            text.Append(CultureInfo.InvariantCulture, $"{index},{measure.Loss:R},");
            if (measure.Accuracy is { } accuracy) text.Append(accuracy.ToString("R", CultureInfo.InvariantCulture));
            text.Append('\n');
        }
        if (text.Length == 0) return;
        using var stream = new FileStream(_path, FileMode.Append, FileAccess.Write);
        stream.Write(Encoding.UTF8.GetBytes(text.ToString()));
        stream.Flush(flushToDisk: true);
    }
}

using System.Globalization;
using System.Text;

namespace TheoryLab.Tables;

/// <summary>
/// A named table of equal-length columns, numeric or text. Figures are drawn from tables only, and every
/// table is written as a CSV beside the figures, so what a figure shows can always be re-plotted.
/// </summary>
public sealed class Table(string name)
{
    private readonly List<(string Name, double[]? Numbers, string[]? Texts)> _columns = [];

    public string Name { get; } = name;
    public int RowCount => _columns.Count == 0 ? 0 : _columns[0].Numbers?.Length ?? _columns[0].Texts!.Length;
    public IEnumerable<string> ColumnNames => _columns.Select(c => c.Name);

    /// <summary>Adds a numeric column; returns this table so columns chain.</summary>
    public Table Add(string column, IEnumerable<double> values) => AddColumn(column, values.ToArray(), null);

    /// <summary>Adds a text column (for categories such as an activation's name).</summary>
    public Table AddText(string column, IEnumerable<string> values) => AddColumn(column, null, values.ToArray());

    public bool Has(string column) => _columns.Any(c => c.Name == column);

    public IReadOnlyList<double> Numbers(string column) =>
        Column(column).Numbers ?? throw new InvalidOperationException($"column '{column}' of table '{Name}' holds text");

    public IReadOnlyList<string> Texts(string column)
    {
        var c = Column(column);
        return c.Texts ?? c.Numbers!.Select(x => x.ToString("R", CultureInfo.InvariantCulture)).ToArray();
    }

    /// <summary>RFC 4180 CSV with a header row; numbers round-trip exactly.</summary>
    public string ToCsv()
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', _columns.Select(c => Quote(c.Name))).Append('\n');
        for (int r = 0; r < RowCount; r++)
        {
            sb.AppendJoin(',', _columns.Select(c => c.Numbers is { } n ? n[r].ToString("R", CultureInfo.InvariantCulture) : Quote(c.Texts![r])));
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>
    /// The table <see cref="ToCsv"/> wrote, read back: a column whose every value is a number is numeric, any other
    /// text. For programs that redraw a run's figures from its tables (the explorer overlays runs' curves).
    /// </summary>
    public static Table FromCsv(string name, string csv)
    {
        var rows = CsvRows(csv).ToList();
        if (rows.Count == 0) throw new FormatException($"table '{name}' has no header row");
        var header = rows[0];
        var body = rows.Skip(1).ToList();
        if (body.FirstOrDefault(r => r.Count != header.Count) is { } ragged)
            throw new FormatException($"table '{name}' has a row of {ragged.Count} fields under a header of {header.Count}");
        var table = new Table(name);
        for (int c = 0; c < header.Count; c++)
        {
            var texts = body.Select(r => r[c]).ToList();
            var numbers = texts.Select(t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? x : (double?)null).ToList();
            if (numbers.All(x => x is not null)) table.Add(header[c], numbers.Select(x => x!.Value));
            else table.AddText(header[c], texts);
        }
        return table;
    }

    /// <summary>RFC 4180 records: fields split at commas outside quotes, "" inside quotes is one quote, records end at \n.</summary>
    private static IEnumerable<List<string>> CsvRows(string csv)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < csv.Length; i++)
        {
            char ch = csv[i];
            if (quoted)
            {
                if (ch != '"') field.Append(ch);
                else if (i + 1 < csv.Length && csv[i + 1] == '"') field.Append(csv[++i]);
                else quoted = false;
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { fields.Add(field.ToString()); field.Clear(); }
            else if (ch == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                yield return fields;
                fields = [];
            }
            else if (ch != '\r') field.Append(ch);
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return fields;
        }
    }

    private Table AddColumn(string column, double[]? numbers, string[]? texts)
    {
        int length = numbers?.Length ?? texts!.Length;
        if (Has(column)) throw new InvalidOperationException($"table '{Name}' already has a column '{column}'");
        if (_columns.Count > 0 && length != RowCount)
            throw new InvalidOperationException($"column '{column}' has {length} rows but table '{Name}' has {RowCount}");
        _columns.Add((column, numbers, texts));
        return this;
    }

    private (string Name, double[]? Numbers, string[]? Texts) Column(string column) =>
        _columns.FirstOrDefault(c => c.Name == column) is { Name: not null } c
            ? c
            : throw new InvalidOperationException($"table '{Name}' has no column '{column}'; it has {string.Join(", ", ColumnNames)}");

    private static string Quote(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}

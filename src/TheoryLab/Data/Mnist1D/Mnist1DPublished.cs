using System.Globalization;

namespace TheoryLab.Data.Mnist1D;

/// <summary>
/// Reads the published MNIST-1D dataset (Greydanus's mnist1d_data.pkl) written out as plain CSV files:
/// train_x.csv (rows of 40 values), train_y.csv, test_x.csv, test_y.csv, and optionally t.csv.
/// </summary>
public static class Mnist1DPublished
{
    /// <summary>Where the published pickle is distributed; its arrays written as CSV are what this reads.</summary>
    public const string PickleUrl = "https://github.com/greydanus/mnist1d/raw/master/mnist1d_data.pkl";

    private static readonly string[] Required = ["train_x.csv", "train_y.csv", "test_x.csv", "test_y.csv"];

    /// <summary>
    /// Reads the CSV files from <paramref name="directory"/> or its mnist1d/ subdirectory. Throws a
    /// <see cref="TheoryLabException"/> saying which file is missing or malformed and how to provide it.
    /// </summary>
    public static Mnist1DData Load(string directory)
    {
        string home = Locate(directory);
        var train = Split(home, "train", "mnist1d-published/train");
        var test = Split(home, "test", "mnist1d-published/test");
        if (test.ExampleSize != train.ExampleSize)
            throw new TheoryLabException($"{home}: train_x.csv has rows of {train.ExampleSize} values but test_x.csv has rows of {test.ExampleSize}; the files come from different datasets.");

        string tPath = Path.Combine(home, "t.csv");
        double[] positions = File.Exists(tPath) ? [.. Rows(tPath).Select(r => r.Single())] : [.. Enumerable.Range(0, train.ExampleSize).Select(j => (double)j)];
        if (positions.Length != train.ExampleSize)
            throw new TheoryLabException($"{tPath} has {positions.Length} positions but the sequences have {train.ExampleSize} points; replace it or remove it.");
        return new(new(train, test), positions);
    }

    /// <summary>
    /// The directory holding the CSV files: <paramref name="directory"/>'s mnist1d/ subdirectory, or itself. Throws a
    /// <see cref="TheoryLabException"/> naming the missing files and how to provide them.
    /// </summary>
    public static string Locate(string directory)
    {
        string[] places = [Path.Combine(directory, "mnist1d"), directory];
        string? home = places.FirstOrDefault(d => Required.All(f => File.Exists(Path.Combine(d, f))));
        if (home is not null) return home;
        var missing = Required.Where(f => !places.Any(d => File.Exists(Path.Combine(d, f))));
        throw new TheoryLabException(
            $"the published MNIST-1D files {string.Join(", ", missing)} are not in {places[0]} or {places[1]}. " +
            $"Write the arrays of {PickleUrl} (x, y, x_test, y_test, t) as train_x.csv, train_y.csv, test_x.csv, test_y.csv, t.csv " +
            "into one of those, or pass --data-dir DIR naming a directory that holds them; the dataset named mnist1d needs no files (it is generated).");
    }

    private static LabeledData Split(string directory, string split, string name)
    {
        string xPath = Path.Combine(directory, $"{split}_x.csv");
        string yPath = Path.Combine(directory, $"{split}_y.csv");
        var rows = Rows(xPath);
        var labels = Rows(yPath).Select((r, i) => Label(r, i, yPath)).ToArray();
        if (rows.Count == 0) throw new TheoryLabException($"{xPath} is empty; replace it with the published file.");
        if (rows.Count != labels.Length)
            throw new TheoryLabException($"{xPath} has {rows.Count} rows but {yPath} has {labels.Length} labels; the files come from different splits.");

        int length = rows[0].Length;
        var inputs = new float[rows.Count * length];
        for (int n = 0; n < rows.Count; n++)
        {
            if (rows[n].Length != length)
                throw new TheoryLabException($"{xPath} row {n + 1} has {rows[n].Length} values where row 1 has {length}; the file is damaged.");
            for (int j = 0; j < length; j++) inputs[n * length + j] = (float)rows[n][j];
        }
        return new(name, inputs, labels, [length], 10);
    }

    private static int Label(double[] row, int index, string path)
    {
        double value = row.Length == 1 ? row[0] : double.NaN;
        if (value is < 0 or > 9 || value != Math.Floor(value))
            throw new TheoryLabException($"{path} line {index + 1} is not a digit label 0–9; the file is damaged.");
        return (int)value;
    }

    private static List<double[]> Rows(string path)
    {
        var rows = new List<double[]>();
        int line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            var fields = text.Split(',');
            var row = new double[fields.Length];
            for (int j = 0; j < fields.Length; j++)
                if (!double.TryParse(fields[j], NumberStyles.Float, CultureInfo.InvariantCulture, out row[j]))
                    throw new TheoryLabException($"{path} line {line}, field {j + 1} ('{fields[j]}') is not a number; the file is damaged.");
            rows.Add(row);
        }
        return rows;
    }
}

using System.Text.Json;
using TheoryLab.Figures;

namespace TheoryLab.Runs;

/// <summary>
/// figures/&lt;name&gt;.json beside a run's picture: which columns of which tables each series of the figure draws,
/// with its axes, so that a program can draw the figure again from the run's tables; the explorer overlays the
/// curves of several runs this way.
/// </summary>
public sealed record FigureDescription(string Name, FigureAxis X, FigureAxis Y, IReadOnlyList<FigureSeries> Series)
{
    public static FigureDescription Of(Figure figure) =>
        new(figure.Name, new(figure.X.Label, figure.X.Log), new(figure.Y.Label, figure.Y.Log), [.. figure.Series.Select(FigureSeries.Of)]);

    public string ToJson() => JsonSerializer.Serialize(this, RunsJson.Default.FigureDescription);

    /// <summary>The description of figure <paramref name="name"/> of the run in <paramref name="runDirectory"/>, or null when the run has none (runs made before descriptions were written).</summary>
    public static FigureDescription? TryRead(string runDirectory, string name)
    {
        string path = RunLayout.FigurePath(runDirectory, name, ".json");
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), RunsJson.Default.FigureDescription);
        }
        catch (JsonException e)
        {
            throw new TheoryLabException($"{path} is not a figure description ({e.Message}); run the experiment again to rewrite it.", e);
        }
    }
}

/// <summary>An axis of a described figure: its label and whether it is logarithmic.</summary>
public sealed record FigureAxis(string Label, bool Log);

/// <summary>One series of a described figure: its kind (line, markers, heatmap, band, bars), table, the columns it reads in the order its kind takes them, and its legend label.</summary>
public sealed record FigureSeries(string Kind, string Table, IReadOnlyList<string> Columns, string Label, bool Dashed)
{
    public static FigureSeries Of(Series series) => new(series switch
    {
        Line => "line",
        Markers => "markers",
        Heatmap => "heatmap",
        Band => "band",
        Bars => "bars",
        _ => throw series.Undrawable(),
    }, series.Table, series.Columns, series.Label, series is Line { Dashed: true });
}

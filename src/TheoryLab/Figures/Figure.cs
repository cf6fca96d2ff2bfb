namespace TheoryLab.Figures;

/// <summary>How wide a figure is on a NeurIPS page: the run's PNG, and its snippet until a report sets another.</summary>
public enum FigureWidth
{
    /// <summary>The text width, 5.5 in.</summary>
    Full,
    /// <summary>Half the text width, 2.7 in: two side by side.</summary>
    Half,
}

/// <summary>An axis: its label with symbol and unit, scale and optional limits.</summary>
public sealed record Axis(string Label, bool Log = false, double? Min = null, double? Max = null)
{
    /// <summary>The range the quantity cannot leave (an error rate's 0 to 1): the axis never extends past it. Null when unbounded.</summary>
    public (double Low, double High)? Bounds { get; init; }

    /// <summary>An axis of a quantity between 0 and 1: an error rate, an accuracy, a probability, a fraction.</summary>
    public static Axis Fraction(string label, bool log = false) => new(label, log) { Bounds = (0, 1) };

    /// <summary>Ticks only at whole numbers, for an axis of indices or counts (a layer, a head), where 1.5 means nothing.</summary>
    public bool WholeNumbers { get; init; }

    /// <summary>An axis of indices or counts: ticked at whole numbers only.</summary>
    public static Axis Index(string label, double? min = null, double? max = null) => new(label, Min: min, Max: max) { WholeNumbers = true };
}

/// <summary>
/// A figure described as data: what to draw from which tables of the result, never from hidden state.
/// Renderers turn it into PNG and PGF/TikZ.
/// </summary>
/// <param name="Name">File stem, kebab-case (<c>q-map</c>).</param>
/// <param name="Caption">What the figure shows; the runner appends the run's parameters.</param>
public sealed record Figure(string Name, string Caption, Axis X, Axis Y, IReadOnlyList<Series> Series, FigureWidth Width = FigureWidth.Full)
{
    /// <summary>Height over width, up to <see cref="HouseStyle.MaxHeightInches"/>; 0.62 suits curves, 0.8 heatmaps.</summary>
    public double Aspect { get; init; } = 0.62;

    /// <summary>Where the legend sits, or null for none.</summary>
    public LegendPlace? Legend { get; init; } = LegendPlace.UpperRight;

    /// <summary>
    /// Each series' colour in the house palette: its own <see cref="Series.Colour"/>, else the next one in turn that
    /// no series claims. A heatmap draws in its colour map and takes none (its entry is 0, unused).
    /// </summary>
    public IReadOnlyList<int> Colours()
    {
        var claimed = Series.Where(s => s is not Heatmap).Select(s => s.Colour).OfType<int>().ToHashSet();
        int next = 0;
        int Next()
        {
            while (claimed.Contains(next)) next++;
            return next++;
        }
        return Series.Select(s => s is Heatmap ? 0 : s.Colour ?? Next()).ToList();
    }

    /// <summary>The labels the legend lists, in order; a series without a label has no entry.</summary>
    public IEnumerable<string> LegendLabels() => Series.Where(s => s is not Heatmap && s.Label.Length > 0).Select(s => s.Label);
}

public enum LegendPlace
{
    UpperLeft,
    UpperRight,
    LowerLeft,
    LowerRight,
}

/// <summary>Something drawn on a figure, from columns of one table.</summary>
public abstract record Series(string Table, string Label)
{
    /// <summary>The columns of <see cref="Table"/> the series reads.</summary>
    public abstract IReadOnlyList<string> Columns { get; }

    /// <summary>
    /// Its colour in the house palette, so that a theory curve can share the colour of the measurements it
    /// predicts and leave the legend to them; by default a series takes the next colour (see <see cref="Figure.Colours"/>).
    /// </summary>
    public int? Colour { get; init; }

    /// <summary>What a renderer throws for a kind of series it has no case for, rather than leave it out of the figure unseen.</summary>
    internal InvalidOperationException Undrawable() =>
        new($"no case draws a series of kind {GetType().Name} ('{Label}' from table '{Table}'); PngRenderer and PgfWriter must each draw every kind of series");
}

/// <summary>A curve: theory, or a measured sequence such as a training curve.</summary>
public sealed record Line(string Table, string X, string Y, string Label, bool Dashed = false) : Series(Table, Label)
{
    public override IReadOnlyList<string> Columns => [X, Y];
}

/// <summary>Measurements as markers, with optional symmetric error bars from a column.</summary>
public sealed record Markers(string Table, string X, string Y, string Label, string? YError = null) : Series(Table, Label)
{
    public override IReadOnlyList<string> Columns => YError is null ? [X, Y] : [X, Y, YError];
}

/// <summary>
/// A heatmap over a regular grid given in long form (one row per cell: x, y, value).
/// Theory curves drawn over it are ordinary <see cref="Line"/>s on the same figure.
/// </summary>
public sealed record Heatmap(string Table, string X, string Y, string Value, string Label) : Series(Table, Label)
{
    public override IReadOnlyList<string> Columns => [X, Y, Value];
}

/// <summary>
/// A shaded range between two columns at each x, such as the spread of a quantity over a set of repeats or step sizes
/// (Santurkar et al.'s Fig. 4); drawn translucent in the series' colour, with no outline.
/// </summary>
public sealed record Band(string Table, string X, string Low, string High, string Label) : Series(Table, Label)
{
    public override IReadOnlyList<string> Columns => [X, Low, High];
}

/// <summary>Bars of a histogram: bin centres and heights.</summary>
public sealed record Bars(string Table, string X, string Height, string Label) : Series(Table, Label)
{
    /// <summary>How wide each bar is drawn: the spacing of the first two centres, or 1 for a single bar.</summary>
    public static double Width(IReadOnlyList<double> centres) => centres.Count > 1 ? Math.Abs(centres[1] - centres[0]) : 1;

    public override IReadOnlyList<string> Columns => [X, Height];
}

namespace TheoryLab.Figures;

/// <summary>
/// The one look every TheoryLab figure shares: NeurIPS page widths, fonts readable when printed, and
/// the Okabe–Ito palette, which stays distinguishable for the common forms of colour blindness.
/// </summary>
public static class HouseStyle
{
    public const double FullWidthInches = 5.5;
    public const double HalfWidthInches = 2.7;

    /// <summary>
    /// The tallest a figure is drawn, so that a full-width figure takes a quarter of the 9 in text block rather than
    /// its width times its aspect; half-width figures are shorter than this.
    /// </summary>
    public const double MaxHeightInches = 2.4;

    /// <summary>A colour bar's thickness in points.</summary>
    public const double ColourBarWidthPoints = 6;

    /// <summary>What a colour bar takes from a figure's width: its gap, bar, tick labels and label (45 pt measured in pdflatex, and room for wider tick labels).</summary>
    public const double ColourBarPoints = 50;

    /// <summary>Pixels per inch of PNG output: sharp on screen and in print previews.</summary>
    public const double Dpi = 200;

    /// <summary>Font size in points at print size (NeurIPS body text is 10 pt; figure text 8 pt).</summary>
    public const double FontPoints = 8;

    /// <summary>Okabe &amp; Ito (2008) colours, hex, black last.</summary>
    public static readonly string[] Palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"];

    public static double WidthInches(FigureWidth width) => width == FigureWidth.Full ? FullWidthInches : HalfWidthInches;

    public static string Colour(int index) => Palette[index % Palette.Length];
}

using System.Text;
using System.Text.RegularExpressions;

namespace TheoryLab.Figures;

/// <summary>A figure's caption in LaTeX: what is plotted, then the settings of the run that produced it.</summary>
public sealed record FigureCaption(string What, string Settings)
{
    public string Text => Settings.Length == 0 ? What : $"{What} {Settings}";
}

/// <summary>
/// The LaTeX figure environments that include figures' pictures: one figure at the full text width, one at half
/// the width with its caption beside it, or two half-width panels side by side with subcaptions. Pictures take
/// the width they are given (<c>\linewidth</c>), so one picture serves every layout.
/// </summary>
public static partial class FigureSnippet
{
    public static string Label(string experimentId, Figure figure) => $"fig:{experimentId}-{figure.Name}";

    /// <summary>The snippet a run writes beside its picture, at the figure's own width; <paramref name="settings"/> is LaTeX.</summary>
    public static string Write(string experimentId, Figure figure, string settings) =>
        Single($"{PgfWriter.Folder}/{figure.Name}.tikz", new FigureCaption(LatexText.From(figure.Caption), settings), Label(experimentId, figure), figure.Width);

    /// <summary>A figure environment holding one picture; at half width the caption stands beside it rather than below.</summary>
    public static string Single(string picture, FigureCaption caption, string label, FigureWidth width)
    {
        var sb = new StringBuilder();
        sb.AppendLine(@"\begin{figure}[t]");
        if (width == FigureWidth.Full)
        {
            sb.AppendLine(@"  \centering");
            sb.AppendLine($@"  \input{{{picture}}}");
            AppendCaption(sb, "  ", caption, label);
        }
        else
        {
            sb.AppendLine(@"  \begin{minipage}[c]{0.49\linewidth}");
            sb.AppendLine(@"    \centering");
            sb.AppendLine($@"    \input{{{picture}}}");
            sb.AppendLine(@"  \end{minipage}\hfill");
            sb.AppendLine(@"  \begin{minipage}[c]{0.48\linewidth}");
            AppendCaption(sb, "    ", caption, label);
            sb.AppendLine(@"  \end{minipage}");
        }
        sb.AppendLine(@"\end{figure}");
        return sb.ToString();
    }

    /// <summary>
    /// A figure environment with two half-width panels, each with its own subcaption (what it plots) and label;
    /// the figure's caption gives the runs' settings, once when both panels come from the same run.
    /// </summary>
    public static string Pair((string Picture, FigureCaption Caption, string Label) left, (string Picture, FigureCaption Caption, string Label) right, string label)
    {
        var sb = new StringBuilder();
        sb.AppendLine(@"\begin{figure}[t]");
        foreach (var (panel, separator) in new[] { (left, @"\hfill"), (right, "") })
        {
            sb.AppendLine(@"  \begin{subfigure}[t]{0.49\linewidth}");
            sb.AppendLine(@"    \centering");
            sb.AppendLine($@"    \input{{{panel.Picture}}}");
            sb.AppendLine($@"    \caption{{{panel.Caption.What}}}");
            sb.AppendLine($@"    \label{{{panel.Label}}}");
            sb.AppendLine(@"  \end{subfigure}" + separator);
        }
        string settings = left.Caption.Settings == right.Caption.Settings
            ? left.Caption.Settings
            : $"(a) {left.Caption.Settings} (b) {right.Caption.Settings}";
        AppendCaption(sb, "  ", new FigureCaption(settings, ""), label);
        sb.AppendLine(@"\end{figure}");
        return sb.ToString();
    }

    /// <summary>The caption of a snippet <see cref="Single"/> wrote; a caption on one line (older runs) is all "what".</summary>
    public static FigureCaption ReadCaption(string snippet)
    {
        var m = CaptionLines().Match(snippet);
        if (m.Success) return new FigureCaption(m.Groups["what"].Value.Trim(), m.Groups["settings"].Value.Trim());
        var single = OneLineCaption().Match(snippet);
        return new FigureCaption(single.Success ? single.Groups["text"].Value.Trim() : "", "");
    }

    /// <summary>The caption in two lines, what and settings, so <see cref="ReadCaption"/> can tell them apart.</summary>
    private static void AppendCaption(StringBuilder sb, string indent, FigureCaption caption, string label)
    {
        sb.AppendLine($@"{indent}\caption{{%");
        sb.AppendLine($"{indent}  {caption.What}");
        sb.AppendLine($"{indent}  {caption.Settings}}}");
        sb.AppendLine($@"{indent}\label{{{label}}}");
    }

    [GeneratedRegex(@"\\caption\{%\r?\n(?<what>[^\n]*)\r?\n(?<settings>[^\n]*)\}\r?\n")]
    private static partial Regex CaptionLines();

    [GeneratedRegex(@"\\caption\{(?<text>[^\n]*)\}\r?\n")]
    private static partial Regex OneLineCaption();
}

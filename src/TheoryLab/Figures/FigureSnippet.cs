using System.Text;

namespace TheoryLab.Figures;

/// <summary>The LaTeX figure environment that includes a figure's PGF file, with a caption stating the run's parameters.</summary>
public static class FigureSnippet
{
    public static string Label(string experimentId, Figure figure) => $"fig:{experimentId}-{figure.Name}";

    public static string Write(string experimentId, Figure figure, string parameters)
    {
        var sb = new StringBuilder();
        sb.AppendLine($@"\begin{{figure}}[t]");
        sb.AppendLine(@"  \centering");
        sb.AppendLine($@"  \input{{{PgfWriter.Folder}/{figure.Name}.tikz}}");
        sb.AppendLine($@"  \caption{{{LatexText.From(figure.Caption)} Parameters: {LatexText.From(parameters)}.}}");
        sb.AppendLine($@"  \label{{{Label(experimentId, figure)}}}");
        sb.AppendLine($@"\end{{figure}}");
        return sb.ToString();
    }
}

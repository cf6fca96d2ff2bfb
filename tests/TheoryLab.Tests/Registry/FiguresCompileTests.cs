using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using TheoryLab.Figures;
using TheoryLab.Report;
using TheoryLab.Report.Latex;
using TheoryLab.Tests.Conformance;
using TheoryLab.Tests.Report;

namespace TheoryLab.Tests.Registry;

[Collection(QuickRunsCollection.Name)]
[Trait("Category", QuickRunsCollection.Category)]
public partial class FiguresCompileTests(QuickRuns quick)
{
    [LatexFact]
    public void EveryFigureOfEveryExperiment_CompilesAtFullAndHalfWidth_WithinThatWidth()
    {
        using var dir = new TempDirectory();
        var project = ReportProject.Create(dir.Path, "Every figure", "TheoryLab");
        var pictures = project.Add(FigureWidth.Full, quick.Runs.Select(r => r.Directory)).Runs.SelectMany(r => r.Figures).Select(f => f.Picture).ToList();
        var document = new StringBuilder();
        document.AppendLine(@"\documentclass[10pt]{article}");
        document.AppendLine(@"\usepackage{theorylab-neurips}");
        document.AppendLine(@"\usepackage{amsmath,amssymb,graphicx,pgfplots}");
        document.AppendLine(@"\pgfplotsset{compat=1.18}");
        document.AppendLine(@"\newsavebox\measured");
        document.AppendLine(@"\newcommand\measure[2]{\sbox\measured{\input{#1}}\typeout{MEASURED #2 \the\wd\measured\space of \the\linewidth}\usebox\measured\par}");
        document.AppendLine(@"\begin{document}");
        foreach (var picture in pictures)
        {
            document.AppendLine($@"\measure{{{picture}}}{{{picture}@full}}");
            document.AppendLine($@"\begin{{minipage}}{{0.49\linewidth}}\measure{{{picture}}}{{{picture}@half}}\end{{minipage}}\par");
        }
        document.AppendLine(@"\end{document}");
        string path = Path.Combine(project.Directory, "every-figure.tex");
        File.WriteAllText(path, document.ToString());

        var build = ReportBuilder.Build(path, TimeSpan.FromMinutes(20));

        Assert.True(build.Succeeded, string.Join("\n", build.Errors));
        var measured = Measured().Matches(File.ReadAllText(build.LogPath)).ToList();
        Assert.Equal(2 * pictures.Count, measured.Count);
        var tooWide = measured.Where(m => Points(m.Groups["width"].Value) > Points(m.Groups["line"].Value) + 0.5)
            .Select(m => $"{m.Groups["figure"].Value}: {m.Groups["width"].Value} in {m.Groups["line"].Value}").ToList();
        Assert.True(tooWide.Count == 0, "Wider than the line:\n" + string.Join("\n", tooWide));
    }

    private static double Points(string length) => double.Parse(length.Replace("pt", ""), CultureInfo.InvariantCulture);

    [GeneratedRegex(@"MEASURED (?<figure>\S+) (?<width>[\d.]+pt) of (?<line>[\d.]+pt)")]
    private static partial Regex Measured();
}

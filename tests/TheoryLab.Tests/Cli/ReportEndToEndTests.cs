using System.Text.RegularExpressions;
using TheoryLab.Cli;
using TheoryLab.Experiments;
using TheoryLab.Report;
using TheoryLab.Tests.Report;

namespace TheoryLab.Tests.Cli;

/// <summary>
/// The report a student hands in, made only with the CLI: three default runs of different experiments added at
/// half width, the methods paragraph, and the student's own text in place of the template's placeholders. No file
/// TheoryLab wrote is touched. The three default runs take about a minute here (edge-of-chaos 15 s,
/// momentum-conditioning 3 s, yarotsky-square 48 s), so this runs with the fast tests.
/// </summary>
public partial class ReportEndToEndTests
{
    private static readonly (string Experiment, string Figure)[] Shown =
        [("edge-of-chaos", "phase-diagram"), ("momentum-conditioning", "iterations-vs-kappa"), ("yarotsky-square", "square-error")];

    [LatexFact]
    public void ThreeDefaultRunsAtHalfWidth_TheMethodsParagraphAndAPageOfText_BuildAndPassTheCheck()
    {
        using var dir = new TempDirectory();
        foreach (var (experiment, _) in Shown)
            Assert.Equal(CliApp.Ok, CliHarness.RunWith(ExperimentRegistry.Default, "run", experiment, "--out", dir[experiment]).Code);
        Assert.Equal(CliApp.Ok, CliHarness.Run("report", "new", dir["report"], "--title", "Depth, Chaos and Conditioning", "--author", "Ada Student").Code);
        foreach (var (experiment, _) in Shown)
            Assert.Equal(CliApp.Ok, CliHarness.Run("report", "add", dir[experiment], "--width", "half", "--report", dir["report"]).Code);
        Assert.Equal(CliApp.Ok, CliHarness.Run("report", "methods", "--report", dir["report"]).Code);
        WriteTheStudentsText(ReportProject.Open(dir["report"]));

        var (buildCode, _, buildErr) = CliHarness.Run("report", "build", "--report", dir["report"]);
        Assert.True(buildCode == CliApp.Ok, buildErr);
        var (checkCode, checkOut, _) = CliHarness.Run("report", "check", dir["report"]);
        Assert.True(checkCode == CliApp.Ok, checkOut);
    }

    /// <summary>The only writing: the student's sections in place of main.tex's placeholders, citing papers the runs brought into refs.bib.</summary>
    private static void WriteTheStudentsText(ReportProject project)
    {
        string figures = string.Join("\n", Shown.Select(s => $@"\input{{figures/{s.Experiment}-{s.Figure}}}"));
        string[] sections =
        [
            @"We contrast the mean-field theory of signal propagation \citep{poole2016exponential,schoenholz2017deep} with two results on depth and " +
            @"conditioning: the approximation rates of deep ReLU networks \citep{yarotsky2017error} and the acceleration of heavy-ball momentum \citep{polyak1964some}. " +
            "The simulations repeat each at the settings of its paper.",
            @"Depth helps and hurts. Our contributions are a side-by-side measurement of three depth effects at the papers' settings, " +
            @"and a comparison of each with the rate its theory predicts, in Figures~\ref{fig:edge-of-chaos-phase-diagram}, \ref{fig:momentum-conditioning-iterations-vs-kappa} and \ref{fig:yarotsky-square-square-error}.",
            @"A random network with weight variance $\sigma_w^2$ and bias variance $\sigma_b^2$ is ordered when $\chi_1 < 1$ and chaotic when $\chi_1 > 1$; " +
            @"the correlation depth scale $\xi_c = -1/\ln c^*$ diverges at $\chi_1 = 1$. Gradient descent with heavy-ball momentum needs of order $\sqrt{\kappa}$ " +
            @"iterations on a quadratic of condition number $\kappa$, against $\kappa$ without momentum.",
            @"\citet{poole2016exponential} derived the length and correlation maps, and \citet{schoenholz2017deep} turned them into depth scales. " +
            @"\citet{yarotsky2017error} showed that depth buys an exponential rate for $x^2$, a statement about expressivity rather than propagation; " +
            @"\citet{nesterov1983method} and \citet{polyak1964some} bound the iterations of accelerated methods, where depth plays no part.",
            figures + "\n" +
            @"Figure~\ref{fig:edge-of-chaos-phase-diagram} shows where $\chi_1$ crosses one. Figure~\ref{fig:momentum-conditioning-iterations-vs-kappa} " +
            @"compares the iterations with and without momentum, and Figure~\ref{fig:yarotsky-square-square-error} the error of the deep approximants of $x^2$." +
            SampleReport.Paragraphs(3),
            "The measurements follow the three predictions at the settings of the papers. The depth scale, the number of iterations and the approximation error " +
            "each scale as their theory states, and the same seeds reproduce the same numbers.",
        ];
        int next = 0;
        File.WriteAllText(project.MainPath, Placeholder().Replace(File.ReadAllText(project.MainPath), _ => sections[next++]));
        Assert.Equal(sections.Length, next);
    }

    [GeneratedRegex(@"(?m)^\\tlplaceholder\{.*\}$")]
    private static partial Regex Placeholder();
}

using System.Text;
using System.Text.RegularExpressions;
using TheoryLab.Citations;
using TheoryLab.Report;

namespace TheoryLab.Tests.Report;

/// <summary>
/// A short report that obeys every rule: the template from <see cref="ReportProject.Create"/> with its placeholders
/// replaced by formal text citing four papers, a run's figure and a table (both referenced), and the code description
/// <see cref="MethodsWriter"/> writes. Tests append to it to break one rule at a time.
/// </summary>
public static partial class SampleReport
{
    public static readonly string[] Cited = ["poole2016exponential", "schoenholz2017deep", "pennington2017resurrecting", "glorot2010understanding"];

    public const string Abstract =
        "We study how the squared length of a signal evolves through a deep tanh network at initialisation. " +
        @"In this paper we compare the mean-field prediction of \citet{poole2016exponential} with the depth scales of \citet{schoenholz2017deep}, " +
        "and we measure both in simulations on MNIST inputs, which are novel to the best of our knowledge.";

    public const string Introduction =
        "Random initialisation decides whether a deep network can be trained at all. Mean-field theory predicts the length and correlation maps of " +
        @"wide networks \citep{poole2016exponential}, and the depth to which signals propagate \citep{schoenholz2017deep}. " +
        "Our contributions are a measurement of the length map on real inputs and a comparison with the fixed point that theory predicts.";

    public const string Theory =
        @"For a network with weight variance $\sigma_w^2$ and bias variance $\sigma_b^2$ the squared length obeys" + "\n" +
        @"\begin{equation} q^{l} = \sigma_w^2 \int \mathcal{D}z\, \phi\big(\sqrt{q^{l-1}} z\big)^2 + \sigma_b^2 , \end{equation}" + "\n" +
        "whose fixed point $q^*$ is reached geometrically fast.";

    public const string RelatedWork =
        @"\citet{glorot2010understanding} chose the variance that keeps activations and gradients of equal size across layers. " +
        @"\citet{poole2016exponential} derived the maps above, and \citet{schoenholz2017deep} turned them into depth scales that bound trainable depth. " +
        @"\citet{pennington2017resurrecting} went beyond the mean of the Jacobian's spectrum to its whole distribution.";

    public static string Experiments(string? figureInput, string? figureLabel) =>
        (figureInput is null ? "" : figureInput + "\n" + $@"Figure~\ref{{{figureLabel}}} compares the measured squared length with theory. ") +
        @"Table~\ref{tab:fixed-point} lists the fixed point of the length map, in theory and as measured." + "\n" +
        @"\begin{table}[t]" + "\n" +
        @"\centering\small" + "\n" +
        @"\caption{Fixed point of the length map.}\label{tab:fixed-point}" + "\n" +
        @"\begin{tabular}{lr}\toprule quantity & value \\ \midrule $q^*$ theory & 1.43 \\ $q^*$ measured & 1.42 \\ \bottomrule\end{tabular}" + "\n" +
        @"\end{table}";

    public const string Discussion =
        "The measured lengths follow the theory within the sampling error at every depth. The agreement on inputs drawn from a real dataset " +
        "shows that the Gaussian assumption of the mean-field derivation is not needed for the length map.";

    /// <summary>Creates the sample report in <paramref name="directory"/> from a fresh run of the test experiment.</summary>
    public static ReportProject Create(string directory, string runsRoot, bool withFigure = true, string extraDiscussion = "")
    {
        var project = ReportProject.Create(directory, "Length Maps of Deep Tanh Networks on MNIST", "Ada Student\nUniversity of Somewhere");
        var added = project.Add(TestRuns.Create(runsRoot)).Runs[0];
        MethodsWriter.WriteFile(project);
        BibFile.Merge(project.BibliographyPath, Cited.Select(Bibliography.Default.Get));
        var figure = added.Figures[0];
        string experiments = withFigure ? Experiments(figure.InputLine, figure.Label) : Experiments(null, null);
        Fill(project, [Abstract, Introduction, Theory, RelatedWork, experiments, Discussion + extraDiscussion]);
        return project;
    }

    /// <summary>Replaces the template's placeholders, in order, with <paramref name="texts"/>.</summary>
    public static void Fill(ReportProject project, IReadOnlyList<string> texts)
    {
        int next = 0;
        string main = Placeholder().Replace(File.ReadAllText(project.MainPath), _ => texts[next++]);
        File.WriteAllText(project.MainPath, main);
    }

    /// <summary>Formal, rule-abiding filler: <paramref name="paragraphs"/> paragraphs of about a hundred words.</summary>
    public static string Paragraphs(int paragraphs)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < paragraphs; i++)
            sb.Append("\n\n").Append(
                $"Paragraph {i + 1} examines the measurement in more detail. The squared length was recorded at every layer for each input, " +
                "and the mean over inputs was compared with the value that the recursion predicts for the same weight and bias variances. " +
                "The difference between the two stays below the standard error of the mean at every depth that was measured, and it does not grow with depth. " +
                "The same comparison was repeated for three seeds, and the conclusions did not change in any of them.");
        return sb.ToString();
    }

    [GeneratedRegex(@"(?m)^\\tlplaceholder\{.*\}$")]
    private static partial Regex Placeholder();
}

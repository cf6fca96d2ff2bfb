using System.Globalization;
using System.Text;
using TheoryLab.Citations;
using TheoryLab.Kernel;
using TheoryLab.Runs;

namespace TheoryLab.Report;

/// <summary>The gallery's main.tex: a section per topic, a page per experiment with its summary, findings and figures.</summary>
internal static class GalleryDocument
{
    public static string Write(ReportProject project, IReadOnlyList<(IExperiment Experiment, RunOutcome Outcome)> runs, IReadOnlyList<GalleryFailure> failures, bool quick)
    {
        var sb = new StringBuilder();
        sb.AppendLine(@"\documentclass[10pt]{article}");
        sb.AppendLine(@"\usepackage{theorylab-neurips}");
        sb.AppendLine(@"\usepackage[utf8]{inputenc}");
        sb.AppendLine(@"\usepackage{amsmath,amssymb,graphicx,subcaption,array,booktabs,longtable,xcolor,url}");
        sb.AppendLine(@"\usepackage{pgfplots}");
        sb.AppendLine(@"\pgfplotsset{compat=1.18}");
        sb.AppendLine(@"\usepackage[hidelinks]{hyperref}");
        sb.AppendLine(@"\newcommand{\tlplaceholder}[1]{}");
        sb.AppendLine($@"\title{{{LatexText.From(project.Manifest.Title)}}}");
        sb.AppendLine($@"\author{{{LatexText.From(project.Manifest.Author)}}}");
        sb.AppendLine(@"\begin{document}");
        sb.AppendLine(@"\maketitle");
        sb.AppendLine(@"\begin{abstract}");
        sb.AppendLine($"Every experiment registered in TheoryLab, run with its {(quick ? "quick options (seconds each, scaled down from the papers' settings)" : "defaults, which reproduce the papers' settings")}. " +
                      "Each page shows one phenomenon: what it is, the findings with the values theory or the paper expects, and the figures drawn from the run's tables. " +
                      Tally(runs, failures));
        sb.AppendLine(@"\end{abstract}");
        if (runs.Count == 0) sb.AppendLine(@"\section{Experiments}").AppendLine("No experiments are registered yet.");

        var byRunDirectory = project.Manifest.Runs.ToDictionary(r => r.Source, StringComparer.Ordinal);
        foreach (var topic in runs.GroupBy(r => r.Experiment.Topic).OrderBy(g => g.Key))
        {
            sb.AppendLine($@"\section{{{LatexText.From(topic.Key.Label())}}}");
            foreach (var (experiment, outcome) in topic)
                WriteExperiment(sb, project.Directory, experiment, outcome, byRunDirectory.GetValueOrDefault(outcome.Directory));
        }

        if (failures.Count > 0)
        {
            sb.AppendLine(@"\section{Experiments that failed}\label{sec:failed}");
            sb.AppendLine(@"\begin{itemize}");
            foreach (var f in failures) sb.AppendLine($@"\item {LatexText.Code(f.Experiment)}: {LatexText.From(f.Message)}");
            sb.AppendLine(@"\end{itemize}");
        }
        if (runs.Count > 0) sb.AppendLine(@"\section{Code description}").AppendLine($@"\input{{{Path.GetFileNameWithoutExtension(ReportLayout.CodeDescriptionFile)}}}");
        sb.AppendLine(@"\bibliographystyle{plainnat}");
        sb.AppendLine(@"\bibliography{refs}");
        sb.AppendLine(@"\end{document}");
        return sb.ToString();
    }

    private static void WriteExperiment(StringBuilder sb, string directory, IExperiment experiment, RunOutcome outcome, ReportRun? run)
    {
        sb.AppendLine($@"\subsection{{{LatexText.From(experiment.Title)}}}");
        sb.Append(LatexText.From(experiment.Summary));
        var papers = experiment.Papers.Where(Bibliography.Default.Contains).ToList();
        if (papers.Count > 0) sb.Append($@" Reproduces \citet{{{string.Join(",", papers)}}}.");
        sb.AppendLine($@" The run \texttt{{{LatexText.From(experiment.Id)}/{LatexText.From(outcome.Record.RunId)}}} took {CostEstimate.Humanize(TimeSpan.FromSeconds(outcome.Record.WallSeconds ?? 0))}.");
        if (GalleryBuilder.Diverged(outcome) is { } failure) sb.AppendLine($@" \textbf{{This run failed:}} {LatexText.From(failure.Message)}.");
        sb.AppendLine();
        if (outcome.Findings.Count > 0) WriteFindings(sb, outcome.Findings);
        // Inlined with "here" placement so each figure stays on its experiment's page instead of floating away.
        foreach (var figure in run?.Figures ?? [])
            sb.AppendLine(File.ReadAllText(Path.Combine(directory, figure.Snippet)).Replace(@"\begin{figure}[t]", @"\begin{figure}[!htb]"));
        sb.AppendLine(@"\clearpage");
    }

    private static void WriteFindings(StringBuilder sb, IReadOnlyList<Finding> findings)
    {
        // A longtable breaks across pages: sawtooth's 24 findings ran 529 pt off the foot of a page as a tabular.
        // Ragged columns, 0.9 of the line and 36 pt between them: justified, a narrow column cannot break a
        // long name and prints it into the value's; fixed widths keep a wide value from pushing the table past the margin.
        sb.AppendLine(@"\begingroup\small");
        sb.AppendLine(@"\begin{longtable}{@{}>{\raggedright\arraybackslash}p{0.21\linewidth}>{\raggedleft\arraybackslash}p{0.14\linewidth}>{\raggedleft\arraybackslash}p{0.14\linewidth}>{\raggedright\arraybackslash}p{0.41\linewidth}@{}}");
        sb.AppendLine(@"\toprule finding & value & expected & meaning \\ \midrule \endhead");
        sb.AppendLine(@"\bottomrule \endfoot");
        foreach (var f in findings)
        {
            string unit = f.Unit is "" or "1" ? "" : " " + LatexText.From(f.Unit);
            string expected = f.Expected is { } e ? Number(e) + unit : "--";
            string source = f.ExpectedSource is { } s ? $" (expected: {Source(s)})" : "";
            string value = f.WhyNoValue is { } why ? LatexText.From(why) : Number(f.Value) + unit;
            sb.AppendLine($@"{LatexText.Code(f.Name)} & {value} & {expected} & {LatexText.From(f.Meaning)}{source} \\");
        }
        sb.AppendLine(@"\end{longtable}");
        sb.AppendLine(@"\endgroup");
    }

    private static string Source(string source) => GallerySources.Latex(source);

    /// <summary>How many experiments gave a result and how many failed, in words; a run whose training diverged counts as failed.</summary>
    private static string Tally(IReadOnlyList<(IExperiment Experiment, RunOutcome Outcome)> runs, IReadOnlyList<GalleryFailure> failures)
    {
        var ran = runs.Select(r => r.Experiment.Id).ToHashSet();
        int total = runs.Count + failures.Count(f => !ran.Contains(f.Experiment));
        return failures.Count == 0
            ? $"All {total} experiments ran to a result."
            : $"Of the {total} experiments, {failures.Count} failed or diverged (Section~\\ref{{sec:failed}} lists them) and {total - failures.Count} ran to a result.";
    }

    private static string Number(double value)
    {
        string text = value.ToString("G4", CultureInfo.InvariantCulture);
        int e = text.IndexOf('E');
        return e < 0 ? $"${text}$" : $@"${text[..e]}\times 10^{{{int.Parse(text[(e + 1)..], CultureInfo.InvariantCulture)}}}$";
    }
}

using System.Globalization;
using System.Text;
using TheoryLab.Citations;
using TheoryLab.Data;
using TheoryLab.Kernel;
using TheoryLab.Runs;

namespace TheoryLab.Report;

/// <summary>
/// Writes the report's code description from the runs it uses (their run.json): library and versions,
/// experiments with their non-default options and seeds, datasets, hardware and time. One paragraph, citing
/// every paper, dataset and software the runs used, short enough for the one-page limit.
/// </summary>
public static class MethodsWriter
{
    /// <summary>Runs beyond this many experiments are listed without their options, to keep the paragraph short.</summary>
    public const int ExperimentsWithOptions = 6;

    /// <summary>Writes code-description.tex for the report's runs; returns its path.</summary>
    public static string WriteFile(ReportProject project)
    {
        string path = Path.Combine(project.Directory, ReportLayout.CodeDescriptionFile);
        AtomicFile.WriteAllText(path, "% Written by 'theorylab report methods' from the runs in report.json; edit freely.\n" + Write(project.RunRecords()) + "\n");
        return path;
    }

    /// <summary>The code-description paragraph, in LaTeX, for <paramref name="runs"/>.</summary>
    public static string Write(IReadOnlyList<RunRecord> runs)
    {
        if (runs.Count == 0)
            throw new TheoryLabException("the report uses no runs yet, so there is no code to describe; add runs with 'theorylab report add <run-dir>'.");
        var sb = new StringBuilder();
        sb.Append(Software(runs)).Append(' ');
        var byExperiment = runs.GroupBy(r => r.Experiment).ToList();
        foreach (var (group, index) in byExperiment.Select((g, i) => (g, i)))
            sb.Append(Experiment(group.ToList(), withOptions: index < ExperimentsWithOptions)).Append(' ');
        var datasets = Datasets.CitedIn(runs.SelectMany(r => r.Options.Values));
        if (datasets.Count > 0)
            sb.Append("Data: ").Append(string.Join(", ", datasets.Select(d => $@"{LatexText.From(d.Title)}~\citep{{{string.Join(",", d.Keys)}}}"))).Append(". ");
        sb.Append(Hardware(runs)).Append(' ');
        sb.Append(@"Each run directory records the options, seed, software versions and machine in its \texttt{run.json}; the same options and seed reproduce the same numbers on a CPU.");
        return sb.ToString();
    }

    private static string Software(IReadOnlyList<RunRecord> runs)
    {
        var p = runs.Select(r => r.Provenance).ToList();
        string theoryLab = Versions(p.Select(x => x.TheoryLabVersion));
        var commits = p.Select(x => x.GitCommit).OfType<string>().Distinct().Select(c => c.Length > 7 ? c[..7] : c).ToList();
        string commit = commits.Count == 0 ? "" : $@" (commit \texttt{{{string.Join(", ", commits.Select(LatexText.From))}}})";
        var libtorch = p.Select(x => x.Libtorch).Where(v => !v.StartsWith("unavailable", StringComparison.Ordinal)).ToList();
        string torch = libtorch.Count == 0 ? "libtorch" : $"libtorch~{Versions(libtorch)}";
        return $@"All simulations were run with TheoryLab~{theoryLab}~\citep{{theorylab}}{commit}, a C\# library on {Versions(p.Select(x => x.DotNet))}, " +
               $@"using TorchSharp~{Versions(p.Select(x => x.TorchSharp))}~\citep{{torchsharp}} over {torch}, the C++ core of PyTorch~\citep{{paszke2019pytorch}}.";
    }

    private static string Experiment(IReadOnlyList<RunRecord> runs, bool withOptions)
    {
        var first = runs[0];
        var sb = new StringBuilder();
        sb.Append($@"\emph{{{LatexText.From(first.Title)}}} (\texttt{{{LatexText.From(first.Experiment)}}})");
        var papers = first.Papers.Where(Bibliography.Default.Contains).ToList();
        if (papers.Count > 0) sb.Append($@" reproduces \citet{{{string.Join(",", papers)}}};");
        sb.Append(runs.Count == 1 ? " one run" : $" {runs.Count} runs");
        if (withOptions)
        {
            var settings = runs.Select(Settings).Distinct().ToList();
            sb.Append(settings.Count == 1 ? $" with {settings[0]}" : " with " + string.Join("; ", settings));
        }
        var seeds = runs.Select(r => r.Seed).Distinct().Order().ToList();
        sb.Append(seeds.Count == 1 ? $", seed {seeds[0]}." : $", seeds {string.Join(", ", seeds)}.");
        return sb.ToString();
    }

    /// <summary>
    /// "the paper's settings except TheoryLab's quick reductions (…) and our change …": an option at its quick value
    /// is TheoryLab's reduction, any other that differs from the paper's is the user's change.
    /// </summary>
    private static string Settings(RunRecord run)
    {
        var quick = run.QuickReductions ?? new Dictionary<string, string>();
        var options = run.NonDefaultOptions.OrderBy(o => o.Key, StringComparer.Ordinal).ToList();
        var reduced = options.Where(o => quick.TryGetValue(o.Key, out var value) && value == o.Value).ToList();
        var changed = options.Except(reduced).ToList();
        var exceptions = new List<string>();
        if (reduced.Count > 0) exceptions.Add($"TheoryLab's quick reductions ({string.Join(", ", reduced.Select(Assignment))})");
        if (changed.Count > 0) exceptions.Add((changed.Count == 1 ? "our change " : "our changes ") + RunSettings.Join(changed.Select(Assignment).ToList()));
        return exceptions.Count == 0 ? "the paper's settings" : "the paper's settings except " + string.Join(" and ", exceptions);
    }

    private static string Assignment(KeyValuePair<string, string> option) =>
        $@"\texttt{{{LatexText.From(option.Key)}}}~=~{RunSettings.Value(option.Value)}";

    private static string Hardware(IReadOnlyList<RunRecord> runs)
    {
        var devices = runs.Select(r => r.Device.Equals("cpu", StringComparison.OrdinalIgnoreCase) ? "the CPU" : $"a {r.Device.ToUpperInvariant()} GPU").Distinct().ToList();
        var machines = runs.Select(r => $"{r.Provenance.Cpu}, {r.Provenance.Cores} cores, {r.Provenance.Os}").Distinct().ToList();
        double seconds = runs.Sum(r => r.WallSeconds ?? 0);
        string time = CostEstimate.Humanize(TimeSpan.FromSeconds(seconds));
        return $"The runs used {string.Join(" and ", devices)} ({LatexText.From(string.Join("; ", machines))}) and took {LatexText.From(time)} in all.";
    }

    private static string Versions(IEnumerable<string> versions) =>
        LatexText.From(string.Join(", ", versions.Distinct().Select(v => v.ToString(CultureInfo.InvariantCulture))));
}

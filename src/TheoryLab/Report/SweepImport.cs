using TheoryLab.Data;
using TheoryLab.Experiments;
using TheoryLab.Figures;
using TheoryLab.Runs;
using TheoryLab.Sweeps;

namespace TheoryLab.Report;

/// <summary>
/// Copies a sweep into a report as <see cref="RunImport"/> copies a run: its aggregated figures, whose captions
/// state the grid and the seeds; its study file and tables into the report's copy; the citations of its experiment.
/// </summary>
internal static class SweepImport
{
    /// <summary>True when <paramref name="directory"/> is a sweep's directory (it holds study.json), not a run's.</summary>
    public static bool IsSweep(string directory) => File.Exists(SweepLayout.StudyPath(Path.GetFullPath(directory)));

    public static (ReportRun Run, AddedRun Result) Import(ReportProject project, string sweepDirectory, FigureWidth width)
    {
        string source = Path.GetFullPath(sweepDirectory);
        var study = StudyFile.Read(SweepLayout.StudyPath(source));
        string tables = Path.Combine(source, SweepLayout.TablesFolder);
        if (!Directory.Exists(tables) || Directory.GetFiles(tables, "*.csv").Length == 0)
            throw new TheoryLabException($"{source} has no tables yet; write them with 'theorylab sweep collect --study {SweepLayout.StudyPath(source)}' and add the sweep again.");
        // The sweep's directory is <root>/<experiment>/sweeps/<hash>, beside the runs it aggregates.
        string root = Path.GetFullPath(Path.Combine(source, "..", "..", ".."));
        var plan = SweepPlan.For(study, ExperimentRegistry.Default.Get(study.Experiment), root, DataStore.Default);
        // Every run of a sweep is of one experiment, so any complete one says what the sweep must cite.
        var cited = plan.Runs.FirstOrDefault(r => r.Done)
            ?? throw new TheoryLabException($"none of the runs of the sweep in {source} is complete under {root}; run the sweep first.");

        string runId = $"sweep-{study.Hash}";
        var previous = project.Manifest.Runs.FirstOrDefault(r => r.Experiment == study.Experiment && r.RunId == runId);
        string prefix = previous?.Prefix ?? $"{study.Experiment}-{runId}";
        if (previous is not null) RunImport.RemoveFiles(project.Directory, previous);

        var figures = RunImport.CopyFigures(project.Directory, source, prefix, width);
        // The study file and the finding tables, into the report's runs/<prefix>/, where a run's run.json and tables go.
        RunImport.CopyRecords(project.Directory, source, prefix, [SweepLayout.StudyFileName], SweepLayout.TablesFolder);
        var (citations, merge) = RunImport.MergeCitations(project, RunRecord.TryRead(cited.Directory)!, cited.Directory);
        var run = new ReportRun(prefix, study.Experiment, runId, source, DateTimeOffset.Now, figures, citations.All) { Sweep = true };
        return (run, new AddedRun(prefix, study.Experiment, runId, figures, merge.Added, merge.Conflicting, previous is not null));
    }
}

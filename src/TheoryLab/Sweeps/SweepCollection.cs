using TheoryLab.Figures;
using TheoryLab.Runs;

namespace TheoryLab.Sweeps;

/// <summary>
/// Writes a sweep's directory: its study file, a CSV table per finding over the completed runs, and the figures
/// of those tables (PNG, PGF/TikZ and a LaTeX snippet, as a run writes them). Runs that are not complete are left out
/// of the numbers and counted in each table's "completed" column.
/// </summary>
public static class SweepCollection
{
    /// <summary>What was written: how many runs the numbers come from, and how many tables and figures.</summary>
    public sealed record Written(string Directory, int CompleteRuns, int Tables, int Figures);

    /// <summary>Writes study.json into the sweep's directory, so that an interrupted sweep can be collected or resumed from it.</summary>
    public static void WriteStudy(SweepPlan plan)
    {
        System.IO.Directory.CreateDirectory(plan.Directory);
        AtomicFile.WriteAllText(SweepLayout.StudyPath(plan.Directory), StudyFile.Write(plan.Study));
    }

    public static Written Write(SweepPlan plan)
    {
        var complete = plan.Runs.Where(r => r.Done).ToList();
        if (complete.Count == 0)
            throw new TheoryLabException($"none of the {plan.Runs.Count} runs of this sweep is complete; run it with 'theorylab sweep' first.");
        var findings = complete.ToDictionary(r => r.Directory, r => FindingsFile.Read(Path.Combine(r.Directory, RunLayout.FindingsFile)));
        var tables = SweepTables.Build(plan, findings);
        var figures = SweepFigures.Build(plan, tables, findings.Values.SelectMany(f => f).DistinctBy(f => f.Name).ToDictionary(f => f.Name));

        WriteStudy(plan);
        string directory = plan.Directory;
        if (figures.Count > 0) System.IO.Directory.CreateDirectory(Path.Combine(directory, SweepLayout.FiguresFolder));
        string settings = Settings(plan);
        foreach (var (figure, figureTables) in figures)
        {
            PngRenderer.Save(figure, figureTables, SweepLayout.FigurePath(directory, figure.Name, ".png"));
            var picture = PgfWriter.Write(figure, figureTables);
            AtomicFile.WriteAllText(SweepLayout.FigurePath(directory, figure.Name, ".tikz"), picture.Text);
            foreach (var image in picture.Images) AtomicFile.WriteAllBytes(Path.Combine(directory, SweepLayout.FiguresFolder, image.FileName), image.Png);
            AtomicFile.WriteAllText(SweepLayout.FigurePath(directory, figure.Name, ".tex"), FigureSnippet.Write(plan.Experiment.Id, figure, settings));
        }
        // The tables come last: where they are current, so are the figures drawn before them (IsCurrent).
        System.IO.Directory.CreateDirectory(Path.Combine(directory, SweepLayout.TablesFolder));
        foreach (var table in tables) AtomicFile.WriteAllText(SweepLayout.TablePath(directory, table.Name), table.ToCsv());
        return new Written(directory, complete.Count, tables.Count, figures.Count);
    }

    /// <summary>
    /// Whether the tables in the sweep's directory were written from the runs complete now: from as many runs (their
    /// "completed" column), none of whose findings is newer than the tables. A sweep that ran nothing then leaves them.
    /// </summary>
    public static bool IsCurrent(SweepPlan plan)
    {
        string folder = Path.Combine(plan.Directory, SweepLayout.TablesFolder);
        var tables = System.IO.Directory.Exists(folder) ? System.IO.Directory.GetFiles(folder, "*.csv") : [];
        if (tables.Length == 0) return false;
        var written = tables.Min(File.GetLastWriteTimeUtc);
        var complete = plan.Runs.Where(r => r.Done).ToList();
        return complete.All(r => File.GetLastWriteTimeUtc(Path.Combine(r.Directory, RunLayout.FindingsFile)) <= written)
            && CompletedRuns(tables[0]) == complete.Count;
    }

    /// <summary>The sum of a finding table's "completed" column. Its grid values hold no commas: a list's items are split at them.</summary>
    private static int CompletedRuns(string table)
    {
        var lines = File.ReadAllLines(table);
        int column = Array.IndexOf(lines[0].Split(','), SweepTables.Completed);
        return lines.Skip(1).Sum(line => (int)double.Parse(line.Split(',')[column], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The caption's closing sentence: the experiment, the grid and the seeds, in LaTeX.</summary>
    public static string Settings(SweepPlan plan)
    {
        var study = plan.Study;
        string grid = RunSettings.Join(study.Grid.Select(a => $@"\texttt{{{LatexText.From(a.Option)}}}~=~{RunSettings.Value(string.Join(",", a.Values))}").ToList());
        string start = study.Quick ? "TheoryLab's quick settings" : "the paper's settings";
        string set = study.Set.Count == 0 ? "" : " except " + RunSettings.Join(study.Set.Select(s => $@"\texttt{{{LatexText.From(s.Key)}}}~=~{RunSettings.Value(s.Value)}").ToList());
        return $@"Sweep of \texttt{{{LatexText.From(study.Experiment)}}} from {start}{set} over {grid}; seeds {RunSettings.Join(study.Seeds.Select(s => s.ToString()).ToList())}.";
    }
}

namespace TheoryLab.Runs;

/// <summary>The files of a run directory.</summary>
public static class RunLayout
{
    public const string RecordFile = "run.json";
    public const string FindingsFile = "findings.json";
    public const string BibliographyFile = "refs.bib";
    public const string TablesFolder = "tables";
    public const string FiguresFolder = "figures";

    /// <summary>Default root of run directories, relative to the working directory.</summary>
    public const string DefaultRoot = "runs";

    public static string TablePath(string runDirectory, string table) => Path.Combine(runDirectory, TablesFolder, table + ".csv");
    public static string FigurePath(string runDirectory, string figure, string extension) => Path.Combine(runDirectory, FiguresFolder, figure + extension);
}

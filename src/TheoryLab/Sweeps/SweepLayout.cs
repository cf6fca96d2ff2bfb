namespace TheoryLab.Sweeps;

/// <summary>The files of a sweep's directory, beside the runs of its experiment: runs/&lt;experiment&gt;/sweeps/&lt;hash of the study&gt;/.</summary>
public static class SweepLayout
{
    public const string StudyFileName = "study.json";
    public const string TablesFolder = "tables";
    public const string FiguresFolder = "figures";

    public static string Directory(string root, Study study) => Path.GetFullPath(Path.Combine(root, study.Experiment, "sweeps", study.Hash));
    public static string StudyPath(string sweepDirectory) => Path.Combine(sweepDirectory, StudyFileName);
    public static string TablePath(string sweepDirectory, string table) => Path.Combine(sweepDirectory, TablesFolder, table + ".csv");
    public static string FigurePath(string sweepDirectory, string figure, string extension) => Path.Combine(sweepDirectory, FiguresFolder, figure + extension);
}

using TheoryLab.Citations;

namespace TheoryLab.Report;

/// <summary>Writes TheoryLab's bibliography (every course paper, dataset and software entry) where a user can copy entries from it.</summary>
public static class CourseBibliography
{
    /// <summary>The first line of every file written here: BibTeX skips it, and it tells this file from the user's own.</summary>
    public const string Header = "% TheoryLab's bibliography, written by 'theorylab report export-bib'; copy the entries you cite into refs.bib.";

    public const string DefaultFileName = "references.bib";

    /// <summary>
    /// Writes the bibliography to <paramref name="path"/> (a directory gets references.bib inside it); returns the file's
    /// full path. A file there that this did not write is never overwritten.
    /// </summary>
    public static string Export(string path)
    {
        string file = Path.GetFullPath(Directory.Exists(path) ? Path.Combine(path, DefaultFileName) : path);
        if (File.Exists(file) && !File.ReadLines(file).Take(1).SequenceEqual([Header]))
            throw new TheoryLabException($"{file} already exists and was not written by 'theorylab report export-bib', which never overwrites such a file; name another path.");
        string? folder = Path.GetDirectoryName(file);
        if (folder is not null && !Directory.Exists(folder))
            throw new TheoryLabException($"there is no directory {folder} to write {Path.GetFileName(file)} into; create it or name another path.");
        AtomicFile.WriteAllText(file, Header + "\n\n" + Bibliography.DefaultText);
        return file;
    }
}

using System.Text.RegularExpressions;
using TheoryLab.Citations;
using TheoryLab.Data;

namespace TheoryLab.Report.Checks;

/// <summary>Tells research papers from books, software and datasets, and original research from reviews.</summary>
internal static partial class ReferenceKinds
{
    private static readonly HashSet<string> NotResearch = [.. Bibliography.AlwaysCited, .. Datasets.CitationKeys];

    /// <summary>A journal article or conference paper (an arXiv preprint included), not a dataset or software citation.</summary>
    public static bool IsResearchPaper(BibEntry entry) =>
        entry.Type is "article" or "inproceedings" or "conference" or "incollection" && !NotResearch.Contains(entry.Key);

    /// <summary>A review, survey or tutorial, judged by its title or venue.</summary>
    public static bool IsReview(BibEntry entry) =>
        ReviewTitle().IsMatch(Field(entry, "title")) || ReviewVenue().IsMatch(Field(entry, "journal") + " " + Field(entry, "booktitle"));

    public static bool IsOriginalResearch(BibEntry entry) => IsResearchPaper(entry) && !IsReview(entry);

    private static string Field(BibEntry entry, string name) => entry.Fields.TryGetValue(name, out var value) ? value : "";

    [GeneratedRegex(@"\b(review|survey|overview|tutorial|primer|lecture notes|introduction to)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ReviewTitle();

    [GeneratedRegex(@"SIAM Review|Annual Review|Nature Reviews|Reviews of Modern Physics|Foundations and Trends|Computing Surveys|Acta Numerica", RegexOptions.IgnoreCase)]
    private static partial Regex ReviewVenue();
}

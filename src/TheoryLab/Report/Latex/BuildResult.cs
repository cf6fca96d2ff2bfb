namespace TheoryLab.Report.Latex;

/// <summary>The outcome of compiling a report: the PDF when it succeeded, LaTeX's errors and warnings as file:line + message.</summary>
/// <param name="PdfPath">The PDF, or null when the build failed.</param>
/// <param name="LogPath">LaTeX's full log, for what the summary leaves out.</param>
public sealed record BuildResult(bool Succeeded, string? PdfPath, IReadOnlyList<LatexMessage> Errors, IReadOnlyList<LatexMessage> Warnings, TimeSpan Elapsed, string LogPath);

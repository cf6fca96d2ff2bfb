namespace TheoryLab.Report;

/// <summary>The files a new report starts from, embedded in the assembly (Report/Templates/).</summary>
internal static class ReportTemplates
{
    /// <summary>The style file that reproduces the NeurIPS proceedings page.</summary>
    public static string Style => Read(ReportLayout.StyleFile);

    /// <summary>main.tex with the report's sections; <paramref name="title"/> and <paramref name="author"/> are LaTeX already.</summary>
    public static string Main(string title, string author) =>
        Read(ReportLayout.MainFile).Replace("{{TITLE}}", title).Replace("{{AUTHOR}}", author);

    private static string Read(string name)
    {
        using var stream = typeof(ReportTemplates).Assembly.GetManifestResourceStream("TheoryLab.Report.Templates." + name)
            ?? throw new InvalidOperationException($"the report template {name} is missing from the TheoryLab assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

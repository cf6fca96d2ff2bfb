namespace TheoryLab.Web.Tests;

/// <summary>A test that drives Debian's chromium; it skips, saying how to install it, where the browser is missing.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    /// <summary>Debian's package installs the browser here; Playwright is pointed at it since nothing can be downloaded.</summary>
    public const string Chromium = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(Chromium)) Skip = $"{Chromium} is not installed: 'apt-get install chromium' (.ci/run installs it) to run the browser tests.";
    }
}

using Microsoft.Playwright;
using Xunit.Abstractions;

namespace TheoryLab.Web.Tests;

/// <summary>
/// The explorer in headless chromium, as a student uses it: the printed URL opened, a slider moved, a quick run
/// launched, the runs listed and two compared, a report built from a run. Each step leaves a screenshot in <see cref="Screenshots"/>.
/// </summary>
public class BrowserTests(ITestOutputHelper output)
{
    /// <summary>Where the screenshots go: $THEORYLAB_SCREENSHOTS, else theorylab-screenshots in the temporary directory.</summary>
    public static string Screenshots => Environment.GetEnvironmentVariable("THEORYLAB_SCREENSHOTS") ?? Path.Combine(Path.GetTempPath(), "theorylab-screenshots");

    [ChromiumFact]
    public async Task MovingTheBiasSlider_RedrawsThePhaseDiagram()
    {
        await using var server = await RunningExplorer.StartAsync();
        await using var browser = await Browser.OpenAsync(server);
        var page = browser.Page;
        await page.WaitForFunctionAsync("() => document.getElementById('phase').dataset.sigmaB2Max === '2' && document.getElementById('depth').dataset.sigmaB2 === '0.05'");
        string before = await page.EvalOnSelectorAsync<string>("#phase", "canvas => canvas.toDataURL()");
        string? edgeBefore = await page.GetAttributeAsync("#phase", "data-critical-at-top");
        await Shoot(page, "1-theory-page.png");

        // A keyboard move of the slider, as a user makes it: End takes it to its largest value, 10.
        await page.Locator("#sigma-b2-max").PressAsync("End");
        await page.WaitForFunctionAsync("() => document.getElementById('phase').dataset.sigmaB2Max === '10'");
        string after = await page.EvalOnSelectorAsync<string>("#phase", "canvas => canvas.toDataURL()");
        string? edgeAfter = await page.GetAttributeAsync("#phase", "data-critical-at-top");
        await Shoot(page, "2-slider-moved.png");

        Assert.NotEqual(before, after);
        Assert.NotEqual(edgeBefore, edgeAfter);
    }

    [ChromiumFact]
    public async Task MovingTheConstructionSliders_RedrawsTheJacobianYarotskyAndMomentumFigures()
    {
        await using var server = await RunningExplorer.StartAsync();
        await using var browser = await Browser.OpenAsync(server);
        var page = browser.Page;
        await page.WaitForFunctionAsync("() => ['jacobian-status', 'yarotsky-status', 'momentum-status'].every(id => document.getElementById(id).textContent.length > 0)");
        var canvases = new[] { "#jacobian-moments", "#jacobian-density", "#yarotsky", "#yarotsky-error", "#momentum" };
        var before = new List<string>();
        foreach (var canvas in canvases) before.Add(await page.EvalOnSelectorAsync<string>(canvas, "canvas => canvas.toDataURL()"));
        Assert.Contains("L = 128", await page.TextContentAsync("#jacobian-status"));
        Assert.Contains("f_2: 4 linear pieces", await page.TextContentAsync("#yarotsky-status"));
        Assert.Contains("At κ = 100", await page.TextContentAsync("#momentum-status"));
        await page.Locator("#jacobian-depth").ScrollIntoViewIfNeededAsync();
        await Shoot(page, "12-live-constructions.png");

        // Keyboard moves, as a user makes them: L from 2⁷ to 2⁸, m from 2 to 12 (End), κ from 10² to 10⁸ (End).
        await page.Locator("#jacobian-depth").PressAsync("ArrowRight");
        await page.Locator("#yarotsky-m").PressAsync("End");
        await page.Locator("#momentum-kappa").PressAsync("End");
        await page.WaitForFunctionAsync("() => document.getElementById('jacobian-density').dataset.depth === '256' && " +
            "document.getElementById('yarotsky').dataset.m === '12' && Number(document.getElementById('momentum').dataset.kappa) === 1e8");
        for (int i = 0; i < canvases.Length; i++)
            Assert.NotEqual(before[i], await page.EvalOnSelectorAsync<string>(canvases[i], "canvas => canvas.toDataURL()"));
        Assert.Contains("L = 256", await page.TextContentAsync("#jacobian-status"));
        Assert.Contains("f_12: 4096 linear pieces", await page.TextContentAsync("#yarotsky-status"));
        await Shoot(page, "13-live-constructions-moved.png");
    }

    [ChromiumFact]
    public async Task AQuickRun_ShowsItsFindings_ThenTwoRunsAreCompared()
    {
        await using var server = await RunningExplorer.StartAsync();
        await using var browser = await Browser.OpenAsync(server);
        var page = browser.Page;
        await page.ClickAsync("nav button[data-page=experiments]");
        await page.SelectOptionAsync("#experiment", "sawtooth");
        // The shallow networks' training would take the quick run from seconds to a minute.
        await page.Locator("#options input[name=train_steps]").FillAsync("0");
        await page.ClickAsync("#launch");
        await WaitForFindings(page, "--set train_steps=0 --seed");
        await Shoot(page, "3-quick-run-findings.png");
        Assert.True(await page.Locator("#findings tbody tr").CountAsync() > 0);
        Assert.True(await page.EvalOnSelectorAllAsync<bool>("#run-figures img", "images => images.length > 0 && images.every(i => i.naturalWidth > 0)"));

        await page.Locator("#options input[name=depth]").FillAsync("3");
        await page.ClickAsync("#launch");
        await WaitForFindings(page, "--set depth=3");

        await page.ClickAsync("nav button[data-page=runs]");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#runs-table tbody tr').length === 2");
        await Shoot(page, "4-runs-index.png");

        foreach (var tick in await page.Locator("#runs-table tbody input[type=checkbox]").AllAsync()) await tick.CheckAsync();
        await page.ClickAsync("#runs-compare");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#comparison tbody tr').length > 0");
        await Shoot(page, "5-two-runs-compared.png");
        var differing = await page.Locator("#comparison tbody tr.differs td:nth-child(2)").AllTextContentsAsync();
        Assert.Contains("option depth", differing);

        // The same run as A and B: every option and finding shown, none differing.
        await page.SelectOptionAsync("#compare-b", await page.InputValueAsync("#compare-a"));
        await page.ClickAsync("#compare-go");
        await page.WaitForFunctionAsync("() => document.getElementById('compare-summary').textContent.startsWith('A and B are the same run')");
        await Shoot(page, "5b-one-run-compared-with-itself.png");
        Assert.Equal(0, await page.Locator("#comparison tbody tr.differs").CountAsync());
        Assert.True(await page.Locator("#comparison tbody tr", new() { HasText = "finding linear_pieces" }).CountAsync() == 1);
        Assert.Equal(0, await page.Locator("#overlay canvas").CountAsync());
    }

    [ChromiumFact]
    public async Task AReport_IsCreatedGivenARunBuiltAndChecked_WithItsPdfInThePage()
    {
        await using var server = await RunningExplorer.StartAsync();
        await using var browser = await Browser.OpenAsync(server);
        var page = browser.Page;
        await page.ClickAsync("nav button[data-page=report]");
        await page.Locator("#report-title").FillAsync("Depth separation in the sawtooth");
        await page.Locator("#report-author").FillAsync("Ada Student");
        await page.ClickAsync("#report-create");
        await page.WaitForFunctionAsync("() => document.getElementById('report-heading').textContent.includes('Depth separation')");
        await Shoot(page, "6-report-created.png");

        await page.ClickAsync("nav button[data-page=experiments]");
        await page.SelectOptionAsync("#experiment", "sawtooth");
        await page.Locator("#options input[name=train_steps]").FillAsync("0");
        await page.ClickAsync("#launch");
        await WaitForFindings(page, "--set train_steps=0 --seed");
        await page.ClickAsync("#run-add-to-report");
        await page.WaitForFunctionAsync("() => document.getElementById('run-report-status').textContent.startsWith('added as sawtooth')");
        await Shoot(page, "7-run-added-to-report.png");

        await page.ClickAsync("nav button[data-page=report]");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#report-figures tbody tr').length > 0");
        int figures = Directory.EnumerateFiles(Path.Combine(server.Report, "figures"), "sawtooth-*.tikz").Count();
        Assert.Equal(figures, await page.Locator("#report-figures tbody tr").CountAsync());
        Assert.True(await page.EvalOnSelectorAllAsync<bool>("#report-figures img", "images => images.length > 0 && images.every(i => i.complete && i.naturalWidth > 0)"));

        await page.ClickAsync("#report-build");
        await page.WaitForFunctionAsync("() => ['succeeded', 'failed'].includes(document.getElementById('report-build-state').dataset.state)");
        Assert.Equal("succeeded", await page.GetAttributeAsync("#report-build-state", "data-state"));
        await page.WaitForFunctionAsync("() => !document.getElementById('report-pdf').hidden && document.getElementById('report-pdf').src.includes('main.pdf')");
        await page.ClickAsync("#report-check");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#report-rules tbody tr').length > 0");
        await Shoot(page, "8-report-built-and-checked.png");
        // Chromium's PDF viewer draws only the pages in view: the frame is brought into view before its screenshot.
        await page.Locator("#report-pdf").ScrollIntoViewIfNeededAsync();
        await page.WaitForTimeoutAsync(3000);
        await Shoot(page, "9-report-pdf.png", fullPage: false);

        // The template's placeholders are still there, so a hard rule fails, at a line of main.tex; the page rules measured the PDF.
        var verdicts = await page.Locator("#report-rules tbody tr td:nth-child(2)").AllTextContentsAsync();
        Assert.Contains("FAIL", verdicts);
        Assert.Contains("pass", verdicts);
        Assert.Contains("main.tex:", string.Join(' ', await page.Locator("#report-rules tbody tr td:nth-child(4)").AllTextContentsAsync()));
        Assert.Contains("pass", await page.Locator("#report-rules tbody tr", new() { HasText = "total-pages" }).Locator("td:nth-child(2)").TextContentAsync());
        string pdf = await page.EvaluateAsync<string>("async () => { const r = await fetch(document.getElementById('report-pdf').src); return `${r.status} ${r.headers.get('content-type')} ${(await r.text()).slice(0, 5)}`; }");
        Assert.Equal("200 application/pdf %PDF-", pdf);
    }

    [ChromiumFact]
    public async Task ThreeRunsCurves_AreOverlaid_OneColourPerRun()
    {
        await using var server = await RunningExplorer.StartAsync();
        foreach (int depth in new[] { 3, 4, 5 }) server.QuickRun($"d{depth}", $"depth={depth}");
        await using var browser = await Browser.OpenAsync(server);
        var page = browser.Page;
        await page.ClickAsync("nav button[data-page=runs]");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#runs-table tbody tr').length === 3");
        foreach (var tick in await page.Locator("#runs-table tbody input[type=checkbox]").AllAsync()) await tick.CheckAsync();
        await page.ClickAsync("#runs-overlay");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#overlay canvas').length > 0 && document.querySelectorAll('#comparison tbody tr').length > 0");
        await Shoot(page, "10-three-runs-overlaid.png");
        // Above the curves, the first two ticked runs compared, never a run with itself.
        Assert.NotEqual(await page.InputValueAsync("#compare-a"), await page.InputValueAsync("#compare-b"));
        Assert.Contains("option depth", await page.Locator("#comparison tbody tr.differs td:nth-child(2)").AllTextContentsAsync());

        Assert.Contains("depth=3", await page.TextContentAsync("#overlay-summary"));
        foreach (var figure in new[] { "sawtooth-fits", "pieces-vs-depth", "error-vs-width" })
            Assert.Equal("3", await page.GetAttributeAsync($"#overlay canvas[data-figure={figure}]", "data-runs"));
        // Drawn, not blank: each canvas differs from an empty one of its size.
        Assert.True(await page.EvalOnSelectorAllAsync<bool>("#overlay canvas", "canvases => canvases.every(c => { " +
            "const blank = document.createElement('canvas'); blank.width = c.width; blank.height = c.height; return c.toDataURL() !== blank.toDataURL(); })"));

        // With no report in the report directory, "Add to report" in the runs table answers with 'report add''s line.
        await page.ClickAsync("nav button[data-page=runs]");
        await page.Locator("#runs-table button.add-to-report").First.ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('#runs-table td span').textContent.includes('is not a TheoryLab report')");
    }

    [ChromiumFact]
    public async Task ASweepLaunchedFromThePage_StreamsItsRuns_AndShowsItsFigures()
    {
        await using var server = await RunningExplorer.StartAsync();
        await using var browser = await Browser.OpenAsync(server);
        var page = browser.Page;
        await page.ClickAsync("nav button[data-page=experiments]");
        await page.SelectOptionAsync("#experiment", "sawtooth");
        await page.Locator("#options input[name=train_steps]").FillAsync("0");
        await page.SelectOptionAsync("#sweep-option", "depth");
        await page.Locator("#sweep-values").FillAsync("2,3,4");
        await page.ClickAsync("#sweep-launch");
        await page.WaitForFunctionAsync("() => document.getElementById('progress').textContent.includes('completed.') && document.querySelectorAll('#run-figures img').length > 0");
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('#run-figures img')].every(i => i.complete && i.naturalWidth > 0)");
        await Shoot(page, "11-sweep-launched.png");
        Assert.True(await page.IsVisibleAsync("#findings-heading"));
        Assert.Equal("grid point", await page.TextContentAsync("#findings thead th:nth-child(2)"));
        Assert.Equal(3, await page.Locator("#findings tbody tr", new() { HasText = "linear_pieces" }).CountAsync());
        Assert.True(await page.IsVisibleAsync("#run-add-to-report"));
        string progress = await page.TextContentAsync("#progress") ?? "";
        Assert.Contains("theorylab sweep sawtooth --quick --grid depth=2,3,4 --set train_steps=0 --seeds 1 --parallel 1", progress);
        Assert.Contains("(3 runs, 3 to run)", progress);
    }

    /// <summary>Waits for the run whose command line includes <paramref name="command"/> to complete and its findings to show.</summary>
    private static Task WaitForFindings(IPage page, string command) =>
        page.WaitForFunctionAsync("command => { const p = document.getElementById('progress').textContent; " +
            "return p.includes(command) && p.includes('completed.') && document.querySelectorAll('#findings tbody tr').length > 0; }", command);

    private async Task Shoot(IPage page, string name, bool fullPage = true)
    {
        Directory.CreateDirectory(Screenshots);
        string path = Path.Combine(Screenshots, name);
        await page.ScreenshotAsync(new() { Path = path, FullPage = fullPage });
        output.WriteLine($"screenshot: {path}");
        Console.WriteLine($"screenshot: {path}");
    }

    /// <summary>Headless chromium with one page open at the explorer's printed URL.</summary>
    private sealed class Browser(IPlaywright playwright, IBrowser browser, IPage page) : IAsyncDisposable
    {
        public IPage Page => page;

        public static async Task<Browser> OpenAsync(RunningExplorer server)
        {
            var playwright = await Playwright.CreateAsync();
            var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumFactAttribute.Chromium, Headless = true, Args = ["--no-sandbox"] });
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
            // Runs are child processes on a shared machine: minutes, not Playwright's default 30 s.
            page.SetDefaultTimeout(300_000);
            await page.GotoAsync(server.Explorer.Url);
            return new Browser(playwright, browser, page);
        }

        public async ValueTask DisposeAsync()
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }
}

using System.Text.RegularExpressions;
using TheoryLab.Citations;
using TheoryLab.Experiments;

namespace TheoryLab.Tests.Report;

public class BibliographyTests
{
    /// <summary>The papers TARGETS.md names, one key each (plus datasets and software).</summary>
    public static readonly string[] CourseKeys =
    [
        "lecun1998gradient", "lecun1998mnist", "xiao2017fashion", "clanuwat2018deep", "greydanus2020scaling",
        "telgarsky2015representation", "telgarsky2016benefits", "yarotsky2017error", "poggio2017why", "hein2005intrinsic",
        "levina2004maximum", "facco2017estimating", "glorot2010understanding", "poole2016exponential", "schoenholz2017deep",
        "pennington2017resurrecting", "pennington2018emergence", "naitsaada2024beyond", "naitsaada2023initialisation",
        "bottou2018optimization", "johnson2013accelerating", "polyak1964some", "nesterov1983method", "duchi2011adaptive",
        "kingma2015adam", "smith2018dont", "ward2019adagrad", "venturi2019spurious", "garipov2018loss", "draxler2018essentially",
        "pennington2017geometry", "li2018visualizing", "ioffe2015batch", "santurkar2018how", "yosinski2014how", "mallat2012group",
        "bruna2013invariant", "xiao2024efficient", "zhang2025attention", "goodfellow2015explaining", "engstrom2019exploring",
        "gopalakrishnan2018combating", "moosavidezfooli2016deepfool", "moosavidezfooli2017universal", "liu2017delving",
        "zou2023universal", "carlini2023aligned", "hu2024gradient", "baldi1989neural", "kingma2014auto", "goodfellow2014generative",
        "bau2019gan", "bau2020understanding", "ho2020denoising", "raissi2019physics", "wu2023comprehensive", "lau2024pinnacle",
        "krishnapriyan2021characterizing", "frankle2019lottery", "hu2022lora", "bolcskei2019optimal",
        "paszke2019pytorch", "torchsharp", "theorylab",
    ];

    private static string EmbeddedText()
    {
        using var stream = typeof(Bibliography).Assembly.GetManifestResourceStream("TheoryLab.references.bib")!;
        return new StreamReader(stream).ReadToEnd();
    }

    [Fact]
    public void EmbeddedBibliography_ParsesEveryEntry_WithUniqueKeys()
    {
        string text = EmbeddedText();
        int declared = Regex.Matches(text, @"(?m)^@\w+\s*\{").Count;
        var keys = Bibliography.Parse(text).Select(e => e.Key).ToList();
        Assert.Equal(declared, keys.Count);
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Equal(keys.Count, Bibliography.Default.Entries.Count);
    }

    [Fact]
    public void EveryEntry_HasAuthorTitleAndYear()
    {
        foreach (var entry in Bibliography.Default.Entries)
        {
            Assert.True(entry.Fields.ContainsKey("author"), $"{entry.Key} has no author");
            Assert.True(entry.Fields.ContainsKey("title"), $"{entry.Key} has no title");
            Assert.Matches(@"^\d{4}$", entry.Fields["year"]);
        }
    }

    [Fact]
    public void EveryPaperOfTheCourse_IsInTheBibliography()
    {
        var missing = CourseKeys.Where(k => !Bibliography.Default.Contains(k)).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void EveryPaperAnExperimentNames_IsInTheBibliography()
    {
        var missing = ExperimentRegistry.Default.All.SelectMany(e => e.Papers.Select(p => (e.Id, Paper: p)))
            .Where(x => !Bibliography.Default.Contains(x.Paper)).Select(x => $"{x.Id}: {x.Paper}").ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void ResearchEntries_HaveAVenueAndAnArxivIdOrDoiOrPages()
    {
        foreach (var entry in Bibliography.Default.Entries.Where(e => e.Type is "article" or "inproceedings"))
        {
            Assert.True(entry.Fields.ContainsKey("journal") || entry.Fields.ContainsKey("booktitle"), $"{entry.Key} has no venue");
            // Some ICLR papers exist only on OpenReview: its forum address is their identifier.
            Assert.True(entry.Fields.ContainsKey("eprint") || entry.Fields.ContainsKey("doi") || entry.Fields.ContainsKey("pages") || entry.Fields.ContainsKey("volume")
                || entry.Fields.ContainsKey("url"), $"{entry.Key} has no identifier");
            if (entry.Fields.TryGetValue("url", out var url)) Assert.Matches(@"^https://openreview\.net/forum\?id=[A-Za-z0-9_-]+$", url);
            if (entry.Fields.TryGetValue("eprint", out var eprint)) Assert.Matches(@"^\d{4}\.\d{4,5}$", eprint);
            if (entry.Fields.TryGetValue("doi", out var doi)) Assert.StartsWith("10.", doi);
        }
    }

    [Fact]
    public void Subset_AddsTheSoftwareEveryRunCites()
    {
        var keys = Bibliography.Parse(Bibliography.Default.Subset(["poole2016exponential"])).Select(e => e.Key).ToList();
        Assert.Equal(["poole2016exponential", .. Bibliography.AlwaysCited], keys);
    }
}

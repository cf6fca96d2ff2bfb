using System.Text.RegularExpressions;

namespace TheoryLab.Report.Checks;

/// <summary>A phrase a marker would flag, and what to write instead.</summary>
internal sealed record InformalPhrase(Regex Pattern, string Instead);

/// <summary>
/// The phrasing the course forbids ("hope", "like to", "try to", contractions) and the hedges and colloquialisms
/// a marker would flag. Patterns match whole words, case-insensitively.
/// </summary>
internal static class InformalPhrases
{
    /// <summary>Named by the course's rules (academic tone): each occurrence fails the report.</summary>
    public static readonly IReadOnlyList<InformalPhrase> Forbidden =
    [
        Phrase(@"hope(s|d|fully)?|hoping", "state what you expect and why, or what you found"),
        Phrase(@"(would|'d|should) like to|like to", "say what you do: 'we compare', not 'we would like to compare'"),
        Phrase(@"(try|tries|tried|trying) to", "say what you did: 'we measure', not 'we try to measure'"),
        Phrase(@"\w+n't|can't|won't", "write it out: 'do not', 'cannot', 'will not'"),
        Phrase(@"(it|that|there|here|what|who|let)'s", "write it out: 'it is', 'that is', 'let us'"),
        Phrase(@"\w+'(re|ve|ll|d)|I'm", "write it out: 'we are', 'we have', 'we will', 'we would'"),
    ];

    /// <summary>Hedges and colloquialisms a marker would flag: advice, not failure.</summary>
    public static readonly IReadOnlyList<InformalPhrase> Hedges =
    [
        Phrase(@"a lot( of)?|lots of|tons of", "give the number, or write 'many' / 'much'"),
        Phrase(@"kind of|sort of|pretty much|more or less", "say it exactly, or quantify the approximation"),
        Phrase(@"basically|actually|really|totally|super", "delete it; the sentence stands without it"),
        Phrase(@"a (little )?bit", "write 'slightly' or give the amount"),
        Phrase(@"(we|I) (think|feel|guess|believe)", "state the claim and its evidence, or mark it as a conjecture"),
        Phrase(@"maybe|perhaps", "state the condition under which it holds, or call it a hypothesis"),
        Phrase(@"obviously|clearly|of course|needless to say", "show why instead: a reference, a derivation or a figure"),
        Phrase(@"stuff|things|thing", "name what you mean: 'the weights', 'these effects'"),
        Phrase(@"(we|I) (got|get)|gets|getting", "write 'obtain', 'measure' or 'reach'"),
        Phrase(@"huge|tiny|nice|awesome|amazing|cool|crazy|weird|big", "use a precise word, or give the magnitude"),
        Phrase(@"figure out|look at|come up with|find out", "write 'determine', 'examine', 'devise'"),
        Phrase(@"gonna|wanna|gotta|okay|OK", "use formal wording"),
        Phrase(@"etc\.?|and so on", "list the items, or write 'for example' before a partial list"),
    ];

    private static InformalPhrase Phrase(string pattern, string instead) =>
        new(new Regex($@"(?<![\w'])(?:{pattern})(?![\w'])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant), instead);
}

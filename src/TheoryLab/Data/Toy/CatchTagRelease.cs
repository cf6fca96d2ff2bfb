namespace TheoryLab.Data.Toy;

/// <summary>One sequence of <see cref="CatchTagRelease"/>: its tokens, the target at every position, and which positions lie inside the caught run.</summary>
/// <param name="Targets">At position t, the token of the count of caught letters up to t; the last is the answer.</param>
public sealed record CatchTagReleaseSequence(int[] Tokens, int[] Targets, bool[] Caught)
{
    /// <summary>The answer at the query: the count token of the whole run.</summary>
    public int Answer => Targets[^1];
}

/// <summary>
/// A minimal task in the spirit of Zhang, Khan &amp; Papyan's (2025) 'catch, tag, release': after a start token, a
/// sequence of random letters holds one run of letters between a catch marker and a release marker, and ends with a
/// query. At every position the model must say how many letters have been caught so far: 0 before the catch marker
/// (nothing to count, where a head has nowhere useful to look), the running count inside the run, and the run's
/// length after it and at the query. Inside and outside the run the letters are drawn alike, so only context can
/// tell a caught letter from a free one: a model must tag the letters it catches and count the tagged ones.
/// Tokens: start 0, catch 1, release 2, query 3, letters 4 … 4 + letters − 1, then the counts 0 … longest run.
/// </summary>
public sealed class CatchTagRelease
{
    public const int Start = 0, CatchMarker = 1, ReleaseMarker = 2, Query = 3, FirstLetter = 4;

    /// <param name="length">Tokens per sequence, start and query included.</param>
    /// <param name="letters">Distinct letters.</param>
    /// <param name="shortestRun">The fewest letters a run holds.</param>
    /// <param name="longestRun">The most letters a run holds.</param>
    public CatchTagRelease(int length, int letters, int shortestRun, int longestRun)
    {
        if (shortestRun < 1 || longestRun < shortestRun)
            throw new TheoryLabException($"runs of {shortestRun} to {longestRun} letters: give 1 ≤ shortest ≤ longest.");
        if (length < longestRun + 4)
            throw new TheoryLabException($"sequences of {length} tokens cannot hold a run of {longestRun} letters with its markers, the start and the query; give at least {longestRun + 4}.");
        Length = length;
        Letters = letters;
        ShortestRun = shortestRun;
        LongestRun = longestRun;
    }

    public int Length { get; }
    public int Letters { get; }
    public int ShortestRun { get; }
    public int LongestRun { get; }

    /// <summary>Tokens in all: markers, letters and counts.</summary>
    public int Vocabulary => FirstLetter + Letters + LongestRun + 1;

    /// <summary>Possible answers at the query, one per run length.</summary>
    public int Answers => LongestRun - ShortestRun + 1;

    /// <summary>The token of a count of <paramref name="caught"/> letters.</summary>
    public int CountToken(int caught) => FirstLetter + Letters + caught;

    /// <summary>A sequence with a uniform run length, and the run placed uniformly among the places it fits.</summary>
    public CatchTagReleaseSequence Draw(Random random)
    {
        int run = random.Next(ShortestRun, LongestRun + 1);
        var tokens = new int[Length];
        var caught = new bool[Length];
        tokens[0] = Start;
        tokens[^1] = Query;
        for (int t = 1; t < Length - 1; t++) tokens[t] = FirstLetter + random.Next(Letters);
        // The catch marker may sit at 1 … Length − run − 3, leaving room for the run, the release marker and the query.
        int open = random.Next(1, Length - run - 2);
        tokens[open] = CatchMarker;
        tokens[open + run + 1] = ReleaseMarker;
        for (int t = open + 1; t <= open + run; t++) caught[t] = true;
        var targets = new int[Length];
        for (int t = 0, count = 0; t < Length; t++) targets[t] = CountToken(count += caught[t] ? 1 : 0);
        return new CatchTagReleaseSequence(tokens, targets, caught);
    }
}

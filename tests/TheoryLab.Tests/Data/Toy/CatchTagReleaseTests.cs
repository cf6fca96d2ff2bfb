using TheoryLab.Data.Toy;

namespace TheoryLab.Tests.Data.Toy;

public class CatchTagReleaseTests
{
    private static readonly CatchTagRelease Task = new(length: 16, letters: 5, shortestRun: 2, longestRun: 6);

    [Fact]
    public void EverySequence_HoldsOneRunBetweenItsMarkers_AndAnswersItsLength()
    {
        var random = new Random(3);
        for (int i = 0; i < 2000; i++)
        {
            var s = Task.Draw(random);
            Assert.Equal(16, s.Tokens.Length);
            Assert.Equal(CatchTagRelease.Start, s.Tokens[0]);
            Assert.Equal(CatchTagRelease.Query, s.Tokens[^1]);
            int open = Array.IndexOf(s.Tokens, CatchTagRelease.CatchMarker), close = Array.IndexOf(s.Tokens, CatchTagRelease.ReleaseMarker);
            Assert.Equal(1, s.Tokens.Count(t => t == CatchTagRelease.CatchMarker));
            Assert.Equal(1, s.Tokens.Count(t => t == CatchTagRelease.ReleaseMarker));
            int run = close - open - 1;
            Assert.Equal(Task.CountToken(run), s.Answer);
            for (int t = 0; t < 16; t++)
            {
                Assert.Equal(t > open && t < close, s.Caught[t]);
                Assert.Equal(Task.CountToken(t <= open ? 0 : Math.Min(t - open, run)), s.Targets[t]);
                if (t > 0 && t < 15 && t != open && t != close)
                    Assert.InRange(s.Tokens[t], CatchTagRelease.FirstLetter, CatchTagRelease.FirstLetter + 4);
            }
            Assert.InRange(s.Answer, Task.CountToken(2), Task.Vocabulary - 1);
        }
    }

    [Fact]
    public void RunLengths_AreUniform_WithinFourStandardErrors()
    {
        var random = new Random(4);
        const int N = 20_000;
        var counts = new int[Task.Answers];
        for (int i = 0; i < N; i++) counts[Task.Draw(random).Answer - Task.CountToken(Task.ShortestRun)]++;
        double p = 1.0 / Task.Answers, se = Math.Sqrt(p * (1 - p) / N);
        Assert.All(counts, c => Assert.InRange(c / (double)N, p - 4 * se, p + 4 * se));
    }

    [Fact]
    public void SequencesTooShortForTheLongestRun_AreRefused() =>
        Assert.Throws<TheoryLabException>(() => new CatchTagRelease(length: 9, letters: 5, shortestRun: 2, longestRun: 6));
}

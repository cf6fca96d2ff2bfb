using TheoryLab.Data.Toy;

namespace TheoryLab.Tests.Data.Toy;

public class BigramBackcopyTests
{
    private static readonly BigramBackcopy Task = new(tokens: 8, triggers: 2, length: 24, new Random(1));

    [Fact]
    public void EveryTokenAfterATrigger_CopiesTheTokenBeforeIt()
    {
        var random = new Random(2);
        int copies = 0;
        for (int i = 0; i < 2000; i++)
        {
            var s = Task.Draw(random);
            Assert.Equal(Task.Bos, s[0]);
            Assert.False(Task.IsTrigger(s[1]));
            Assert.DoesNotContain(Task.Bos, s[1..]);
            for (int t = 1; t < s.Length - 1; t++)
                if (Task.IsTrigger(s[t])) { Assert.Equal(s[t - 1], s[t + 1]); copies++; }
        }
        Assert.True(copies > 1000, $"only {copies} copies drawn");
    }

    /// <summary>The successors of every non-trigger token, counted over many sequences, follow its row of the matrix within 4.5 standard errors.</summary>
    [Fact]
    public void SuccessorsOfNonTriggers_FollowTheTransitionMatrix()
    {
        var random = new Random(3);
        var counts = new long[Task.Tokens, Task.Tokens];
        for (int i = 0; i < 20_000; i++)
        {
            var s = Task.Draw(random);
            for (int t = 1; t < s.Length - 1; t++)
                if (!Task.IsTrigger(s[t])) counts[s[t], s[t + 1]]++;
        }
        for (int a = Task.Triggers; a < Task.Tokens; a++)
        {
            long n = Enumerable.Range(0, Task.Tokens).Sum(c => counts[a, c]);
            Assert.True(n > 10_000);
            for (int c = 0; c < Task.Tokens; c++)
            {
                double p = Task.Transitions[a][c], se = Math.Sqrt(p * (1 - p) / n);
                Assert.InRange(counts[a, c] / (double)n, p - 4.5 * se, p + 4.5 * se);
            }
        }
    }

    /// <summary>
    /// The exact pooled conditional entropy against a Monte Carlo estimate of the same ratio: the mean of −ln P[x_t, x_{t+1}]
    /// over the non-trigger positions of sampled sequences, with the ratio estimator's standard error from per-sequence sums.
    /// </summary>
    [Fact]
    public void NonTriggerEntropy_EqualsMonteCarloLoss_WithinFourStandardErrors()
    {
        var random = new Random(4);
        const int N = 40_000;
        var sums = new double[N];
        var counts = new double[N];
        for (int i = 0; i < N; i++)
        {
            var s = Task.Draw(random);
            for (int t = 1; t < s.Length - 1; t++)
                if (!Task.IsTrigger(s[t])) { sums[i] -= Math.Log(Task.Transitions[s[t]][s[t + 1]]); counts[i]++; }
        }
        double estimate = sums.Sum() / counts.Sum(), meanCount = counts.Average();
        double variance = Enumerable.Range(0, N).Select(i => Math.Pow(sums[i] - estimate * counts[i], 2)).Sum() / (N - 1);
        double se = Math.Sqrt(variance / N) / meanCount;
        double exact = Task.NonTriggerEntropy();
        Assert.InRange(exact, estimate - 4 * se, estimate + 4 * se);
        Assert.True(se < 0.01 * exact, $"standard error {se} too loose to test {exact}");
    }

    [Fact]
    public void AsManyTriggersAsTokens_AreRefused() =>
        Assert.Throws<TheoryLabException>(() => new BigramBackcopy(tokens: 4, triggers: 4, length: 10, new Random(1)));
}

namespace TheoryLab.Data.Toy;

/// <summary>
/// Guo et al.'s (2024) Bigram-Backcopy task: a sequence opens with a start (BOS) token, then follows a random bigram
/// (Markov) chain over <see cref="Tokens"/> tokens, except that after one of the first <see cref="Triggers"/> tokens
/// (the triggers) the next token copies the one before the trigger. A model predicts non-trigger successors from the
/// current token alone, so its attention has nothing to fetch there, and must look one token back after a trigger.
/// Tokens 0 … triggers − 1 are the triggers, 0 … tokens − 1 the chain's, and <see cref="Bos"/> = tokens the start.
/// The first token after BOS is uniform over the non-triggers, so a copy never has to reach back to BOS and two
/// triggers never follow each other.
/// </summary>
public sealed class BigramBackcopy
{
    /// <param name="tokens">V, the chain's tokens.</param>
    /// <param name="triggers">How many of them trigger a copy.</param>
    /// <param name="length">Tokens per sequence, BOS included.</param>
    /// <param name="random">Draws the transition matrix: every row from a flat Dirichlet, uniform on the simplex.</param>
    public BigramBackcopy(int tokens, int triggers, int length, Random random)
    {
        if (triggers < 1 || triggers >= tokens)
            throw new TheoryLabException($"{triggers} triggers among {tokens} tokens: give 1 ≤ triggers < tokens.");
        if (length < 3) throw new TheoryLabException($"sequences of {length} tokens hold no prediction after BOS; give at least 3.");
        Tokens = tokens;
        Triggers = triggers;
        Length = length;
        // Normalised exponential draws are a flat Dirichlet sample.
        Transitions = [.. Enumerable.Range(0, tokens).Select(_ =>
        {
            var row = Enumerable.Range(0, tokens).Select(_ => -Math.Log(1 - random.NextDouble())).ToArray();
            double sum = row.Sum();
            return row.Select(x => x / sum).ToArray();
        })];
    }

    public int Tokens { get; }
    public int Triggers { get; }
    public int Length { get; }

    /// <summary>The bigram matrix P: row a is the distribution of the token after a non-trigger a.</summary>
    public double[][] Transitions { get; }

    public int Bos => Tokens;

    /// <summary>Tokens in all, BOS included.</summary>
    public int Vocabulary => Tokens + 1;

    public bool IsTrigger(int token) => token < Triggers;

    public int[] Draw(Random random)
    {
        var s = new int[Length];
        s[0] = Bos;
        s[1] = Triggers + random.Next(Tokens - Triggers);
        for (int t = 2; t < Length; t++)
            s[t] = IsTrigger(s[t - 1]) ? s[t - 2] : Sample(Transitions[s[t - 1]], random);
        return s;
    }

    private static int Sample(double[] p, Random random)
    {
        double u = random.NextDouble(), sum = 0;
        for (int i = 0; i < p.Length; i++)
            if ((sum += p[i]) > u) return i;
        return p.Length - 1;
    }

    /// <summary>
    /// The least expected loss (nats) of predicting x_{t+1} from the past over the non-trigger positions t = 1 … length − 2,
    /// pooled as a model's loss is: Σ_t E[H(P[x_t]); x_t non-trigger] / Σ_t Pr(x_t non-trigger). Exact, by carrying
    /// the distribution of the pair (x_{t−1}, x_t) — the chain's state, since a copy needs the token before — through the sequence.
    /// </summary>
    public double NonTriggerEntropy()
    {
        int v = Tokens;
        var entropy = Transitions.Select(row => -row.Where(p => p > 0).Sum(p => p * Math.Log(p))).ToArray();
        // pair[a, b] = Pr(x_{t−1} = a, x_t = b); at t = 1 the token before is BOS, which no copy needs, so a is unused.
        var marginal = new double[v];
        for (int b = Triggers; b < v; b++) marginal[b] = 1.0 / (v - Triggers);
        double loss = 0, positions = 0;
        void Score(double[] m)
        {
            for (int b = Triggers; b < v; b++) { loss += m[b] * entropy[b]; positions += m[b]; }
        }
        Score(marginal);
        var pair = new double[v, v];
        for (int a = Triggers; a < v; a++)
            for (int c = 0; c < v; c++) pair[a, c] = marginal[a] * Transitions[a][c];
        for (int t = 2; t <= Length - 2; t++)
        {
            var m = new double[v];
            for (int a = 0; a < v; a++)
                for (int b = 0; b < v; b++) m[b] += pair[a, b];
            Score(m);
            var next = new double[v, v];
            for (int a = 0; a < v; a++)
                for (int b = 0; b < v; b++)
                {
                    double p = pair[a, b];
                    if (p == 0) continue;
                    if (IsTrigger(b)) next[b, a] += p;
                    else for (int c = 0; c < v; c++) next[b, c] += p * Transitions[b][c];
                }
            pair = next;
        }
        return loss / positions;
    }
}

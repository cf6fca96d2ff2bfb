namespace TheoryLab.Experiments.SignalPropagation;

/// <summary>
/// Accuracies measured over a (σ_w², depth) grid and what they say about trainability: which points trained,
/// where each σ_w² column stops training, how well a predicted maximal depth (nξ_c) separates the two, and the
/// band of depths over which each column goes from training well to chance.
/// </summary>
/// <param name="SigmaW2">The columns' σ_w², ascending.</param>
/// <param name="Depths">The rows' depths, ascending.</param>
/// <param name="Accuracy">Accuracy[i, j] at σ_w² = SigmaW2[i], depth = Depths[j].</param>
/// <param name="Chance">Accuracy of guessing: 1 / classes.</param>
public sealed record TrainabilityGrid(double[] SigmaW2, int[] Depths, double[,] Accuracy, double Chance)
{
    /// <summary>The highest accuracy anywhere on the grid.</summary>
    public double Best
    {
        get
        {
            double best = double.NegativeInfinity;
            foreach (double a in Accuracy) if (a > best) best = a;
            return best;
        }
    }

    /// <summary>The accuracy a fraction <paramref name="fraction"/> of the way from chance to <see cref="Best"/>.</summary>
    public double Level(double fraction) => Chance + fraction * (Best - Chance);

    /// <summary>Whether the network at (i, j) reached <paramref name="threshold"/> (NaN, a diverged run, did not).</summary>
    public bool Trained(int i, int j, double threshold) => Accuracy[i, j] >= threshold;

    /// <summary>
    /// The largest depth of column <paramref name="i"/> that reached <paramref name="threshold"/>; 0 when none did.
    /// The column's measured boundary lies between this depth and the next one of the grid.
    /// </summary>
    public int LargestTrainedDepth(int i, double threshold)
    {
        for (int j = Depths.Length - 1; j >= 0; j--)
            if (Trained(i, j, threshold)) return Depths[j];
        return 0;
    }

    /// <summary>
    /// The transition of column <paramref name="i"/>: from the largest depth still at or above <paramref name="high"/>
    /// (0 when none) to the smallest depth beyond it at or below <paramref name="low"/> (+∞ when none). Depths inside
    /// are partly trained; a boundary predicted inside agrees with the measurement to the grid's resolution.
    /// </summary>
    public (double From, double To) Transition(int i, double high, double low)
    {
        double from = 0;
        int start = 0;
        for (int j = Depths.Length - 1; j >= 0; j--)
            if (Accuracy[i, j] >= high) { from = Depths[j]; start = j + 1; break; }
        for (int j = start; j < Depths.Length; j++)
            if (!(Accuracy[i, j] > low)) return (from, Depths[j]);
        return (from, double.PositiveInfinity);
    }

    /// <summary>
    /// The fraction of grid points whose measured trainability (accuracy at or above <paramref name="threshold"/>)
    /// agrees with the prediction depth ≤ <paramref name="multiple"/> × ξ_c of its column.
    /// </summary>
    public double Agreement(IReadOnlyList<double> xiC, double multiple, double threshold)
    {
        int agree = 0;
        for (int i = 0; i < SigmaW2.Length; i++)
            for (int j = 0; j < Depths.Length; j++)
                if (Trained(i, j, threshold) == (Depths[j] <= multiple * xiC[i])) agree++;
        return (double)agree / (SigmaW2.Length * Depths.Length);
    }

    /// <summary>
    /// The multiples n for which depth ≤ nξ_c agrees best with the measurement: agreement changes only where nξ_c
    /// crosses a grid depth, so every interval between consecutive ratios depth/ξ_c is tried. Returns the lowest
    /// and highest n of the best intervals (clipped to [<paramref name="smallest"/>, <paramref name="largest"/>]) and
    /// the agreement they reach.
    /// </summary>
    public (double Low, double High, double Agreement) BestMultiple(IReadOnlyList<double> xiC, double threshold, double smallest = 0.5, double largest = 50)
    {
        var cuts = new SortedSet<double> { smallest, largest };
        for (int i = 0; i < SigmaW2.Length; i++)
            foreach (int depth in Depths)
            {
                double ratio = depth / xiC[i];
                if (ratio > smallest && ratio < largest) cuts.Add(ratio);
            }
        var edges = cuts.ToArray();
        double best = -1, low = smallest, high = largest;
        for (int k = 0; k + 1 < edges.Length; k++)
        {
            // Inside an interval every multiple classifies the grid alike; its geometric middle stands for it.
            double agreement = Agreement(xiC, Math.Sqrt(edges[k] * edges[k + 1]), threshold);
            if (agreement > best + 1e-12) (best, low, high) = (agreement, edges[k], edges[k + 1]);
            else if (Math.Abs(agreement - best) <= 1e-12 && edges[k] <= high) high = edges[k + 1];
        }
        return (low, high, best);
    }
}

namespace TheoryLab.Data;

/// <summary>Draws the data generators need beyond what <see cref="Random"/> offers.</summary>
public static class RandomExtensions
{
    /// <summary>A uniformly random permutation of 0 … n − 1 (Fisher–Yates).</summary>
    public static int[] Permutation(this Random random, int n)
    {
        var order = Enumerable.Range(0, n).ToArray();
        for (int i = n - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }
}

using TheoryLab.Models.PiecewiseLinear;

namespace TheoryLab.Models.ReluCircuits;

/// <summary>
/// Yarotsky's network for a smooth target (2017, Theorem 1, proof, in one dimension): a partition of unity
/// φ_j(x) = ψ(3N(x − j/N)), j = 0..N, of trapezoids ψ(z) = σ(z + 2) − σ(z + 1) − σ(z − 1) + σ(z − 2), and on each
/// φ_j the Taylor polynomial P_j(x) = Σ_{i&lt;n} a_{j,i} t^i of order n at j/N, t = x − j/N. The products φ_j·t^i are
/// formed by the approximate multiplication ×̃ chained, q_{j,0} = φ_j and q_{j,i} = ×̃(q_{j,i−1}, t), so one branch
/// per j computes Σ_i a_{j,i} q_{j,i} and the network is the sum of the N + 1 branches. Since ×̃(0, ·) = 0 exactly,
/// a branch vanishes outside the support of its φ_j, and every x meets at most two branches.
/// </summary>
public static class YarotskyPartition
{
    /// <summary>
    /// ×̃(a, b) = 2(f_m(|a + b|/2) − f_m(|a|/2) − f_m(|b|/2)) on [−1, 1]², the polarisation xy = 2(u² − v² − w²) with
    /// absolute values (σ(z) + σ(−z)) so that every square is taken in [0, 1]; ×̃(0, b) = ×̃(a, 0) = 0 exactly.
    /// </summary>
    public static ReluCircuit SignedProduct(int m)
    {
        var split = new double[,] { { 1, 1 }, { -1, -1 }, { 1, 0 }, { -1, 0 }, { 0, 1 }, { 0, -1 } };
        var halves = new double[,] { { 0.5, 0.5, 0, 0, 0, 0 }, { 0, 0, 0.5, 0.5, 0, 0 }, { 0, 0, 0, 0, 0.5, 0.5 } };
        return ReluCircuit.OneHiddenLayer(split, new double[6], halves, new double[3])
            .Then(ReluCircuit.Beside(YarotskyCircuits.Square(m), YarotskyCircuits.Square(m), YarotskyCircuits.Square(m)))
            .Then(new double[,] { { 2, -2, -2 } }, [0]);
    }

    /// <summary>sup |×̃(a, b) − ab| ≤ 4^{−m} on [−1, 1]²: each f_m − s² lies in [0, 4^{−m−1}].</summary>
    public static double SignedProductError(int m) => Math.Pow(4, -m);

    /// <summary>The N + 1 branches and their sum for the target at cells N, order n and sawtooth levels m.</summary>
    public static PartitionNetwork Build(SmoothTarget target, int cells, int order, int levels)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (cells < 1 || order < 1 || levels < 1) throw new ArgumentOutOfRangeException(nameof(cells), "cells, order and levels must be at least 1");
        var branches = Enumerable.Range(0, cells + 1).Select(j => Branch(target, j, cells, order, levels)).ToArray();
        var fork = new double[cells + 1, 1];
        var sum = new double[1, cells + 1];
        for (int j = 0; j <= cells; j++) fork[j, 0] = sum[0, j] = 1;
        var circuit = ReluCircuit.Affine(fork, new double[cells + 1]).Then(ReluCircuit.Beside(branches)).Then(sum, [0]);
        return new PartitionNetwork(circuit, branches, cells, order, levels, TaylorBound(target, cells, order), ProductBound(target, cells, order, levels));
    }

    /// <summary>
    /// The smallest construction of order n whose bound is at most ε: N the fewest cells with Taylor bound ≤ ε/2,
    /// then m the fewest levels with product bound ≤ ε/2. N grows like ε^{−1/n} and m like log₄(1/ε).
    /// </summary>
    public static PartitionNetwork Approximate(SmoothTarget target, int order, double epsilon)
    {
        ArgumentNullException.ThrowIfNull(target);
        int cells = 1;
        while (TaylorBound(target, cells, order) > epsilon / 2)
        {
            cells++;
            if (cells > 1_000_000) throw new TheoryLabException($"ε = {epsilon:G3} needs more than a million cells at order {order}; raise the order.");
        }
        int levels = 1;
        while (ProductBound(target, cells, order, levels) > epsilon / 2)
        {
            levels++;
            if (levels > SmoothTarget.MaxLevels) throw new TheoryLabException($"ε = {epsilon:G3} is below what the construction reaches in double precision; choose ε ≥ 1e-10.");
        }
        return Build(target, cells, order, levels);
    }

    /// <summary>
    /// sup |f − Σ_j φ_j P_j| ≤ max|f^{(n)}|/n! · (2/(3N))ⁿ: the φ_j are non-negative and sum to 1, and on the support of
    /// φ_j, |x − j/N| &lt; 2/(3N), where Taylor's remainder of order n is at most that.
    /// </summary>
    public static double TaylorBound(SmoothTarget target, int cells, int order)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.DerivativeBound(order) / Factorial(order) * Math.Pow(2.0 / (3 * cells), order);
    }

    /// <summary>
    /// The error of the chained products: |q_{j,i} − φ_j tⁱ| ≤ i·4^{−m} (each ×̃ adds at most 4^{−m}, and |t| ≤ 1 does not
    /// enlarge the error carried in), and at most two branches meet any x, so 2 Σ_{i≥1} maxⱼ|a_{j,i}|·i·4^{−m}.
    /// </summary>
    public static double ProductBound(SmoothTarget target, int cells, int order, int levels)
    {
        ArgumentNullException.ThrowIfNull(target);
        double sum = 0;
        for (int i = 1; i < order; i++)
            sum += Enumerable.Range(0, cells + 1).Max(j => Math.Abs(Coefficient(target, j, cells, i))) * i;
        return 2 * sum * SignedProductError(levels);
    }

    /// <summary>a_{j,i} = f^{(i)}(j/N)/i!.</summary>
    public static double Coefficient(SmoothTarget target, int j, int cells, int i) =>
        target.Derivative(i, (double)j / cells) / Factorial(i);

    /// <summary>
    /// Branch j, x ↦ Σ_i a_{j,i} q_{j,i}: a first layer holds ψ's four units and t = σ(t) − σ(−t); then n − 1 stages
    /// each take (q, t, S) to (×̃(q, t), t, S + a·×̃(q, t)), the partial sum S and t carried through identity units.
    /// </summary>
    private static ReluCircuit Branch(SmoothTarget target, int j, int cells, int order, int levels)
    {
        double scale = 3.0 * cells, centre = (double)j / cells;
        // ψ(3N(x − j/N)) = σ(3Nx − 3j + 2) − σ(… + 1) − σ(… − 1) + σ(… − 2); t = x − j/N.
        var first = new double[,] { { scale }, { scale }, { scale }, { scale }, { 1 }, { -1 } };
        double shift = -3.0 * j;
        var firstBias = new[] { shift + 2, shift + 1, shift - 1, shift - 2, -centre, centre };
        double a0 = Coefficient(target, j, cells, 0);
        var gather = new double[,] { { 1, -1, -1, 1, 0, 0 }, { 0, 0, 0, 0, 1, -1 }, { a0, -a0, -a0, a0, 0, 0 } };
        var circuit = ReluCircuit.OneHiddenLayer(first, firstBias, gather, new double[3]);

        var product = SignedProduct(levels);
        int depth = product.HiddenLayers;
        for (int i = 1; i < order; i++)
        {
            // (q, t, S) → (q, t, t, S) → (×̃(q, t), t, S) → (×̃, t, S + a_i ×̃).
            var fork = ReluCircuit.Affine(new double[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 1, 0 }, { 0, 0, 1 } }, new double[4]);
            var parallel = ReluCircuit.Beside(product, ReluCircuit.Identity(1, depth), ReluCircuit.Identity(1, depth));
            double a = Coefficient(target, j, cells, i);
            var accumulate = ReluCircuit.Affine(new double[,] { { 1, 0, 0 }, { 0, 1, 0 }, { a, 0, 1 } }, new double[3]);
            circuit = circuit.Then(fork).Then(parallel).Then(accumulate);
        }
        return circuit.Then(new double[,] { { 0, 0, 1 } }, [0]);
    }

    private static double Factorial(int n)
    {
        double f = 1;
        for (int i = 2; i <= n; i++) f *= i;
        return f;
    }
}

/// <summary>
/// A partition-of-unity network: the whole circuit, its N + 1 branches (branch j vanishes outside
/// [j/N − 2/(3N), j/N + 2/(3N)]), and its parameters N, n, m with the two parts of its proven error bound.
/// </summary>
public sealed record PartitionNetwork(ReluCircuit Circuit, IReadOnlyList<ReluCircuit> Branches, int Cells, int Order, int Levels, double TaylorBound, double ProductBound)
{
    /// <summary>The proven bound on the sup error: Taylor part plus product part.</summary>
    public double ErrorBound => TaylorBound + ProductBound;

    /// <summary>
    /// The network on [0, 1] as an exact piecewise-linear function: each branch's pieces are enumerated exactly on its
    /// support (<see cref="LinearPieces"/>), and on every cell between the union of their breakpoints the lines of the
    /// branches that cover it are added.
    /// </summary>
    public PiecewiseLinearFunction ExactFunction(CancellationToken cancellation = default)
    {
        var parts = Branches.Select((branch, j) =>
        {
            var (start, end) = Support(j);
            return LinearPieces.Function(branch.ToReluNetwork(), start, end, cancellation);
        }).ToArray();
        var points = parts.SelectMany(p => p.Breakpoints).Append(0).Append(1).Distinct().Order().ToArray();
        var slopes = new double[points.Length - 1];
        var intercepts = new double[points.Length - 1];
        for (int c = 0; c + 1 < points.Length; c++)
        {
            double mid = 0.5 * (points[c] + points[c + 1]);
            int nearest = (int)Math.Round(mid * Cells);
            for (int j = Math.Max(0, nearest - 1); j <= Math.Min(Cells, nearest + 1); j++)
            {
                var part = parts[j];
                if (mid < part.Start || mid > part.End) continue;
                int piece = PieceContaining(part, mid);
                slopes[c] += part.Slopes[piece];
                intercepts[c] += part.Intercepts[piece];
            }
        }
        return new PiecewiseLinearFunction(points, slopes, intercepts);
    }

    private static int PieceContaining(PiecewiseLinearFunction f, double x)
    {
        int index = f.Breakpoints is double[] array ? Array.BinarySearch(array, x) : f.Breakpoints.ToList().BinarySearch(x);
        return Math.Clamp(index >= 0 ? index : ~index - 1, 0, f.PieceCount - 1);
    }

    /// <summary>The interval outside which branch j is exactly zero, clipped to [0, 1].</summary>
    public (double Start, double End) Support(int j) =>
        (Math.Max(0, (j - 2.0 / 3) / Cells), Math.Min(1, (j + 2.0 / 3) / Cells));
}

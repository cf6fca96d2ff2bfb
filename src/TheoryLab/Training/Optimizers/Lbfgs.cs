namespace TheoryLab.Training.Optimizers;

/// <summary>A differentiable objective: its value at x and its gradient there (a new array).</summary>
public delegate (double Value, double[] Gradient) Objective(double[] x);

/// <summary>Settings of <see cref="Lbfgs"/>; the defaults are torch.optim.LBFGS's, with its strong-Wolfe line search.</summary>
/// <param name="MaxIterations">Iterations at most.</param>
/// <param name="MaxEvaluations">Objective evaluations at most; null for 5/4 of the iterations, as torch has it.</param>
/// <param name="History">Curvature pairs (s, y) kept.</param>
/// <param name="GradientTolerance">Stop once max |gᵢ| falls to this.</param>
/// <param name="ChangeTolerance">Stop once a step or a change of the value falls below this.</param>
/// <param name="LearningRate">The trial step of the line search (scaled down at the first iteration).</param>
public sealed record LbfgsSettings(int MaxIterations = 20, int? MaxEvaluations = null, int History = 100,
    double GradientTolerance = 1e-7, double ChangeTolerance = 1e-9, double LearningRate = 1)
{
    /// <summary>The evaluation budget in force.</summary>
    public int EvaluationBudget => MaxEvaluations ?? MaxIterations * 5 / 4;
}

/// <summary>One completed iteration: its number (from 1), the objective value reached and the evaluations used so far.</summary>
public sealed record LbfgsIteration(int Iteration, double Value, int Evaluations)
{
    /// <summary>The iterate reached (a copy), for callers that evaluate more than the objective there.</summary>
    public double[] Point { get; init; } = [];
}

/// <summary>Where <see cref="Lbfgs.Minimize"/> stopped, the value there, what it took and why it stopped.</summary>
public sealed record LbfgsResult(double[] Minimizer, double Value, int Iterations, int Evaluations, string Stop);

/// <summary>
/// Limited-memory BFGS (Nocedal 1980; Liu and Nocedal 1989) with a strong-Wolfe line search (Nocedal and Wright 2006,
/// Algorithms 3.5–3.6, cubic interpolation), step for step the algorithm of torch.optim.LBFGS with
/// line_search_fn = "strong_wolfe": its first trial step min(1, 1/‖g‖₁)·lr, its curvature test yᵀs > 10⁻¹⁰, its
/// scaling H₀ = yᵀs/yᵀy and its stopping rules, so trajectories can be checked against PyTorch's. TorchSharp's LBFGS
/// has no line search, and a PINN's L-BFGS phase needs one. Works on a flat vector of doubles: a model's parameters
/// are copied in and out by the caller.
/// </summary>
public static class Lbfgs
{
    private const double SufficientDecrease = 1e-4, Curvature = 0.9;
    private const int MaxLineSearchSteps = 25;

    /// <summary>Minimises <paramref name="objective"/> from <paramref name="start"/> (not modified).</summary>
    public static LbfgsResult Minimize(Objective objective, double[] start, LbfgsSettings settings,
        Action<LbfgsIteration>? onIteration = null, CancellationToken cancellation = default)
    {
        if (settings.MaxIterations < 1 || settings.History < 1) throw new TheoryLabException("L-BFGS needs at least one iteration and one stored pair.");
        var x = (double[])start.Clone();
        var (loss, gradient) = objective(x);
        int evaluations = 1;
        if (MaxAbs(gradient) <= settings.GradientTolerance) return new(x, loss, 0, evaluations, "gradient below tolerance at the start");

        var steps = new List<double[]>();
        var differences = new List<double[]>();
        var inverseProducts = new List<double>();
        double scaling = 1, t = 0;
        double[] direction = [];
        double[]? previousGradient = null;
        int iteration = 0;
        string stop = "iteration limit";
        while (iteration < settings.MaxIterations)
        {
            cancellation.ThrowIfCancellationRequested();
            iteration++;
            if (iteration == 1) direction = Scaled(gradient, -1);
            else
            {
                var y = Difference(gradient, previousGradient!);
                var s = Scaled(direction, t);
                double ys = Dot(y, s);
                if (ys > 1e-10)
                {
                    if (steps.Count == settings.History) { steps.RemoveAt(0); differences.RemoveAt(0); inverseProducts.RemoveAt(0); }
                    steps.Add(s);
                    differences.Add(y);
                    inverseProducts.Add(1 / ys);
                    scaling = ys / Dot(y, y);
                }
                direction = TwoLoop(gradient, steps, differences, inverseProducts, scaling);
            }
            previousGradient = (double[])gradient.Clone();
            double previousLoss = loss;
            t = iteration == 1 ? Math.Min(1, 1 / gradient.Sum(Math.Abs)) * settings.LearningRate : settings.LearningRate;
            double slope = Dot(gradient, direction);
            if (slope > -settings.ChangeTolerance) { stop = "no descent direction"; break; }

            var search = StrongWolfe(objective, x, t, direction, loss, gradient, slope, settings.ChangeTolerance);
            t = search.Step;
            for (int i = 0; i < x.Length; i++) x[i] += t * direction[i];
            loss = search.Value;
            gradient = search.Gradient;
            evaluations += search.Evaluations;
            onIteration?.Invoke(new LbfgsIteration(iteration, loss, evaluations) { Point = (double[])x.Clone() });

            if (iteration == settings.MaxIterations) break;
            if (evaluations >= settings.EvaluationBudget) { stop = "evaluation limit"; break; }
            if (MaxAbs(gradient) <= settings.GradientTolerance) { stop = "gradient below tolerance"; break; }
            if (MaxAbs(direction) * Math.Abs(t) <= settings.ChangeTolerance) { stop = "step below tolerance"; break; }
            if (Math.Abs(loss - previousLoss) < settings.ChangeTolerance) { stop = "value change below tolerance"; break; }
        }
        return new LbfgsResult(x, loss, iteration, evaluations, stop);
    }

    private static double[] TwoLoop(double[] gradient, List<double[]> steps, List<double[]> differences, List<double> inverseProducts, double scaling)
    {
        int pairs = steps.Count;
        var alphas = new double[pairs];
        var q = Scaled(gradient, -1);
        for (int i = pairs - 1; i >= 0; i--)
        {
            alphas[i] = Dot(steps[i], q) * inverseProducts[i];
            AddScaled(q, differences[i], -alphas[i]);
        }
        var r = Scaled(q, scaling);
        for (int i = 0; i < pairs; i++)
        {
            double beta = Dot(differences[i], r) * inverseProducts[i];
            AddScaled(r, steps[i], alphas[i] - beta);
        }
        return r;
    }

    private readonly record struct Trial(double Step, double Value, double[] Gradient, double Slope);

    private sealed record SearchResult(double Step, double Value, double[] Gradient, int Evaluations);

    /// <summary>torch's _strong_wolfe: bracket a step meeting the strong Wolfe conditions, then zoom into the bracket.</summary>
    private static SearchResult StrongWolfe(Objective objective, double[] x, double t, double[] d, double f, double[] g, double slope, double changeTolerance)
    {
        double dNorm = MaxAbs(d);
        int evaluations = 0;
        Trial Evaluate(double step)
        {
            var point = new double[x.Length];
            for (int i = 0; i < x.Length; i++) point[i] = x[i] + step * d[i];
            var (value, gradient) = objective(point);
            evaluations++;
            return new Trial(step, value, gradient, Dot(gradient, d));
        }

        var origin = new Trial(0, f, g, slope);
        var previous = origin;
        var current = Evaluate(t);
        Trial[]? bracket = null;
        bool done = false;
        int searches = 0;
        while (searches < MaxLineSearchSteps)
        {
            if (current.Value > f + SufficientDecrease * current.Step * slope || (searches > 1 && current.Value >= previous.Value))
            { bracket = [previous, current]; break; }
            if (Math.Abs(current.Slope) <= -Curvature * slope) { bracket = [current]; done = true; break; }
            if (current.Slope >= 0) { bracket = [previous, current]; break; }
            double next = Cubic(previous, current, current.Step + 0.01 * (current.Step - previous.Step), current.Step * 10);
            previous = current;
            current = Evaluate(next);
            searches++;
        }
        if (searches == MaxLineSearchSteps) bracket = [origin, current];
        if (done) return new SearchResult(bracket![0].Step, bracket[0].Value, bracket[0].Gradient, evaluations);

        bool insufficientProgress = false;
        int low = bracket![0].Value <= bracket[^1].Value ? 0 : 1, high = 1 - low;
        while (!done && searches < MaxLineSearchSteps)
        {
            if (Math.Abs(bracket[1].Step - bracket[0].Step) * dNorm < changeTolerance) break;
            double lo = Math.Min(bracket[0].Step, bracket[1].Step), hi = Math.Max(bracket[0].Step, bracket[1].Step);
            double step = Cubic(bracket[0], bracket[1], lo, hi);
            // An interpolated step at the bracket's edge makes no progress: move it a tenth of the bracket inside.
            double margin = 0.1 * (hi - lo);
            if (Math.Min(hi - step, step - lo) < margin)
            {
                if (insufficientProgress || step >= hi || step <= lo)
                {
                    step = Math.Abs(step - hi) < Math.Abs(step - lo) ? hi - margin : lo + margin;
                    insufficientProgress = false;
                }
                else insufficientProgress = true;
            }
            else insufficientProgress = false;

            var trial = Evaluate(step);
            searches++;
            if (trial.Value > f + SufficientDecrease * step * slope || trial.Value >= bracket[low].Value)
            {
                bracket[high] = trial;
                (low, high) = bracket[0].Value <= bracket[1].Value ? (0, 1) : (1, 0);
            }
            else
            {
                if (Math.Abs(trial.Slope) <= -Curvature * slope) done = true;
                else if (trial.Slope * (bracket[high].Step - bracket[low].Step) >= 0) bracket[high] = bracket[low];
                bracket[low] = trial;
            }
        }
        return new SearchResult(bracket[low].Step, bracket[low].Value, bracket[low].Gradient, evaluations);
    }

    /// <summary>The minimiser of the cubic through two trials' values and slopes, clamped to [lower, upper]; their middle when it has none.</summary>
    private static double Cubic(Trial a, Trial b, double lower, double upper)
    {
        double d1 = a.Slope + b.Slope - 3 * (a.Value - b.Value) / (a.Step - b.Step);
        double d2Square = d1 * d1 - a.Slope * b.Slope;
        if (d2Square < 0) return (lower + upper) / 2;
        double d2 = Math.Sqrt(d2Square);
        double minimum = a.Step <= b.Step
            ? b.Step - (b.Step - a.Step) * ((b.Slope + d2 - d1) / (b.Slope - a.Slope + 2 * d2))
            : a.Step - (a.Step - b.Step) * ((a.Slope + d2 - d1) / (a.Slope - b.Slope + 2 * d2));
        // Near a minimum reached to rounding, two trials can agree in value and slope: torch's formula then divides
        // zero by zero, and its NaN passes the clamp (Math.Max, like Python's max, keeps a NaN) into the iterate.
        if (!double.IsFinite(minimum)) return (lower + upper) / 2;
        return Math.Min(Math.Max(minimum, lower), upper);
    }

    private static double Dot(double[] a, double[] b) { double s = 0; for (int i = 0; i < a.Length; i++) s += a[i] * b[i]; return s; }
    private static double MaxAbs(double[] a) { double m = 0; foreach (double v in a) m = Math.Max(m, Math.Abs(v)); return m; }
    private static double[] Scaled(double[] a, double c) { var r = new double[a.Length]; for (int i = 0; i < a.Length; i++) r[i] = c * a[i]; return r; }
    private static double[] Difference(double[] a, double[] b) { var r = new double[a.Length]; for (int i = 0; i < a.Length; i++) r[i] = a[i] - b[i]; return r; }
    private static void AddScaled(double[] into, double[] a, double c) { for (int i = 0; i < into.Length; i++) into[i] += c * a[i]; }
}

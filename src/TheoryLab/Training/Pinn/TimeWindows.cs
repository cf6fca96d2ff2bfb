namespace TheoryLab.Training.Pinn;

/// <summary>
/// The time windows of sequence-to-sequence PINN training (Krishnapriyan et al. 2021, Section 4.2): [0, T] cut into
/// <see cref="Count"/> equal windows, each solved by a network of its own in local time from the previous window's
/// prediction at its end. A time on the border of two windows belongs to the later one, whose initial condition it is;
/// T itself belongs to the last.
/// </summary>
public sealed record TimeWindows
{
    public TimeWindows(double finalTime, int count)
    {
        if (!(finalTime > 0) || count < 1) throw new TheoryLabException("time windows need a positive final time and at least one window.");
        FinalTime = finalTime;
        Count = count;
    }

    /// <summary>T, the end of the last window.</summary>
    public double FinalTime { get; }

    /// <summary>How many windows.</summary>
    public int Count { get; }

    /// <summary>Δt, the length of each window.</summary>
    public double Length => FinalTime / Count;

    /// <summary>Where window <paramref name="window"/> (from 0) starts.</summary>
    public double Start(int window) => window * Length;

    /// <summary>The window that predicts time <paramref name="t"/> in [0, T].</summary>
    public int WindowOf(double t)
    {
        if (t < 0 || t > FinalTime) throw new TheoryLabException($"t = {t} lies outside the windows' [0, {FinalTime}].");
        // A time a rounding error below a border is taken as the border, so that grid times land in the window they start.
        int window = (int)Math.Floor(t / Length * (1 + 1e-12));
        return Math.Min(window, Count - 1);
    }

    /// <summary>t − t₀ of the window that predicts <paramref name="t"/>: the time its network sees.</summary>
    public double LocalTime(double t) => Math.Max(t - Start(WindowOf(t)), 0);
}

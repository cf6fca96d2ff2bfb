namespace TheoryLab.Kernel;

/// <summary>
/// One measured number with its meaning, and where theory or the paper gives one, the value expected. A finding is
/// never NaN nor infinite: where a run has no number to give, it says why with an explicit
/// <see cref="FindingOutcome"/>.
/// </summary>
public sealed record Finding
{
    /// <summary>A measured or computed value.</summary>
    /// <param name="name">snake_case key, stable across versions (for example <c>chi1</c>).</param>
    /// <param name="value">The measured or computed value; finite.</param>
    /// <param name="unit">Unit or "1" for dimensionless quantities.</param>
    /// <param name="meaning">One sentence a reader of the report understands.</param>
    /// <param name="expected">The theoretical or published value, when one exists; finite.</param>
    /// <param name="expectedSource">Where <paramref name="expected"/> comes from: "theory: …", "paper: …", "independent: …" or a BibTeX key.</param>
    public Finding(string name, double value, string unit, string meaning, double? expected = null, string? expectedSource = null)
        : this(name, value, unit, meaning, expected, expectedSource, FindingOutcome.Measured)
    {
    }

    private Finding(string name, double value, string unit, string meaning, double? expected, string? expectedSource, FindingOutcome outcome)
    {
        if (outcome == FindingOutcome.Measured && !double.IsFinite(value))
            throw new TheoryLabException($"finding '{name}' is {value}, not a number a reader can use; a run that has none records it as diverged or not reached.");
        if (expected is { } e && !double.IsFinite(e))
            throw new TheoryLabException($"the expected value of finding '{name}' is {e}; leave it out where theory gives no finite value, and say so in its meaning.");
        (Name, Value, Unit, Meaning, Expected, ExpectedSource, Outcome) = (name, value, unit, meaning, expected, expectedSource, outcome);
    }

    /// <summary>A quantity the run could not measure because the training it comes from diverged.</summary>
    public static Finding Diverged(string name, string unit, string meaning) =>
        new(name, double.NaN, unit, meaning, null, null, FindingOutcome.Diverged);

    /// <summary>A quantity defined by a first time or size at which something happens, where it did not happen within the run's budget.</summary>
    public static Finding NotReached(string name, string unit, string meaning) =>
        new(name, double.NaN, unit, meaning, null, null, FindingOutcome.NotReached);

    public string Name { get; }

    /// <summary>The value; NaN exactly when <see cref="Outcome"/> is not <see cref="FindingOutcome.Measured"/>.</summary>
    public double Value { get; }

    public string Unit { get; }
    public string Meaning { get; }
    public double? Expected { get; }
    public string? ExpectedSource { get; }
    public FindingOutcome Outcome { get; }

    /// <summary>
    /// Whether the value measures the machine (examples per second, wall times) rather than the phenomenon: such
    /// findings differ between two runs of the same options and seed, and comparisons of runs skip them.
    /// </summary>
    public bool MachineDependent { get; init; }

    /// <summary>|value − expected| / |expected|, when an expected value exists and is not zero.</summary>
    public double? RelativeDeviation => Outcome == FindingOutcome.Measured && Expected is { } e && e != 0 ? Math.Abs(Value - e) / Math.Abs(e) : null;

    /// <summary>What a reader is shown in place of the value when there is none ("diverged", "not reached"); null when there is one.</summary>
    public string? WhyNoValue => Outcome switch
    {
        FindingOutcome.Diverged => "diverged",
        FindingOutcome.NotReached => "not reached",
        _ => null,
    };
}

/// <summary>Whether a finding holds a number or says why it has none.</summary>
public enum FindingOutcome
{
    /// <summary>A finite measured or computed value.</summary>
    Measured,

    /// <summary>The training the quantity comes from diverged (its loss stopped being finite).</summary>
    Diverged,

    /// <summary>What the finding waits for (a threshold, an exact fit) did not happen within the run's budget or search.</summary>
    NotReached,
}

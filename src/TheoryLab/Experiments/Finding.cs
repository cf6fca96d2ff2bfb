namespace TheoryLab.Experiments;

/// <summary>
/// One measured number with its meaning, and where theory or the paper gives one, the value expected.
/// </summary>
/// <param name="Name">snake_case key, stable across versions (for example <c>chi1</c>).</param>
/// <param name="Value">The measured or computed value.</param>
/// <param name="Unit">Unit or "1" for dimensionless quantities.</param>
/// <param name="Meaning">One sentence a reader of the report understands.</param>
/// <param name="Expected">The theoretical or published value, when one exists.</param>
/// <param name="ExpectedSource">Where <paramref name="Expected"/> comes from ("theory: …" or a BibTeX key).</param>
public sealed record Finding(string Name, double Value, string Unit, string Meaning, double? Expected = null, string? ExpectedSource = null)
{
    /// <summary>|value − expected| / |expected|, when an expected value exists and is not zero.</summary>
    public double? RelativeDeviation => Expected is { } e && e != 0 ? Math.Abs(Value - e) / Math.Abs(e) : null;
}

namespace TheoryLab.Options;

/// <summary>
/// Marks a property of an options record as a user-settable option and documents it.
/// The option's name is the property's name in snake_case (<c>SigmaW2</c> → <c>sigma_w2</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OptionAttribute(string meaning) : Attribute
{
    /// <summary>What the option controls, in one sentence.</summary>
    public string Meaning { get; } = meaning;

    /// <summary>Smallest allowed value (inclusive) for numbers, or for each element of a list.</summary>
    public double Min { get; init; } = double.NegativeInfinity;

    /// <summary>Largest allowed value (inclusive) for numbers, or for each element of a list.</summary>
    public double Max { get; init; } = double.PositiveInfinity;

    /// <summary>The allowed values of a text option, listed here; null means any text unless <see cref="ChoicesFrom"/> names them.</summary>
    public string[]? Choices { get; init; }

    /// <summary>
    /// A type implementing <see cref="IChoiceList"/> whose list is the allowed values (a registry's names), for an
    /// option that accepts whatever that registry holds; give either this or <see cref="Choices"/>, not both.
    /// </summary>
    public Type? ChoicesFrom { get; init; }

    /// <summary>Unit or symbol shown beside the value (for example "σ_w²" or "steps").</summary>
    public string? Unit { get; init; }

    /// <summary>
    /// How the value follows from other options when it is not set (for example "32 × 2^depth"), for an option whose
    /// property computes it so; null for a fixed default. Only a value set on the record can contradict other options.
    /// </summary>
    public string? Derived { get; init; }

    /// <summary>Whether a list may be empty (it means "none"); lists of numbers may not by default.</summary>
    public bool AllowEmpty { get; init; }

    /// <summary>
    /// False for an option that cannot change any number the run reports (how many threads compute the same sums,
    /// say): it is left out of the run's identity, so runs that differ only in it are one run, and one is reused.
    /// </summary>
    public bool ChangesResults { get; init; } = true;
}

namespace TheoryLab.Options;

/// <summary>
/// The allowed values of a text option, kept beside the registry they name (datasets, activations, optimisers), so
/// that an option derives its choices through <see cref="OptionAttribute.ChoicesFrom"/> instead of copying a list
/// that drifts when the registry grows.
/// </summary>
public interface IChoiceList
{
    static abstract IReadOnlyList<string> Choices { get; }
}

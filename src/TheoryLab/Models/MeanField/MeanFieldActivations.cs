using TheoryLab.Options;

namespace TheoryLab.Models.MeanField;

/// <summary>The choices of an activation option that accepts every built-in of <see cref="Activations"/>.</summary>
public sealed class MeanFieldActivations : IChoiceList
{
    private MeanFieldActivations() { }

    public static IReadOnlyList<string> Choices => Activations.Names;
}

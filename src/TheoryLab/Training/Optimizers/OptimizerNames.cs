using TheoryLab.Options;

namespace TheoryLab.Training.Optimizers;

/// <summary>The choices of an optimiser option that accepts everything <see cref="OptimizerRegistry"/> creates.</summary>
public sealed class OptimizerNames : IChoiceList
{
    private OptimizerNames() { }

    public static IReadOnlyList<string> Choices => OptimizerRegistry.Names;
}

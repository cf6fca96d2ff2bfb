namespace TheoryLab.Tests.Training;

/// <summary>
/// Tests that seed torch's one global generator and then draw from it. They run alone, after the parallel
/// tests, because a test drawing from the generator on another thread would shift their numbers.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchGeneratorCollection
{
    public const string Name = "torch's global generator";
}

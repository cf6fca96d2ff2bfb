namespace TheoryLab.Tests;

/// <summary>
/// The test classes that must have the process to themselves while they run (TestOrder.cs): those that seed or read
/// torch's global generator or switch a process-wide libtorch setting, and those that still call TorchSharp's forms that
/// make a temporary Scalar, some on purpose, to compare with them (HiddenScalarTests lets only these do so).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunAloneCollection
{
    public const string Name = "run alone";
}

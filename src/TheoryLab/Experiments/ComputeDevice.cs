namespace TheoryLab.Experiments;

/// <summary>Where tensor work runs.</summary>
public enum ComputeDevice
{
    Cpu,
    Cuda,
}

namespace TheoryLab.Torch;

/// <summary>Where tensor work runs.</summary>
public enum ComputeDevice
{
    Cpu,
    Cuda,
}

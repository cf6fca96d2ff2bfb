namespace TheoryLab.Torch.SelfCheck;

/// <summary>How one output of one kernel compared with its reference on this machine.</summary>
public sealed record KernelVerdict(string Kernel, string Output, double RelativeError, double Tolerance)
{
    /// <summary>Within tolerance; a NaN error (a non-finite candidate) never passes.</summary>
    public bool Passed => RelativeError <= Tolerance;
}

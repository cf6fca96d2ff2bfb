using TheoryLab.Options;

namespace TheoryLab.Torch;

/// <summary>How many CPU threads libtorch may use within one operation: the runtime knob the torch experiments share.</summary>
public sealed record ThreadOptions
{
    [Option("libtorch intra-op CPU threads (0: libtorch's default, one per core); 1 gives the same numbers on any machine, more can be faster and may change the last digits where libtorch splits a sum across threads", Min = 0, Max = 1024)]
    public int Threads { get; init; } = 1;
}

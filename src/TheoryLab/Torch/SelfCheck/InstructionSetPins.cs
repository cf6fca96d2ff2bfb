using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace TheoryLab.Torch.SelfCheck;

/// <summary>
/// Pins the instruction set of libtorch's own vectorised kernels (ATen's CPU capability) and of the MKL inside it
/// (its conditional numerical reproducibility branch) to AVX2 before libtorch loads. Each otherwise picks its code
/// path from the CPU: an AVX-512 machine and an AVX2 one then sum in different orders, and quick findings that agree
/// bit for bit on one machine differed on the other (an MLP's accuracy by 0.002, a ResNet's λ_max by 40 %). With the
/// pins and oneDNN off, AVX2 and AVX-512 machines take the same kernels. A variable the user has set is left alone,
/// and nothing is pinned with THEORYLAB_KERNELS=onednn (speed first) or on a CPU without AVX2.
/// </summary>
public static class InstructionSetPins
{
    private static readonly (string Name, string Value)[] Pins = [("ATEN_CPU_CAPABILITY", "avx2"), ("MKL_CBWR", "AVX2")];

    /// <summary>What <see cref="Apply"/> set, as NAME=value pairs; empty when it set nothing.</summary>
    public static IReadOnlyList<string> Applied { get; private set; } = [];

    /// <summary>Sets the pins in the process environment that libtorch reads; call before libtorch loads.</summary>
    public static void Apply()
    {
        if (EngineCheck.OneDnnAsked(Environment.GetEnvironmentVariable("THEORYLAB_KERNELS")) || !Avx2.IsSupported) return;
        var applied = new List<string>();
        foreach (var (name, value) in Pins)
        {
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name))) continue;
            // .NET's Environment.SetEnvironmentVariable changes only the managed copy; libtorch reads the C environment.
            if (setenv(name, value, 0) != 0) throw new TheoryLabException($"could not set {name}={value} for libtorch (errno {Marshal.GetLastPInvokeError()}); set it in the shell and run again.");
            Environment.SetEnvironmentVariable(name, value);
            applied.Add($"{name}={value}");
        }
        Applied = applied;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int setenv(string name, string value, int overwrite);
}

namespace TheoryLab.Torch.SelfCheck;

/// <summary>
/// Chooses the kernels a process computes with, by measurement: the probes run on libtorch's default path
/// (oneDNN); if any output is wrong, oneDNN is switched off and the probes run again on ATen's own kernels.
/// If those are wrong too, nothing this process could compute is trustworthy and it stops. The choice is
/// remembered per machine and libtorch version, so a kernel found wrong is not run again; the chosen path
/// is checked in every process all the same, since it takes milliseconds.
/// </summary>
public static class EngineCheck
{
    /// <summary>What <c>THEORYLAB_KERNELS=onednn</c> asks for: libtorch's oneDNN kernels wherever they pass the check.</summary>
    public const string OneDnnSetting = "onednn";

    /// <summary>
    /// True when the environment asks for oneDNN (<c>THEORYLAB_KERNELS=onednn</c>); false for the default, ATen's own
    /// kernels on every CPU (unset or <c>aten</c>). Which kernels a CPU's oneDNN picks, and whether they are right,
    /// differs between machines (AVX2 and AVX-512 ones here), and so did quick findings; ATen's kernels give one set
    /// of numbers on the machines TheoryLab is tested on.
    /// </summary>
    public static bool OneDnnAsked(string? setting) => setting switch
    {
        null or "" or "aten" => false,
        OneDnnSetting => true,
        _ => throw new TheoryLabException($"THEORYLAB_KERNELS is '{setting}'; set it to 'aten' (the default, the same numbers on every CPU) or '{OneDnnSetting}' (faster where oneDNN passes the self-check), or unset it."),
    };

    /// <summary>
    /// The default path: oneDNN off and ATen's own kernels checked. Throws a <see cref="TheoryLabException"/> when
    /// they compute wrongly.
    /// </summary>
    public static EngineHealth DecideAten(IReadOnlyList<KernelProbe> probes)
    {
        OneDnn.Enabled = false;
        var (verdicts, milliseconds) = KernelSelfCheck.Timed(probes);
        if (!verdicts.All(v => v.Passed)) throw Untrustworthy(verdicts);
        string pins = InstructionSetPins.Applied.Count == 0 ? "" : $", {string.Join(" and ", InstructionSetPins.Applied)}";
        return new EngineHealth(KernelPath.Native, $"ATen's kernels pass (oneDNN off on every CPU{pins}, for the same numbers on AVX2 and AVX-512 machines; THEORYLAB_KERNELS={OneDnnSetting} uses oneDNN where it passes)",
            verdicts, [], false, milliseconds);
    }

    /// <summary>
    /// With oneDNN asked for: decides and applies the path. <paramref name="remembered"/> is an earlier process's choice on this
    /// machine: Native skips the oneDNN attempt. Throws a <see cref="TheoryLabException"/> when no path passes.
    /// </summary>
    public static EngineHealth Decide(IReadOnlyList<KernelProbe> probes, RememberedChoice? remembered)
    {
        if (remembered?.Path == KernelPath.Native) OneDnn.Enabled = false;
        var (verdicts, milliseconds) = KernelSelfCheck.Timed(probes);
        var path = OneDnn.Enabled ? KernelPath.OneDnn : KernelPath.Native;
        if (verdicts.All(v => v.Passed))
        {
            string decision = remembered?.Path == KernelPath.Native
                ? $"oneDNN off: a check on {remembered.Checked:yyyy-MM-dd} found {string.Join(", ", remembered.WrongOnOneDnn)} wrong on this CPU; ATen's kernels pass"
                : path == KernelPath.OneDnn ? "libtorch's default kernels (oneDNN) pass" : "ATen's kernels pass (oneDNN was already off)";
            return new EngineHealth(path, decision, verdicts, [], remembered is not null, milliseconds);
        }
        if (path == KernelPath.Native) throw Untrustworthy(verdicts);

        OneDnn.Enabled = false;
        var (fallback, more) = KernelSelfCheck.Timed(probes);
        if (!fallback.All(v => v.Passed)) throw Untrustworthy(fallback);
        var rejected = verdicts.Where(v => !v.Passed).ToArray();
        string kernels = string.Join(", ", rejected.Select(v => v.Kernel).Distinct());
        return new EngineHealth(KernelPath.Native, $"oneDNN off: it computed {kernels} wrongly on this CPU; ATen's kernels pass", fallback, rejected, false, milliseconds + more);
    }

    private static TheoryLabException Untrustworthy(IReadOnlyList<KernelVerdict> verdicts)
    {
        var worst = verdicts.Where(v => !v.Passed).Select(v => $"{v.Kernel} ({v.Output}: relative error {v.RelativeError:G3})").Distinct().Take(3);
        return new TheoryLabException(
            $"libtorch computes wrong numbers on this CPU even with oneDNN off: {string.Join("; ", worst)}. TheoryLab will not run here; " +
            "run 'theorylab doctor' and report its output, or try another machine.");
    }
}

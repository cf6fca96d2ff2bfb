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
    /// <summary>
    /// Decides and applies the path. <paramref name="remembered"/> is an earlier process's choice on this
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

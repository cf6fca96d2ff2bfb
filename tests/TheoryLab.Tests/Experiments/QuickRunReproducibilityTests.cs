using TheoryLab.Experiments;
using TheoryLab.Kernel;

namespace TheoryLab.Tests.Experiments;

/// <summary>
/// The same options and seed give the same findings, bit for bit, except those that measure the machine (wall times,
/// throughput), which say so. Checked through the library on the quick runs that take seconds; each is run twice.
/// </summary>
public class QuickRunReproducibilityTests
{
    /// <summary>The experiments whose quick runs take seconds, each with the findings that measure the machine.</summary>
    public static TheoryData<string, string[]> CheapExperiments => new()
    {
        { "lenet5", ["examples_per_second"] },
        { "yarotsky-square", [] },
        { "glorot-init", [] },
        { "sparse-init", [] },
        { "jacobian-spectrum", [] },
        { "momentum-conditioning", [] },
        { "sgd-noise-floor", [] },
        { "batch-size", [] },
        { "adagrad-norm", [] },
    };

    [Theory]
    [MemberData(nameof(CheapExperiments))]
    public void QuickRunTwice_GivesBitwiseIdenticalFindings_ExceptThoseMarkedAsMeasuringTheMachine(string id, string[] machineDependent)
    {
        var experiment = ExperimentRegistry.Default.Get(id);
        var first = experiment.Run(experiment.QuickOptions, new RunContext { Seed = 3 }).Findings;
        var second = experiment.Run(experiment.QuickOptions, new RunContext { Seed = 3 }).Findings;

        Assert.Equal(machineDependent, first.Where(f => f.MachineDependent).Select(f => f.Name));
        Assert.Equal(first.Select(f => (f.Name, f.Outcome, f.MachineDependent)), second.Select(f => (f.Name, f.Outcome, f.MachineDependent)));
        var differing = first.Zip(second)
            .Where(p => !p.First.MachineDependent && !SameBits(p.First, p.Second))
            .Select(p => $"{p.First.Name}: {p.First.Value:R} then {p.Second.Value:R}")
            .ToList();
        Assert.True(differing.Count == 0, string.Join("; ", differing));
    }

    private static bool SameBits(Finding a, Finding b) =>
        BitConverter.DoubleToInt64Bits(a.Value) == BitConverter.DoubleToInt64Bits(b.Value)
        && a.Expected.HasValue == b.Expected.HasValue
        && (a.Expected is not { } x || BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(b.Expected!.Value))
        && (a.Unit, a.Meaning, a.ExpectedSource) == (b.Unit, b.Meaning, b.ExpectedSource);
}

using TheoryLab.Cli;
using TheoryLab.Experiments;
using TheoryLab.Tests.Experiments;

namespace TheoryLab.Tests.Cli;

/// <summary>Runs the theorylab command in-process on the probe experiment and captures both streams.</summary>
internal static class CliHarness
{
    public static readonly ExperimentRegistry Registry = new([new ProbeExperiment()]);

    public static (int Code, string Out, string Err) Run(params string[] args) => Run(Registry, args);

    /// <summary>The command on the experiments of <paramref name="registry"/> (built-in ones, say).</summary>
    public static (int Code, string Out, string Err) Run(ExperimentRegistry registry, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(args, stdout, stderr, registry);
        return (code, stdout.ToString(), stderr.ToString());
    }
}

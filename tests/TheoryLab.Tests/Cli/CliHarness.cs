using TheoryLab.Cli;
using TheoryLab.Experiments;
using TheoryLab.Tests.Experiments;

namespace TheoryLab.Tests.Cli;

/// <summary>Runs the theorylab command in-process on the probe experiment (or a registry given) and captures both streams.</summary>
internal static class CliHarness
{
    public static readonly ExperimentRegistry Registry = new([new ProbeExperiment()]);

    public static (int Code, string Out, string Err) RunWith(ExperimentRegistry registry, params string[] args) => Run(registry, args);

    public static (int Code, string Out, string Err) Run(params string[] args) => Run(Registry, args);

    /// <summary>The command on the experiments of <paramref name="registry"/> (built-in ones, say).</summary>
    public static (int Code, string Out, string Err) Run(ExperimentRegistry registry, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(args, stdout, stderr, registry);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A user error as the CLI promises it: exit 1, nothing on stdout, one line on stderr that says <paramref name="message"/>.</summary>
    public static void AssertRefusedInOneLine((int Code, string Out, string Err) result, string message)
    {
        Assert.Equal(CliApp.UserError, result.Code);
        Assert.Equal("", result.Out);
        Assert.StartsWith("error: ", result.Err);
        Assert.Contains(message, result.Err);
        Assert.Single(result.Err.TrimEnd('\n').Split('\n'));
    }
}

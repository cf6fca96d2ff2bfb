using BenchmarkDotNet.Running;

namespace TheoryLab.Bench;

/// <summary>Hands the remaining arguments to BenchmarkDotNet's switcher over every [Benchmark] class in this project.</summary>
public sealed class MicroBenchmarks : IWorkload
{
    public string Name => "bdn";
    public string Description => "BenchmarkDotNet micro-benchmarks; args as BenchmarkDotNet takes them, e.g. --filter '*MeanField*'";

    public int Run(string[] args)
    {
        BenchmarkSwitcher.FromAssembly(typeof(MicroBenchmarks).Assembly).Run(args);
        return 0;
    }
}

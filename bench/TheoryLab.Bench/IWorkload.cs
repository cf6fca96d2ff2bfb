namespace TheoryLab.Bench;

/// <summary>Something the bench program can time: a whole workload or a BenchmarkDotNet suite.</summary>
public interface IWorkload
{
    /// <summary>The name given on the command line.</summary>
    string Name { get; }

    /// <summary>What it measures and its arguments, one line.</summary>
    string Description { get; }

    /// <summary>Runs with the arguments after the name; returns the process exit code.</summary>
    int Run(string[] args);
}

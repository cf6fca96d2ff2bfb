namespace TheoryLab.Bench;

/// <summary>The workloads by name. Adding one is adding its file and one line here.</summary>
public static class Workloads
{
    public static IReadOnlyList<IWorkload> All { get; } =
    [
        new PhaseDiagramWorkload(),
        new LivePhaseDiagramWorkload(),
        new LiveTheoryWorkload(),
        new EdgeOfChaosWorkload(),
        new JacobianSpectrumWorkload(),
        new MicroBenchmarks(),
        new IntrinsicDimensionWorkload(),
        new LeNetThroughput(),
        new HessianVectorProductCost(),
        new LossSurfaceWorkload(),
        new TrainableDepthWorkload(),
        new CriticalPointStepCost(),
        new EstimatesWorkload(),
        new PinnResidualCost(),
        new StepTable(),
    ];

    public static int Run(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "list")
        {
            Console.WriteLine("usage: dotnet run -c Release --project bench/TheoryLab.Bench -- <workload> [arguments]");
            foreach (var w in All) Console.WriteLine($"  {w.Name,-16} {w.Description}");
            return args.Length == 0 ? 1 : 0;
        }
        var workload = All.FirstOrDefault(w => w.Name == args[0]);
        if (workload is null)
        {
            Console.Error.WriteLine($"unknown workload '{args[0]}'{Suggestions.DidYouMean(args[0], All.Select(w => w.Name))}; 'list' shows them all.");
            return 2;
        }
        try
        {
            return workload.Run(args[1..]);
        }
        catch (Exception e) when (TheoryLabException.Within(e) is { } userError)
        {
            // Bad input (a missing dataset, an unknown id) is one line saying what to do, as in the CLI.
            Console.Error.WriteLine($"error: {userError.Message}");
            return 1;
        }
    }
}

using TheoryLab.Data;
using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Runs;
using TheoryLab.Sweeps;
using TheoryLab.Tables;
using TheoryLab.Tests.Experiments;

namespace TheoryLab.Tests.Sweeps;

/// <summary>The sweep's finding tables against a hand computation from fixed findings.json files.</summary>
public class SweepAggregationTests
{
    private static readonly ProbeExperiment Probe = new();

    /// <summary>
    /// Three seeds at each of two grid points. At σ_w² = 1: 1, 2 and 4, so the mean is 7/3, the sample variance
    /// ((4/3)² + (1/3)² + (5/3)²)/2 = 7/3 and the standard error √(7/3)/√3 = √7/3. At σ_w² = 2: 3, 5 and a diverged
    /// run, so the mean of the two measured values is 4 and the standard error √2/√2 = 1, with one run counted as diverged.
    /// </summary>
    private static readonly Dictionary<(string Point, int Seed), Finding> Loss = new()
    {
        [("1", 0)] = new Finding("loss", 1, "nats", "Final loss."),
        [("1", 1)] = new Finding("loss", 2, "nats", "Final loss."),
        [("1", 2)] = new Finding("loss", 4, "nats", "Final loss."),
        [("2", 0)] = new Finding("loss", 3, "nats", "Final loss."),
        [("2", 1)] = Finding.Diverged("loss", "nats", "Final loss."),
        [("2", 2)] = new Finding("loss", 5, "nats", "Final loss."),
    };

    [Fact]
    public void Table_HoldsMeanStandardErrorCountsAndEverySeedsValue_AsComputedByHand()
    {
        using var dir = new TempDirectory();
        var table = Build(dir, new Study("probe", [GridAxis.Of("sigma_w2", "1,2")], [0, 1, 2], false, []));

        Assert.Equal([1.0, 2.0], table.Numbers("sigma_w2"));
        Assert.Equal([3.0, 3.0], table.Numbers(SweepTables.Completed));
        Assert.Equal([3.0, 2.0], table.Numbers(SweepTables.Measured));
        Assert.Equal(7.0 / 3, table.Numbers(SweepTables.Mean)[0], 12);
        Assert.Equal(Math.Sqrt(7) / 3, table.Numbers(SweepTables.StandardError)[0], 12);
        Assert.Equal(4.0, table.Numbers(SweepTables.Mean)[1], 12);
        Assert.Equal(1.0, table.Numbers(SweepTables.StandardError)[1], 12);
        Assert.Equal([0.0, 1.0], table.Numbers(SweepTables.Diverged));
        Assert.Equal([0.0, 0.0], table.Numbers(SweepTables.NotReached));
        Assert.Equal(["1", "3"], table.Texts("seed_0"));
        Assert.Equal(["2", "diverged"], table.Texts("seed_1"));
        Assert.Equal(["4", "5"], table.Texts("seed_2"));
    }

    [Fact]
    public void PointWithOneMeasuredSeed_HasAMeanButNoStandardError()
    {
        var single = SeedSummary.Of([new Finding("loss", 3, "nats", "x"), Finding.NotReached("loss", "nats", "x")]);
        Assert.Equal(3.0, single.Mean);
        Assert.True(double.IsNaN(single.StandardError));
        Assert.Equal(1, single.NotReached);
        Assert.True(double.IsNaN(SeedSummary.Of([Finding.Diverged("loss", "nats", "x")]).Mean));
    }

    [Fact]
    public void LogRangeGrid_GivesTheFigureALogXAxisWithOneStandardErrorBars()
    {
        using var dir = new TempDirectory();
        var plan = Plan(dir, new Study("probe", [GridAxis.Of("sigma_w2", "1:2:x2")], [0, 1, 2], false, []));
        var tables = SweepTables.Build(plan, Findings(dir, plan));
        var (figure, figureTables) = Assert.Single(SweepFigures.Build(plan, tables, new Dictionary<string, Finding> { ["loss"] = Loss[("1", 0)] }));

        Assert.Equal("loss-vs-sigma-w2", figure.Name);
        Assert.True(figure.X.Log);
        Assert.Equal("loss (nats)", figure.Y.Label);
        var markers = Assert.IsType<Markers>(Assert.Single(figure.Series));
        Assert.Equal(SweepTables.StandardError, markers.YError);
        Assert.Equal(Math.Sqrt(7) / 3, Assert.Single(figureTables).Numbers(SweepTables.StandardError)[0], 12);
    }

    [Theory]
    [InlineData("loss", "nats", "loss (nats)")]
    [InlineData("shallow_parameters_at_error", "parameters", "shallow parameters at error")]
    [InlineData("shallow_error_bound_at_deep_parameters", "1", "shallow error bound at deep…")]
    public void TheYAxis_NamesTheFinding_ShortenedToItsFirstWordsOnlyWhereItCannotFit(string name, string unit, string label)
    {
        using var dir = new TempDirectory();
        var plan = Plan(dir, new Study("probe", [GridAxis.Of("sigma_w2", "1,2")], [0], false, []));
        var table = new Table(name).Add("sigma_w2", [1.0, 2]).Add(SweepTables.Measured, [1.0, 1]).Add(SweepTables.Mean, [3.0, 4]).Add(SweepTables.StandardError, [double.NaN, double.NaN]);
        var (figure, _) = Assert.Single(SweepFigures.Build(plan, [table], new Dictionary<string, Finding> { [name] = new Finding(name, 3, unit, "A finding.") }));
        Assert.Equal(label, figure.Y.Label);
        Assert.Contains($"the mean of {name}", figure.Caption);
    }

    private static Table Build(TempDirectory dir, Study study)
    {
        var plan = Plan(dir, study);
        return Assert.Single(SweepTables.Build(plan, Findings(dir, plan)));
    }

    private static SweepPlan Plan(TempDirectory dir, Study study) => SweepPlan.For(study, Probe, dir["runs"], DataStore.Default);

    /// <summary>Writes each run's findings.json as a run would, and reads it back as the sweep does.</summary>
    private static Dictionary<string, IReadOnlyList<Finding>> Findings(TempDirectory dir, SweepPlan plan)
    {
        var result = new Dictionary<string, IReadOnlyList<Finding>>();
        foreach (var run in plan.Runs)
        {
            string file = dir[$"findings-{run.Point[0].Value}-{run.Seed}.json"];
            File.WriteAllText(file, FindingsFile.Write([Loss[(run.Point[0].Value, run.Seed)]]));
            result[run.Directory] = FindingsFile.Read(file);
        }
        return result;
    }
}

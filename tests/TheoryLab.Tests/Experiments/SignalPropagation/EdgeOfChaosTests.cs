using TheoryLab.Experiments;
using TheoryLab.Experiments.SignalPropagation;

namespace TheoryLab.Tests.Experiments.SignalPropagation;

/// <summary>The quick variant, run once and shared by the tests below.</summary>
public sealed class EdgeOfChaosQuickRun
{
    public EdgeOfChaosQuickRun() => Result = Experiment.Run(Experiment.Quick, new RunContext { Seed = 0 });

    public static EdgeOfChaos Experiment { get; } = new();
    public ExperimentResult Result { get; }
}

public class EdgeOfChaosTests(EdgeOfChaosQuickRun run) : IClassFixture<EdgeOfChaosQuickRun>
{
    [Fact]
    public void IsRegistered_WithValidDefaultsAndQuickOptions()
    {
        var experiment = ExperimentRegistry.Default.Get("edge-of-chaos");
        experiment.Validate(experiment.DefaultOptions);
        experiment.Validate(experiment.QuickOptions);
        Assert.Equal(Topic.SignalPropagation, experiment.Topic);
    }

    [Fact]
    public void UnknownActivation_IsRefusedWithTheChoices()
    {
        var experiment = ExperimentRegistry.Default.Get("edge-of-chaos");
        var error = Assert.Throws<TheoryLabException>(() => experiment.Schema.Bind(experiment.DefaultOptions, [KeyValuePair.Create("activation", "sigmoid")]));
        Assert.Contains("hard-tanh", error.Message);
    }

    [Fact]
    public void Quick_MonteCarloLengthAndChi1_AgreeWithTheory()
    {
        // q̂ at one layer has relative standard deviation about √(2/N) ≈ 4.5 % per network at N = 1000 (plus what earlier
        // layers pass on); two networks and two inputs bring the standard error to about 3 %, so 10 % is over three of them.
        // χ̂₁ averages N squared slopes over many layers and inputs, and lands within 2 %.
        Assert.InRange(run.Result.Finding("q_star").RelativeDeviation!.Value, 0, 0.10);
        Assert.InRange(run.Result.Finding("chi1").RelativeDeviation!.Value, 0, 0.02);
    }

    [Fact]
    public void Quick_MonteCarloCorrelation_ApproachesCStar()
    {
        // After 40 layers (3.4 ξ_c) the theory itself is still 0.5 % from c*; width-1000 noise adds a few per cent.
        var c = run.Result.Finding("c_star");
        Assert.Equal(0.4468, c.Expected!.Value, 3);
        Assert.InRange(c.RelativeDeviation!.Value, 0, 0.10);
    }

    [Fact]
    public void Quick_DepthScales_MatchTheFiniteDifferenceSlopesOfTheMaps()
    {
        Assert.InRange(run.Result.Finding("xi_c").RelativeDeviation!.Value, 0, 1e-5);
        Assert.InRange(run.Result.Finding("xi_q").RelativeDeviation!.Value, 0, 1e-5);
    }

    [Fact]
    public void Quick_CriticalSigmaW2_MatchesWhereMeasuredChi1CrossesOne()
    {
        // Linear interpolation between Monte-Carlo points 0.56 apart in σ_w² on a concave χ₁ curve: a few per cent.
        var critical = run.Result.Finding("critical_sigma_w2");
        Assert.Equal(1.76095, critical.Value, 4);
        Assert.InRange(critical.RelativeDeviation!.Value, 0, 0.03);
    }

    [Fact]
    public void Quick_PhaseDiagram_SeparatesChi1BelowAndAboveOneAtTheCriticalLine()
    {
        var phase = run.Result.Table("phase-diagram");
        var line = run.Result.Table("critical-line");
        var w = phase.Numbers("sigma_w2");
        var b = phase.Numbers("sigma_b2");
        var chi = phase.Numbers("chi1");
        var lineB = line.Numbers("sigma_b2");
        var lineW = line.Numbers("sigma_w2_critical");
        int checkedCells = 0;
        for (int i = 0; i < chi.Count; i++)
        {
            int nearest = Enumerable.Range(0, lineB.Count).MinBy(j => Math.Abs(lineB[j] - b[i]));
            if (Math.Abs(lineB[nearest] - b[i]) > 1e-12) continue;
            double critical = lineW[nearest];
            if (Math.Abs(w[i] - critical) < 0.05) continue;
            Assert.True(w[i] < critical ? chi[i] < 1 : chi[i] > 1, $"σ_w² = {w[i]}, σ_b² = {b[i]}: χ₁ = {chi[i]}, critical σ_w² = {critical}");
            checkedCells++;
        }
        Assert.True(checkedCells > 20, $"only {checkedCells} cells shared a σ_b² with the critical line");
        Assert.Equal(1.0, lineW[0], 9);
    }

    [Fact]
    public void Quick_EveryFigureDrawsFromColumnsItsTablesHave()
    {
        foreach (var figure in run.Result.Figures)
            foreach (var series in figure.Series)
            {
                var table = run.Result.Table(series.Table);
                var columns = series switch
                {
                    TheoryLab.Figures.Line l => new[] { l.X, l.Y },
                    TheoryLab.Figures.Markers m => new[] { m.X, m.Y },
                    TheoryLab.Figures.Heatmap h => new[] { h.X, h.Y, h.Value },
                    _ => [],
                };
                foreach (var column in columns) Assert.True(table.Has(column), $"{figure.Name}: table {table.Name} lacks {column}");
            }
    }
}

public class EdgeOfChaosReproductionTests
{
    [Fact]
    [Trait("Category", "Reproduction")]
    public void Defaults_ReproduceTheMeanFieldPredictionsOnWidth1000Networks()
    {
        var experiment = new EdgeOfChaos();
        var result = experiment.Run(experiment.Defaults, new RunContext { Seed = 0 });
        Assert.InRange(result.Finding("q_star").RelativeDeviation!.Value, 0, 0.05);
        Assert.InRange(result.Finding("c_star").RelativeDeviation!.Value, 0, 0.10);
        Assert.InRange(result.Finding("chi1").RelativeDeviation!.Value, 0, 0.01);
        Assert.InRange(result.Finding("critical_sigma_w2").RelativeDeviation!.Value, 0, 0.02);
    }
}

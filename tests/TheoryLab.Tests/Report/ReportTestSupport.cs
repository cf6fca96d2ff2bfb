using TheoryLab.Data;
using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Options;
using TheoryLab.Report.Latex;
using TheoryLab.Runs;
using TheoryLab.Tables;

namespace TheoryLab.Tests.Report;

/// <summary>A fact that needs LaTeX (latexmk, pdflatex, bibtex) and poppler; skipped with the install command when they are missing.</summary>
public sealed class LatexFactAttribute : FactAttribute
{
    public LatexFactAttribute()
    {
        if (!LatexTools.LatexAvailable || !LatexTools.PopplerAvailable)
            Skip = $"LaTeX or poppler is not installed on this machine; CI installs them with: {LatexTools.InstallCommand}";
    }
}

/// <summary>Options of <see cref="LengthMapExperiment"/>.</summary>
public sealed record LengthMapOptions
{
    [Option("number of points on the curve", Min = 2, Max = 1000)]
    public int Points { get; init; } = 20;

    [Option("dataset the (pretend) measurement reads", Choices = ["mnist", "mnist-t10k", "fashion-mnist", "mnist1d", "two-moons", "none"])]
    public string Dataset { get; init; } = "mnist";

    [Option("weight variance", Min = 0)]
    public double SigmaW2 { get; init; } = 1.5;
}

/// <summary>
/// A small experiment with a theory line, measured markers and findings, so report tests run the real
/// pipeline (Runner → run directory → report) in milliseconds. It cites Poole et al. and reads "MNIST".
/// </summary>
public sealed class LengthMapExperiment : Experiment<LengthMapOptions>
{
    public override string Id => "length-map";
    public override string Title => "Length map of a deep tanh network";
    public override Topic Topic => Topic.SignalPropagation;
    public override IReadOnlyList<string> Papers => ["poole2016exponential"];
    public override string Summary => "The squared length of a signal converges to a fixed point q* as it passes through layers.";
    public override LengthMapOptions Quick => new() { Points = 10 };

    /// <summary>It only names its dataset, for the citations, and reads nothing.</summary>
    public override void PrepareData(LengthMapOptions options, DataStore store) { }

    public override ExperimentResult Run(LengthMapOptions options, RunContext context)
    {
        var random = context.Random("noise");
        var depth = Enumerable.Range(0, options.Points).Select(i => (double)i).ToArray();
        var theory = depth.Select(l => options.SigmaW2 * (1 - Math.Exp(-l / 3))).ToArray();
        var measured = theory.Select(q => q + 0.02 * (random.NextDouble() - 0.5)).ToArray();
        var table = new Table("length").Add("depth", depth).Add("q_theory", theory).Add("q_measured", measured);
        return new ExperimentResult()
            .Add(table)
            .Add(new Finding("q_star", measured[^1], "1", "Squared length after the last layer.", theory[^1], "poole2016exponential"))
            .Add(new Figure("q-map", "Squared length q against depth: theory (line) and simulation (markers).", new Axis("depth l"), new Axis("squared length q"),
                [new Line("length", "depth", "q_theory", "theory"), new Markers("length", "depth", "q_measured", "simulation")], FigureWidth.Half));
    }
}

/// <summary>Forty findings with long meanings and wide values: more than a page of the gallery's findings table.</summary>
public sealed class ManyFindingsExperiment : Experiment<LengthMapOptions>
{
    public override string Id => "many-findings";
    public override string Title => "Many findings";
    public override Topic Topic => Topic.SignalPropagation;
    public override IReadOnlyList<string> Papers => ["poole2016exponential"];
    public override string Summary => "A run that reports more findings than one page holds.";
    public override LengthMapOptions Quick => new();

    /// <summary>It reads nothing: the options' dataset is only named.</summary>
    public override void PrepareData(LengthMapOptions options, DataStore store) { }

    public override ExperimentResult Run(LengthMapOptions options, RunContext context)
    {
        var result = new ExperimentResult();
        for (int k = 0; k < 40; k++)
            result.Add(new Finding($"representation_margin_at_budget_{k}", -7.394e-5 * (k + 1), "parameters",
                "Largest, over the budgets where a deep family computes the target exactly, of the proven lower bound on every shallow network of equal parameters minus that network's exact error.",
                1.5e-7 * (k + 1), "poole2016exponential"));
        return result;
    }
}

/// <summary>A heatmap of a smooth function on a 41 × 41 grid, so report tests see a picture that includes its cells' image.</summary>
public sealed class HeatmapExperiment : Experiment<LengthMapOptions>
{
    public override string Id => "heat";
    public override string Title => "A heatmap";
    public override Topic Topic => Topic.SignalPropagation;
    public override IReadOnlyList<string> Papers => ["poole2016exponential"];
    public override string Summary => "A smooth function over a square.";
    public override LengthMapOptions Quick => new();

    /// <summary>It reads nothing: the options' dataset is only named.</summary>
    public override void PrepareData(LengthMapOptions options, DataStore store) { }

    public override ExperimentResult Run(LengthMapOptions options, RunContext context)
    {
        const int n = 41;
        var cells = Enumerable.Range(0, n * n).ToList();
        var table = new Table("grid").Add("x", cells.Select(k => (double)(k % n))).Add("y", cells.Select(k => (double)(k / n)))
            .Add("value", cells.Select(k => Math.Sin(k % n / 7.0) * Math.Cos(k / n / 5.0)));
        return new ExperimentResult()
            .Add(table)
            .Add(new Figure("map", "A smooth function over the square.", new Axis("σ_w²"), new Axis("σ_b²"), [new Heatmap("grid", "x", "y", "value", "log₁₀ χ₁")]) { Aspect = 0.8 });
    }
}

/// <summary>An experiment that always fails, for the gallery's failure path.</summary>
public sealed class BrokenExperiment : Experiment<LengthMapOptions>
{
    public override string Id => "broken";
    public override string Title => "Broken";
    public override Topic Topic => Topic.Pruning;
    public override IReadOnlyList<string> Papers => [];
    public override string Summary => "Always fails.";
    public override LengthMapOptions Quick => new();
    public override void PrepareData(LengthMapOptions options, DataStore store) { }
    public override ExperimentResult Run(LengthMapOptions options, RunContext context) => throw new TheoryLabException("this experiment fails on purpose");
}

/// <summary>Runs of the test experiment into temporary directories.</summary>
public static class TestRuns
{
    public static string Create(string root, LengthMapOptions? options = null, int seed = 0) =>
        Create(new LengthMapExperiment(), root, options, seed);

    public static string Create(Experiment<LengthMapOptions> experiment, string root, LengthMapOptions? options = null, int seed = 0)
    {
        var request = new RunRequest(experiment, options ?? experiment.Quick) { Seed = seed, Root = root };
        return Runner.Run(request).Directory;
    }
}

using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Models.Compositional;
using TheoryLab.Numerics.Statistics;
using TheoryLab.Tables;
using TheoryLab.Text;

namespace TheoryLab.Experiments.Expressivity;

/// <summary>
/// How <see cref="Compositional"/> shows its <see cref="Measurement"/>: every run, the summaries over seeds by
/// training-set size and by width, the findings and the figures, naming columns through <see cref="Columns"/>.
/// </summary>
public sealed partial class Compositional
{
    /// <summary>The columns of the tables "runs", "samples" and "parameters"; a network's columns start with deep or shallow.</summary>
    private static class Columns
    {
        public static readonly Column Network = new("network");
        public static readonly Column UnitsPerNode = new("units_per_node");
        public static readonly Column HiddenUnits = new("hidden_units");
        public static readonly Column TrainSize = new("train_size");
        public static readonly Column Seed = new("seed");
        public static readonly Column Parameters = new("parameters");
        public static readonly Column TrainNmse = new("train_nmse");
        public static readonly Column TestNmse = new("test_nmse");

        public static Column NetworkParameters(string network) => new($"{network}_parameters");
        public static Column Log10Nmse(string network) => new($"{network}_log10_nmse");
        public static Column Log10NmseSpread(string network) => new($"{network}_log10_nmse_std");
    }

    private static ExperimentResult Present(CompositionalOptions o, Measurement measured)
    {
        var (target, largest, runs) = measured;
        var result = new ExperimentResult().Add(RunsTable(runs));
        var samples = SeedSummary("samples", runs.Where(r => r.Units == o.Units), r => r.TrainSize, Columns.TrainSize);
        var parameters = SeedSummary("parameters", runs.Where(r => r.TrainSize == largest), r => r.Units, Columns.UnitsPerNode);
        result.Add(samples).Add(parameters);
        AddFindings(result, o, runs, largest, target, samples);
        AddFigures(result, o, target, largest, samples, parameters);
        return result;
    }

    private static Table RunsTable(List<TrainedRun> runs) => new Table("runs")
        .AddText(Columns.Network, runs.Select(r => r.Deep ? "deep" : "shallow"))
        .Add(Columns.UnitsPerNode, runs.Select(r => (double)r.Units))
        .Add(Columns.HiddenUnits, runs.Select(r => (double)r.HiddenUnits))
        .Add(Columns.TrainSize, runs.Select(r => (double)r.TrainSize))
        .Add(Columns.Seed, runs.Select(r => (double)r.Seed))
        .Add(Columns.Parameters, runs.Select(r => (double)r.Parameters))
        .Add(Columns.TrainNmse, runs.Select(r => r.TrainNmse))
        .Add(Columns.TestNmse, runs.Select(r => r.TestNmse));

    /// <summary>Per value of the key: parameters, and the mean and standard deviation over seeds of log₁₀ test NMSE, for each network.</summary>
    private static Table SeedSummary(string name, IEnumerable<TrainedRun> runs, Func<TrainedRun, int> key, Column keyName)
    {
        var groups = runs.GroupBy(key).OrderBy(g => g.Key).ToList();
        var table = new Table(name).Add(keyName, groups.Select(g => (double)g.Key));
        foreach (var (deep, network) in new[] { (true, "deep"), (false, "shallow") })
        {
            var stats = groups.Select(g => g.Where(r => r.Deep == deep).ToList()).ToList();
            table.Add(Columns.NetworkParameters(network), stats.Select(s => (double)s[0].Parameters));
            table.Add(Columns.Log10Nmse(network), stats.Select(s => s.Average(r => Math.Log10(r.TestNmse))));
            table.Add(Columns.Log10NmseSpread(network), stats.Select(s => Spread.Of([.. s.Select(r => Math.Log10(r.TestNmse))]).StandardDeviation));
        }
        return table;
    }

    private static void AddFindings(ExperimentResult result, CompositionalOptions o, List<TrainedRun> runs, int largest, BinaryTreeFunction target, Table sizes)
    {
        var atLargest = runs.Where(r => r.Units == o.Units && r.TrainSize == largest).ToList();
        double deep = GeometricMean(atLargest.Where(r => r.Deep).Select(r => r.TestNmse));
        double shallow = GeometricMean(atLargest.Where(r => !r.Deep).Select(r => r.TestNmse));
        string setting = $"{target.Formula}, n = {o.Inputs}, {largest} training examples, Q = {o.Units}";
        const string theory = "theory: Poggio et al. (2017), Theorems 1–2 — O((n−1)ε^(−2/m)) units for the tree-structured net against O(ε^(−n/m)) for the shallow one";
        result.Add(new Finding("deep_test_nmse", deep, "1", $"Test MSE / Var f of the tree-structured deep net (geometric mean over {NumberText.Count(o.Seeds, "seed")}; {setting})."));
        result.Add(new Finding("shallow_test_nmse", shallow, "1", $"Test MSE / Var f of the one-hidden-layer net with the same parameter count ({setting})."));
        result.Add(new Finding("shallow_over_deep", shallow / deep, "1", $"How many times larger the shallow net's test error is ({setting}); above 1 means depth wins.", null, theory));
        int wins = Enumerable.Range(0, sizes.RowCount).Count(i => sizes.Numbers(Columns.Log10Nmse("deep"))[i] < sizes.Numbers(Columns.Log10Nmse("shallow"))[i]);
        result.Add(new Finding("deep_wins_fraction", wins / (double)sizes.RowCount, "1",
            "Fraction of training-set sizes at which the deep net's mean log test error is below the shallow net's (the theorems are about approximation: with fewer examples than parameters both nets overfit and either may win)."));
        var deepRun = atLargest.First(r => r.Deep);
        var shallowRun = atLargest.First(r => !r.Deep);
        result.Add(new Finding("deep_parameters", deepRun.Parameters, "parameters", $"Parameters of the deep net: (n − 1)(4Q + 1) with Q = {o.Units}{(o.ShareWeights ? ", shared per level" : "")}.",
            TreeNetwork.CountFor(o.Inputs, o.Units, o.ShareWeights), "theory: each node is 2 → Q → 1"));
        result.Add(new Finding("shallow_parameters", shallowRun.Parameters, "parameters", $"Parameters of the shallow net with {shallowRun.HiddenUnits} hidden units, matched to the deep net's.",
            deepRun.Parameters, "design: equal parameter counts"));
    }

    private static double GeometricMean(IEnumerable<double> values) => Math.Pow(10, values.Average(Math.Log10));

    private static void AddFigures(ExperimentResult result, CompositionalOptions o, BinaryTreeFunction target, int largest, Table samples, Table parameters)
    {
        result.Add(new Figure("error-vs-samples",
            $"Test error against training-set size for {target.Formula} on a binary tree of n = {o.Inputs} inputs: tree-structured deep net (Q = {o.Units} units per node) and a shallow net with the same parameter count; mean ± s.d. over {NumberText.Count(o.Seeds, "seed")}.",
            new Axis("training examples", Log: true), new Axis("log₁₀(test MSE / Var f)"),
            [
                new Markers(samples.Name, Columns.TrainSize, Columns.Log10Nmse("deep"), "deep (tree)", Columns.Log10NmseSpread("deep")),
                new Markers(samples.Name, Columns.TrainSize, Columns.Log10Nmse("shallow"), "shallow", Columns.Log10NmseSpread("shallow")),
            ])
        { Legend = LegendPlace.LowerLeft });
        result.Add(new Figure("error-vs-parameters",
            $"Test error against parameter count at {largest} training examples for {target.Formula}, n = {o.Inputs}; mean ± s.d. over {NumberText.Count(o.Seeds, "seed")}.",
            new Axis("parameters", Log: true), new Axis("log₁₀(test MSE / Var f)"),
            [
                new Markers(parameters.Name, Columns.NetworkParameters("deep"), Columns.Log10Nmse("deep"), "deep (tree)", Columns.Log10NmseSpread("deep")),
                new Markers(parameters.Name, Columns.NetworkParameters("shallow"), Columns.Log10Nmse("shallow"), "shallow", Columns.Log10NmseSpread("shallow")),
            ])
        { Legend = LegendPlace.LowerLeft });
    }
}

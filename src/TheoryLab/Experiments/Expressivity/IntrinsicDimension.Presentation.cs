using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Tables;

namespace TheoryLab.Experiments.Expressivity;

/// <summary>
/// How <see cref="IntrinsicDimension"/> shows its <see cref="Measurement"/>: the estimates on manifolds beside their true
/// dimension, on the noisy sphere and on the dataset's classes, as tables, findings and figures, naming columns through
/// <see cref="Columns"/>.
/// </summary>
public sealed partial class IntrinsicDimension
{
    /// <summary>The columns of the estimate tables ("manifolds", "noise", "classes", "whole") and of "truth".</summary>
    private static class Columns
    {
        public static readonly Column Label = new("label");
        public static readonly Column TrueDimension = new("true_dimension");
        public static readonly Column Sigma = new("sigma");
        public static readonly Column Class = new("class");
        public static readonly Column Examples = new("examples");
        public static readonly Column D = new("d");
        public static readonly Column Estimate = new("estimate");

        /// <summary>The estimators, by column name, with how to read each from a cloud's estimates and their names in prose.</summary>
        public static readonly (Column Column, Func<DimensionEstimates, double> Pick, string Title, string Legend)[] Estimators =
        [
            (new("levina_bickel"), e => e.LevinaBickel, "Levina–Bickel", "Levina–Bickel"),
            (new("levina_bickel_pooled"), e => e.LevinaBickelPooled, "pooled Levina–Bickel", "Levina–Bickel pooled"),
            (new("twonn"), e => e.TwoNn, "TwoNN", "TwoNN"),
            (new("hein_audibert"), e => e.HeinAudibert, "Hein–Audibert", "Hein–Audibert"),
        ];

        /// <summary>Where an estimator's markers sit on the manifold figure: beside the true dimension, so none hides another.</summary>
        public static Column Position(Column estimator) => new($"position_{estimator.Name}");
    }

    private static ExperimentResult Present(IntrinsicDimensionOptions o, Measurement measured)
    {
        var result = new ExperimentResult();
        var manifolds = EstimateTable("manifolds", Columns.TrueDimension, measured.Manifolds);
        // Markers of the four estimators sit side by side around each true d, so that none hides another.
        double[] offsets = [-0.18, -0.06, 0.06, 0.18];
        for (int k = 0; k < Columns.Estimators.Length; k++)
            manifolds.Add(Columns.Position(Columns.Estimators[k].Column), measured.Manifolds.Select(r => r.X + offsets[k]));
        result.Add(manifolds);
        var noise = EstimateTable("noise", Columns.Sigma, measured.Noisy).Add(Columns.TrueDimension, o.NoiseLevels.Select(_ => (double)o.NoiseSphereDimension));
        result.Add(noise);

        foreach (var (name, dimension, estimates) in measured.Manifolds)
        {
            string key = name.Replace("-", "_");
            const string truth = "theory: the manifold's dimension";
            result.Add(new Finding($"{key}_levina_bickel", estimates.LevinaBickel, "1", $"Levina–Bickel estimate (k = {o.K1}..{o.K2}) on the {Describe(name)}.", dimension, truth));
            result.Add(new Finding($"{key}_levina_bickel_pooled", estimates.LevinaBickelPooled, "1", $"Levina–Bickel estimate pooled as MacKay & Ghahramani propose (inverses averaged) on the {Describe(name)}.", dimension, truth));
            result.Add(new Finding($"{key}_twonn", estimates.TwoNn, "1", $"TwoNN estimate on the {Describe(name)}.", dimension, truth));
            result.Add(new Finding($"{key}_hein_audibert", estimates.HeinAudibert, "1", $"Hein–Audibert estimate (integer, candidates 1..{o.MaxDimension}) on the {Describe(name)}.", dimension, truth));
        }
        if (measured.Dataset is { } dataset) AddDataset(result, o, dataset);
        AddFigures(result, o, manifolds, noise);
        return result;
    }

    /// <summary>Estimates for each class of the dataset and for all classes together.</summary>
    private static void AddDataset(ExperimentResult result, IntrinsicDimensionOptions o, DatasetEstimates dataset)
    {
        var classTable = EstimateTable("classes", Columns.Class, dataset.Classes).Add(Columns.Examples, dataset.Classes.Select(r => dataset.Counts[r.Label]));
        List<Estimated> whole = dataset.Whole is { } all ? [all] : [];
        result.Add(classTable);
        result.Add(EstimateTable("whole", Columns.Class, whole).Add(Columns.Examples, whole.Select(r => dataset.Counts[r.Label])));

        string key = o.Dataset.Replace("-", "_");
        var classes = dataset.Classes.Select(r => r.Estimates).ToList();
        foreach (var (column, pick, title, _) in Columns.Estimators)
        {
            if (classes.Count > 0)
                result.Add(new Finding($"{key}_class_mean_{column.Name}", classes.Average(pick), "1",
                    $"{title} estimate averaged over the {classes.Count} classes of {o.Dataset} ({o.Split} split, at most {o.PerClass} examples each; ambient dimension {dataset.ExampleSize})."));
            if (dataset.Whole is { } everything)
                result.Add(new Finding($"{key}_all_{column.Name}", pick(everything.Estimates), "1", $"{title} estimate on {dataset.Counts[everything.Label]} examples of all classes of {o.Dataset} together."));
        }
        result.Add(new Figure("classes",
            $"Intrinsic dimension of each class of {o.Dataset} ({o.Split} split, at most {o.PerClass} examples per class, ambient dimension {dataset.ExampleSize}).",
            new Axis("class"), new Axis("estimated dimension", Min: 0),
            [.. Columns.Estimators.Select(e => new Markers(classTable.Name, Columns.Class, e.Column, e.Legend))])
        { Legend = LegendPlace.LowerRight });
    }

    private static void AddFigures(ExperimentResult result, IntrinsicDimensionOptions o, Table manifolds, Table noise)
    {
        var truth = new Table("truth").Add(Columns.D, [0.0, manifolds.Numbers(Columns.TrueDimension).DefaultIfEmpty(1).Max() + 1]);
        truth.Add(Columns.Estimate, truth.Numbers(Columns.D));
        result.Add(truth);
        result.Add(new Figure("manifolds",
            $"Estimated against true intrinsic dimension for manifolds embedded in R^{o.AmbientDimension} with noise σ = {o.Noise:G2}, n = {o.SampleSize} points each (markers set slightly apart by estimator).",
            new Axis("true dimension d"), new Axis("estimated dimension"),
            [
                new Line(truth.Name, Columns.D, Columns.Estimate, "estimate = true d"),
                .. Columns.Estimators.Select(e => new Markers(manifolds.Name, Columns.Position(e.Column), e.Column, e.Legend)),
            ])
        { Legend = LegendPlace.UpperLeft });
        result.Add(new Figure("noise",
            $"Estimates on the sphere S^{o.NoiseSphereDimension} in R^{o.AmbientDimension} as the ambient noise σ grows.",
            new Axis("noise σ per coordinate", Log: true), new Axis("estimated dimension"),
            [
                new Line(noise.Name, Columns.Sigma, Columns.TrueDimension, "true d"),
                .. Columns.Estimators.Select(e => new Markers(noise.Name, Columns.Sigma, e.Column, e.Legend)),
            ])
        { Legend = LegendPlace.UpperLeft });
    }

    private static Table EstimateTable(string name, Column x, IReadOnlyList<Estimated> rows)
    {
        var table = new Table(name).AddText(Columns.Label, rows.Select(r => r.Label)).Add(x, rows.Select(r => r.X));
        foreach (var (column, pick, _, _) in Columns.Estimators) table.Add(column, rows.Select(r => pick(r.Estimates)));
        return table;
    }

    private static string Describe(string name) => name switch
    {
        "swiss-roll" => "Swiss roll (d = 2)",
        _ when name.StartsWith("sphere", StringComparison.Ordinal) => $"sphere S^{name[6..]}",
        _ when name.StartsWith("subspace", StringComparison.Ordinal) => $"Gaussian {name[8..]}-dimensional subspace",
        _ => $"uniform {name[4..]}-dimensional cube",
    };
}

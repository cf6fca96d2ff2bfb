using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Models.MeanField;
using TheoryLab.Tables;
using TheoryLab.Text;

namespace TheoryLab.Experiments.SignalPropagation;

/// <summary>
/// How <see cref="SparseInit"/> shows its <see cref="Measurement"/>: the iid maps beside every kind's consecutive
/// layers, the one-step residuals and spreads against their predictions, the training curves and trainability, with
/// their findings and figures, naming columns through <see cref="Columns"/>.
/// </summary>
public sealed partial class SparseInit
{
    /// <summary>The columns of every table; a training curve's columns are named by its kind's key.</summary>
    private static class Columns
    {
        public static readonly Column QIn = new("q_in");
        public static readonly Column QOut = new("q_out");
        public static readonly Column CIn = new("c_in");
        public static readonly Column COut = new("c_out");
        public static readonly Column Identity = new("identity");
        public static readonly Column QPrevious = new("q_previous");
        public static readonly Column QNext = new("q_next");
        public static readonly Column CPrevious = new("c_previous");
        public static readonly Column CNext = new("c_next");

        public static readonly Column KindLabel = new("kind");
        public static readonly Column KindIndex = new("kind_index");
        public static readonly Column Rank = new("rank");
        public static readonly Column LengthResidual = new("length_residual");
        public static readonly Column LengthResidualError = new("length_residual_se");
        public static readonly Column LengthResidualTheory = new("length_residual_theory");
        public static readonly Column CorrelationResidual = new("correlation_residual");
        public static readonly Column CorrelationResidualError = new("correlation_residual_se");
        public static readonly Column Chi1MonteCarlo = new("chi1_mc");
        public static readonly Column Chi1MonteCarloError = new("chi1_mc_se");
        public static readonly Column Chi1Theory = new("chi1_theory");
        public static readonly Column LengthSpread = new("length_spread");
        public static readonly Column LengthSpreadError = new("length_spread_se");
        public static readonly Column LengthSpreadTheory = new("length_spread_theory");
        public static readonly Column Measured = new("measured");
        public static readonly Column MeasuredError = new("measured_se");
        public static readonly Column Theory = new("theory");

        public static readonly Column Step = new("step");
        public static readonly Column FinalAccuracy = new("final_accuracy");
        public static readonly Column FinalLoss = new("final_loss");

        public static Column Loss(Kind kind) => new($"loss_{kind.Key}");
        public static Column Accuracy(Kind kind) => new($"accuracy_{kind.Key}");
    }

    /// <summary>The tables the map figures draw: the iid maps, every kind's consecutive layers (in the order of the kinds), and the length spreads.</summary>
    private sealed record MapTables(Table LengthMap, Table CorrelationMap, Table[] LengthPairs, Table[] CorrelationPairs, Table Spread);

    private static ExperimentResult Present(SparseInitOptions o, Measurement measured)
    {
        var result = new ExperimentResult();
        var tables = AddMapTables(result, o, measured.Maps, measured.Kinds, measured.Signals, measured.Statistics);
        AddFindings(result, o, measured.Maps, measured.Kinds, measured.Statistics);
        AddMapFigures(result, o, measured.Maps, measured.Kinds, tables);
        AddTraining(result, o, measured.Maps.SigmaW2, measured.Kinds, measured.Curves);
        return result;
    }

    private static MapTables AddMapTables(ExperimentResult result, SparseInitOptions o, MeanFieldMaps maps, List<Kind> kinds, SignalMeasurement[] measured, MapStatistics[] statistics)
    {
        double top = o.InputLengths.Select(q0 => maps.SigmaW2 * q0 + maps.SigmaB2).Append(2 * maps.QStar).Max() * 1.05;
        var qIn = Enumerable.Range(0, 201).Select(i => top * i / 200).ToArray();
        var lengthMap = new Table("q-map").Add(Columns.QIn, qIn).Add(Columns.QOut, qIn.Select(maps.LengthMap)).Add(Columns.Identity, qIn);
        result.Add(lengthMap);
        double low = o.InputCorrelations.Min() < 0 ? -1 : 0;
        var cIn = Enumerable.Range(0, 201).Select(i => low + (1 - low) * i / 200).ToArray();
        var correlationMap = new Table("c-map").Add(Columns.CIn, cIn).Add(Columns.COut, cIn.Select(c => maps.CorrelationMap(c, maps.QStar))).Add(Columns.Identity, cIn);
        result.Add(correlationMap);
        var lengthPairs = new Table[kinds.Count];
        var correlationPairs = new Table[kinds.Count];
        for (int k = 0; k < kinds.Count; k++)
        {
            var m = measured[k];
            int depth = o.Depth;
            lengthPairs[k] = new Table($"q-map-mc-{kinds[k].Key}")
                .Add(Columns.QPrevious, m.Q.SelectMany(q => q.Take(depth - 1)))
                .Add(Columns.QNext, m.Q.SelectMany(q => q.Skip(1)));
            correlationPairs[k] = new Table($"c-map-mc-{kinds[k].Key}")
                .Add(Columns.CPrevious, m.C.SelectMany(c => c.Take(depth - 1)))
                .Add(Columns.CNext, m.C.SelectMany(c => c.Skip(1)));
            result.Add(lengthPairs[k]).Add(correlationPairs[k]);
        }
        result.Add(new Table("map-residuals")
            .AddText(Columns.KindLabel, kinds.Select(k => k.Label))
            .Add(Columns.Rank, kinds.Select(k => double.IsInfinity(k.Rank) ? 0 : k.Rank))
            .Add(Columns.LengthResidual, statistics.Select(s => s.LengthResidual.Mean))
            .Add(Columns.LengthResidualError, statistics.Select(s => s.LengthResidual.Error))
            .Add(Columns.LengthResidualTheory, statistics.Select(s => s.PredictedLengthResidual))
            .Add(Columns.CorrelationResidual, statistics.Select(s => s.CorrelationResidual.Mean))
            .Add(Columns.CorrelationResidualError, statistics.Select(s => s.CorrelationResidual.Error))
            .Add(Columns.Chi1MonteCarlo, statistics.Select(s => s.Chi1.Mean))
            .Add(Columns.Chi1MonteCarloError, statistics.Select(s => s.Chi1.Error))
            .Add(Columns.Chi1Theory, statistics.Select(s => s.PredictedChi1))
            .Add(Columns.LengthSpread, statistics.Select(s => s.MeasuredSpread))
            .Add(Columns.LengthSpreadError, statistics.Select(s => s.SpreadError))
            .Add(Columns.LengthSpreadTheory, statistics.Select(s => s.PredictedSpread)));
        var spread = new Table("length-spread")
            .Add(Columns.KindIndex, Enumerable.Range(1, kinds.Count).Select(i => (double)i))
            .Add(Columns.Measured, statistics.Select(s => s.MeasuredSpread))
            .Add(Columns.MeasuredError, statistics.Select(s => s.SpreadError))
            .Add(Columns.Theory, statistics.Select(s => s.PredictedSpread));
        result.Add(spread);
        return new MapTables(lengthMap, correlationMap, lengthPairs, correlationPairs, spread);
    }

    private static void AddFindings(ExperimentResult result, SparseInitOptions o, MeanFieldMaps maps, List<Kind> kinds, MapStatistics[] statistics)
    {
        int sparsest = kinds.FindLastIndex(k => k.Weights is SparseWeights), lowest = kinds.FindLastIndex(k => k.Weights is LowRankWeights);
        result.Add(new Finding("sigma_w2", maps.SigmaW2, "σ_w²",
            o.SigmaW2 > 0 ? $"The weight variance chosen (χ₁ = {maps.Chi1:G4})." : $"The iid edge of chaos (χ₁ = 1) at σ_b² = {NumberText.Prose(o.SigmaB2)}, by Brent's method, used for every kind of weights."));
        foreach (var (index, name) in new[] { (0, "gaussian"), (sparsest, "sparsest"), (lowest, "lowest_rank") })
        {
            if (index < 0) continue;
            var s = statistics[index];
            string who = $"{o.Networks} networks of width {o.Width} with {kinds[index].Label} weights";
            result.Add(new Finding($"chi1_{name}", s.Chi1.Mean, "1",
                $"Mean squared singular value of the layer-to-layer Jacobian, (1/N)‖W diag φ′(h)‖², over layers 1–{o.Depth - 1} and every followed input of {who} (standard error {s.Chi1.Error:G3}); the mean-field χ₁ of iid weights at the inputs' measured lengths.",
                s.PredictedChi1, "mean field: σ_w² ∫Dz φ′(√q z)² at each input's measured length (1 at q* on the edge of chaos), the same for pseudo-iid weights (naitsaada2024beyond)"));
            result.Add(new Finding($"length_residual_{name}", s.LengthResidual.Mean, "1",
                $"Mean relative one-step deviation q^l / Q(q^{{l−1}}) − 1 of measured lengths from the iid length map Q, over the followed inputs and layers of {who} (standard error {s.LengthResidual.Error:G3}); 0 in the Gaussian-process limit, and for sparse masks a first-order correction in 1/(pN) from their Gaussian-mixture pre-activations.",
                s.PredictedLengthResidual, "Gaussian-process limit (naitsaada2024beyond); masks: σ_w² F″(q) Var V /(2Q), F(v) = E φ(√v z)²"));
            result.Add(new Finding($"correlation_residual_{name}", s.CorrelationResidual.Mean, "1",
                $"Mean one-step deviation c^l − C(c^{{l−1}}) of measured correlations from the iid correlation map at q*, over the followed pairs and layers of {who} (standard error {s.CorrelationResidual.Error:G3}).",
                0, "Gaussian-process limit: the iid correlation map (naitsaada2024beyond)"));
            result.Add(new Finding($"length_spread_{name}", s.MeasuredSpread, "1",
                $"Root-mean-square relative one-step deviation of lengths in {who} (standard error {s.SpreadError:G3}): the finite-size fluctuation of q̂ = (1/N)Σh², which the maps leave out.",
                s.PredictedSpread, "theory: √(Var q̂)/Q given the previous layer (2/N iid; mixture correction for masks; + (2/r)(σ_w² E φ²/Q)² for rank r)"));
        }
    }

    private static void AddMapFigures(ExperimentResult result, SparseInitOptions o, MeanFieldMaps maps, List<Kind> kinds, MapTables tables)
    {
        string setting = $"{o.Activation}, σ_w² = {maps.SigmaW2:G4}, σ_b² = {NumberText.Prose(o.SigmaB2)}, width {o.Width}";
        var qSeries = new List<Series> { new Line(tables.LengthMap.Name, Columns.QIn, Columns.QOut, "iid mean field"), new Line(tables.LengthMap.Name, Columns.QIn, Columns.Identity, "diagonal", Dashed: true) };
        qSeries.AddRange(kinds.Select((k, i) => (Series)new Markers(tables.LengthPairs[i].Name, Columns.QPrevious, Columns.QNext, k.Label)));
        result.Add(new Figure("q-map", $"Length map of networks with iid, sparse and low-rank weights of the same variance ({setting}): consecutive layers' lengths, averaged over {NumberText.Count(o.Networks, "network")}, against the iid mean-field map.",
            new Axis("length q at layer l − 1"), new Axis("length q at layer l"), qSeries)
        { Legend = LegendPlace.UpperLeft });
        var cSeries = new List<Series> { new Line(tables.CorrelationMap.Name, Columns.CIn, Columns.COut, "iid mean field"), new Line(tables.CorrelationMap.Name, Columns.CIn, Columns.Identity, "diagonal", Dashed: true) };
        cSeries.AddRange(kinds.Select((k, i) => (Series)new Markers(tables.CorrelationPairs[i].Name, Columns.CPrevious, Columns.CNext, k.Label)));
        result.Add(new Figure("c-map", $"Correlation map at q* = {maps.QStar:G4} of networks with iid, sparse and low-rank weights ({setting}): consecutive layers' correlations of input pairs, averaged over {NumberText.Count(o.Networks, "network")}, against the iid mean-field map.",
            new Axis("correlation c at layer l − 1"), new Axis("correlation c at layer l"), cSeries)
        { Legend = LegendPlace.UpperLeft });
        string labels = string.Join("; ", kinds.Select((k, i) => $"{i + 1}: {k.Label}"));
        result.Add(new Figure("length-spread", $"Relative one-step fluctuation of the layer length q̂ = (1/N) Σ h_i² ({setting}): measured (markers, ±1 s.e.) and predicted (line). Kinds: {labels}.",
            new Axis("kind of weights"), new Axis("relative fluctuation of q̂", Log: true),
            [new Line(tables.Spread.Name, Columns.KindIndex, Columns.Theory, "prediction"), new Markers(tables.Spread.Name, Columns.KindIndex, Columns.Measured, "networks", YError: Columns.MeasuredError)])
        { Legend = LegendPlace.UpperLeft });
    }

    /// <summary>The training curves of every kind, the final accuracy by kind, and the findings on the iid, sparsest and lowest-rank kinds.</summary>
    private static void AddTraining(ExperimentResult result, SparseInitOptions o, double sigmaW2, List<Kind> kinds, TrainingCurve[] trained)
    {
        var curves = new Table("training-curves").Add(Columns.Step, trained[0].Steps.Select(s => (double)s));
        for (int k = 0; k < kinds.Count; k++) curves.Add(Columns.Loss(kinds[k]), trained[k].Loss).Add(Columns.Accuracy(kinds[k]), trained[k].Accuracy);
        var finalAccuracy = trained.Select(c => c.Accuracy[^1]).ToArray();
        var trainability = new Table("trainability")
            .AddText(Columns.KindLabel, kinds.Select(k => k.Label))
            .Add(Columns.KindIndex, Enumerable.Range(1, kinds.Count).Select(i => (double)i))
            .Add(Columns.FinalAccuracy, finalAccuracy)
            .Add(Columns.FinalLoss, trained.Select(c => c.Loss[^1]));
        result.Add(curves).Add(trainability);
        string setting = $"{o.Activation} networks of depth {o.TrainingDepth} and width {o.TrainingWidth} at σ_w² = {sigmaW2:G4}, σ_b² = {NumberText.Prose(o.SigmaB2)} on {o.Training.Dataset}, {o.Training.TrainingSteps} SGD steps with η = {NumberText.Prose(o.Training.LearningRate)}, μ = {NumberText.Prose(o.Training.Momentum)}";
        string labels = string.Join("; ", kinds.Select((k, i) => $"{i + 1}: {k.Label}"));
        result.Add(new Figure("trainability", $"Training accuracy (first 1,000 examples) after training {setting}, by kind of initial weights (kinds: {labels}). Only the initialisation is sparse or low rank: training updates every weight.",
            new Axis("kind of weights"), Axis.Fraction("final training accuracy") with { Min = 0 },
            [new Bars(trainability.Name, Columns.KindIndex, Columns.FinalAccuracy, "final accuracy")])
        { Legend = null });
        result.Add(new Figure("training-loss", $"Training cross-entropy during SGD of {setting}, by kind of initial weights.",
            new Axis("SGD step"), new Axis("training loss (nats)", Log: true),
            [.. kinds.Select(k => (Series)new Line(curves.Name, Columns.Step, Columns.Loss(k), k.Label, Dashed: k.Weights is LowRankWeights))]));
        int sparsest = kinds.FindLastIndex(k => k.Weights is SparseWeights), lowest = kinds.FindLastIndex(k => k.Weights is LowRankWeights);
        result.Add(new Finding("train_accuracy_gaussian", finalAccuracy[0], "1", $"Training accuracy after training {setting} from iid Gaussian weights."));
        if (sparsest >= 0) result.Add(new Finding("train_accuracy_sparsest", finalAccuracy[sparsest], "1", $"The same from {kinds[sparsest].Label} weights."));
        if (lowest >= 0) result.Add(new Finding("train_accuracy_lowest_rank", finalAccuracy[lowest], "1", $"The same from {kinds[lowest].Label} weights."));
    }
}

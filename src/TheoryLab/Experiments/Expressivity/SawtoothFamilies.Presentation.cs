using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Models.PiecewiseLinear;
using TheoryLab.Tables;

namespace TheoryLab.Experiments.Expressivity;

/// <summary>
/// How <see cref="SawtoothFamilies"/> shows its <see cref="Measurement"/>: a table per Δᵏ, Hanin and Rolnick's bound
/// line, the findings and the figures, naming columns through <see cref="Columns"/>.
/// </summary>
internal static partial class SawtoothFamilies
{
    /// <summary>The columns of the tables "family-k&lt;k&gt;" and "hanin-rolnick".</summary>
    private static class Columns
    {
        public static readonly Column Layers = new("layers");
        public static readonly Column DeepParameters = new("deep_parameters");
        public static readonly Column ShallowWidth = new("shallow_width");
        public static readonly Column ShallowParameters = new("shallow_parameters");
        public static readonly Column DeepError = new("deep_error");
        public static readonly Column ShallowError = new("shallow_error");
        public static readonly Column DeepErrorMean = new("deep_error_mean");
        public static readonly Column ShallowErrorMean = new("shallow_error_mean");
        public static readonly Column ShallowLowerBound = new("shallow_lower_bound");
        public static readonly Column DeepNeurons = new("deep_neurons");
        public static readonly Column ShallowNeurons = new("shallow_neurons");
        public static readonly Column DeepPiecesInit = new("deep_pieces_init");
        public static readonly Column DeepPiecesTrained = new("deep_pieces_trained");
        public static readonly Column DeepPiecesTrainedMax = new("deep_pieces_trained_max");
        public static readonly Column ShallowPiecesInit = new("shallow_pieces_init");
        public static readonly Column ShallowPiecesTrained = new("shallow_pieces_trained");
        public static readonly Column ShallowPiecesTrainedMax = new("shallow_pieces_trained_max");
        public static readonly Column DeepLayerwiseBound = new("deep_layerwise_bound");
        public static readonly Column DeepTelgarskyBound = new("deep_telgarsky_bound");
        public static readonly Column ShallowLayerwiseBound = new("shallow_layerwise_bound");
        public static readonly Column TargetPieces = new("target_pieces");
        public static readonly Column DeepConstructedError = new("deep_constructed_error");
        public static readonly Column Neurons = new("neurons");
        public static readonly Column Bound = new("bound");
    }

    public static void Present(SawtoothOptions o, Measurement measured, ExperimentResult result)
    {
        var (ks, fits) = measured;
        var families = ks.ToDictionary(k => k, k => FamilyTable(k, fits.Where(f => f.K == k).ToList(), o));
        foreach (int k in ks) result.Add(families[k]);
        var bound = BoundLine(o, fits.SelectMany(f => new[] { f.Deep.Shape.NeuronCount, f.Shallow.Shape.NeuronCount }));
        result.Add(bound);
        AddFindings(o, result, fits, ks, families);
        AddFigures(o, result, ks, families, bound);
    }

    /// <summary>One row per parameter budget (deep depth) for Δᵏ.</summary>
    private static Table FamilyTable(int k, List<Budget> rows, SawtoothOptions o) => new Table($"family-k{k}")
        .Add(Columns.Layers, rows.Select(r => (double)r.Layers))
        .Add(Columns.DeepParameters, rows.Select(r => (double)r.Deep.Shape.ParameterCount))
        .Add(Columns.ShallowWidth, rows.Select(r => (double)r.Shallow.Shape.NeuronCount))
        .Add(Columns.ShallowParameters, rows.Select(r => (double)r.Shallow.Shape.ParameterCount))
        .Add(Columns.DeepError, rows.Select(r => r.Deep.BestError))
        .Add(Columns.ShallowError, rows.Select(r => r.Shallow.BestError))
        .Add(Columns.DeepErrorMean, rows.Select(r => r.Deep.MeanError))
        .Add(Columns.ShallowErrorMean, rows.Select(r => r.Shallow.MeanError))
        .Add(Columns.ShallowLowerBound, rows.Select(r => TentMap.MeanAbsoluteErrorLowerBound(k, r.Shallow.Shape.NeuronCount + 1L, o.IntervalStart, o.IntervalEnd)))
        .Add(Columns.DeepNeurons, rows.Select(r => (double)r.Deep.Shape.NeuronCount))
        .Add(Columns.ShallowNeurons, rows.Select(r => (double)r.Shallow.Shape.NeuronCount))
        .Add(Columns.DeepPiecesInit, rows.Select(r => r.Deep.PiecesInit))
        .Add(Columns.DeepPiecesTrained, rows.Select(r => r.Deep.PiecesTrained))
        .Add(Columns.DeepPiecesTrainedMax, rows.Select(r => r.Deep.MaxPiecesTrained))
        .Add(Columns.ShallowPiecesInit, rows.Select(r => r.Shallow.PiecesInit))
        .Add(Columns.ShallowPiecesTrained, rows.Select(r => r.Shallow.PiecesTrained))
        .Add(Columns.ShallowPiecesTrainedMax, rows.Select(r => r.Shallow.MaxPiecesTrained))
        .Add(Columns.DeepLayerwiseBound, rows.Select(r => r.Deep.Shape.LayerwisePieceBound))
        .Add(Columns.DeepTelgarskyBound, rows.Select(r => r.Deep.Shape.PieceBound))
        .Add(Columns.ShallowLayerwiseBound, rows.Select(r => r.Shallow.Shape.LayerwisePieceBound))
        .Add(Columns.TargetPieces, rows.Select(_ => (double)TentMap.PieceCount(k, o.IntervalStart, o.IntervalEnd)))
        .Add(Columns.DeepConstructedError, rows.Select(r => r.ConstructedError));

    /// <summary>Hanin and Rolnick's bound 1 + C_grad·C_bias·|L|·N on the mean pieces at initialisation, over the neuron counts met.</summary>
    private static Table BoundLine(SawtoothOptions o, IEnumerable<int> neurons)
    {
        var counts = neurons.Distinct().Order().Select(n => (double)n).ToArray();
        double perNeuron = BreakpointsPerNeuronBound(o.BiasStd);
        return new Table("hanin-rolnick").Add(Columns.Neurons, counts).Add(Columns.Bound, counts.Select(n => 1 + perNeuron * n));
    }

    private static void AddFindings(SawtoothOptions o, ExperimentResult result, List<Budget> fits, int[] ks, Dictionary<int, Table> families)
    {
        string training = $"{o.TrainRestarts} initialisations, {o.TrainSteps} {o.Optimizer} steps";
        foreach (int k in ks)
        {
            var rows = fits.Where(f => f.K == k).ToList();
            result.Add(new Finding($"trained_error_gap_k{k}", rows.Average(r => r.Shallow.BestError - r.Deep.BestError), "1",
                $"Mean over the {rows.Count} parameter budgets of (shallow − deep) best mean absolute error on Δ^{k} ({training}); positive when the deep-narrow family fits better.",
                null, "theory: at equal parameters the deep family can represent Δᵏ for larger k (exactness needs width 2ᵏ in one layer)"));
        }

        foreach (int k in ks)
        {
            var table = families[k];
            var margins = Enumerable.Range(0, table.RowCount)
                .Where(i => !double.IsNaN(table.Numbers(Columns.DeepConstructedError)[i]))
                .Select(i => table.Numbers(Columns.ShallowLowerBound)[i] - table.Numbers(Columns.DeepConstructedError)[i]).ToList();
            if (margins.Count == 0) continue;
            result.Add(new Finding($"representation_margin_k{k}", margins.Max(), "1",
                $"Largest, over the budgets where a deep-family network computes Δ^{k} exactly, of (proven lower bound on every shallow network of equal parameters) − (that network's exact error): by how much depth wins in representation.",
                null, "theory: Telgarsky — the deep architecture contains Δᵏ, and no width-m network comes within the tooth and pair bounds"));
        }

        double perNeuron = BreakpointsPerNeuronBound(o.BiasStd);
        const string source = "theory: Hanin & Rolnick (2019), k = 1: E[breakpoints along L] ≤ C_grad·C_bias·|L|·#neurons";
        foreach (var (family, select) in new (string, Func<Budget, Fit>)[] { ("deep", f => f.Deep), ("shallow", f => f.Shallow) })
        {
            var chosen = fits.Select(select).ToList();
            result.Add(new Finding($"{family}_breakpoints_per_neuron_init", chosen.Average(f => (f.PiecesInit - 1) / f.Shape.NeuronCount), "1",
                $"Mean (pieces − 1)/#neurons of the {family} networks at initialisation (weights N(0, 2/fan-in), biases N(0, {o.BiasStd}²), input centred on the interval).",
                perNeuron, source));
            result.Add(new Finding($"{family}_breakpoints_per_neuron_trained", chosen.Average(f => (f.PiecesTrained - 1) / f.Shape.NeuronCount), "1",
                $"Mean (pieces − 1)/#neurons of the {family} networks after training (the paper observes it stays near its value at initialisation).",
                perNeuron, source));
        }
        int within = fits.Sum(f => f.Deep.WithinBound + f.Shallow.WithinBound);
        int trained = fits.Sum(f => f.Deep.Trained + f.Shallow.Trained);
        result.Add(new Finding("trained_pieces_within_layerwise_bound", within / (double)trained, "1",
            "Fraction of trained networks whose exactly counted pieces do not exceed Π_l(m_l + 1) (itself at most (2m)ˡ).",
            1, "theory: each unit of layer l crosses zero at most once on each piece of layer l − 1"));
        var deepest = fits.Where(f => f.K == ks[^1]).MaxBy(f => f.Layers);
        result.Add(new Finding("trained_deep_pieces_at_largest", deepest.Deep.PiecesTrained, "pieces",
            $"Mean pieces of the trained {deepest.Layers} × {o.FamilyWidth} networks on Δ^{deepest.K}, against Δ^{deepest.K}'s {TentMap.PieceCount(deepest.K, o.IntervalStart, o.IntervalEnd)}, the layerwise bound {deepest.Deep.Shape.LayerwisePieceBound:G4} and (2m)ˡ = {deepest.Deep.Shape.PieceBound:G4}.",
            1 + perNeuron * deepest.Deep.Shape.NeuronCount, "theory: Hanin & Rolnick (2019), 1 + C_grad·C_bias·|L|·#neurons at initialisation"));
    }

    private static void AddFigures(SawtoothOptions o, ExperimentResult result, int[] ks, Dictionary<int, Table> families, Table bound)
    {
        var errorSeries = new List<Series>();
        foreach (int k in ks)
        {
            errorSeries.Add(new Markers(families[k].Name, Columns.DeepParameters, Columns.DeepError, $"Δ^{k}: deep, {o.FamilyWidth} units per layer"));
            errorSeries.Add(new Markers(families[k].Name, Columns.ShallowParameters, Columns.ShallowError, $"Δ^{k}: shallow"));
        }
        result.Add(new Figure("trained-error-vs-parameters",
            $"Mean absolute error on Δᵏ of trained deep-narrow networks ({o.FamilyWidth} units per layer, {string.Join(", ", o.FamilyDepths.Distinct().Order())} layers) and one-hidden-layer networks of the same parameter count; best of {o.TrainRestarts} initialisations, {o.TrainSteps} {o.Optimizer} steps on the {o.TrainLoss} loss.",
            new Axis("parameters", Log: true), new Axis("mean |f − Δᵏ|", Min: -0.005, Max: 0.4), errorSeries)
        { Legend = LegendPlace.UpperRight });

        int k0 = ks[^1];
        string table = families[k0].Name;
        result.Add(new Figure("trained-pieces",
            $"Linear pieces on [{o.IntervalStart}, {o.IntervalEnd}], counted exactly, of the networks trained on Δ^{k0} (mean over {o.TrainRestarts} initialisations) at initialisation and after training, against the number of neurons; lines: Hanin and Rolnick's bound on the mean at initialisation and the layerwise maximum Π(m_l + 1) of the deep networks.",
            new Axis("hidden units (#neurons)", Log: true), new Axis("linear pieces", Log: true),
            [
                new Line(bound.Name, Columns.Neurons, Columns.Bound, "Hanin–Rolnick bound 1 + C·N"),
                new Line(table, Columns.DeepNeurons, Columns.DeepLayerwiseBound, "deep: Π(m_l + 1)", Dashed: true),
                new Markers(table, Columns.DeepNeurons, Columns.DeepPiecesInit, "deep, initialisation"),
                new Markers(table, Columns.DeepNeurons, Columns.DeepPiecesTrained, "deep, trained"),
                new Markers(table, Columns.ShallowNeurons, Columns.ShallowPiecesInit, "shallow, initialisation"),
                new Markers(table, Columns.ShallowNeurons, Columns.ShallowPiecesTrained, "shallow, trained"),
            ])
        { Legend = LegendPlace.UpperLeft });
    }
}

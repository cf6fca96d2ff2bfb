using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Models.PiecewiseLinear;
using TheoryLab.Tables;
using TheoryLab.Training.PiecewiseLinear;
using static TorchSharp.torch;

namespace TheoryLab.Experiments.Expressivity;

/// <summary>
/// The trained half of <see cref="Sawtooth"/>: deep-narrow networks (<c>family_depths</c> layers of
/// <c>family_width</c> units) and shallow-wide ones of the same parameter count, initialised at random and trained on
/// Δᵏ for each k of <c>family_k</c>; their exact errors, and their linear pieces counted exactly before and after
/// training beside the (2m)ˡ and Π(m_l + 1) bounds and Hanin and Rolnick's average-case bound.
/// </summary>
internal static class SawtoothFamilies
{
    /// <summary>One architecture trained on one Δᵏ: the best error over restarts, and mean piece counts.</summary>
    private sealed record Fit(ReluNetwork Shape, double BestError, double MeanError, double PiecesInit, double PiecesTrained, double MaxPiecesTrained, int WithinBound, int Trained);

    public static void Run(SawtoothOptions o, RunContext context, Device device, ExperimentResult result)
    {
        var settings = Sawtooth.FitSettings(o);
        var depths = o.FamilyDepths.Distinct().Order().ToArray();
        var ks = o.FamilyK.Distinct().Order().ToArray();
        using var task = context.Progress.Start("training deep and shallow families", (long)ks.Length * depths.Length * 2 * o.TrainRestarts);
        var fits = new List<(int K, int Layers, Fit Deep, Fit Shallow)>();
        foreach (int k in ks)
        {
            var target = TentMap.Exact(k, o.IntervalStart, o.IntervalEnd);
            foreach (int layers in depths)
            {
                int[] deepWidths = [.. Enumerable.Repeat(o.FamilyWidth, layers)];
                int shallowWidth = EqualShallowWidth(ReluNetwork.CountParameters(deepWidths));
                var deep = Train(o, context, device, target, settings, deepWidths, $"k {k} deep {layers}", task);
                var shallow = Train(o, context, device, target, settings, [shallowWidth], $"k {k} shallow {layers}", task);
                fits.Add((k, layers, deep, shallow));
            }
        }

        var families = ks.ToDictionary(k => k, k => FamilyTable(k, fits.Where(f => f.K == k).ToList(), o));
        foreach (int k in ks) result.Add(families[k]);
        var bound = BoundLine(o, fits.SelectMany(f => new[] { f.Deep.Shape.NeuronCount, f.Shallow.Shape.NeuronCount }));
        result.Add(bound);
        AddFindings(o, result, fits, ks, settings, families);
        AddFigures(o, result, ks, families, bound);
    }

    /// <summary>The width m whose 3m + 1 parameters come closest to <paramref name="parameters"/>.</summary>
    public static int EqualShallowWidth(long parameters) => (int)Math.Max(1, Math.Round((parameters - 1) / 3.0));

    /// <summary>
    /// Hanin and Rolnick's bound on the mean number of breakpoints per neuron along the interval at this initialisation,
    /// C_grad·C_bias·|L|: C_bias = 1/(σ_b√(2π)) is the largest density of a bias, C_grad = √2 bounds E|∂z/∂u| (He weights
    /// keep E(∂z/∂u)² = 2 in every layer), and |L| = 2 is the length of the centred input u ∈ [−1, 1].
    /// </summary>
    public static double BreakpointsPerNeuronBound(double biasStd) => Math.Sqrt(2) / (biasStd * Math.Sqrt(2 * Math.PI)) * 2;

    private static Fit Train(SawtoothOptions o, RunContext context, Device device, PiecewiseLinearFunction target, GradientFitSettings settings,
        int[] widths, string purpose, IProgressTask task)
    {
        double a = target.Start, b = target.End;
        var errors = new List<double>();
        var initCounts = new List<double>();
        var trainedCounts = new List<double>();
        ReluNetwork? shape = null;
        for (int r = 0; r < o.TrainRestarts; r++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var initial = ReluNetwork.RandomCentred(widths, o.BiasStd, a, b, context.Random($"{purpose} restart {r}"));
            shape ??= initial;
            initCounts.Add(LinearPieces.Count(initial, a, b, context.Cancellation));
            var trained = LinearPieces.Function(GradientFit.Train(initial, target, settings, device, context.Cancellation), a, b, context.Cancellation);
            trainedCounts.Add(trained.PieceCount);
            errors.Add(trained.MeanAbsoluteDistance(target));
            task.Advance(1, $"{purpose}: error {errors[^1]:F3}, {trained.PieceCount} pieces");
        }
        return new Fit(shape!, errors.Min(), errors.Average(), initCounts.Average(), trainedCounts.Average(), trainedCounts.Max(),
            trainedCounts.Count(c => c <= shape!.LayerwisePieceBound), trainedCounts.Count);
    }

    /// <summary>One row per parameter budget (deep depth) for Δᵏ.</summary>
    private static Table FamilyTable(int k, List<(int K, int Layers, Fit Deep, Fit Shallow)> rows, SawtoothOptions o) => new Table($"family-k{k}")
        .Add("layers", rows.Select(r => (double)r.Layers))
        .Add("deep_parameters", rows.Select(r => (double)r.Deep.Shape.ParameterCount))
        .Add("shallow_width", rows.Select(r => (double)r.Shallow.Shape.NeuronCount))
        .Add("shallow_parameters", rows.Select(r => (double)r.Shallow.Shape.ParameterCount))
        .Add("deep_error", rows.Select(r => r.Deep.BestError))
        .Add("shallow_error", rows.Select(r => r.Shallow.BestError))
        .Add("deep_error_mean", rows.Select(r => r.Deep.MeanError))
        .Add("shallow_error_mean", rows.Select(r => r.Shallow.MeanError))
        .Add("shallow_lower_bound", rows.Select(r => TentMap.MeanAbsoluteErrorLowerBound(k, r.Shallow.Shape.NeuronCount + 1L, o.IntervalStart, o.IntervalEnd)))
        .Add("deep_neurons", rows.Select(r => (double)r.Deep.Shape.NeuronCount))
        .Add("shallow_neurons", rows.Select(r => (double)r.Shallow.Shape.NeuronCount))
        .Add("deep_pieces_init", rows.Select(r => r.Deep.PiecesInit))
        .Add("deep_pieces_trained", rows.Select(r => r.Deep.PiecesTrained))
        .Add("deep_pieces_trained_max", rows.Select(r => r.Deep.MaxPiecesTrained))
        .Add("shallow_pieces_init", rows.Select(r => r.Shallow.PiecesInit))
        .Add("shallow_pieces_trained", rows.Select(r => r.Shallow.PiecesTrained))
        .Add("shallow_pieces_trained_max", rows.Select(r => r.Shallow.MaxPiecesTrained))
        .Add("deep_layerwise_bound", rows.Select(r => r.Deep.Shape.LayerwisePieceBound))
        .Add("deep_telgarsky_bound", rows.Select(r => r.Deep.Shape.PieceBound))
        .Add("shallow_layerwise_bound", rows.Select(r => r.Shallow.Shape.LayerwisePieceBound))
        .Add("target_pieces", rows.Select(_ => (double)TentMap.PieceCount(k, o.IntervalStart, o.IntervalEnd)))
        .Add("deep_constructed_error", rows.Select(r => ConstructedError(k, o.FamilyWidth, r.Layers, o)));

    /// <summary>
    /// The exact error of <see cref="TentMap.DeepNetwork"/> — a network of the deep family's architecture written down to
    /// compute Δᵏ — counted by enumeration (0 when the construction is right), or NaN when the architecture is too small for it.
    /// </summary>
    private static double ConstructedError(int k, int width, int layers, SawtoothOptions o)
    {
        var network = TentMap.DeepNetwork(k, width, layers);
        return network is null ? double.NaN
            : LinearPieces.Function(network, o.IntervalStart, o.IntervalEnd).MeanAbsoluteDistance(TentMap.Exact(k, o.IntervalStart, o.IntervalEnd));
    }

    /// <summary>Hanin and Rolnick's bound 1 + C_grad·C_bias·|L|·N on the mean pieces at initialisation, over the neuron counts met.</summary>
    private static Table BoundLine(SawtoothOptions o, IEnumerable<int> neurons)
    {
        var counts = neurons.Distinct().Order().Select(n => (double)n).ToArray();
        double perNeuron = BreakpointsPerNeuronBound(o.BiasStd);
        return new Table("hanin-rolnick").Add("neurons", counts).Add("bound", counts.Select(n => 1 + perNeuron * n));
    }

    private static void AddFindings(SawtoothOptions o, ExperimentResult result, List<(int K, int Layers, Fit Deep, Fit Shallow)> fits, int[] ks, GradientFitSettings settings,
        Dictionary<int, Table> families)
    {
        string training = $"{o.TrainRestarts} initialisations, {settings.Steps} {settings.Optimizer} steps";
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
                .Where(i => !double.IsNaN(table.Numbers("deep_constructed_error")[i]))
                .Select(i => table.Numbers("shallow_lower_bound")[i] - table.Numbers("deep_constructed_error")[i]).ToList();
            if (margins.Count == 0) continue;
            result.Add(new Finding($"representation_margin_k{k}", margins.Max(), "1",
                $"Largest, over the budgets where a deep-family network computes Δ^{k} exactly, of (proven lower bound on every shallow network of equal parameters) − (that network's exact error): by how much depth wins in representation.",
                null, "theory: Telgarsky — the deep architecture contains Δᵏ, and no width-m network comes within the tooth and pair bounds"));
        }

        double perNeuron = BreakpointsPerNeuronBound(o.BiasStd);
        const string source = "theory: Hanin & Rolnick (2019), k = 1: E[breakpoints along L] ≤ C_grad·C_bias·|L|·#neurons";
        foreach (var (family, select) in new (string, Func<(int K, int Layers, Fit Deep, Fit Shallow), Fit>)[] { ("deep", f => f.Deep), ("shallow", f => f.Shallow) })
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
            errorSeries.Add(new Markers(families[k].Name, "deep_parameters", "deep_error", $"Δ^{k}: deep, {o.FamilyWidth} units per layer"));
            errorSeries.Add(new Markers(families[k].Name, "shallow_parameters", "shallow_error", $"Δ^{k}: shallow"));
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
                new Line(bound.Name, "neurons", "bound", "Hanin–Rolnick bound 1 + C·N"),
                new Line(table, "deep_neurons", "deep_layerwise_bound", "deep: Π(m_l + 1)", Dashed: true),
                new Markers(table, "deep_neurons", "deep_pieces_init", "deep, initialisation"),
                new Markers(table, "deep_neurons", "deep_pieces_trained", "deep, trained"),
                new Markers(table, "shallow_neurons", "shallow_pieces_init", "shallow, initialisation"),
                new Markers(table, "shallow_neurons", "shallow_pieces_trained", "shallow, trained"),
            ])
        { Legend = LegendPlace.UpperLeft });
    }
}

using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Tables;
using TheoryLab.Text;

namespace TheoryLab.Experiments.Pruning;

/// <summary>
/// How <see cref="LotteryTicket"/> shows its <see cref="Measurement"/>: per round the fraction of weights left, the
/// sparse network's cost, and the test accuracy and early-stopping iteration of the ticket and its two controls
/// (Frankle &amp; Carbin's Figures 1 and 4), the ticket's accuracy through training at a few fractions (their
/// Figure 3), and the findings read off them, naming columns through <see cref="Columns"/>.
/// </summary>
public sealed partial class LotteryTicket
{
    /// <summary>The columns of every table, declared once for the code that writes and reads them.</summary>
    private static class Columns
    {
        public static readonly Column Round = new("round");
        public static readonly Column Percent = new("percent_remaining");
        public static readonly Column Weights = new("weights_remaining");
        public static readonly Column Parameters = new("parameters");
        public static readonly Column MultiplyAdds = new("sparse_multiply_adds");
        public static readonly Column DenseAccuracy = new("dense_accuracy");
        public static readonly Column Iteration = new("iteration");

        public static Column Layer(int l) => new($"layer_{l + 1}_percent_remaining");

        public static Column Accuracy(string kind) => new($"{kind}_accuracy");

        public static Column AccuracyLow(string kind) => new($"{kind}_accuracy_min");

        public static Column AccuracyHigh(string kind) => new($"{kind}_accuracy_max");

        public static Column EarlyStop(string kind) => new($"{kind}_early_stop");

        public static Column EarlyStopLow(string kind) => new($"{kind}_early_stop_min");

        public static Column EarlyStopHigh(string kind) => new($"{kind}_early_stop_max");

        public static Column Curve(string kind, int round) => new($"{kind}_round_{round}_accuracy");
    }

    private const string TicketKind = "ticket", ReinitialisedKind = "reinitialised", RandomKind = "random_mask";

    /// <summary>Palette places: the ticket blue, the re-initialised control orange, the random mask green, the dense network black.</summary>
    private const int TicketColour = 0, ReinitialisedColour = 1, RandomColour = 2, DenseColour = 7;

    /// <summary>The accuracy a ticket may lose and still count as keeping the dense network's (the issue's criterion).</summary>
    private const double Tolerance = 0.005;

    /// <summary>The fraction of weights at which Frankle &amp; Carbin compare the ticket with its re-initialisation, and the brief's bar.</summary>
    private const double CompareFraction = 0.2;

    /// <summary>Fractions of Frankle &amp; Carbin's Figure 3 whose training curves are drawn: the round nearest each.</summary>
    private static readonly double[] CurveFractions = [1.0, 0.513, 0.211, 0.07, 0.036];

    /// <summary>The early-stopping point of a training: the evaluation of least validation loss (Frankle &amp; Carbin's rule).</summary>
    private static int EarlyStop(TrainingTrace t) => Array.IndexOf(t.ValidationLoss, t.ValidationLoss.Min());

    private static double StoppedAccuracy(TrainingTrace t) => t.TestAccuracy[EarlyStop(t)];

    private static double StoppedIteration(TrainingTrace t) => t.Iterations[EarlyStop(t)];

    private static double Fraction(Measurement m, int round) => (double)m.Remaining[round].Sum() / m.LayerSizes.Sum();

    private static double MeanAccuracy(TrainingTrace[] seeds) => seeds.Average(StoppedAccuracy);

    private static ExperimentResult Present(LotteryTicketOptions o, Measurement m)
    {
        var result = new ExperimentResult();
        var (ticket, controls, curves) = AddTables(m, result);
        AddFigures(o, m, ticket, controls, curves, result);
        AddFindings(m, result);
        return result;
    }

    private static (Table Ticket, Table Controls, Table Curves) AddTables(Measurement m, ExperimentResult result)
    {
        int rounds = m.Remaining.Length - 1;
        double dense = MeanAccuracy(m.Ticket[0]);
        var all = Enumerable.Range(0, rounds + 1).ToArray();
        var ticket = new Table("ticket")
            .Add(Columns.Round, all.Select(r => (double)r))
            .Add(Columns.Percent, all.Select(r => 100 * Fraction(m, r)))
            .Add(Columns.Weights, all.Select(r => (double)m.Remaining[r].Sum()))
            .Add(Columns.Parameters, all.Select(r => (double)(m.Remaining[r].Sum() + m.Biases)))
            .Add(Columns.MultiplyAdds, all.Select(r => (double)m.SparseMultiplyAdds[r]))
            .Add(Columns.DenseAccuracy, all.Select(_ => dense));
        for (int l = 0; l < m.LayerSizes.Length; l++)
        {
            int layer = l;
            ticket.Add(Columns.Layer(l), all.Select(r => 100.0 * m.Remaining[r][layer] / m.LayerSizes[layer]));
        }
        AddKind(ticket, TicketKind, m.Ticket);
        result.Add(ticket);

        var controls = new Table("controls")
            .Add(Columns.Round, m.ControlRounds.Select(r => (double)r))
            .Add(Columns.Percent, m.ControlRounds.Select(r => 100 * Fraction(m, r)));
        AddKind(controls, ReinitialisedKind, m.Reinitialised);
        AddKind(controls, RandomKind, m.RandomMask);
        result.Add(controls);

        var curves = new Table("training-curves").Add(Columns.Iteration, m.Ticket[0][0].Iterations.Select(i => (double)i));
        foreach (int round in CurveRounds(m))
        {
            curves.Add(Columns.Curve(TicketKind, round), MeanCurve(m.Ticket[round]));
            int control = Array.IndexOf(m.ControlRounds, round);
            if (control >= 0) curves.Add(Columns.Curve(ReinitialisedKind, round), MeanCurve(m.Reinitialised[control]));
        }
        result.Add(curves);
        return (ticket, controls, curves);
    }

    private static void AddKind(Table table, string kind, TrainingTrace[][] byRound)
    {
        table.Add(Columns.Accuracy(kind), byRound.Select(MeanAccuracy))
            .Add(Columns.AccuracyLow(kind), byRound.Select(seeds => seeds.Min(StoppedAccuracy)))
            .Add(Columns.AccuracyHigh(kind), byRound.Select(seeds => seeds.Max(StoppedAccuracy)))
            .Add(Columns.EarlyStop(kind), byRound.Select(seeds => seeds.Average(StoppedIteration)))
            .Add(Columns.EarlyStopLow(kind), byRound.Select(seeds => seeds.Min(StoppedIteration)))
            .Add(Columns.EarlyStopHigh(kind), byRound.Select(seeds => seeds.Max(StoppedIteration)));
    }

    private static double[] MeanCurve(TrainingTrace[] seeds) =>
        [.. Enumerable.Range(0, seeds[0].TestAccuracy.Length).Select(i => seeds.Average(t => t.TestAccuracy[i]))];

    /// <summary>The rounds nearest Frankle &amp; Carbin's Figure 3 fractions, each once.</summary>
    private static int[] CurveRounds(Measurement m) =>
        [.. CurveFractions.Select(f => Enumerable.Range(0, m.Remaining.Length).MinBy(r => Math.Abs(Math.Log(Fraction(m, r) / f)))).Distinct().Order()];

    private static string Percent(double fraction) => $"{NumberText.Short(100 * fraction, 3)} %";

    private static void AddFigures(LotteryTicketOptions o, Measurement m, Table ticket, Table controls, Table curves, ExperimentResult result)
    {
        int seeds = m.Ticket[0].Length;
        string setting = $"{m.Ticket.Length - 1} rounds of {(o.Scope == "global" ? $"global pruning at {NumberText.Short(o.PruneRate, 2)}" : $"layer-wise pruning at {NumberText.Short(o.PruneRate, 2)} ({(m.Convolutional ? $"convolutions {NumberText.Short(o.ConvPruneRate, 2)}, " : "")}output layer {NumberText.Short(o.OutputPruneRate, 2)})")}, " +
            $"rewinding to iteration {o.RewindIteration}; {m.NetworkName} on {m.DatasetName} ({m.TrainCount:N0} training, {m.ValidationCount:N0} validation, {m.TestCount:N0} test examples), " +
            $"{o.Iterations:N0} Adam iterations per training (batch {o.BatchSize}, η = {NumberText.Short(o.LearningRate, 3)}), {seeds} seed{(seeds == 1 ? "" : "s")}";
        string spread = seeds > 1 ? "Lines join the means over seeds, shaded bands span the seeds." : "One seed: no spread is shown.";

        var accuracy = new List<Series>
        {
            new Line(ticket.Name, Columns.Percent, Columns.DenseAccuracy, "dense", Dashed: true) { Colour = DenseColour },
        };
        var earlyStop = new List<Series>();
        foreach (var (table, kind, label, colour) in new[]
        {
            (ticket, TicketKind, "ticket", TicketColour), (controls, ReinitialisedKind, "re-init", ReinitialisedColour), (controls, RandomKind, "random mask", RandomColour),
        })
        {
            if (seeds > 1)
            {
                accuracy.Add(new Band(table.Name, Columns.Percent, Columns.AccuracyLow(kind), Columns.AccuracyHigh(kind), "") { Colour = colour });
                earlyStop.Add(new Band(table.Name, Columns.Percent, Columns.EarlyStopLow(kind), Columns.EarlyStopHigh(kind), "") { Colour = colour });
            }
            accuracy.Add(new Line(table.Name, Columns.Percent, Columns.Accuracy(kind), label) { Colour = colour });
            accuracy.Add(new Markers(table.Name, Columns.Percent, Columns.Accuracy(kind), "") { Colour = colour });
            earlyStop.Add(new Line(table.Name, Columns.Percent, Columns.EarlyStop(kind), label) { Colour = colour });
            earlyStop.Add(new Markers(table.Name, Columns.Percent, Columns.EarlyStop(kind), "") { Colour = colour });
        }
        double lowest = new[] { m.Ticket.Select(s => s.Min(StoppedAccuracy)).Min(), m.Reinitialised.Select(s => s.Min(StoppedAccuracy)).Min(), m.RandomMask.Select(s => s.Min(StoppedAccuracy)).Min() }.Min();
        double highest = m.Ticket.Select(s => s.Max(StoppedAccuracy)).Max();
        double margin = Math.Max(0.005, 0.05 * (highest - lowest));
        result.Add(new Figure("accuracy-vs-weights",
            $"Test accuracy at the early-stopping iteration (least validation loss) against the percentage of weights remaining, as in Frankle & Carbin's Figures 1 and 4 " +
            $"(pruning proceeds right to left): the winning ticket (mask from iterative magnitude pruning, survivors rewound), the same mask re-initialised at random, " +
            $"and a random mask of the same per-layer sparsity on the rewound weights; the dashed line is the dense network. {spread} {setting}.",
            new Axis("percent of weights remaining", Log: true), new Axis("test accuracy", Min: Math.Max(0, lowest - margin), Max: Math.Min(1, highest + margin)) { Bounds = (0, 1) },
            accuracy) { Legend = LegendPlace.LowerRight });
        result.Add(new Figure("early-stop-vs-weights",
            $"The early-stopping iteration (least validation loss, evaluated every {o.EvaluateEvery} iterations) against the percentage of weights remaining, " +
            $"as in Frankle & Carbin's Figure 4: lower is faster learning. {spread} {setting}.",
            new Axis("percent of weights remaining", Log: true), new Axis("early-stopping iteration", Min: 0), earlyStop) { Legend = LegendPlace.UpperLeft });

        var rounds = CurveRounds(m);
        var curveSeries = new List<Series>();
        foreach (var (round, k) in rounds.Select((r, k) => (r, k)))
        {
            curveSeries.Add(new Line(curves.Name, Columns.Iteration, Columns.Curve(TicketKind, round), Percent(Fraction(m, round))) { Colour = k });
            if (round > 0 && round == rounds[^1] && m.ControlRounds.Contains(round))
                curveSeries.Add(new Line(curves.Name, Columns.Iteration, Columns.Curve(ReinitialisedKind, round), $"{Percent(Fraction(m, round))} re-init", Dashed: true) { Colour = k });
        }
        double curveLow = rounds.Min(r => m.Ticket[r].Min(t => t.TestAccuracy.Skip(1).Min()));
        result.Add(new Figure("training-curves",
            $"Test accuracy through training of the winning tickets at the percentages of weights remaining nearest Frankle & Carbin's Figure 3 (100, 51.3, 21.1, 7.0, 3.6 %), " +
            $"means over seeds, and the smallest ticket's re-initialised control (dashed); the axis is fitted to the evaluations after training starts, so the untrained first ones may fall below it. {setting}.",
            new Axis("training iteration"), new Axis("test accuracy", Min: Math.Max(0, curveLow - 0.01), Max: Math.Min(1, highest + margin)) { Bounds = (0, 1) },
            curveSeries) { Legend = LegendPlace.LowerRight });
    }

    private static void AddFindings(Measurement m, ExperimentResult result)
    {
        int rounds = m.Remaining.Length - 1, seeds = m.Ticket[0].Length;
        string over = seeds == 1 ? "one seed" : $"mean over {seeds} seeds";
        double dense = MeanAccuracy(m.Ticket[0]);
        double denseIteration = m.Ticket[0].Average(StoppedIteration);
        result.Add(new Finding("dense_accuracy", dense, "1",
            $"Test accuracy of the dense {m.NetworkName} at its early-stopping iteration, on {m.TestCount:N0} test examples of {m.DatasetName}, {over}. " +
            "Frankle & Carbin's dense LeNet-300-100 reaches about 0.98 with 55,000 MNIST training images, far more than here."));

        var keeps = Enumerable.Range(1, rounds).Where(r => MeanAccuracy(m.Ticket[r]) >= dense - Tolerance).ToArray();
        string keepsMeaning = $"The smallest fraction of weights at which the winning ticket's test accuracy ({over}) is within {Tolerance:0.0%} of the dense network's.";
        result.Add(keeps.Length > 0
            ? new Finding("smallest_fraction_matching_dense", Fraction(m, keeps.Max()), "1",
                keepsMeaning + $" The issue asks for 0.2 or less; at {Percent(Fraction(m, keeps.Max()))} the ticket scores {NumberText.Short(MeanAccuracy(m.Ticket[keeps.Max()]), 4)} against {NumberText.Short(dense, 4)}." +
                (m.Convolutional ? " Frankle & Carbin prune convolutional networks only on CIFAR-10 (Conv-2/4/6), with no value for this network." : ""),
                m.Convolutional ? null : 0.036, m.Convolutional ? null : "frankle2019lottery, Figure 3 and Section 2: LeNet-300-100's winning tickets match or beat the dense network down to P_m = 3.6 %")
            : Finding.NotReached("smallest_fraction_matching_dense", "1", keepsMeaning + $" No round down to {Percent(Fraction(m, rounds))} keeps it."));

        int compare = Enumerable.Range(1, rounds).MinBy(r => Math.Abs(Math.Log(Fraction(m, r) / CompareFraction)));
        result.Add(new Finding("ticket_minus_dense_near_20_percent", MeanAccuracy(m.Ticket[compare]) - dense, "1",
            $"The winning ticket's test accuracy less the dense network's at {Percent(Fraction(m, compare))} of the weights (the round nearest 20 %), {over}.",
            0, "frankle2019lottery, Section 2 and Figure 3: at P_m = 21.1 % the ticket learns fastest and reaches a higher test accuracy than the dense network; the issue asks for no less than 0.5 points below"));
        // The controls' round nearest 20 %: the ticket's own compare round whenever its controls were trained (at the defaults).
        int near = Enumerable.Range(0, m.ControlRounds.Length).MinBy(c => Math.Abs(Math.Log(Fraction(m, m.ControlRounds[c]) / CompareFraction)));
        int nearRound = m.ControlRounds[near];
        result.Add(new Finding("ticket_minus_reinitialised_near_20_percent", MeanAccuracy(m.Ticket[nearRound]) - MeanAccuracy(m.Reinitialised[near]), "1",
            $"The winning ticket's test accuracy less its mask's random re-initialisation at {Percent(Fraction(m, nearRound))} of the weights (the round with controls nearest 20 %), {over}: above 0, the initial values matter, not the mask alone. " +
            "Frankle & Carbin's Figure 4 shows the re-initialised networks falling below the tickets from about 50 % down, with no single number to compare."));
        result.Add(new Finding("ticket_minus_reinitialised_smallest", MeanAccuracy(m.Ticket[rounds]) - MeanAccuracy(m.Reinitialised[^1]), "1",
            $"The same difference at the last round, {Percent(Fraction(m, rounds))} of the weights, {over}."));
        result.Add(new Finding("ticket_minus_random_mask_near_20_percent", MeanAccuracy(m.Ticket[nearRound]) - MeanAccuracy(m.RandomMask[near]), "1",
            $"The winning ticket's test accuracy less a random mask's of the same per-layer sparsity on the same rewound weights, at {Percent(Fraction(m, nearRound))}, {over}."));

        result.Add(new Finding("dense_early_stop_iteration", denseIteration, "iterations",
            $"The dense network's early-stopping iteration (least validation loss), {over}."));
        int fastest = Enumerable.Range(1, rounds).MinBy(r => m.Ticket[r].Average(StoppedIteration));
        result.Add(new Finding("ticket_fastest_early_stop_iteration", m.Ticket[fastest].Average(StoppedIteration), "iterations",
            $"The winning tickets' earliest early-stopping iteration over the rounds, at {Percent(Fraction(m, fastest))} of the weights, {over}: below the dense network's, the ticket learns faster. " +
            "Frankle & Carbin (Section 2, Figures 3 and 4): LeNet's tickets learn fastest at P_m = 21.1 % and slow below it, still faster than the dense network; no iteration for this scale."));
        result.Add(new Finding("ticket_early_stop_ratio_near_20_percent", m.Ticket[compare].Average(StoppedIteration) / denseIteration, "1",
            $"The winning ticket's early-stopping iteration at {Percent(Fraction(m, compare))} of the weights over the dense network's: below 1, faster learning."));

        result.Add(new Finding("smallest_parameters", m.Remaining[rounds].Sum() + m.Biases, "parameters",
            $"Parameters of the last round's network: {m.Remaining[rounds].Sum():N0} weights kept of {m.LayerSizes.Sum():N0}, plus {m.Biases:N0} biases that are never pruned."));
        string multiplyAdds = $"Multiply-adds of a forward pass of the last round's network with pruned weights skipped, over the dense network's ({m.SparseMultiplyAdds[rounds]:N0} of {m.SparseMultiplyAdds[0]:N0} per example)";
        result.Add(m.Convolutional
            ? new Finding("smallest_multiply_add_fraction", (double)m.SparseMultiplyAdds[rounds] / m.SparseMultiplyAdds[0], "1",
                multiplyAdds + $": a convolution weight takes part in one multiply-add per output position, so the convolutions, pruned more slowly, weigh more than their share of the weights ({Percent(Fraction(m, rounds))} kept).")
            : new Finding("smallest_multiply_add_fraction", (double)m.SparseMultiplyAdds[rounds] / m.SparseMultiplyAdds[0], "1",
                multiplyAdds + ": in a perceptron every weight is one multiply-add, so this is the fraction of weights kept.", Fraction(m, rounds), "theory: one multiply-add per weight"));
        result.Add(new Finding("pruned_forward_time_ratio", m.PrunedForwardSeconds / m.DenseForwardSeconds, "1",
            $"Measured CPU time of a forward pass of the {m.TestCount:N0} test examples through the last round's network ({Percent(Fraction(m, rounds))} of the weights, zeros stored densely) " +
            $"over a dense network's ({NumberText.Short(1e3 * m.PrunedForwardSeconds, 3)} ms against {NumberText.Short(1e3 * m.DenseForwardSeconds, 3)} ms, medians of {TimingRepeats}): " +
            "unstructured sparsity buys no speed on dense hardware.", 1, "theory: a dense matrix product costs the same whatever its entries")
        { MachineDependent = true });
    }
}

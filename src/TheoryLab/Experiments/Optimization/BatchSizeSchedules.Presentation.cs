using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Models.ConvNets;
using TheoryLab.Tables;

namespace TheoryLab.Experiments.Optimization;

/// <summary>
/// How <see cref="BatchSizeSchedules"/> shows its <see cref="Measurement"/>: the schedules and curves as tables, the
/// findings beside Smith et al.'s claims, and the figures, naming columns through <see cref="Columns"/>.
/// </summary>
public sealed partial class BatchSizeSchedules
{
    /// <summary>The columns of the tables "schedules" and "curves"; a schedule's columns end in its key.</summary>
    private static class Columns
    {
        public static readonly Column Epoch = new("epoch");

        public static Column LearningRate(string schedule) => new($"learning_rate_{schedule}");
        public static Column BatchSize(string schedule) => new($"batch_size_{schedule}");
        public static Column NoiseScale(string schedule) => new($"noise_scale_{schedule}");
        public static Column Updates(string schedule) => new($"updates_{schedule}");
        public static Column TrainLoss(string schedule) => new($"train_loss_{schedule}");
        public static Column TestAccuracy(string schedule) => new($"test_accuracy_{schedule}");
    }

    private static ExperimentResult Present(BatchSizeSchedulesOptions o, Measurement measured)
    {
        var result = new ExperimentResult();
        var schedules = AddScheduleTable(result, o, measured.TrainCount);
        var curves = AddCurves(result, measured.Curves);
        AddFindings(result, o, measured.TrainCount, measured.Curves);
        AddFigures(result, o, measured.Spec, measured.TrainCount, schedules, curves);
        return result;
    }

    private static Table AddScheduleTable(ExperimentResult result, BatchSizeSchedulesOptions o, int n)
    {
        var table = new Table("schedules").Add(Columns.Epoch, Enumerable.Range(0, o.Epochs).Select(e => (double)e));
        foreach (var (key, _) in Schedules)
        {
            var (learningRate, batchSize) = Schedule(o, key);
            var epochs = Enumerable.Range(0, o.Epochs).ToArray();
            double Batch(int e) => Math.Min(n, Math.Round(batchSize.StepSize(e)));
            table.Add(Columns.LearningRate(key), epochs.Select(e => learningRate.StepSize(e)))
                .Add(Columns.BatchSize(key), epochs.Select(Batch))
                .Add(Columns.NoiseScale(key), epochs.Select(e => learningRate.StepSize(e) * n / (Batch(e) * (1 - o.Momentum))));
        }
        result.Add(table);
        return table;
    }

    private static Table AddCurves(ExperimentResult result, IReadOnlyList<Curve> curves)
    {
        var table = new Table("curves").Add(Columns.Epoch, Enumerable.Range(0, curves[0].Count).Select(e => (double)e));
        foreach (var c in curves)
            table.Add(Columns.Updates(c.Key), c.Steps.Select(s => (double)s))
                .Add(Columns.TrainLoss(c.Key), c.TrainLoss)
                .Add(Columns.TestAccuracy(c.Key), c.TestAccuracy);
        result.Add(table);
        return table;
    }

    private static void AddFindings(ExperimentResult result, BatchSizeSchedulesOptions o, int n, IReadOnlyList<Curve> curves)
    {
        var decaying = curves[0];
        foreach (var c in curves)
        {
            result.Add(new Finding($"test_accuracy_{c.Key}", c.TestAccuracy[^1], "1", $"Test accuracy after {o.Epochs} epochs with the {c.Label} schedule."))
                .Add(new Finding($"train_loss_{c.Key}", c.TrainLoss[^1], "nats", $"Cross-entropy on the whole training set after training with the {c.Label} schedule."))
                .Add(new Finding($"updates_{c.Key}", c.Updates, "steps", $"Parameter updates the {c.Label} schedule took in {o.Epochs} epochs."));
        }
        foreach (var c in curves.Skip(1))
        {
            result.Add(new Finding($"max_test_accuracy_gap_{c.Key}", c.TestAccuracy.Zip(decaying.TestAccuracy, (a, b) => Math.Abs(a - b)).Max(), "1",
                    $"Largest difference in test accuracy, over the end of every epoch, between the {c.Label} and the decaying-step curves (Smith et al.: nearly identical)."))
                .Add(new Finding($"max_train_loss_gap_{c.Key}", c.TrainLoss.Zip(decaying.TrainLoss, (a, b) => Math.Abs(a - b)).Max(), "nats",
                    $"Largest difference in training loss, over the end of every epoch, between the {c.Label} and the decaying-step curves."));
        }
        // With N/B(e) updates in every epoch (no rounding up of a last partial batch) the saving is E / Σₑ factor^−(growths before e).
        var growing = Schedule(o, "growing_batch").BatchSize;
        double ideal = o.Epochs / Enumerable.Range(0, o.Epochs).Sum(e => o.BatchSize / Math.Min(n, growing.StepSize(e)));
        result.Add(new Finding("update_ratio", (double)decaying.Updates / curves[1].Updates, "1",
            "Parameter updates of the decaying-step schedule over those of the growing batch: how many times fewer a growing batch takes.",
            ideal, "theory: E epochs of N/B(e) updates each, so the ratio is E / Σₑ B₀/B(e) (exact up to the rounding up of partial batches)"));
    }

    private static void AddFigures(ExperimentResult result, BatchSizeSchedulesOptions o, SequentialSpec spec, int n, Table schedules, Table curves)
    {
        string setting = $"{spec.Name} on {o.Dataset} (N = {n:N0}), SGD with momentum {o.Momentum}, weight decay {o.WeightDecay}; " +
            $"ε = {o.LearningRate}, B = {o.BatchSize}, changes by {o.Factor} at epochs {string.Join(", ", o.Milestones)}";
        Series[] Lines(Table table, Func<string, Column> column) =>
            [.. Schedules.Select((s, i) => new Line(table.Name, Columns.Epoch, column(s.Key), s.Label, Dashed: i > 0))];
        result.Add(new Figure("test-accuracy-vs-epoch", $"Test accuracy after each epoch for the three schedules: {setting}.",
                new Axis("epoch"), Axis.Fraction("test accuracy"), Lines(curves, Columns.TestAccuracy))
        { Legend = LegendPlace.LowerRight })
            .Add(new Figure("train-loss-vs-epoch", $"Cross-entropy on the whole training set after each epoch: {setting}.",
                new Axis("epoch"), new Axis("training loss (nats)", Log: true), Lines(curves, Columns.TrainLoss)))
            .Add(new Figure("test-accuracy-vs-updates", $"Test accuracy against the number of parameter updates for the three schedules: {setting}.",
                new Axis("parameter updates", Log: true), Axis.Fraction("test accuracy"),
                [.. Schedules.Select((s, i) => new Line(curves.Name, Columns.Updates(s.Key), Columns.TestAccuracy(s.Key), s.Label, Dashed: i > 0))])
            { Legend = LegendPlace.LowerRight })
            .Add(new Figure("learning-rate", $"The learning rate of each schedule by epoch ({setting}).",
                new Axis("epoch"), new Axis("learning rate ε", Log: true), Lines(schedules, Columns.LearningRate), FigureWidth.Half))
            .Add(new Figure("batch-size", $"The batch size of each schedule by epoch ({setting}).",
                new Axis("epoch"), new Axis("batch size B", Log: true), Lines(schedules, Columns.BatchSize), FigureWidth.Half)
            { Legend = LegendPlace.UpperLeft })
            .Add(new Figure("noise-scale", $"The noise scale g = εN/(B(1 − m)) of each schedule by epoch ({setting}).",
                new Axis("epoch"), new Axis("noise scale g", Log: true), Lines(schedules, Columns.NoiseScale)));
    }
}

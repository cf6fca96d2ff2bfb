using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Tables;
using TheoryLab.Text;

namespace TheoryLab.Experiments.Pruning;

/// <summary>
/// How <see cref="StructuredSparsity"/> shows its <see cref="Measurement"/>: one table per method with each budget's
/// cost (weights, multiply-adds, measured time) and accuracy, accuracy against multiply-adds and against measured time,
/// the measured speed-up against the multiply-add reduction beside the line y = x, and the findings read off them.
/// </summary>
public sealed partial class StructuredSparsity
{
    /// <summary>The columns of every table, declared once for the code that writes and reads them.</summary>
    private static class Columns
    {
        public static readonly Column Budget = new("budget_percent");
        public static readonly Column Structure = new("structure");
        public static readonly Column Weights = new("weights");
        public static readonly Column Parameters = new("parameters");
        public static readonly Column MultiplyAdds = new("multiply_adds");
        public static readonly Column Reduction = new("multiply_add_reduction");
        public static readonly Column ForwardMs = new("forward_ms");
        public static readonly Column Speedup = new("speedup");
        public static readonly Column CompressedAccuracy = new("compressed_accuracy");
        public static readonly Column Accuracy = new("accuracy");
        public static readonly Column AccuracyLow = new("accuracy_min");
        public static readonly Column AccuracyHigh = new("accuracy_max");
    }

    /// <summary>Legend and prose names of the methods.</summary>
    private static string Label(string method) => method switch
    {
        Unstructured => "unstructured",
        NOfM => "N:M",
        Neurons => "neurons",
        _ => "low rank",
    };

    /// <summary>Palette places: the masks warm (orange, red), the smaller dense networks cool (blue, green), the dense network black.</summary>
    private static int Colour(string method) => method switch
    {
        Unstructured => 1,
        NOfM => 3,
        Neurons => 0,
        _ => 2,
    };

    private const int DenseColour = 7;

    private static bool IsStructured(string method) => method is Neurons or LowRank;

    private static string Percent(double budget) => $"{100 * budget:0.#}";

    /// <summary>A budget as it appears in finding names: 50, 25, 12p5.</summary>
    private static string NamePart(Compression c) => $"{c.Method}_{Percent(c.Budget).Replace('.', 'p')}";

    private static double Reduction(Measurement m, Compression c) => (double)m.DenseMultiplyAdds / c.MultiplyAdds;

    private static double Speedup(Measurement m, Compression c) => m.DenseForwardSeconds / c.ForwardSeconds;

    private static ExperimentResult Present(StructuredSparsityOptions o, Measurement m)
    {
        var result = new ExperimentResult();
        var (dense, tables) = AddTables(m, result);
        AddFigures(o, m, dense, tables, result);
        AddFindings(o, m, result);
        return result;
    }

    private static (Table Dense, Dictionary<string, Table> Tables) AddTables(Measurement m, ExperimentResult result)
    {
        var dense = new Table("dense")
            .Add(Columns.Weights, [m.DenseWeights])
            .Add(Columns.Parameters, [m.DenseParameters])
            .Add(Columns.MultiplyAdds, [m.DenseMultiplyAdds])
            .Add(Columns.Reduction, [1.0])
            .Add(Columns.ForwardMs, [1e3 * m.DenseForwardSeconds])
            .Add(Columns.Speedup, [1.0])
            .Add(Columns.CompressedAccuracy, [m.DenseAccuracy.Average()])
            .Add(Columns.Accuracy, [m.DenseFineTunedAccuracy.Average()])
            .Add(Columns.AccuracyLow, [m.DenseFineTunedAccuracy.Min()])
            .Add(Columns.AccuracyHigh, [m.DenseFineTunedAccuracy.Max()]);
        result.Add(dense);
        var tables = new Dictionary<string, Table>();
        foreach (string method in Methods)
        {
            var rows = m.Compressions.Where(c => c.Method == method).ToArray();
            if (rows.Length == 0) continue;
            var table = new Table(method.Replace('_', '-'))
                .Add(Columns.Budget, rows.Select(c => 100 * c.Budget))
                .AddText(Columns.Structure, rows.Select(c => c.Structure))
                .Add(Columns.Weights, rows.Select(c => (double)c.Weights))
                .Add(Columns.Parameters, rows.Select(c => (double)c.Parameters))
                .Add(Columns.MultiplyAdds, rows.Select(c => (double)c.MultiplyAdds))
                .Add(Columns.Reduction, rows.Select(c => Reduction(m, c)))
                .Add(Columns.ForwardMs, rows.Select(c => 1e3 * c.ForwardSeconds))
                .Add(Columns.Speedup, rows.Select(c => Speedup(m, c)))
                .Add(Columns.CompressedAccuracy, rows.Select(c => c.CompressedAccuracy.Average()))
                .Add(Columns.Accuracy, rows.Select(c => c.FineTunedAccuracy.Average()))
                .Add(Columns.AccuracyLow, rows.Select(c => c.FineTunedAccuracy.Min()))
                .Add(Columns.AccuracyHigh, rows.Select(c => c.FineTunedAccuracy.Max()));
            result.Add(table);
            tables[method] = table;
        }
        return (dense, tables);
    }

    private static void AddFigures(StructuredSparsityOptions o, Measurement m, Table dense, Dictionary<string, Table> tables, ExperimentResult result)
    {
        int seeds = m.DenseAccuracy.Length;
        string setting = $"LeNet-{string.Join("-", o.Hidden)} on {m.DatasetName} ({m.TrainCount:N0} training, {m.TestCount:N0} test examples), " +
            $"{o.Iterations:N0} dense Adam iterations and {o.FineTuneIterations:N0} of fine-tuning (batch {o.BatchSize}, η = {NumberText.Short(o.LearningRate, 3)}), " +
            $"budgets of {string.Join(", ", o.Budgets.OrderDescending().Select(Percent))} % of the weights, {seeds} seed{(seeds == 1 ? "" : "s")}";
        string spread = seeds > 1 ? "Lines join the means over seeds, shaded bands span the seeds." : "One seed: no spread is shown.";
        string timing = $"Times are medians of {o.TimedPasses} forward passes of {m.TimedBatch:N0} test images on this CPU ({(o.Runtime.Threads == 0 ? "libtorch's default threads" : NumberText.Count(o.Runtime.Threads, "thread"))}), the first seed's networks taking turns; masked networks are stored and multiplied densely.";

        // Bands only against multiply-adds: against time the masks' points nearly share one x, where a band is a smear.
        List<Series> Accuracy(Column x, bool bands)
        {
            var series = new List<Series>();
            foreach (var (method, table) in tables)
            {
                if (bands && seeds > 1) series.Add(new Band(table.Name, x, Columns.AccuracyLow, Columns.AccuracyHigh, "") { Colour = Colour(method) });
                series.Add(new Line(table.Name, x, Columns.Accuracy, Label(method)) { Colour = Colour(method) });
                series.Add(new Markers(table.Name, x, Columns.Accuracy, "") { Colour = Colour(method) });
            }
            series.Add(new Markers(dense.Name, x, Columns.Accuracy, "dense") { Colour = DenseColour });
            return series;
        }
        double lowest = Math.Min(m.DenseFineTunedAccuracy.Min(), m.Compressions.Min(c => c.FineTunedAccuracy.Min()));
        double highest = Math.Max(m.DenseFineTunedAccuracy.Max(), m.Compressions.Max(c => c.FineTunedAccuracy.Max()));
        double margin = Math.Max(0.005, 0.08 * (highest - lowest));
        Axis AccuracyAxis() => new("test accuracy after fine-tuning", Min: Math.Max(0, lowest - margin), Max: Math.Min(1, highest + margin)) { Bounds = (0, 1) };

        result.Add(new Figure("accuracy-vs-multiply-adds",
            $"Test accuracy after fine-tuning against the multiply-adds of one forward pass (pruned weights skipped) for each method at equal parameter budgets, " +
            $"and the dense network trained as many more iterations. At equal budgets the methods have almost equal multiply-adds: they differ in which weights they keep. {spread} {setting}.",
            new Axis("multiply-adds per example", Log: true), AccuracyAxis(), Accuracy(Columns.MultiplyAdds, bands: true)) { Legend = LegendPlace.LowerRight });
        result.Add(new Figure("accuracy-vs-time",
            $"Test accuracy after fine-tuning against the measured time of a forward pass: the masks (unstructured, N:M) sit at the dense network's time " +
            $"whatever their sparsity, the smaller dense networks (neurons, low rank) move left. {timing} {(seeds > 1 ? "Lines join the means over seeds." : "One seed.")} {setting}.",
            new Axis($"forward time of {m.TimedBatch:N0} images (ms)", Log: true), AccuracyAxis(), Accuracy(Columns.ForwardMs, bands: false)) { Legend = LegendPlace.LowerRight });

        double largest = Math.Max(m.Compressions.Max(c => Reduction(m, c)), m.Compressions.Max(c => Speedup(m, c)));
        var identity = new Table("identity").Add(Columns.Reduction, [1.0, largest * 1.2]);
        result.Add(identity);
        var speed = new List<Series> { new Line(identity.Name, Columns.Reduction, Columns.Reduction, "y = x", Dashed: true) { Colour = DenseColour } };
        foreach (var (method, table) in tables)
            speed.Add(new Markers(table.Name, Columns.Reduction, Columns.Speedup, Label(method)) { Colour = Colour(method) });
        double slowest = Math.Min(1, m.Compressions.Min(c => Speedup(m, c)));
        result.Add(new Figure("speedup-vs-reduction",
            $"Measured speed-up of a forward pass (the dense network's time over the compressed one's) against the reduction in multiply-adds, one marker per budget; " +
            $"on the dashed line time falls as the count of multiply-adds does. Masks reduce the count but not the time of a dense kernel. {timing} {setting}.",
            new Axis("multiply-add reduction (dense / compressed)", Log: true, Min: 0.8, Max: largest * 1.25),
            new Axis("measured speed-up", Log: true, Min: 0.8 * slowest, Max: largest * 1.25), speed) { Legend = LegendPlace.UpperLeft });
    }

    private static void AddFindings(StructuredSparsityOptions o, Measurement m, ExperimentResult result)
    {
        int seeds = m.DenseAccuracy.Length;
        string over = seeds == 1 ? "one seed" : $"mean over {seeds} seeds";
        double dense = m.DenseFineTunedAccuracy.Average();
        result.Add(new Finding("dense_accuracy", m.DenseAccuracy.Average(), "1",
            $"Test accuracy of the dense LeNet-{string.Join("-", o.Hidden)} after {o.Iterations:N0} iterations, the network every method compresses, on {m.TestCount:N0} test examples of {m.DatasetName}, {over}. " +
            "Han et al.'s dense LeNet-300-100 reaches 0.984 trained on MNIST's 60,000 images, far more than here."));
        result.Add(new Finding("dense_fine_tuned_accuracy", dense, "1",
            $"The dense network's test accuracy after {o.FineTuneIterations:N0} more iterations, as many as each compressed network's fine-tuning, {over}: " +
            "what every compressed accuracy is compared with, so that no method gains from the extra training alone."));
        result.Add(new Finding("dense_forward_ms", 1e3 * m.DenseForwardSeconds, "ms",
            $"Measured time of the dense network's forward pass of {m.TimedBatch:N0} images (median of {o.TimedPasses}) on this CPU.")
        { MachineDependent = true });

        foreach (var c in m.Compressions)
        {
            string what = $"{Label(c.Method)} ({c.Structure}) at a budget of {Percent(c.Budget)} % of the weights";
            string kept = $"{c.Weights:N0} of {m.DenseWeights:N0} weights";
            double accuracy = c.FineTunedAccuracy.Average();
            string accuracyMeaning = $"Test accuracy of {what} ({kept}) after {o.FineTuneIterations:N0} iterations of fine-tuning, {over}; " +
                $"{NumberText.Short(c.CompressedAccuracy.Average(), 4)} straight after compression, {NumberText.Short(dense, 4)} for the dense network trained as long.";
            result.Add(c.Method switch
            {
                Unstructured when c.Budget >= 0.08 => new Finding($"{NamePart(c)}_accuracy", accuracy, "1", accuracyMeaning, dense,
                    "han2015learning, Table 1: LeNet-300-100 pruned by magnitude to 8 % of its weights and retrained keeps the dense error (1.59 % against 1.64 %)"),
                NOfM when c.Structure == "2:4" => new Finding($"{NamePart(c)}_accuracy", accuracy, "1", accuracyMeaning, dense,
                    "mishra2021accelerating: networks pruned to 2:4 and retrained match their dense accuracy across their vision and language tasks"),
                _ => new Finding($"{NamePart(c)}_accuracy", accuracy, "1", accuracyMeaning + " No published value for this network."),
            });
            result.Add(new Finding($"{NamePart(c)}_multiply_add_reduction", Reduction(m, c), "1",
                $"The dense network's multiply-adds per example over those of {what} ({m.DenseMultiplyAdds:N0} against {c.MultiplyAdds:N0}, pruned weights skipped): " +
                "in a perceptron each weight is one multiply-add, so equal budgets give nearly equal reductions.",
                1 / c.Budget, "theory: the reciprocal of the budget"));
            string timed = $"The measured speed-up of a forward pass of {m.TimedBatch:N0} images through {what}: the dense network's time over its own " +
                $"({NumberText.Short(1e3 * m.DenseForwardSeconds, 3)} ms against {NumberText.Short(1e3 * c.ForwardSeconds, 3)} ms, medians of {o.TimedPasses}), " +
                $"beside its multiply-add reduction of {NumberText.Short(Reduction(m, c), 3)}.";
            result.Add(IsStructured(c.Method)
                ? new Finding($"{NamePart(c)}_speedup", Speedup(m, c), "1", timed + " A smaller dense network is a smaller dense product.",
                    Reduction(m, c), "theory: a dense kernel's time is proportional to its multiply-adds, less fixed per-call costs") { MachineDependent = true }
                : new Finding($"{NamePart(c)}_speedup", Speedup(m, c), "1", timed + " The mask's zeros are stored and multiplied like any other weight.",
                    1, "theory: a dense kernel multiplies zeros as it does any number; Mishra et al. need sparse tensor cores for 2:4 to pay") { MachineDependent = true });
        }
    }
}

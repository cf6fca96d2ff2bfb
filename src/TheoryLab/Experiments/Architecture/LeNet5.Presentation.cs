using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Models.ConvNets;
using TheoryLab.Tables;
using TheoryLab.Training;

namespace TheoryLab.Experiments.Architecture;

/// <summary>
/// How <see cref="LeNet5"/> shows its <see cref="Measurement"/>: findings beside the published accuracies, the training
/// curves and their figures, and the table of layers, naming columns through <see cref="Columns"/>.
/// </summary>
public sealed partial class LeNet5
{
    /// <summary>The columns of the tables "training-curves", "published-error" and "layers".</summary>
    private static class Columns
    {
        public static readonly Column Step = new("step");
        public static readonly Column Epoch = new("epoch");
        public static readonly Column TrainLoss = new("train_loss");
        public static readonly Column TestLoss = new("test_loss");
        public static readonly Column TrainAccuracy = new("train_accuracy");
        public static readonly Column TestAccuracy = new("test_accuracy");
        public static readonly Column TrainError = new("train_error");
        public static readonly Column TestError = new("test_error");
        public static readonly Column Layer = new("layer");
        public static readonly Column OutputShape = new("output_shape");
        public static readonly Column Parameters = new("parameters");
        public static readonly Column MultiplyAdds = new("multiply_adds");
    }

    private static ExperimentResult Present(LeNet5Options options, Measurement measured)
    {
        var result = new ExperimentResult();
        result.Artifacts.AddRange(measured.Artifacts);
        var final = measured.Run.Final;
        AddFindings(result, options, measured.Spec, final.Train, final.Test, measured.Run.Summary, measured.TrainCount);
        AddCurves(result, options, measured.Run.Curve, measured.TrainCount);
        AddLayers(result, measured.Spec);
        return result;
    }

    private static (double Value, string Source, string Authors)? Published(string dataset) => dataset switch
    {
        "mnist" => (0.9905, "lecun1998gradient", "LeCun et al. (1998)"),
        "mnist1d" or "mnist1d-published" => (0.94, "greydanus2020scaling", "Greydanus (2020)"),
        _ => null,
    };

    private static void AddFindings(ExperimentResult result, LeNet5Options options, SequentialSpec spec, ClassificationMetrics train, ClassificationMetrics test, TrainingSummary summary, int trainCount)
    {
        var published = Published(options.Dataset);
        string paper = options.Dataset == "mnist" ? " (LeNet-5: 0.95% error without distortions)" : published is null ? "" : " (Greydanus's CNN)";
        result.Add(new Finding("test_accuracy", test.Accuracy, "1", $"Fraction of the {test.Examples:N0} test examples classified correctly after training{paper}.", published?.Value, published?.Source))
            .Add(new Finding("train_accuracy", train.Accuracy, "1", $"Fraction of the {train.Examples:N0} training examples classified correctly after training."))
            .Add(new Finding("train_loss", train.Loss, "nats", "Mean cross-entropy on the whole training set after training, in evaluation mode."))
            .Add(new Finding("test_loss", test.Loss, "nats", "Mean cross-entropy on the test set after training."))
            .Add(new Finding("parameters", spec.Parameters, "1", $"Trainable weights and biases of {spec.Name}, counted from its layer shapes."))
            .Add(new Finding("flops_per_example", spec.MultiplyAddsPerExample, "multiply-adds",
                "Multiply–adds of one forward pass of one example in the convolutions and affine layers, from the layer shapes (FLOPs at 2 per multiply–add are twice this)."))
            .Add(new Finding("examples_per_second", summary.ExamplesPerSecond, "1/s", "Training examples processed per second of SGD steps (batching, forward, backward, update), evaluations excluded: a measure of this machine.")
                { MachineDependent = true })
            .Add(new Finding("epochs", (double)options.Steps * options.BatchSize / trainCount, "1", "Passes over the training set the steps amount to."));
    }

    private static void AddCurves(ExperimentResult result, LeNet5Options options, IReadOnlyList<ClassificationPoint> curve, int trainCount)
    {
        double Epoch(long step) => (double)step * options.BatchSize / trainCount;
        var curves = new Table("training-curves");
        result.Add(curves
            .Add(Columns.Step, curve.Select(c => (double)c.Step))
            .Add(Columns.Epoch, curve.Select(c => Epoch(c.Step)))
            .Add(Columns.TrainLoss, curve.Select(c => c.Train.Loss))
            .Add(Columns.TestLoss, curve.Select(c => c.Test.Loss))
            .Add(Columns.TrainAccuracy, curve.Select(c => c.Train.Accuracy))
            .Add(Columns.TestAccuracy, curve.Select(c => c.Test.Accuracy))
            .Add(Columns.TrainError, curve.Select(c => c.Train.Error))
            .Add(Columns.TestError, curve.Select(c => c.Test.Error)));
        // Error rates on a log axis, as LeCun et al. plot them (their Fig. 5): the last percent is where networks differ.
        // A training error of exactly 0 has no place on that axis and leaves a gap in its line.
        var errorSeries = new List<Series> { new Line(curves.Name, Columns.Epoch, Columns.TrainError, "training set"), new Line(curves.Name, Columns.Epoch, Columns.TestError, "test set") };
        if (Published(options.Dataset) is { } published)
        {
            var reference = new Table("published-error").Add(Columns.Epoch, [0, Epoch(options.Steps)]).Add(Columns.TestError, [1 - published.Value, 1 - published.Value]);
            result.Add(reference);
            errorSeries.Add(new Line(reference.Name, Columns.Epoch, Columns.TestError, $"published test, {published.Authors}", Dashed: true));
        }
        result.Add(new Figure("loss-curves", $"Cross-entropy on the training and test sets of {options.Dataset} during SGD training.",
                new Axis("epoch"), new Axis("cross-entropy (nats)", Log: true),
                [new Line(curves.Name, Columns.Epoch, Columns.TrainLoss, "training set"), new Line(curves.Name, Columns.Epoch, Columns.TestLoss, "test set")]))
            .Add(new Figure("error-curves", $"Error rate (1 − accuracy) on the training and test sets of {options.Dataset} during SGD training, with the published test error; an error of 0 lies off the log axis.",
                new Axis("epoch"), Axis.Fraction("error rate", log: true), errorSeries)
            { Legend = LegendPlace.UpperRight });
    }

    private static void AddLayers(ExperimentResult result, SequentialSpec spec)
    {
        var costs = spec.Costs;
        result.Add(new Table("layers")
            .AddText(Columns.Layer, costs.Select(c => c.Layer))
            .AddText(Columns.OutputShape, costs.Select(c => string.Join("×", c.OutputShape)))
            .Add(Columns.Parameters, costs.Select(c => (double)c.Parameters))
            .Add(Columns.MultiplyAdds, costs.Select(c => (double)c.MultiplyAdds)));
    }
}

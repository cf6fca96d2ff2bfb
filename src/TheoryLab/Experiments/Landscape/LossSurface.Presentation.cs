using TheoryLab.Analysis.Landscape;
using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Tables;

namespace TheoryLab.Experiments.Landscape;

/// <summary>
/// How <see cref="LossSurface"/> shows its <see cref="Measurement"/>: the line, surface and |λ_min/λ_max| map around each
/// model, the models table, the small- against large-batch comparison, the findings and the figures, naming columns
/// through <see cref="Columns"/>.
/// </summary>
public sealed partial class LossSurface
{
    /// <summary>The columns of the line, surface, map, models, non-convexity and batch-comparison tables.</summary>
    private static class Columns
    {
        public static readonly Column Alpha = new("alpha");
        public static readonly Column Loss = new("loss");
        public static readonly Column Accuracy = new("accuracy");

        public static readonly Column Log10Loss = new("log10_loss");
        public static readonly Column Model = new("model");
        public static readonly Column Depth = new("depth");
        public static readonly Column Skip = new("skip");
        public static readonly Column NoSkip = new("no_skip");
        public static readonly Column Parameters = new("parameters");
        public static readonly Column TrainLoss = new("train_loss");
        public static readonly Column TrainAccuracy = new("train_accuracy");
        public static readonly Column TestLoss = new("test_loss");
        public static readonly Column TestAccuracy = new("test_accuracy");
        public static readonly Column MeanRatio = new("mean_ratio");
        public static readonly Column FractionAboveThreshold = new("fraction_above_threshold");
        public static readonly Column LambdaMax = new("lambda_max");
        public static readonly Column LambdaMin = new("lambda_min");
        public static readonly Column SurfaceLocalMinima = new("surface_local_minima");
        public static readonly Column T = new("t");

        /// <summary>The loss along the direction around the "small" or "large" batch solution.</summary>
        public static Column BatchLoss(string label) => new($"loss_{label}");
    }

    private static ExperimentResult Present(LossSurfaceOptions o, Measurement measured)
    {
        var result = new ExperimentResult();
        var lines = measured.Models.Select(m => AddSurroundings(o, measured.Alphas, m, result)).ToList();
        AddModelResults(o, [.. measured.Models.Select(m => m.Row)], lines, result);
        if (measured.Batches is { } batches) AddBatchComparison(o, measured.Alphas, batches, result);
        return result;
    }

    /// <summary>The line, the surface and the map around one model, and their figures.</summary>
    /// <returns>The line's table, which the figure of all lines draws.</returns>
    private static Table AddSurroundings(LossSurfaceOptions o, double[] alphas, Explored explored, ExperimentResult result)
    {
        string name = explored.Row.Name;
        var line = new Table($"line-{name}").Add(Columns.Alpha, alphas).Add(Columns.Loss, explored.Line.Select(m => m.Loss)).Add(Columns.Accuracy, explored.Line.Select(m => m.Accuracy!.Value));
        result.Add(line);

        var surfaceTable = explored.Surface.ToTable($"surface-{name}");
        surfaceTable.Add(Columns.Log10Loss, explored.Surface.Points.Select(p => Math.Log10(p.Loss)));
        result.Add(surfaceTable);
        result.Add(new Figure($"surface-{name}",
            $"log₁₀ of the training loss of {name} on the plane θ* + αδ + βη spanned by two filter-normalised random directions, {BatchNormStatistics(o)} (Li et al. 2018, Fig. 5).",
            new Axis("α"), new Axis("β"), [new Heatmap(surfaceTable.Name, PlaneColumns.X, PlaneColumns.Y, Columns.Log10Loss, "log₁₀ loss")])
        { Aspect = 0.8, Legend = null });

        if (explored.Map is { } map)
        {
            var mapTable = map.ToTable($"curvature-{name}");
            result.Add(mapTable);
            result.Add(new Figure($"ratio-{name}",
                $"|λ_min/λ_max| of the Hessian{HessianBlockText(o)} of {name}'s training loss over the plane of its surface plot ({o.LanczosSteps} Lanczos steps on {o.HessianExamples} examples, {BatchNormStatistics(o)}; 0 where λ_min ≥ 0): small where the landscape is locally convex (Li et al. 2018, Fig. 7).",
                new Axis("α"), new Axis("β"), [new Heatmap(mapTable.Name, PlaneColumns.X, PlaneColumns.Y, PlaneColumns.Ratio, "|λ_min/λ_max|")])
            { Aspect = 0.8, Legend = null });
        }
        return line;
    }

    /// <param name="lines">The line tables of <paramref name="models"/>, in their order.</param>
    private static void AddModelResults(LossSurfaceOptions o, List<ModelRow> models, List<Table> lines, ExperimentResult result)
    {
        result.Add(new Table("models")
            .AddText(Columns.Model, models.Select(m => m.Name))
            .Add(Columns.Depth, models.Select(m => (double)m.Depth))
            .Add(Columns.Skip, models.Select(m => m.Skip ? 1.0 : 0.0))
            .Add(Columns.Parameters, models.Select(m => (double)m.Parameters))
            .Add(Columns.TrainLoss, models.Select(m => m.TrainLoss))
            .Add(Columns.TrainAccuracy, models.Select(m => m.TrainAccuracy))
            .Add(Columns.TestAccuracy, models.Select(m => m.TestAccuracy))
            .Add(Columns.MeanRatio, models.Select(m => m.MeanRatio))
            .Add(Columns.FractionAboveThreshold, models.Select(m => m.FractionAbove))
            .Add(Columns.LambdaMax, models.Select(m => m.CentreLambdaMax))
            .Add(Columns.LambdaMin, models.Select(m => m.CentreLambdaMin))
            .Add(Columns.SurfaceLocalMinima, models.Select(m => (double)m.SurfaceMinima)));

        foreach (var m in models)
        {
            string key = m.Name.ToLowerInvariant().Replace('-', '_');
            result.Add(new Finding($"test_accuracy_{key}", m.TestAccuracy, "1", $"Test accuracy of {m.Name} after training."));
            result.Add(new Finding($"train_loss_{key}", m.TrainLoss, "nats", $"Training loss of {m.Name} at its minimum, on the evaluation examples, {BatchNormStatistics(o)}."));
            result.Add(new Finding($"surface_minima_{key}", m.SurfaceMinima, "1",
                $"Strict local minima of the {o.Resolution}×{o.Resolution} surface plot around {m.Name} (1 where the trained minimum is the only one; more where the plot is chaotic)."));
            result.Add(new Finding($"lambda_max_{key}", m.CentreLambdaMax, "nats", $"Largest Hessian eigenvalue{HessianBlockText(o)} of {m.Name}'s training loss at its minimum ({o.LanczosSteps} Lanczos steps on {o.HessianExamples} examples): its sharpness."));
            if (!double.IsNaN(m.MeanRatio))
            {
                result.Add(new Finding($"nonconvexity_{key}", m.MeanRatio, "1",
                    $"Mean of |λ_min/λ_max| over the {o.HessianResolution}×{o.HessianResolution} map around {m.Name}: near 0 where the landscape is convex-looking."));
                result.Add(new Finding($"nonconvex_fraction_{key}", m.FractionAbove, "1",
                    $"Fraction of the map around {m.Name} where |λ_min/λ_max| > {o.RatioThreshold}."));
            }
        }
        foreach (var depth in models.GroupBy(m => m.Depth))
        {
            var with = depth.Single(m => m.Skip);
            var without = depth.Single(m => !m.Skip);
            if (!double.IsNaN(with.MeanRatio))
            {
                result.Add(new Finding($"nonconvexity_gap_depth{depth.Key}", without.MeanRatio - with.MeanRatio, "1",
                    $"Mean |λ_min/λ_max| without skip connections minus with them, depth {depth.Key}: Li et al.'s Fig. 7 shows it positive and growing with depth (ResNet-56 on CIFAR-10)."));
            }
            result.Add(new Finding($"surface_minima_gap_depth{depth.Key}", without.SurfaceMinima - with.SurfaceMinima, "1",
                $"Local minima of the surface plot without skip connections minus with them, depth {depth.Key}: above 0 where this run shows Li et al.'s Fig. 5, the plain networks' plots turning chaotic as depth grows while the skip networks' stay one basin; a count of strict minima, so a bump 10⁻⁴ nats deep far out on the plateau counts as one."));
            result.Add(new Finding($"sharpness_ratio_depth{depth.Key}", without.CentreLambdaMax / with.CentreLambdaMax, "1",
                $"λ_max at the minimum without skip connections over λ_max with them, depth {depth.Key}: above 1 where the plain network sits in the sharper minimum."));
        }

        var lineSeries = models.Select((m, i) => (Series)new Line(lines[i].Name, Columns.Alpha, Columns.Loss, m.Name, Dashed: !m.Skip)).ToList();
        result.Add(new Figure("lines",
            "Training loss along one filter-normalised random direction around each trained ResNet, with (solid) and without (dashed) skip connections (Li et al. 2018, Section 6).",
            new Axis("α"), new Axis("training loss (nats)", Log: true), lineSeries)
        { Legend = LegendPlace.UpperLeft });
        if (models.Any(m => !double.IsNaN(m.MeanRatio)))
        {
            var byDepth = models.GroupBy(m => m.Skip).ToDictionary(g => g.Key, g => g.OrderBy(m => m.Depth).ToArray());
            var table = new Table("nonconvexity-vs-depth")
                .Add(Columns.Depth, byDepth[true].Select(m => (double)m.Depth))
                .Add(Columns.Skip, byDepth[true].Select(m => m.MeanRatio))
                .Add(Columns.NoSkip, byDepth[false].Select(m => m.MeanRatio));
            result.Add(table);
            result.Add(new Figure("nonconvexity-vs-depth",
                $"Mean |λ_min/λ_max| over the map around each network against depth, with and without skip connections.",
                Axis.Index("depth"), new Axis("mean |λ_min/λ_max|"),
                [new Markers(table.Name, Columns.Depth, Columns.Skip, "with skips"), new Markers(table.Name, Columns.Depth, Columns.NoSkip, "without skips")])
            { Legend = LegendPlace.UpperLeft, Width = FigureWidth.Half });
        }
    }

    private static string HessianBlockText(LossSurfaceOptions o) =>
        o.HessianParameters == HessianParameters.Weights ? " over the weight tensors (no biases or batch-norm parameters)" : "";

    private static string BatchNormStatistics(LossSurfaceOptions o) =>
        o.RecomputeBatchNorm ? "batch-norm statistics recomputed at every point" : "batch-norm statistics stored at the trained minimum";

    /// <summary>Li et al.'s Section 5: the line through the small- and the large-batch solution, and the loss and sharpness around each.</summary>
    private static void AddBatchComparison(LossSurfaceOptions o, double[] alphas, BatchComparison measured, ExperimentResult result)
    {
        var interpolation = new Table("batch-interpolation").Add(Columns.T, measured.Ts)
            .Add(Columns.TrainLoss, measured.TrainLine.Select(m => m.Loss)).Add(Columns.TestLoss, measured.TestLine.Select(m => m.Loss))
            .Add(Columns.TrainAccuracy, measured.TrainLine.Select(m => m.Accuracy!.Value)).Add(Columns.TestAccuracy, measured.TestLine.Select(m => m.Accuracy!.Value));
        result.Add(interpolation);
        result.Add(new Figure("batch-interpolation",
            $"Loss on the line (1 − t) θ_s + t θ_l from the batch-{o.BatchSize} solution (t = 0) to the batch-{o.LargeBatchSize} one (t = 1) of {measured.Network}, {BatchNormStatistics(o)} (Keskar et al. 2017; Li et al. 2018, Fig. 2).",
            new Axis("t"), new Axis("loss (nats)", Log: true),
            [new Line(interpolation.Name, Columns.T, Columns.TrainLoss, "training"), new Line(interpolation.Name, Columns.T, Columns.TestLoss, "test", Dashed: true)]));

        var table = new Table("batch-lines").Add(Columns.Alpha, alphas);
        foreach (var (label, batch, losses, lambdaMax, testAccuracy) in measured.Solutions)
        {
            table.Add(Columns.BatchLoss(label), losses);
            result.Add(new Finding($"lambda_max_{label}_batch", lambdaMax, "nats",
                $"Largest Hessian eigenvalue{HessianBlockText(o)} of the training loss at the batch-{batch} solution ({o.LanczosSteps} Lanczos steps on {o.HessianExamples} examples): sharpness in Keskar et al.'s sense."));
            result.Add(new Finding($"curvature_1d_{label}_batch", Curvature1D(alphas, losses), "nats",
                $"Second derivative at α = 0 of the loss along a filter-normalised direction around the batch-{batch} solution (parabola through the three points nearest 0): sharpness on Li et al.'s scale-free axis."));
            result.Add(new Finding($"test_accuracy_{label}_batch", testAccuracy, "1", $"Test accuracy of the batch-{batch} solution."));
        }
        result.Add(table);
        result.Add(new Figure("batch-lines",
            $"Training loss along a filter-normalised random direction around the batch-{o.BatchSize} and batch-{o.LargeBatchSize} solutions of {measured.Network} (Li et al. 2018, Fig. 3).",
            new Axis("α"), new Axis("training loss (nats)", Log: true),
            [new Line(table.Name, Columns.Alpha, Columns.BatchLoss("small"), $"batch {o.BatchSize}"), new Line(table.Name, Columns.Alpha, Columns.BatchLoss("large"), $"batch {o.LargeBatchSize}", Dashed: true)])
        { Legend = LegendPlace.UpperLeft });
    }

    /// <summary>f''(0) from the three samples nearest α = 0 (a central second difference on the evenly spaced grid).</summary>
    private static double Curvature1D(double[] alphas, double[] losses)
    {
        int centre = Array.IndexOf(alphas, alphas.MinBy(Math.Abs));
        centre = Math.Clamp(centre, 1, alphas.Length - 2);
        double h = alphas[centre + 1] - alphas[centre];
        return (losses[centre + 1] - 2 * losses[centre] + losses[centre - 1]) / (h * h);
    }
}

using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Models.MeanField;
using TheoryLab.Tables;
using TheoryLab.Text;

namespace TheoryLab.Experiments.SignalPropagation;

/// <summary>
/// How <see cref="TrainableDepth"/> shows its <see cref="Measurement"/>: the accuracy grids judged against 6ξ_c from the
/// mean-field correlation map, the tables, findings and figures, all naming their columns through <see cref="Columns"/>.
/// </summary>
public sealed partial class TrainableDepth
{
    /// <summary>The columns of the tables "accuracy", "boundary", "trained-depth-by-steps" and "six-xi-c".</summary>
    private static class Columns
    {
        public static readonly Column SigmaW2 = new("sigma_w2");
        public static readonly Column Depth = new("depth");
        public static readonly Column TrainAccuracy = new("train_accuracy");
        public static readonly Column TestAccuracy = new("test_accuracy");
        public static readonly Column TrainLoss = new("train_loss");
        public static readonly Column XiC = new("xi_c");
        public static readonly Column SixXiC = new("six_xi_c");
        public static readonly Column PredictedTrainable = new("predicted_trainable");
        public static readonly Column Trained = new("trained");
        public static readonly Column TrainedTest = new("trained_test");
        public static readonly Column LargestTrainedDepth = new("largest_trained_depth");
        public static readonly Column LargestTrainedDepthTest = new("largest_trained_depth_test");
        public static readonly Column TransitionFrom = new("transition_from");
        public static readonly Column TransitionTo = new("transition_to");

        /// <summary>The largest trained depth of each σ_w² after this many steps.</summary>
        public static Column AfterSteps(long steps) => new($"steps_{steps}");
    }

    private static ExperimentResult Present(TrainableDepthOptions o, Measurement measured)
    {
        var integrals = new GaussianIntegrals(Activations.Tanh);
        var xiC = measured.SigmaW2.Select(s => new MeanFieldMaps(integrals, s, o.SigmaB2).XiC).ToArray();
        int last = measured.Checkpoints.Length - 1;
        var train = Grid(measured, last, p => p.Train);
        var test = Grid(measured, last, p => p.Test);
        var result = new ExperimentResult();
        var tables = AddTables(result, o, measured, xiC, train, test);
        AddFindings(result, o, xiC, train, test, measured.Seconds, measured.SigmaW2.Length * measured.Depths.Length);
        AddFigures(result, o, measured, integrals, tables);
        return result;
    }

    /// <summary>Accuracies at checkpoint <paramref name="checkpoint"/> as a grid.</summary>
    private static TrainabilityGrid Grid(Measurement measured, int checkpoint, Func<PointCurves, double[]> pick)
    {
        var accuracy = new double[measured.SigmaW2.Length, measured.Depths.Length];
        for (int i = 0; i < measured.SigmaW2.Length; i++)
            for (int j = 0; j < measured.Depths.Length; j++)
                accuracy[i, j] = pick(measured.Points[i, j])[checkpoint];
        return new TrainabilityGrid(measured.SigmaW2, measured.Depths, accuracy, measured.Chance);
    }

    /// <summary>The tables the figures draw from.</summary>
    private sealed record PresentedTables(Table Accuracy, Table Boundary, Table ByTime);

    private static PresentedTables AddTables(ExperimentResult result, TrainableDepthOptions o, Measurement measured, double[] xiC,
        TrainabilityGrid train, TrainabilityGrid test)
    {
        var (sigmaW2, depths) = (measured.SigmaW2, measured.Depths);
        var cells = sigmaW2.SelectMany((_, i) => depths.Select((_, j) => (I: i, J: j))).ToArray();
        double trainThreshold = train.Level(o.TrainedFraction), testThreshold = test.Level(o.TrainedFraction);
        var accuracy = new Table("accuracy")
            .Add(Columns.SigmaW2, cells.Select(c => sigmaW2[c.I]))
            .Add(Columns.Depth, cells.Select(c => (double)depths[c.J]))
            .Add(Columns.TrainAccuracy, cells.Select(c => ChanceIfNaN(train.Accuracy[c.I, c.J], train.Chance)))
            .Add(Columns.TestAccuracy, cells.Select(c => ChanceIfNaN(test.Accuracy[c.I, c.J], test.Chance)))
            .Add(Columns.TrainLoss, cells.Select(c => measured.Points[c.I, c.J].TrainLoss[^1]))
            .Add(Columns.SixXiC, cells.Select(c => PaperMultiple * xiC[c.I]))
            .Add(Columns.PredictedTrainable, cells.Select(c => depths[c.J] <= PaperMultiple * xiC[c.I] ? 1.0 : 0.0))
            .Add(Columns.Trained, cells.Select(c => train.Trained(c.I, c.J, trainThreshold) ? 1.0 : 0.0))
            .Add(Columns.TrainedTest, cells.Select(c => test.Trained(c.I, c.J, testThreshold) ? 1.0 : 0.0));
        result.Add(accuracy);

        double high = 1 - TransitionMargin, low = TransitionMargin;
        var transitions = sigmaW2.Select((_, i) => train.Transition(i, train.Level(high), train.Level(low))).ToArray();
        var boundary = new Table("boundary")
            .Add(Columns.SigmaW2, sigmaW2)
            .Add(Columns.XiC, xiC)
            .Add(Columns.SixXiC, xiC.Select(x => PaperMultiple * x))
            .Add(Columns.LargestTrainedDepth, sigmaW2.Select((_, i) => (double)train.LargestTrainedDepth(i, trainThreshold)))
            .Add(Columns.LargestTrainedDepthTest, sigmaW2.Select((_, i) => (double)test.LargestTrainedDepth(i, testThreshold)))
            .Add(Columns.TransitionFrom, transitions.Select(t => t.From))
            .Add(Columns.TransitionTo, transitions.Select(t => t.To));
        result.Add(boundary);

        // The largest trained depth at each checkpoint, judged against the final best accuracy: how far down training
        // has reached after each budget (Schoenholz et al.'s Fig. 6).
        var byTime = new Table("trained-depth-by-steps").Add(Columns.SigmaW2, sigmaW2);
        for (int k = 0; k < measured.Checkpoints.Length; k++)
        {
            var grid = Grid(measured, k, p => p.Train);
            byTime.Add(Columns.AfterSteps(measured.Checkpoints[k]), sigmaW2.Select((_, i) => (double)grid.LargestTrainedDepth(i, trainThreshold)));
        }
        result.Add(byTime);
        return new PresentedTables(accuracy, boundary, byTime);
    }

    private static double ChanceIfNaN(double accuracy, double chance) => double.IsNaN(accuracy) ? chance : accuracy;

    private static void AddFindings(ExperimentResult result, TrainableDepthOptions o, double[] xiC, TrainabilityGrid train, TrainabilityGrid test, double seconds, int networks)
    {
        double trainThreshold = train.Level(o.TrainedFraction), testThreshold = test.Level(o.TrainedFraction);
        var (low, high, bestAgreement) = train.BestMultiple(xiC, trainThreshold);
        string trained = $"trained: accuracy at least {o.TrainedFraction:G2} of the way from chance ({train.Chance:G2}) to the grid's best";
        result.Add(new Finding("agreement_fraction", train.Agreement(xiC, PaperMultiple, trainThreshold), "1",
            $"Fraction of the grid's networks whose training accuracy after {o.Steps} steps agrees with the rule 'trainable if and only if depth ≤ 6ξ_c' ({trained}, {trainThreshold:P1}).",
            1, "schoenholz2017deep: networks train to depths of about 6ξ_c"));
        result.Add(new Finding("agreement_fraction_test", test.Agreement(xiC, PaperMultiple, testThreshold), "1",
            $"The same on test accuracy (threshold {testThreshold:P1}).", 1, "schoenholz2017deep"));
        result.Add(new Finding("best_xi_c_multiple", Math.Sqrt(low * high), "ξ_c",
            $"The multiple n for which 'trainable if and only if depth ≤ nξ_c' agrees best with the measured training accuracies (agreement {bestAgreement:P1}, reached for n from {low:G3} to {high:G3}; geometric middle).",
            PaperMultiple, "schoenholz2017deep: trainable depth ≈ 6ξ_c"));
        result.Add(new Finding("best_train_accuracy", train.Best, "1", $"Highest training accuracy on the grid after {o.Steps} SGD steps (chance {train.Chance:G2})."));
        result.Add(new Finding("best_test_accuracy", test.Best, "1", $"Highest test accuracy on the grid (chance {test.Chance:G2})."));
        result.Add(new Finding("seconds_per_network", seconds / networks, "s",
            $"Wall time of training and evaluating the grid per network (the networks of a depth trained at once as one stacked model): a measure of this machine.")
        { MachineDependent = true });
    }

    private static void AddFigures(ExperimentResult result, TrainableDepthOptions o, Measurement measured, GaussianIntegrals integrals, PresentedTables tables)
    {
        double step = (double)o.MaxDepth / o.DepthPoints;
        double top = o.MaxDepth + step / 2;
        double critical = Criticality.CriticalSigmaW2(integrals, o.SigmaB2);
        var fine = Enumerable.Range(0, TheoryCurvePoints).Select(k => o.SigmaW2Min + k * (o.SigmaW2Max - o.SigmaW2Min) / (TheoryCurvePoints - 1));
        if (critical > o.SigmaW2Min && critical < o.SigmaW2Max) fine = fine.Append(critical).Order();
        var curve = fine.ToArray();
        // 6ξ_c diverges at the edge of chaos; the curve is clipped at the top of the heatmap there.
        var sixXiC = new Table("six-xi-c")
            .Add(Columns.SigmaW2, curve)
            .Add(Columns.SixXiC, curve.Select(s => Math.Min(top, PaperMultiple * new MeanFieldMaps(integrals, s, o.SigmaB2).XiC)));
        result.Add(sixXiC);
        var theory = new Line(sixXiC.Name, Columns.SigmaW2, Columns.SixXiC, "6ξ_c");

        string setting = $"tanh networks of width {o.Width}, σ_b² = {NumberText.Prose(o.SigmaB2)}, after {o.Steps} SGD steps (batch {o.BatchSize}, η = {NumberText.Prose(o.LearningRate)}) on {measured.Dataset}";
        foreach (var (name, column, what, boundary) in new[]
        {
            ("train-accuracy", Columns.TrainAccuracy, "Training", Columns.LargestTrainedDepth),
            ("test-accuracy", Columns.TestAccuracy, "Test", Columns.LargestTrainedDepthTest),
        })
        {
            result.Add(new Figure(name, $"{what} accuracy of {setting}, over (σ_w², depth); the line is 6ξ_c from the mean-field correlation map (clipped at the top where ξ_c diverges, σ_w² = {critical:G4}), the markers the largest depth of each σ_w² whose accuracy is at least {o.TrainedFraction:G2} of the way from chance to the best.",
                new Axis("σ_w²"), Axis.Index("depth L", min: step / 2, max: top),
                [new Heatmap(tables.Accuracy.Name, Columns.SigmaW2, Columns.Depth, column, $"{what.ToLowerInvariant()} accuracy"),
                 theory,
                 new Markers(tables.Boundary.Name, Columns.SigmaW2, boundary, "largest trained depth")])
            { Aspect = 0.8, Legend = LegendPlace.UpperRight });
        }
        var series = new List<Series> { theory };
        series.AddRange(measured.Checkpoints.Select(steps => (Series)new Markers(tables.ByTime.Name, Columns.SigmaW2, Columns.AfterSteps(steps), $"after {steps} steps")));
        result.Add(new Figure(tables.ByTime.Name, $"Largest trained depth of each σ_w² after increasing numbers of SGD steps ({setting.Replace($"after {o.Steps} SGD steps ", "")}; trained: training accuracy at least {o.TrainedFraction:G2} of the way from chance to the final best), against 6ξ_c.",
            new Axis("σ_w²"), Axis.Index("depth L", min: 0, max: top), series)
        { Legend = LegendPlace.UpperRight });
    }
}

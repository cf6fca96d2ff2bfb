using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Models.Initialisation;
using TheoryLab.Models.MeanField;
using TheoryLab.Numerics.Statistics;
using TheoryLab.Tables;
using TheoryLab.Text;

namespace TheoryLab.Experiments.SignalPropagation;

/// <summary>
/// How <see cref="GlorotInit"/> shows its <see cref="Measurement"/>: the variances by layer at initialisation beside the
/// linear-regime theory, the histograms, the test-error curves, and the findings, naming columns through <see cref="Columns"/>.
/// </summary>
public sealed partial class GlorotInit
{
    /// <summary>The columns of the variance, histogram and test-error tables; a network's column is named by its activation and scheme.</summary>
    private static class Columns
    {
        public static readonly Column Layer = new("layer");
        public static readonly Column Step = new("step");
        public static readonly Column BinCentre = new("bin_centre");

        public static Column Network(Activation activation, GlorotScheme scheme) => new($"{activation.Name}_{Name(scheme)}");
        public static Column Theory(Activation activation, GlorotScheme scheme) => new($"theory_{activation.Name}_{Name(scheme)}");
        public static Column Theory(GlorotScheme scheme) => new($"theory_{Name(scheme)}");
        public static Column HistogramLayer(int layer) => new($"layer_{layer}");
    }

    private static ExperimentResult Present(GlorotInitOptions o, Measurement measured)
    {
        var result = new ExperimentResult();
        AddSignalsAtInitialisation(result, o, measured);
        var (runs, steps, curves) = (measured.Runs, measured.Steps, measured.Curves);
        for (int di = 0; di < measured.Data.Length; di++)
        {
            var table = new Table($"test-error-{o.Datasets[di]}").Add(Columns.Step, steps.Select(s => (double)s));
            var series = new List<Series>();
            for (int r = 0; r < runs.Length; r++)
            {
                if (runs[r].Data != di) continue;
                var column = Columns.Network(runs[r].Activation, runs[r].Scheme);
                table.Add(column, curves[r].TestError);
                series.Add(new Line(table.Name, Columns.Step, column, $"{runs[r].Activation.Name}, {Name(runs[r].Scheme)} init", Dashed: runs[r].Scheme == GlorotScheme.Standard));
                result.Add(new Finding($"test_error_{o.Datasets[di].Replace('-', '_')}_{column}", curves[r].TestError[^1], "1",
                    $"Test error on {measured.Data[di].TestName} after {o.Steps} SGD steps (batch {o.BatchSize}, η = {NumberText.Prose(o.LearningRate)}) of the {runs[r].Activation.Name} network with the {Name(runs[r].Scheme)} initialisation."));
            }
            result.Add(table);
            result.Add(new Figure(table.Name, $"Test error on {o.Datasets[di]} during SGD training (batch {o.BatchSize}, η = {NumberText.Prose(o.LearningRate)}) of {o.HiddenLayers} hidden layers of {o.Width} units, for each activation with the standard (dashed) and normalised (solid) initialisation.",
                new Axis("SGD step"), Axis.Fraction("test error", log: true), series)
            { Legend = LegendPlace.UpperRight });
        }
        return result;
    }

    /// <summary>
    /// The networks at initialisation: histograms of each hidden layer's activations and
    /// back-propagated gradients, and their variances by layer beside the linear-regime theory.
    /// </summary>
    private static void AddSignalsAtInitialisation(ExperimentResult result, GlorotInitOptions o, Measurement measured)
    {
        var data = measured.Data[0];
        int n = measured.Examples;
        double inputVariance = measured.InputVariance;
        int layers = o.HiddenLayers;

        var activationVariances = new Table("activation-variance").Add(Columns.Layer, Enumerable.Range(1, layers).Select(k => (double)k));
        var gradientVariances = new Table("gradient-variance").Add(Columns.Layer, Enumerable.Range(1, layers + 1).Select(k => (double)k));
        var activationSeries = new List<Series>();
        var gradientSeries = new List<Series>();
        foreach (var scheme in Schemes)
        {
            var networks = measured.Initial.Where(i => i.Scheme == scheme).ToList();
            var theorySpec = new GlorotSpec(networks[0].Activation, scheme, data.ExampleSize, o.Width, layers, data.Classes);
            activationVariances.Add(Columns.Theory(scheme), theorySpec.LinearActivationVariances(inputVariance));
            activationSeries.Add(new Line(activationVariances.Name, Columns.Layer, Columns.Theory(scheme), $"linear theory, {Name(scheme)}", Dashed: scheme == GlorotScheme.Standard));
            foreach (var (activation, _, signals) in networks)
            {
                var spec = new GlorotSpec(activation, scheme, data.ExampleSize, o.Width, layers, data.Classes);
                var column = Columns.Network(activation, scheme);
                var zVariance = signals.Activations.Select(v => Moments.SampleVariance(v)).ToArray();
                var gVariance = signals.Gradients.Select(v => Moments.SampleVariance(v)).ToArray();
                activationVariances.Add(column, zVariance);
                gradientVariances.Add(column, gVariance);
                gradientVariances.Add(Columns.Theory(activation, scheme), spec.LinearGradientVariances(gVariance[^1]));
                activationSeries.Add(new Markers(activationVariances.Name, Columns.Layer, column, $"{activation.Name}, {Name(scheme)}"));
                // Each theory line in its measurements' colour and out of the legend, which would otherwise list eight entries.
                int colour = gradientSeries.Count / 2;
                gradientSeries.Add(new Markers(gradientVariances.Name, Columns.Layer, column, $"{activation.Name}, {Name(scheme)}") { Colour = colour });
                gradientSeries.Add(new Line(gradientVariances.Name, Columns.Layer, Columns.Theory(activation, scheme), "", Dashed: scheme == GlorotScheme.Standard) { Colour = colour });
                AddHistograms(result, o, activation, scheme, signals);

                result.Add(new Finding($"activation_variance_ratio_{column}", zVariance[^1] / zVariance[0], "1",
                    $"Var of layer {layers}'s activations over layer 1's, {activation.Name} with the {Name(scheme)} init at initialisation, over {n} test examples of {data.TestName}; linear-regime theory: Π n_in Var[W] over layers 2–{layers}.",
                    Product(spec, 2, layers, spec.ForwardFactor), "theory: glorot2010understanding eq. 5 (linear regime)"));
                result.Add(new Finding($"gradient_variance_ratio_{column}", gVariance[0] / gVariance[layers - 1], "1",
                    $"Var of the back-propagated gradient ∂C/∂s at layer 1 over that at layer {layers}, {activation.Name} with the {Name(scheme)} init; linear-regime theory: Π n_out Var[W] over layers 2–{layers}.",
                    Product(spec, 2, layers, spec.BackwardFactor), "theory: glorot2010understanding eq. 6 (linear regime)"));
            }
        }
        result.Add(activationVariances).Add(gradientVariances);
        string setting = $"{layers} hidden layers of {o.Width} units at initialisation, {n} test examples of {data.TestName} (input variance {inputVariance:G3})";
        result.Add(new Figure("activation-variance", $"Variance of each hidden layer's activations, {setting}: measured (markers) and the linear-regime product Var[x] Π n_in Var[W] (lines; dashed for the standard, solid for the normalised initialisation).",
            new Axis("hidden layer k"), new Axis("Var[z^k]", Log: true), activationSeries)
        { Legend = LegendPlace.LowerLeft });
        result.Add(new Figure("gradient-variance", $"Variance of the back-propagated gradients ∂C/∂s^k, {setting}, layer {layers + 1} being the logits: measured (markers) and the linear-regime product from the logits, Π n_out Var[W] (lines in the colour of the markers they predict; dashed for the standard, solid for the normalised initialisation).",
            Axis.Index("layer k"), new Axis("Var[∂C/∂s^k]", Log: true), gradientSeries)
        { Legend = LegendPlace.LowerRight });
    }

    private static double Product(GlorotSpec spec, int from, int to, Func<int, double> factor) =>
        Enumerable.Range(from, to - from + 1).Aggregate(1.0, (p, k) => p * factor(k));

    /// <summary>Normalised histograms (fractions of values per bin) of every hidden layer's activations and gradients, one line per layer, as Glorot and Bengio draw them.</summary>
    private static void AddHistograms(ExperimentResult result, GlorotInitOptions o, Activation activation, GlorotScheme scheme, LayerSignals signals)
    {
        string name = $"{activation.Name}-{Name(scheme)}";
        string init = scheme == GlorotScheme.Standard ? "standard init U[−1/√n, 1/√n]" : "normalised init Var[W] = 2/(n_in + n_out)";
        // Both activations map into (−1, 1); gradients get a symmetric range holding all but the outer 0.1 % of values.
        AddHistogram(result, $"activation-histogram-{name}", signals.Activations, 1, o.Bins, "activation value",
            $"Normalised histograms of the activations of each hidden layer at initialisation, {activation.Name} with the {init}.");
        double range = Quantile(signals.Gradients.Take(o.HiddenLayers).SelectMany(g => g.Select(Math.Abs)).ToArray(), 0.999);
        AddHistogram(result, $"gradient-histogram-{name}", signals.Gradients.Take(o.HiddenLayers).ToArray(), range, o.Bins, "back-propagated gradient ∂C/∂s",
            $"Normalised histograms of the back-propagated gradients ∂C/∂s of each hidden layer at initialisation, {activation.Name} with the {init} (range holding 99.9 % of values).");
    }

    private static void AddHistogram(ExperimentResult result, string name, double[][] layers, double range, int bins, string what, string caption)
    {
        double width = 2 * range / bins;
        var table = new Table(name).Add(Columns.BinCentre, Enumerable.Range(0, bins).Select(b => -range + (b + 0.5) * width));
        var series = new List<Series>();
        for (int k = 0; k < layers.Length; k++)
        {
            var counts = new double[bins];
            foreach (double v in layers[k])
            {
                int b = (int)Math.Floor((v + range) / width);
                if (b >= 0 && b < bins) counts[b]++;
                else if (v == range) counts[bins - 1]++;
            }
            table.Add(Columns.HistogramLayer(k + 1), counts.Select(c => c / layers[k].Length));
            series.Add(new Line(table.Name, Columns.BinCentre, Columns.HistogramLayer(k + 1), $"layer {k + 1}"));
        }
        result.Add(table);
        result.Add(new Figure(name, caption, new Axis(what), Axis.Fraction("fraction of values"), series) { Legend = LegendPlace.UpperRight });
    }

    private static double Quantile(double[] values, double p)
    {
        Array.Sort(values);
        return values[Math.Min(values.Length - 1, (int)Math.Floor(p * values.Length))];
    }
}

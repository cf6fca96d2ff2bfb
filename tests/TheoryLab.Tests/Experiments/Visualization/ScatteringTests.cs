using TheoryLab.Analysis.Scattering;
using TheoryLab.Data;
using TheoryLab.Experiments.Visualization;
using TheoryLab.Kernel;
using TheoryLab.Tests.Conformance;
using TheoryLab.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Experiments.Visualization;

/// <summary>
/// The quick run's science against second computations: first-layer energy by convolving with each filter and summing
/// squares in space (the run weights the image's spectrum by the Littlewood–Paley sum), order-0 energy from the
/// low-passed image sampled every 2^J pixels, the 1-pixel translation redone with shifted arrays through the public
/// transform, and the coefficient table against the transform of the image it names.
/// </summary>
[Collection(QuickRunsCollection.Name)]
public class ScatteringTests(QuickRuns runs)
{
    private readonly ExperimentResult _result = runs["scattering"].Result;
    private static readonly ScatteringOptions Quick = new Scattering().Quick;

    /// <summary>The quick run's test part (seed 0), whose first images are its probes and its shown image.</summary>
    private static readonly Lazy<LabeledData> Test = new(() =>
        Datasets.Load(Quick.Dataset, QuickRuns.Data, 0).Test);

    private static double[,] TestImage(int index)
    {
        var test = Test.Value;
        var image = new double[28, 28];
        for (int r = 0; r < 28; r++)
            for (int c = 0; c < 28; c++) image[r, c] = test.Inputs[index * 784 + r * 28 + c];
        return image;
    }

    /// <summary>The image set in zeros on the bank's padded grid, at Kymatio's offset.</summary>
    private static double[] Embedded(double[,] image, MorletFilterBank bank, int scales)
    {
        var grid = new double[bank.Rows * bank.Cols];
        int before = KymatioPadding.PaddingBefore(28, scales);
        for (int r = 0; r < 28; r++)
            for (int c = 0; c < 28; c++) grid[(r + before) * bank.Cols + c + before] = image[r, c];
        return grid;
    }

    private static double SquaredNorm(double[,] image) => image.Cast<double>().Sum(v => v * v);

    [Fact]
    public void FirstLayerEnergy_EqualsTheSquaredNormsOfTheFilteredImagesSummedInSpace()
    {
        TorchRuntime.EnsureLoaded();
        using var scattering = new Scattering2D(Quick.J, Quick.L, Quick.MaxOrder, 28, 28);
        var bank = scattering.Filters;
        var filters = bank.Wavelets.Select(w => w.Fourier).Prepend(bank.LowPass).ToList();
        double mean = 0;
        using var two = 2.ToScalar();
        for (int i = 0; i < Quick.ProbeImages; i++)
        {
            var image = TestImage(i);
            using var scope = NewDisposeScope();
            var spectrum = fft.fft2(tensor(Embedded(image, bank, Quick.J), [bank.Rows, bank.Cols]));
            double energy = 0;
            foreach (var filter in filters)
            {
                var filtered = fft.ifft2(spectrum * tensor(filter.Cast<double>().ToArray(), [bank.Rows, bank.Cols]));
                energy += filtered.abs().pow(two).sum().AsDouble();
            }
            mean += energy / SquaredNorm(image) / Quick.ProbeImages;
        }
        var finding = _result.Finding("energy_first_layer");
        Assert.Equal(mean, finding.Value, 9);
        Assert.Equal(1, finding.Expected);
    }

    [Fact]
    public void OrderZeroEnergy_IsTheLowPassedImageSampledEvery2ToTheJ_AndOrdersAddUpBelowTheFirstLayer()
    {
        TorchRuntime.EnsureLoaded();
        using var scattering = new Scattering2D(Quick.J, Quick.L, Quick.MaxOrder, 28, 28);
        var bank = scattering.Filters;
        int step = 1 << Quick.J;
        double mean = 0;
        for (int i = 0; i < Quick.ProbeImages; i++)
        {
            var image = TestImage(i);
            using var scope = NewDisposeScope();
            var low = fft.ifft2(fft.fft2(tensor(Embedded(image, bank, Quick.J), [bank.Rows, bank.Cols])) * tensor(bank.LowPass.Cast<double>().ToArray(), [bank.Rows, bank.Cols])).real;
            var values = low.data<double>().ToArray();
            double sampled = 0;
            for (int r = 0; r < bank.Rows; r += step)
                for (int c = 0; c < bank.Cols; c += step) sampled += values[r * bank.Cols + c] * values[r * bank.Cols + c];
            mean += step * step * sampled / SquaredNorm(image) / Quick.ProbeImages;
        }
        Assert.Equal(mean, _result.Finding("energy_order0").Value, 9);

        double orders = _result.Finding($"energy_orders_0_to_{Quick.MaxOrder}").Value;
        Assert.Equal(Enumerable.Range(0, Quick.MaxOrder + 1).Sum(m => _result.Finding($"energy_order{m}").Value), orders, 12);
        Assert.True(orders < _result.Finding("energy_first_layer").Value, "orders 0–2 carry no more than the first layer passes on");
    }

    [Fact]
    public void OnePixelTranslation_RedoneWithShiftedArrays_GivesTheRunsChange_FarBelowThePixelsChange()
    {
        TorchRuntime.EnsureLoaded();
        using var scattering = new Scattering2D(Quick.J, Quick.L, Quick.MaxOrder, 28, 28);
        double scatteringChange = 0, pixelChange = 0;
        for (int i = 0; i < Quick.ProbeImages; i++)
        {
            var image = TestImage(i);
            var moved = new double[28, 28];
            for (int r = 0; r < 28; r++)
                for (int c = 1; c < 28; c++) moved[r, c] = image[r, c - 1];
            using var scope = NewDisposeScope();
            var before = scattering.Transform(tensor(image.Cast<double>().ToArray(), [28, 28]));
            var after = scattering.Transform(tensor(moved.Cast<double>().ToArray(), [28, 28]));
            scatteringChange += (before - after).norm().AsDouble() / before.norm().AsDouble() / Quick.ProbeImages;
            double difference = 0;
            for (int r = 0; r < 28; r++)
                for (int c = 0; c < 28; c++) difference += (image[r, c] - moved[r, c]) * (image[r, c] - moved[r, c]);
            pixelChange += Math.Sqrt(difference / SquaredNorm(image)) / Quick.ProbeImages;
        }
        Assert.Equal(scatteringChange, _result.Finding("shift_change_1px").Value, 9);
        Assert.Equal(scatteringChange / pixelChange, _result.Finding("shift_change_1px_over_pixels").Value, 9);
        Assert.True(scatteringChange < 0.5 * pixelChange, $"scattering {scatteringChange}, pixels {pixelChange}");
    }

    [Fact]
    public void CoefficientTable_HoldsTheTransformOfTheShownImage_OneRowPerCoefficientWithMinusOneWhereAStepIsAbsent()
    {
        TorchRuntime.EnsureLoaded();
        using var scattering = new Scattering2D(Quick.J, Quick.L, Quick.MaxOrder, 28, 28);
        using var coefficients = scattering.Transform(tensor(TestImage(0).Cast<double>().ToArray(), [28, 28]));
        var expected = coefficients.data<double>().ToArray();
        var table = _result.Table("coefficients");
        Assert.Equal(["order", "j1", "theta1", "j2", "theta2", "row", "col", "value"], table.ColumnNames);
        Assert.Equal(expected, table.Numbers("value"));
        int per = scattering.OutputRows * scattering.OutputCols;
        for (int p = 0; p < scattering.Paths.Count; p++)
        {
            var path = scattering.Paths[p];
            int row = p * per + per - 1;
            Assert.Equal([path.Order, path.J1, path.Theta1, path.J2, path.Theta2, scattering.OutputRows - 1, scattering.OutputCols - 1],
                new[] { "order", "j1", "theta1", "j2", "theta2", "row", "col" }.Select(c => (int)table.Numbers(c)[row]));
        }
        Assert.Equal(-1, table.Numbers("j1")[0]);
        Assert.Equal(-1, table.Numbers("theta2")[per]);
    }

    [Fact]
    public void ScatteringAndRidge_BeatsLeNet5_AtEverySmallTrainingSet_AsBrunaAndMallatFound()
    {
        foreach (int n in Quick.TrainSizes)
        {
            double scattering = _result.Finding($"scattering_error_n{n}").Value, cnn = _result.Finding($"cnn_error_n{n}").Value;
            Assert.True(scattering < cnn, $"n = {n}: scattering {scattering}, CNN {cnn}");
        }
    }

    [Fact]
    public void OwnCsvImage_IsScatteredByATransformOfItsSize_AndABadOneIsRefusedInOneLine()
    {
        using var directory = new TheoryLab.Tests.Data.TempDirectory();
        var image = new double[20, 24];
        for (int r = 0; r < 20; r++)
            for (int c = 0; c < 24; c++) image[r, c] = Math.Sin(r * 0.7) * Math.Cos(c * 0.3) + (r == c ? 1 : 0);
        var csv = string.Join("\n", Enumerable.Range(0, 20).Select(r => string.Join(",", Enumerable.Range(0, 24).Select(c => image[r, c].ToString("R", System.Globalization.CultureInfo.InvariantCulture)))));
        string path = directory.File("own.csv", System.Text.Encoding.UTF8.GetBytes(csv));
        var options = Quick with { Image = path, J = 2, TrainSizes = [20], TestExamples = 20, CnnSteps = 1, ProbeImages = 1, MaxShift = 1, Deformations = [0.1] };
        var context = new RunContext { Data = QuickRuns.Data };
        var result = new Scattering().Run(options, context);

        using var scattering = new Scattering2D(2, options.L, options.MaxOrder, 20, 24);
        using var coefficients = scattering.Transform(tensor(image.Cast<double>().ToArray(), [20, 24]));
        Assert.Equal(coefficients.data<double>().ToArray(), result.Table("coefficients").Numbers("value"));

        var bad = options with { Image = directory.File("bad.csv", "1,2\n3\n"u8.ToArray()) };
        var error = Assert.Throws<TheoryLabException>(() => new Scattering().Run(bad, context));
        Assert.DoesNotContain('\n', error.Message);
    }
}

using TheoryLab.Data.Mnist1D;

namespace TheoryLab.Tests.Data.Mnist1D;

public class Mnist1DGeneratorTests
{
    [Fact]
    public void Generate_Defaults_Gives4000And1000SequencesOf40PointsInTenClasses()
    {
        var data = Mnist1DGenerator.Generate(0);
        Assert.Equal(4000, data.Splits.Train.Count);
        Assert.Equal(1000, data.Splits.Test.Count);
        Assert.Equal([40], data.Splits.Train.ExampleShape);
        Assert.Equal(10, data.Splits.Test.Classes);
        Assert.Equal(40, data.Positions.Length);
    }

    [Fact]
    public void Generate_SameSeed_SameNumbers_OtherSeed_OtherNumbers()
    {
        var a = Mnist1DGenerator.Generate(7, new() { Samples = 200 });
        var b = Mnist1DGenerator.Generate(7, new() { Samples = 200 });
        var c = Mnist1DGenerator.Generate(8, new() { Samples = 200 });
        Assert.Equal(a.Splits.Train.Inputs, b.Splits.Train.Inputs);
        Assert.Equal(a.Splits.Test.Labels, b.Splits.Test.Labels);
        Assert.NotEqual(a.Splits.Train.Inputs, c.Splits.Train.Inputs);
    }

    [Fact]
    public void Generate_NormalisesTheWholeSetToMeanZeroAndUnitStd()
    {
        var all = Mnist1DStatistics.Pooled(Mnist1DGenerator.Generate(3));
        double mean = all.Inputs.Average(v => (double)v);
        double std = Math.Sqrt(all.Inputs.Average(v => (v - mean) * (v - mean)));
        Assert.Equal(0, mean, 1e-6);
        Assert.Equal(1, std, 1e-5);
    }

    [Fact]
    public void Generate_WithoutNoiseShearScaleOrTranslation_ReproducesEachTemplateExactlyUpToNormalisation()
    {
        var p = new Mnist1DParameters
        {
            Samples = 10, PaddingMin = 0, PaddingMax = 0, ScaleCoefficient = 0, MaxTranslation = 1,
            CorrelatedNoiseScale = 0, IidNoiseScale = 0, ShearScale = 0, FinalLength = 12, TrainFraction = 0.5,
        };
        var data = Mnist1DGenerator.Generate(0, p);
        var all = Mnist1DStatistics.Pooled(data);
        double std = Mnist1DStatistics.RawStd(data);
        double mean = Mnist1DTemplates.Values.Average(t => t.Average()) + 1e-8;
        for (int n = 0; n < all.Count; n++)
        {
            var template = Mnist1DTemplates.Values[all.Labels[n]];
            for (int j = 0; j < 12; j++) Assert.Equal(template[j], all.Inputs[n * 12 + j] * std + mean, 1e-6);
        }
    }

    [Fact]
    public void Generate_ShuffleSequence_PermutesPositionsTheSameWayForEveryExample()
    {
        var plain = Mnist1DStatistics.Pooled(Mnist1DGenerator.Generate(5, new() { Samples = 100 }));
        var shuffled = Mnist1DStatistics.Pooled(Mnist1DGenerator.Generate(5, new() { Samples = 100, ShuffleSequence = true }));
        Assert.Equal(plain.Labels, shuffled.Labels);
        // Find where position 0 went using example 0; every other example must agree.
        int target = Enumerable.Range(0, 40).Single(j => shuffled.Inputs[j] == plain.Inputs[0]);
        Assert.All(Enumerable.Range(0, 100), n => Assert.Equal(plain.Inputs[n * 40], shuffled.Inputs[n * 40 + target]));
        Assert.NotEqual(plain.Inputs, shuffled.Inputs);
    }

    [Theory]
    [InlineData(nameof(Mnist1DParameters.Samples), "Samples is 5")]
    [InlineData(nameof(Mnist1DParameters.PaddingMin), "PaddingMin ≤ PaddingMax")]
    [InlineData(nameof(Mnist1DParameters.TrainFraction), "TrainFraction is 1")]
    public void Generate_OutOfRangeParameters_AreRefusedByName(string parameter, string expected)
    {
        var p = parameter switch
        {
            nameof(Mnist1DParameters.Samples) => new Mnist1DParameters { Samples = 5 },
            nameof(Mnist1DParameters.PaddingMin) => new Mnist1DParameters { PaddingMin = 70 },
            _ => new Mnist1DParameters { TrainFraction = 1 },
        };
        var e = Assert.Throws<TheoryLabException>(() => Mnist1DGenerator.Generate(0, p));
        Assert.Contains(expected, e.Message);
    }

    [SharedDataFact("mnist1d/templates_x.csv")]
    public void EmbeddedTemplates_EqualThePublishedDatasetsTemplates()
    {
        var published = File.ReadAllLines(SharedDatasets.PathOf("mnist1d/templates_x.csv")!)
            .Select(l => l.Split(',').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray()).ToArray();
        Assert.Equal(10, Mnist1DTemplates.Values.Count);
        Assert.All(Enumerable.Range(0, 10), d => Assert.Equal(published[d], Mnist1DTemplates.Values[d]));
    }

    [Fact]
    public void Templates_StartAndEndAtZero_AndHaveStd1Over6()
    {
        // Greydanus whitens each hand-drawn profile (std 1), subtracts its first value, and divides by 6.
        foreach (var t in Mnist1DTemplates.Values)
        {
            Assert.Equal(0, t[0]);
            double mean = t.Average();
            Assert.Equal(1.0 / 6, Math.Sqrt(t.Average(v => (v - mean) * (v - mean))), 1e-8);
        }
    }
}

using TheoryLab.Torch;
using TheoryLab.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Training;

public class ParameterAverageTests
{
    public ParameterAverageTests() => TorchRuntime.EnsureLoaded();

    /// <summary>
    /// Parameters set by hand to θ₀ = 1 and then θ_k = k + 1 after step k: the average is the recursion's closed form
    /// d^n θ₀ + (1 − d) Σ_{k=1..n} d^{n−k} θ_k, summed here term by term.
    /// </summary>
    [Fact]
    public void Average_IsTheExponentiallyWeightedSumOfTheIterates()
    {
        using var layer = nn.Linear(2, 1);
        using var one = 1.ToScalar();
        using (no_grad()) foreach (var p in layer.parameters()) p.fill_(one);
        const double Decay = 0.9;
        const int Steps = 5;
        using var average = new ParameterAverage(layer, Decay);
        for (int k = 1; k <= Steps; k++)
        {
            using var iterate = (k + 1).ToScalar();
            using (no_grad()) foreach (var p in layer.parameters()) p.fill_(iterate);
            average.Callback(new TrainingMoment(k, Steps, 0, 0.0, layer));
        }
        double expected = Math.Pow(Decay, Steps) * 1 + Enumerable.Range(1, Steps).Sum(k => (1 - Decay) * Math.Pow(Decay, Steps - k) * (k + 1));
        average.CopyInto();
        foreach (var p in layer.parameters())
            foreach (float v in p.data<float>().ToArray()) Assert.Equal(expected, v, 5);
    }

    [Fact]
    public void StartOfTraining_LeavesTheAverageAtTheInitialParameters()
    {
        using var layer = nn.Linear(3, 2);
        var initial = layer.weight!.data<float>().ToArray();
        using var average = new ParameterAverage(layer, 0.5);
        average.Callback(new TrainingMoment(0, 10, 0, null, layer));
        using var moved = 7.ToScalar();
        using (no_grad()) layer.weight.fill_(moved);
        average.CopyInto();
        Assert.Equal(initial, layer.weight.data<float>().ToArray());
    }

    [Fact]
    public void DecayOutsideTheUnitInterval_IsRefused()
    {
        using var layer = nn.Linear(1, 1);
        Assert.Throws<TheoryLabException>(() => new ParameterAverage(layer, 1));
    }
}

using TheoryLab.Experiments.Visualization;
using TheoryLab.Kernel;
using TheoryLab.Models.Transformers;
using TheoryLab.Tests.Conformance;
using TheoryLab.Torch;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Experiments.Visualization;

/// <summary>
/// The quick run's reference values against second computations: the even-attention mass against a model whose
/// queries and keys are zero, the untrained models' first-token attention against it, and the probe's majority
/// share against the task's expected share of caught letters.
/// </summary>
[Collection(QuickRunsCollection.Name)]
public class AttentionSinksTests(QuickRuns runs)
{
    private readonly ExperimentResult _result = runs["attention-sinks"].Result;
    private static readonly AttentionSinksOptions Quick = new AttentionSinks().Quick;

    [Theory]
    [InlineData(1, 8)]
    [InlineData(4, 16)]
    [InlineData(8, 64)]
    public void EvenAttentionMass_IsWhatAHeadWithZeroQueriesAndKeysPutsOnTheFirstToken(int from, int tokens)
    {
        TorchRuntime.EnsureLoaded();
        using var generator = new Generator(2);
        using var model = new TinyLanguageModel(5, tokens, 8, 2, 2, generator, ScalarType.Float64);
        using var noGrad = no_grad();
        foreach (var (name, p) in model.named_parameters())
            if (name.Contains("inputWeight") || name.Contains("inputBias")) p.zero_();
        var input = tensor(Enumerable.Range(0, tokens).Select(t => (long)(t % 5)).ToArray()).unsqueeze(0);
        foreach (var a in model.Trace(input).Attention)
            Assert.Equal(AttentionSinks.UniformMass(from, tokens), a[.., .., from.., 0].mean([2]).max().AsDouble(), 1e-12);
    }

    /// <summary>
    /// GPT-2's N(0, 0.02²) weights make every attention score of order 10⁻², so before training each head's weights
    /// are within a few per cent of even.
    /// </summary>
    [Theory]
    [InlineData("text")]
    [InlineData("task")]
    public void BeforeTraining_EveryLayersFirstTokenAttention_IsEven(string model)
    {
        var table = _result.Table($"training-{model}");
        Assert.Equal(0, table.Numbers("step")[0]);
        double uniform = table.Numbers("uniform_attention")[0];
        int layers = model == "text" ? Quick.Layers : Quick.TaskLayers;
        for (int l = 1; l <= layers; l++)
            Assert.InRange(table.Numbers($"layer{l}_max_mass")[0], uniform, uniform * 1.05);
    }

    [Fact]
    public void ProbesMajorityShare_IsTheTasksShareOfFreeLetters()
    {
        var table = _result.Table("probe");
        double mean = (Quick.TaskRuns[0] + Quick.TaskRuns[1]) / 2.0, letters = Quick.TaskLength - 4;   // start, query and two markers
        double free = 1 - mean / letters;
        int tested = Quick.EvaluationWindows * (Quick.TaskLength - 4);
        double se = Math.Sqrt(free * (1 - free) / tested) * Math.Sqrt(Quick.TaskLength - 4);   // letters of a sequence share its run
        Assert.InRange(table.Numbers("majority_chance")[0], free - 4 * se, free + 4 * se);
    }
}

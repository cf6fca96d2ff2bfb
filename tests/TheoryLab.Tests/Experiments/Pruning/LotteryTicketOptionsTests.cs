using TheoryLab.Experiments.Pruning;
using TheoryLab.Kernel;
using TheoryLab.Tests.Conformance;

namespace TheoryLab.Tests.Experiments.Pruning;

/// <summary>
/// The options the quick run leaves at one setting, on tiny runs: controls at every other round change no other
/// number, and the convolutional network is pruned at the convolution rate with its multiply-adds counted per layer.
/// </summary>
public class LotteryTicketOptionsTests
{
    private static readonly LotteryTicket Experiment = new();

    /// <summary>A perceptron on generated MNIST-1D, a few dozen steps per training: seconds.</summary>
    private static readonly LotteryTicketOptions Tiny = Experiment.Defaults with
    {
        Dataset = "mnist1d", Hidden = [32, 16], Iterations = 30, EvaluateEvery = 10, Rounds = 3, PruneRate = 0.5, OutputPruneRate = 0.25, Seeds = 1,
    };

    [Fact]
    public void ControlsEveryOtherRound_AreTheEveryRoundControlsCountedBackFromTheLast_AndChangeNoOtherNumber()
    {
        var every = Experiment.Run(Tiny with { ControlEvery = 1 }, RunContext.Default);
        var alternate = Experiment.Run(Tiny with { ControlEvery = 2 }, RunContext.Default);

        Assert.Equal(new[] { 1.0, 3.0 }, alternate.Table("controls").Numbers("round"));
        foreach (var column in new[] { "ticket_accuracy", "ticket_early_stop", "weights_remaining" })
            Assert.Equal(every.Table("ticket").Numbers(column), alternate.Table("ticket").Numbers(column));
        foreach (var column in new[] { "reinitialised_accuracy", "random_mask_accuracy", "reinitialised_early_stop", "random_mask_early_stop" })
        {
            var all = every.Table("controls").Numbers(column);
            Assert.Equal(new[] { all[0], all[2] }, alternate.Table("controls").Numbers(column));
        }
        Assert.Equal(every.Finding("ticket_minus_reinitialised_smallest").Value, alternate.Finding("ticket_minus_reinitialised_smallest").Value);
    }

    [Fact]
    public void ConvNetwork_PrunesConvolutionsAtTheConvRate_AndCountsEachLayersMultiplyAdds()
    {
        var options = Experiment.Defaults with { Network = "conv", Iterations = 20, EvaluateEvery = 10, Rounds = 2, Seeds = 1 };
        var result = Experiment.Run(options, new RunContext { Data = QuickRuns.Data });
        var table = result.Table("ticket");

        // LeNet-5 with padding 2: conv 6@5×5 on 28×28, conv 16@5×5 on 14×14 → 10×10, then 400 → 120 → 84 → 10.
        long[] sizes = [6 * 25, 16 * 6 * 25, 120 * 400, 84 * 120, 10 * 84];
        long[] multiplyAdds = [28 * 28 * 6 * 25, 10 * 10 * 16 * 6 * 25, 120 * 400, 84 * 120, 10 * 84];
        double[] rates = [options.ConvPruneRate, options.ConvPruneRate, options.PruneRate, options.PruneRate, options.OutputPruneRate];
        var left = sizes.ToArray();
        for (int round = 0; round <= options.Rounds; round++)
        {
            for (int l = 0; l < sizes.Length; l++)
                Assert.Equal(100.0 * left[l] / sizes[l], table.Numbers($"layer_{l + 1}_percent_remaining")[round], 12);
            Assert.Equal(Enumerable.Range(0, sizes.Length).Sum(l => multiplyAdds[l] / sizes[l] * left[l]), table.Numbers("sparse_multiply_adds")[round]);
            if (round < options.Rounds)
                for (int l = 0; l < sizes.Length; l++) left[l] -= (long)Math.Round(rates[l] * left[l]);
        }
        Assert.Equal((double)table.Numbers("sparse_multiply_adds")[^1] / multiplyAdds.Sum(), result.Finding("smallest_multiply_add_fraction").Value, 12);
        Assert.Null(result.Finding("smallest_multiply_add_fraction").Expected);
    }
}

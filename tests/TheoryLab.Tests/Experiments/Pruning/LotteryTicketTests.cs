using TheoryLab.Data;
using TheoryLab.Experiments.Pruning;
using TheoryLab.Kernel;
using TheoryLab.Models.ConvNets;
using TheoryLab.Models.MeanField;
using TheoryLab.Models.Pruning;
using TheoryLab.Tests.Conformance;
using TheoryLab.Torch;
using TheoryLab.Training;
using TheoryLab.Training.Optimizers;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Experiments.Pruning;

/// <summary>
/// The quick run against a second computation: the dense network and the first round's ticket retrained here from the
/// run's seeds through the public pieces alone (the split, the perceptron, magnitude pruning, rewinding, masked Adam,
/// early stopping at the least validation loss) give the run's accuracies exactly; the weights left each round follow
/// the rounding rule applied by hand; and the headline findings are their definitions applied to the tables.
/// </summary>
[Collection(QuickRunsCollection.Name)]
public class LotteryTicketTests(QuickRuns runs)
{
    private readonly ExperimentResult _result = runs["lottery-ticket"].Result;
    private static readonly LotteryTicketOptions Quick = new LotteryTicket().Quick;

    /// <summary>Trains with masked Adam, evaluating as the run does, and returns the test accuracy at the least validation loss.</summary>
    private static double EarlyStoppedAccuracy(nn.Module<Tensor, Tensor> network, PruningMask mask, ClassificationSets validation, ClassificationSets test)
    {
        double bestLoss = double.PositiveInfinity, accuracy = 0;
        TrainingCallback evaluate = moment =>
        {
            if (moment.Step % Quick.EvaluateEvery != 0 && moment.Step != Quick.Iterations) return;
            double loss = Classification.Evaluate(network, validation.TestPass).Loss;
            if (loss < bestLoss) (bestLoss, accuracy) = (loss, Classification.Evaluate(network, test.TestPass).Accuracy);
        };
        var batches = validation.TrainingBatches(Quick.BatchSize, Seeds.Derive(0, "batches 0"));
        using var optimizer = new MaskedOptimizer(new Adam(Quick.LearningRate), mask, network);
        Trainer.Train(new Problem(network, batches, Classification.CrossEntropy), optimizer, Quick.Iterations, [evaluate]);
        return accuracy;
    }

    [Fact]
    public void DenseNetworkAndFirstTicket_RetrainedThroughPublicPieces_GiveTheRunsAccuraciesExactly()
    {
        TorchRuntime.EnsureLoaded();
        Assert.Equal("layerwise", Quick.Scope);
        Assert.Equal(0, Quick.RewindIteration);
        using var threads = IntraOpThreads.Use(1);
        var data = Datasets.Load(Quick.Dataset, QuickRuns.Data, 0);
        var split = data.Train.SplitTrainTest(data.Train.Count - Quick.Validation, Seeds.Derive(0, "validation split"));
        var validation = new ClassificationSets(split);
        var test = new ClassificationSets(new TrainTest(split.Train, data.Test));
        var spec = Perceptron.Classifier("check", [1, 28, 28], Quick.Hidden, 10, Activations.Relu);
        nn.Module<Tensor, Tensor> Initial()
        {
            using var generator = new Generator((ulong)Seeds.Derive(0, "network 0"));
            return spec.Build(generator);
        }
        var table = _result.Table("ticket");

        using var dense = Initial();
        using var full = PruningMask.Full(dense);
        Assert.Equal(table.Numbers("ticket_accuracy")[0], EarlyStoppedAccuracy(dense, full, validation, test));

        using var mask = MagnitudePruning.Layerwise(full, dense, [Quick.PruneRate, Quick.PruneRate, Quick.OutputPruneRate]);
        using var ticket = Initial();
        mask.Apply(ticket);
        Assert.Equal(table.Numbers("ticket_accuracy")[1], EarlyStoppedAccuracy(ticket, mask, validation, test));
    }

    [Fact]
    public void WeightsLeftEachRound_FollowTheRoundingRule_LayerByLayer()
    {
        var table = _result.Table("ticket");
        long[] sizes = [784L * Quick.Hidden[0], (long)Quick.Hidden[0] * Quick.Hidden[1], Quick.Hidden[1] * 10L];
        double[] rates = [Quick.PruneRate, Quick.PruneRate, Quick.OutputPruneRate];
        var left = sizes.ToArray();
        for (int round = 0; round <= Quick.Rounds; round++)
        {
            for (int l = 0; l < 3; l++)
                Assert.Equal(100.0 * left[l] / sizes[l], table.Numbers($"layer_{l + 1}_percent_remaining")[round], 12);
            Assert.Equal(left.Sum(), table.Numbers("weights_remaining")[round]);
            Assert.Equal(left.Sum() + Quick.Hidden.Sum() + 10, table.Numbers("parameters")[round]);
            for (int l = 0; l < 3; l++) left[l] -= (long)Math.Round(rates[l] * left[l]);
        }
    }

    [Fact]
    public void Findings_AreTheirDefinitionsAppliedToTheTables()
    {
        var ticket = _result.Table("ticket");
        var controls = _result.Table("controls");
        double dense = ticket.Numbers("ticket_accuracy")[0];
        Assert.Equal(dense, _result.Finding("dense_accuracy").Value);
        var fractions = ticket.Numbers("percent_remaining").Select(p => p / 100).ToArray();
        var matching = Enumerable.Range(1, Quick.Rounds).Where(r => ticket.Numbers("ticket_accuracy")[r] >= dense - 0.005).ToArray();
        Assert.Equal(fractions[matching.Max()], _result.Finding("smallest_fraction_matching_dense").Value, 12);
        int near = Enumerable.Range(1, Quick.Rounds).MinBy(r => Math.Abs(Math.Log(fractions[r] / 0.2)));
        Assert.Equal(ticket.Numbers("ticket_accuracy")[near] - controls.Numbers("reinitialised_accuracy")[near - 1],
            _result.Finding("ticket_minus_reinitialised_near_20_percent").Value, 12);
        Assert.Equal(fractions[^1], _result.Finding("smallest_multiply_add_fraction").Value, 12);
    }
}

using TheoryLab.Data;
using TheoryLab.Experiments.Pruning;
using TheoryLab.Kernel;
using TheoryLab.Models.Adapters;
using TheoryLab.Models.ConvNets;
using TheoryLab.Models.MeanField;
using TheoryLab.Tests.Conformance;
using TheoryLab.Torch;
using TheoryLab.Training;
using TheoryLab.Training.Optimizers;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Experiments.Pruning;

/// <summary>
/// The quick run against a second computation: the pre-trained network, full fine-tuning and a LoRA network retrained
/// here from the run's seeds through the public pieces alone (class subsets, the perceptron, layer transfer, the
/// adapters, Adam) give the run's accuracies exactly; the trainable parameters the tables report are those a built
/// adapted network holds; and the findings are their definitions applied to the tables.
/// </summary>
[Collection(QuickRunsCollection.Name)]
public class LoraTests(QuickRuns runs)
{
    private readonly ExperimentResult _result = runs["lora"].Result;
    private static readonly LoraOptions Quick = new Lora().Quick;

    private static nn.Module<Tensor, Tensor> Build(string purpose)
    {
        using var generator = new Generator((ulong)Seeds.Derive(0, purpose));
        return Perceptron.Classifier("check", [784], Quick.Hidden, 5, Activations.Relu).Build(generator);
    }

    private static double Train(nn.Module<Tensor, Tensor> network, ClassificationSets sets, string batchPurpose)
    {
        var batches = sets.TrainingBatches(Quick.BatchSize, Seeds.Derive(0, batchPurpose));
        using var adam = new Adam(Quick.LearningRate);
        return ClassificationRecipe.Train(network, sets, batches, adam, Quick.Epochs * batches.BatchesPerEpoch, new SortedSet<long>()).Final.Test.Accuracy;
    }

    private double Variant(string name)
    {
        var table = _result.Table("variants");
        int row = table.Texts("variant").ToList().IndexOf(name);
        Assert.True(row >= 0, $"no variant '{name}'");
        return table.Numbers("accuracy")[row];
    }

    [Fact]
    public void PretrainingFullFineTuningAndLora_RetrainedFromTheRunsSeedsThroughPublicPieces_GiveTheRunsAccuraciesExactly()
    {
        TorchRuntime.EnsureLoaded();
        Assert.Equal(1, Quick.Seeds);
        using var threads = IntraOpThreads.Use(1);
        var data = Datasets.Load(Quick.Dataset, QuickRuns.Data, 0);
        var setsA = new ClassificationSets(data.OfClasses([0, 1, 2, 3, 4]), asVectors: true);
        var setsB = new ClassificationSets(data.OfClasses([5, 6, 7, 8, 9]), asVectors: true);

        using var pretrained = Build("A net 0");
        Assert.Equal(_result.Finding("pretrain_accuracy").Value, Train(pretrained, setsA, "A batches 0"));
        using (var fineTuned = Build("B net 0"))
        {
            LayerTransfer.CopyFirst(pretrained, fineTuned, Quick.Hidden.Length, freeze: false);
            Assert.Equal(Variant("full fine-tuning"), Train(fineTuned, setsB, "B batches 0"));
        }
        int rank = Quick.Ranks[1];
        using var network = Build("B net 0");
        LayerTransfer.CopyFirst(pretrained, network, Quick.Hidden.Length, freeze: true);
        using var draws = new Generator((ulong)Seeds.Derive(0, $"adapters 0 rank {rank}"));
        var (adapted, _) = AdaptedNetwork.WrapHidden(network, layer => new LowRankAdapter(layer, rank, Quick.Alpha, draws));
        Assert.Equal(Variant($"LoRA r = {rank}"), Train(adapted, setsB, "B batches 0"));
    }

    [Fact]
    public void TheTrainableParametersOfTheTables_AreThoseABuiltAdaptedNetworkHolds()
    {
        TorchRuntime.EnsureLoaded();
        var table = _result.Table("variants");
        var names = table.Texts("variant").ToList();
        var parameters = table.Numbers("trainable_parameters");
        foreach (int rank in Quick.Ranks)
        {
            using var network = Build("B net 0");
            foreach (var p in network.parameters()) p.requires_grad_(false);
            using var draws = new Generator(1);
            var (adapted, _) = AdaptedNetwork.WrapHidden(network, layer => new LowRankAdapter(layer, rank, Quick.Alpha, draws));
            foreach (var p in adapted.children().OfType<TorchSharp.Modules.Linear>().Single().parameters()) p.requires_grad_(true);
            long counted = adapted.parameters().Where(p => p.requires_grad).Sum(p => p.numel());
            Assert.Equal(counted, parameters[names.IndexOf($"LoRA r = {rank}")]);
        }
        using var whole = Build("B net 0");
        Assert.Equal(whole.parameters().Sum(p => p.numel()), parameters[names.IndexOf("full fine-tuning")]);
    }

    [Fact]
    public void Findings_AreTheirDefinitionsAppliedToTheTables()
    {
        var ranks = _result.Table("lora-ranks");
        var rankValues = ranks.Numbers("rank");
        var lora = ranks.Numbers("accuracy");
        double full = Variant("full fine-tuning");
        Assert.Equal(full, _result.Finding("full_finetune_accuracy").Value, 15);
        for (int k = 0; k < rankValues.Count; k++)
            Assert.Equal(lora[k] - full, _result.Finding($"lora_gap_r{rankValues[k]}").Value, 15);
        int matching = Enumerable.Range(0, rankValues.Count).FirstOrDefault(k => lora[k] >= full - 0.01, -1);
        var finding = _result.Finding("smallest_matching_rank");
        if (matching < 0) Assert.Equal(FindingOutcome.NotReached, finding.Outcome);
        else Assert.Equal(rankValues[matching], finding.Value);

        Assert.True(_result.Finding("merge_max_relative_difference").Value < 1e-5, "the merged network should equal the adapted one to float32 rounding");
        Assert.Equal(0, _result.Finding("merge_prediction_changes").Value);
        var energy = _result.Table("full-update-spectrum").Numbers("layer1_cumulative_energy");
        int top = (int)rankValues[^1];
        Assert.Equal(energy[top - 1], _result.Finding($"full_update_energy_top{top}").Value, 12);
        // With one seed the table's σᵢ/σ₁ are that seed's, and the stable rank is the sum of their squares.
        var loraSpectrum = _result.Table($"lora-update-spectrum-r{top}").Numbers("layer1_normalised_singular_value");
        Assert.Equal(loraSpectrum.Sum(v => v * v), _result.Finding($"lora_update_stable_rank_r{top}").Value, 12);
    }

    [Fact]
    public void ARankAboveTheNarrowestHiddenLayer_IsRefusedWithWhatToDo()
    {
        var error = Assert.Throws<TheoryLabException>(() => new Lora().Validate(Quick with { Hidden = [64, 8], Ranks = [1, 16] }));
        Assert.Contains("rank 16 exceeds the narrowest hidden layer (8 units)", error.Message);
    }
}

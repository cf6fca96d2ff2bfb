using TheoryLab.Models.ConvNets;
using TheoryLab.Torch;
using TheoryLab.Training;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Training;

[Collection(RunAloneCollection.Name)]
public class CheckpointTests
{
    [Fact]
    public void LoadedWeights_GiveBitIdenticalOutputs()
    {
        TorchSetup.Prepare(ComputeDevice.Cpu);
        manual_seed(1);
        string dir = Directory.CreateTempSubdirectory("theorylab-checkpoint-").FullName;
        try
        {
            using var scope = NewDisposeScope();
            var spec = LeNet.Five();
            var trained = spec.Build(new Generator(1));
            var x = rand(5, 1, 28, 28);
            Trainer.Train(new Problem(trained, new TensorBatches(x, randint(0, 10, [5]), 5, shuffle: false), Classification.CrossEntropy),
                new SgdSettings(0.1, 0.9), 3, []);
            string path = Path.Combine(dir, "weights.bin");
            Checkpoint.Save(trained, path);

            var restored = spec.Build(new Generator(2));
            Assert.False(trained.call(x).eq(restored.call(x)).all().item<bool>());
            Checkpoint.Load(restored, path);
            Assert.True(trained.call(x).eq(restored.call(x)).all().item<bool>());
            Assert.Equal(["weights.bin"], Directory.GetFiles(dir).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Load_OfAMissingFile_SaysToTrainFirst()
    {
        TorchRuntime.EnsureLoaded();
        using var model = nn.Linear(2, 2);
        var e = Assert.Throws<TheoryLabException>(() => Checkpoint.Load(model, "/nonexistent/weights.bin"));
        Assert.Contains("train the model first", e.Message);
    }
}

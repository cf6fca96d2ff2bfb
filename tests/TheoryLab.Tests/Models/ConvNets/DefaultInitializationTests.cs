using TheoryLab.Models.ConvNets;
using TheoryLab.Models.ResNets;
using TheoryLab.Torch;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Models.ConvNets;

[Collection(RunAloneCollection.Name)]
public class DefaultInitializationTests
{
    public DefaultInitializationTests() => TorchRuntime.EnsureLoaded();

    public static TheoryData<string> Networks => ["lenet-1d", "lenet-5", "resnet-8"];

    private static SequentialSpec Spec(string name) => name switch
    {
        "lenet-1d" => LeNet.OneDimensional(),
        "lenet-5" => LeNet.Five(),
        _ => ResNet.Cifar([40], depth: 8, width: 4),
    };

    /// <summary>
    /// The second method is torch itself: the layers' own constructors initialise from the global generator. With
    /// it seeded as the explicit generator is, the two must agree bit for bit wherever both draw in the same order.
    /// </summary>
    [Theory]
    [MemberData(nameof(Networks))]
    public void Build_DrawsTorchsDefaultInitialisation_FromTheGivenGenerator(string network)
    {
        var spec = Spec(network);
        using var generator = new Generator(11);
        using var explicitly = spec.Build(generator);
        manual_seed(11);
        using var reference = TorchDefault(spec);
        var mine = explicitly.parameters().ToList();
        var torchs = reference.parameters().ToList();
        Assert.Equal(torchs.Count, mine.Count);
        for (int i = 0; i < mine.Count; i++)
            Assert.True(mine[i].eq(torchs[i]).all().AsBoolean(), $"{network}: parameter {i} of shape [{string.Join(", ", mine[i].shape)}] differs from torch's own initialisation");
    }

    [Fact]
    public void Build_DependsOnTheGeneratorAlone_NotOnTorchsGlobalGenerator()
    {
        var spec = LeNet.OneDimensional();
        manual_seed(1);
        using var first = spec.Build(new Generator(5));
        manual_seed(2);
        using var second = spec.Build(new Generator(5));
        using var other = spec.Build(new Generator(6));
        Assert.All(first.parameters().Zip(second.parameters()), p => Assert.True(p.First.eq(p.Second).all().AsBoolean()));
        Assert.False(first.parameters().Zip(other.parameters()).All(p => p.First.eq(p.Second).all().AsBoolean()));
    }

    [Fact]
    public void HeInitialization_DrawsWhatTorchsKaimingNormalDraws()
    {
        var spec = Vgg.Small([1, 28, 28], [8, 16], batchNorm: true);
        using var generator = new Generator(13);
        using var mine = spec.Build(new Generator(0));
        HeInitialization.Convolutions(mine, generator);
        using var torchs = spec.Build(new Generator(0));
        manual_seed(13);
        using (no_grad())
            foreach (var layer in torchs.modules())
                if (layer is TorchSharp.Modules.Conv2d conv)
                    nn.init.kaiming_normal_(conv.weight, nonlinearity: nn.init.NonlinearityType.ReLU);
        Assert.All(mine.parameters().Zip(torchs.parameters()), p => Assert.True(p.First.eq(p.Second).all().AsBoolean()));
    }

    /// <summary>The layers as their constructors leave them, before any redraw.</summary>
    private static nn.Module<Tensor, Tensor> TorchDefault(SequentialSpec spec)
    {
        var shape = spec.InputShape;
        var modules = new List<(string, nn.Module<Tensor, Tensor>)>();
        for (int k = 0; k < spec.Layers.Count; k++)
        {
            modules.Add(($"{k}", spec.Layers[k].Build(shape)));
            shape = spec.Layers[k].OutputShape(shape);
        }
        return nn.Sequential(modules);
    }
}

using TheoryLab.Models.ConvNets;
using TheoryLab.Models.MeanField;
using TheoryLab.Torch;
using TheoryLab.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Models.ConvNets;

public class SequentialEnsembleTests
{
    private const int Members = 3, Batch = 5;

    public SequentialEnsembleTests() => TorchRuntime.EnsureLoaded();

    public static TheoryData<string> Networks => ["lenet-5", "1-d cnn", "mlp"];

    [Theory]
    [MemberData(nameof(Networks))]
    public void EachMembersLogitsAndGradients_AreThoseOfItsNetworkAlone(string network)
    {
        // Float64 sums of at most 400 products, in whatever order the grouped and batched kernels take them: 1e-10 is
        // far above their rounding at these magnitudes (logits and gradients of order 1) and far below any real difference.
        using var scope = NewDisposeScope();
        var spec = Spec(network);
        var alone = Enumerable.Range(0, Members).Select(g => Alone(spec, g)).ToArray();
        using var ensemble = new SequentialEnsemble(spec, alone);
        var (inputs, targets) = Data(spec, Batch);
        var logits = ensemble.forward(inputs);
        Assert.Equal([Members, Batch, 10L], logits.shape);
        Classification.EnsembleCrossEntropy(ensemble, new Batch(inputs, targets)).backward();
        var stacked = ensemble.parameters().ToArray();
        for (int g = 0; g < Members; g++)
        {
            var own = alone[g].forward(inputs);
            Assert.True(logits[g].allclose(own, rtol: 0, atol: 1e-10), $"{network}, member {g}: logits");
            nn.functional.cross_entropy(own, targets).backward();
            var parameters = alone[g].parameters().ToArray();
            Assert.Equal(parameters.Length, stacked.Length);
            for (int i = 0; i < parameters.Length; i++)
            {
                Assert.True(stacked[i][g].equal(parameters[i].detach()).all().AsBoolean(), $"{network}, member {g}, parameter {i}: weights");
                Assert.True(stacked[i].grad![g].allclose(parameters[i].grad!, rtol: 0, atol: 1e-10), $"{network}, member {g}, parameter {i}: gradient");
            }
        }
        foreach (var member in alone) member.Dispose();
    }

    [Fact]
    public void SharedInputs_AndMemberOrder_DoNotMix_ANonFiniteMemberLeavesTheOthersFinite()
    {
        using var scope = NewDisposeScope();
        var spec = LeNet.Five();
        var alone = Enumerable.Range(0, Members).Select(g => Alone(spec, g)).ToArray();
        using (no_grad())
        {
            using var infinity = double.PositiveInfinity.ToScalar();
            alone[1].parameters().First().fill_(infinity);
        }
        using var ensemble = new SequentialEnsemble(spec, alone);
        var (inputs, _) = Data(spec, Batch);
        var logits = ensemble.forward(inputs);
        Assert.False(logits[1].isfinite().all().AsBoolean());
        Assert.True(logits[0].isfinite().all().AsBoolean() && logits[2].isfinite().all().AsBoolean());
        Assert.True(logits[2].allclose(alone[2].forward(inputs), rtol: 0, atol: 1e-10));
        foreach (var member in alone) member.Dispose();
    }

    [Fact]
    public void ASpecWithALayerItCannotStack_IsRefused()
    {
        var spec = Perceptron.Classifier("MLP", [12], [16], 10, Activations.Relu, batchNorm: true);
        using var generator = new Generator(1);
        using var member = spec.Build(generator);
        var error = Assert.Throws<TheoryLabException>(() => new SequentialEnsemble(spec, [member]));
        Assert.Contains("stacks convolutions, dense layers, pooling and activations", error.Message);
    }

    internal static SequentialSpec Spec(string network) => network switch
    {
        "lenet-5" => LeNet.Five(),
        "1-d cnn" => LeNet.OneDimensional(),
        _ => Perceptron.Classifier("MLP 16-16", [40], [16, 16], 10, Activations.Relu),
    };

    /// <summary>Member g alone, in float64, drawn from its own generator.</summary>
    internal static nn.Module<Tensor, Tensor> Alone(SequentialSpec spec, int member)
    {
        using var generator = new Generator((ulong)(200 + member));
        return spec.Build(generator).to(ScalarType.Float64);
    }

    internal static (Tensor Inputs, Tensor Targets) Data(SequentialSpec spec, int examples)
    {
        using var generator = new Generator(9);
        return (randn([examples, .. spec.InputShape.Select(n => (long)n)], dtype: ScalarType.Float64, generator: generator),
            randint(0, 10, [examples], generator: generator));
    }
}

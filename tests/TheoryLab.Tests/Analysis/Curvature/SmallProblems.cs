using TheoryLab.Torch;
using TheoryLab.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Analysis.Curvature;

/// <summary>Small float64 problems whose Hessians can be had exactly.</summary>
internal static class SmallProblems
{
    /// <summary>A 4 → 8 → 3 tanh network (67 parameters) with squared loss on 48 random examples, in batches of 16.</summary>
    public static Problem TanhNetwork(int seed)
    {
        var generator = new Generator((ulong)seed);
        var model = nn.Sequential(("fc1", nn.Linear(4, 8)), ("act", nn.Tanh()), ("fc2", nn.Linear(8, 3)));
        model.to(float64);
        using (no_grad())
        {
            foreach (var p in model.parameters()) p.copy_(randn(p.shape, dtype: float64, generator: generator));
        }
        var inputs = randn(48, 4, dtype: float64, generator: generator);
        var targets = randn(48, 3, dtype: float64, generator: generator);
        return new Problem(model, new TensorBatches(inputs, targets, 16, shuffle: false), SquaredLoss);
    }

    /// <summary>½ mean over examples of ‖f(x) − y‖².</summary>
    public static Tensor SquaredLoss(nn.Module<Tensor, Tensor> model, Batch batch)
    {
        using var half = 0.5.ToScalar();
        return model.forward(batch.Inputs).sub(batch.Targets!).Squared().sum(1).mean().mul(half);
    }
}

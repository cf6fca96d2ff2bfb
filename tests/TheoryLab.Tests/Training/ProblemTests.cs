using TheoryLab.Torch;
using TheoryLab.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Training;

public class ProblemTests
{
    /// <summary>A user's own data: fixed batches, the same order every epoch.</summary>
    private sealed class FixedBatches(params Batch[] batches) : IBatchSource
    {
        public long Count => batches.Sum(b => b.Inputs.shape[0]);
        public IEnumerable<Batch> Epoch(int epoch) => batches;
    }

    [Fact]
    public void AverageLoss_OfAUserModelAndLoss_IsTheExampleWeightedMean()
    {
        TorchRuntime.EnsureLoaded();
        var model = nn.Linear(1, 1, hasBias: false, dtype: float64);
        using var slope = 2.0.ToScalar();
        using (no_grad()) model.weight!.fill_(slope);
        var data = new FixedBatches(
            new Batch(tensor(new double[] { 1, 2 }).reshape(2, 1), tensor(new double[] { 2, 4 }).reshape(2, 1)),
            new Batch(tensor(new double[] { 3 }).reshape(1, 1), tensor(new double[] { 0 }).reshape(1, 1)));
        var problem = new Problem(model, data, (m, b) => nn.functional.mse_loss(m.call(b.Inputs), b.Targets!));
        // Squared errors are 0, 0 and 36 over three examples.
        Assert.Equal(12.0, problem.AverageLoss(), 12);
    }

    [Fact]
    public void AverageLoss_WorksForALossWithoutTargets()
    {
        TorchRuntime.EnsureLoaded();
        var model = nn.Linear(1, 1, hasBias: true, dtype: float64);
        using Scalar slope = 1.0.ToScalar(), intercept = 0.5.ToScalar(), two = 2.ToScalar();
        using (no_grad())
        {
            model.weight!.fill_(slope);
            model.bias!.fill_(intercept);
        }
        var collocation = new FixedBatches(new Batch(tensor(new double[] { 0, 1 }).reshape(2, 1)));
        // A residual loss: mean of (u(x) - x)², which needs no targets.
        var problem = new Problem(model, collocation, (m, b) => (m.call(b.Inputs) - b.Inputs).pow(two).mean());
        Assert.Equal(0.25, problem.AverageLoss(), 12);
    }
}

using TheoryLab.Torch;
using TheoryLab.Training;
using TheoryLab.Training.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Training;

/// <summary>Adam then L-BFGS on least squares reaches the normal equations' solution, and records every step in order.</summary>
[Collection(RunAloneCollection.Name)]
public class AdamThenLbfgsTests
{
    public AdamThenLbfgsTests() => TorchRuntime.EnsureLoaded();

    public static TheoryData<int> Starts => new(Enumerable.Range(0, 40));

    /// <summary>
    /// From any of forty starting weights (drawn from a generator of their own, not torch's global one, whose state
    /// depends on which tests ran before), the fit ends at lstsq's solution. Run to a gradient of 10⁻¹¹ with no change
    /// tolerance, the line search meets trials whose values and slopes agree to rounding, where the cubic step divides
    /// zero by zero: some starts then ended at NaN.
    /// </summary>
    [Theory]
    [MemberData(nameof(Starts))]
    public void Train_LinearLeastSquares_ReachesTheNormalEquationsSolution(int start)
    {
        using var generator = new Generator(11);
        using Scalar intercept = 0.3.ToScalar(), noise = 0.1.ToScalar(), two = 2.ToScalar(), one = 1.ToScalar();
        var inputs = randn([40, 3], dtype: ScalarType.Float64, generator: generator);
        var targets = inputs.matmul(tensor(new double[] { 1.5, -2, 0.5 }, dtype: ScalarType.Float64).reshape(3, 1)) + intercept
            + noise * randn([40, 1], dtype: ScalarType.Float64, generator: generator);
        using var model = nn.Linear(3, 1, dtype: ScalarType.Float64);
        using (no_grad())
        {
            using var startGenerator = new Generator((ulong)start);
            model.weight!.copy_(rand([1, 3], dtype: ScalarType.Float64, generator: startGenerator) * two - one);
            model.bias!.copy_(rand([1], dtype: ScalarType.Float64, generator: startGenerator) * two - one);
        }
        var summary = AdamThenLbfgs.Train(model, () => (model.forward(inputs) - targets).Squared().mean(), 30, 0.01,
            new LbfgsSettings(MaxIterations: 100, GradientTolerance: 1e-11, ChangeTolerance: 0));

        // The least-squares fit with an intercept column, by a solver that shares nothing with the optimisers.
        var design = cat([inputs, ones([40, 1], dtype: ScalarType.Float64)], 1);
        var exact = linalg.lstsq(design, targets).Solution.reshape(-1).data<double>().ToArray();
        var fitted = model.weight!.reshape(-1).data<double>().ToArray().Append(model.bias!.AsDouble()).ToArray();
        for (int i = 0; i < exact.Length; i++) Assert.Equal(exact[i], fitted[i], 1e-8);

        Assert.Equal(30, summary.History.Count(s => s.Phase == "adam"));
        Assert.Equal(summary.LbfgsIterations, summary.History.Count(s => s.Phase == "lbfgs"));
        Assert.Equal(summary.History.Where(s => s.Phase == "adam").Select(s => s.Step), Enumerable.Range(1, 30));
    }

    /// <summary>
    /// The initial loss is the loss at the starting weights, whichever phase evaluates first, and the fall divides it by
    /// the last recorded loss: checked against the loss computed before training and the history's last entry.
    /// </summary>
    [Theory]
    [InlineData(5)]
    [InlineData(0)]
    public void Train_RecordsTheLossAtTheStartingWeights_AndTheFallToTheLastIterate(int adamSteps)
    {
        using var generator = new Generator(3);
        var inputs = randn([20, 2], dtype: ScalarType.Float64, generator: generator);
        var targets = inputs.sum(1, keepdim: true).sin();
        using var model = nn.Linear(2, 1, dtype: ScalarType.Float64);
        using (no_grad())
        {
            model.weight!.copy_(tensor(new double[] { 0.7, -0.4 }, dtype: ScalarType.Float64).reshape(1, 2));
            model.bias!.copy_(tensor(new double[] { 0.9 }, dtype: ScalarType.Float64));
        }
        Tensor Loss() => (model.forward(inputs) - targets).Squared().mean();
        double before;
        using (no_grad()) before = Loss().AsDouble();

        var summary = AdamThenLbfgs.Train(model, Loss, adamSteps, 0.01, new LbfgsSettings(MaxIterations: 20));

        Assert.Equal(before, summary.InitialLoss, 1e-15);
        Assert.Equal(before / summary.History[^1].Loss, summary.LossFall, 1e-12);
        Assert.True(summary.LossFall > 1, $"least squares from a poor start should fall; fell by {summary.LossFall}");
    }
}

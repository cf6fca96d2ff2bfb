using TheoryLab.Torch;
using TheoryLab.Training.Optimizers;
using TheoryLab.Training.Optimizers.Schedules;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Training.Optimizers;

/// <summary>Each optimiser that libtorch also implements takes the same float64 iterates as torch.optim, step by step.</summary>
[Collection(RunAloneCollection.Name)]
public class TorchAgreementTests
{
    private const int StepCount = 60;

    /// <summary>A smooth non-quadratic loss of two parameters (a matrix and a vector), so every coordinate sees different gradients.</summary>
    private static Tensor Loss(IReadOnlyList<Parameter> p)
    {
        var target = tensor(new double[] { 1.0, -2.0 }, dtype: float64);
        var residual = p[0].matmul(p[1]) - target;
        using Scalar quarticWeight = 0.1.ToScalar(), four = 4.ToScalar(), ridge = 0.05.ToScalar();
        return residual.Squared().sum() + quarticWeight * p[1].pow(four).sum() + ridge * p[0].Squared().sum();
    }

    private static List<Parameter> StartingPoint() =>
    [
        new Parameter(tensor(new double[] { 0.5, -1.0, 2.0, 0.3, 0.7, -0.4 }, dtype: float64).reshape(2, 3)),
        new Parameter(tensor(new double[] { 1.0, 0.2, -0.6 }, dtype: float64)),
    ];

    /// <summary>
    /// Runs both for <see cref="StepCount"/> steps, torch's with its learning rate multiplied by <paramref name="factor"/>
    /// through LambdaLR when one is given; returns the largest coordinate difference seen and how far the iterates moved.
    /// </summary>
    private static (double Deviation, double Moved) Compare(Func<IEnumerable<Parameter>, optim.Optimizer> reference, IOptimizer mine, IStepSchedule? factor = null)
    {
        TorchRuntime.EnsureLoaded();
        var theirs = StartingPoint();
        var ours = StartingPoint();
        var start = StartingPoint();
        using var torchOptimizer = reference(theirs);
        var scheduler = factor is null ? null : optim.lr_scheduler.LambdaLR(torchOptimizer, factor.StepSize);
        double worst = 0;
        for (int k = 0; k < StepCount; k++)
        {
            using var scope = NewDisposeScope();
            torchOptimizer.zero_grad();
            Loss(theirs).backward();
            torchOptimizer.step();
            scheduler?.step();

            foreach (var p in ours) p.grad?.zero_();
            Loss(ours).backward();
            mine.Step(ours, ours.Select(p => p.grad!).ToList());

            for (int i = 0; i < ours.Count; i++)
                worst = Math.Max(worst, (theirs[i] - ours[i]).abs().max().AsDouble());
        }
        double moved = Enumerable.Range(0, ours.Count).Max(i => (ours[i] - start[i]).abs().max().AsDouble());
        mine.Dispose();
        return (worst, moved);
    }

    private static void AssertAgrees((double Deviation, double Moved) r)
    {
        Assert.True(r.Moved > 0.05, $"iterates moved only {r.Moved}: the comparison would be vacuous");
        Assert.True(r.Deviation < 1e-12, $"largest difference from torch.optim {r.Deviation:E2}");
    }

    [Fact]
    public void Sgd_MatchesTorchSgd_To1e12() =>
        AssertAgrees(Compare(p => optim.SGD(p, 0.05), new Sgd(0.05)));

    [Fact]
    public void HeavyBall_MatchesTorchSgdWithMomentum_To1e12() =>
        AssertAgrees(Compare(p => optim.SGD(p, 0.02, momentum: 0.8), new HeavyBall(0.02, 0.8)));

    [Fact]
    public void Nesterov_MatchesTorchSgdWithNesterovMomentum_To1e12() =>
        AssertAgrees(Compare(p => optim.SGD(p, 0.02, momentum: 0.8, nesterov: true), new Nesterov(0.02, 0.8)));

    [Fact]
    public void AdaGrad_MatchesTorchAdagrad_To1e12() =>
        AssertAgrees(Compare(p => optim.Adagrad(p, 0.1, initial_accumulator_value: 0.1, eps: 1e-10), new AdaGrad(0.1, 1e-10, 0.1)));

    [Fact]
    public void RmsProp_MatchesTorchRmsprop_To1e12() =>
        AssertAgrees(Compare(p => optim.RMSProp(p, 0.01, alpha: 0.9, eps: 1e-8), new RmsProp(0.01, 0.9, 1e-8)));

    [Fact]
    public void Adam_MatchesTorchAdam_To1e12() =>
        AssertAgrees(Compare(p => optim.Adam(p, 0.02, beta1: 0.8, beta2: 0.99, eps: 1e-8), new TheoryLab.Training.Optimizers.Adam(0.02, 0.8, 0.99, 1e-8)));

    /// <summary>A factor that falls along a cosine over the run and passes through 0.3 of the base rate mid-way.</summary>
    private static readonly IStepSchedule Decay = new CosineStep(1, StepCount, 0.3);

    /// <summary>The registry's factor schedule on a registry optimiser, the way experiments build a decayed optimiser by name.</summary>
    private static IOptimizer Decayed(string name, params (string Key, double Value)[] hyperparameters) =>
        OptimizerRegistry.Create(name, hyperparameters.ToDictionary(h => h.Key, h => h.Value), Decay);

    [Fact]
    public void EveryScheduledRegistryOptimizer_MatchesTorchWithLambdaLR_To1e12()
    {
        AssertAgrees(Compare(p => optim.SGD(p, 0.05), Decayed("sgd", ("lr", 0.05)), Decay));
        AssertAgrees(Compare(p => optim.SGD(p, 0.02, momentum: 0.8), Decayed("heavy-ball", ("lr", 0.02), ("momentum", 0.8)), Decay));
        AssertAgrees(Compare(p => optim.SGD(p, 0.02, momentum: 0.8, nesterov: true), Decayed("nesterov", ("lr", 0.02), ("momentum", 0.8)), Decay));
        AssertAgrees(Compare(p => optim.Adagrad(p, 0.1, initial_accumulator_value: 0.1, eps: 1e-10), Decayed("adagrad", ("lr", 0.1), ("initial_accumulator", 0.1)), Decay));
        AssertAgrees(Compare(p => optim.RMSProp(p, 0.01, alpha: 0.9, eps: 1e-8), Decayed("rmsprop", ("lr", 0.01), ("alpha", 0.9)), Decay));
        AssertAgrees(Compare(p => optim.Adam(p, 0.02, beta1: 0.8, beta2: 0.99, eps: 1e-8), Decayed("adam", ("lr", 0.02), ("beta1", 0.8), ("beta2", 0.99)), Decay));
    }

    [Fact]
    public void AScheduleThatDiffersFromTorchs_IsSeen()
    {
        // The check above must be able to fail: the same run without the decay on our side leaves torch's iterates.
        var (deviation, _) = Compare(p => optim.Adam(p, 0.02), OptimizerRegistry.Create("adam", new Dictionary<string, double> { ["lr"] = 0.02 }), Decay);
        Assert.True(deviation > 1e-3, $"an undecayed Adam stayed within {deviation:E2} of a decayed one");
    }
}

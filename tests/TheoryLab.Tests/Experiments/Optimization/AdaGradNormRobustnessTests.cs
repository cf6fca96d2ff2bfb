using TheoryLab.Experiments.Optimization;
using TheoryLab.Kernel;
using TheoryLab.Tables;
using TheoryLab.Tests.Conformance;

namespace TheoryLab.Tests.Experiments.Optimization;

[Collection(QuickRunsCollection.Name)]
public class AdaGradNormRobustnessTests(QuickRuns runs)
{
    private static readonly AdaGradNormRobustness Experiment = new();

    private readonly ExperimentResult _result = runs["adagrad-norm"].Result;
    private readonly AdaGradNormOptions _options = Experiment.Quick;

    private Table Sweep => _result.Table("sweep-mnist1d-mlp");

    [Fact]
    public void Quick_WhereSgdWithStepEtaOverB0Diverges_AdaGradNormReachesItsBest()
    {
        var sweep = Sweep;
        var sgdDiverged = sweep.Numbers("sgd_diverged");
        var loss = sweep.Numbers("adagrad_norm_loss");
        var accuracy = sweep.Numbers("adagrad_norm_accuracy");
        // SGD with step 1/b₀ = 10⁴ must blow up on every replicate; that is the regime Ward et al. contrast.
        Assert.Equal(1.0, sgdDiverged[0]);
        int failures = 0;
        for (int i = 0; i < sweep.RowCount; i++)
        {
            if (sgdDiverged[i] < 1) continue;
            failures++;
            Assert.Equal(0.0, sweep.Numbers("adagrad_norm_diverged")[i]);
            // The experiment's own margins (0.1 nats, 3 points of accuracy) define "reaches its best"; the replicates'
            // standard errors at these b₀ are about 0.015 nats and 0.002, far inside them.
            Assert.True(loss[i] <= loss.Min() + _options.LossMargin, $"b₀ = {sweep.Numbers("b0")[i]:G3}: AdaGrad-Norm loss {loss[i]:F3}, best {loss.Min():F3}");
            Assert.True(accuracy[i] >= accuracy.Max() - _options.AccuracyMargin, $"b₀ = {sweep.Numbers("b0")[i]:G3}: AdaGrad-Norm accuracy {accuracy[i]:F3}, best {accuracy.Max():F3}");
            // And it learned: well below the ln 10 = 2.30 nats of guessing.
            Assert.True(loss[i] < 0.75 * Math.Log(10), $"AdaGrad-Norm loss {loss[i]:F3} is near chance");
        }
        Assert.True(failures >= 2, "SGD should diverge at both b₀ ≤ 10⁻² of the quick grid");
    }

    [Fact]
    public void Quick_AtTheLargestB0_AdaGradNormStallsLikeSgd()
    {
        // b only grows, so the step never exceeds η/b₀: with η/b₀ = 10⁻⁴ neither method leaves the chance loss ln 10 in
        // 300 steps (within 0.05 nats), and AdaGrad-Norm's b grows by about 10⁻⁷ relative, so it follows SGD to 10⁻³.
        var sweep = Sweep;
        double sgd = sweep.Numbers("sgd_loss")[^1], norm = sweep.Numbers("adagrad_norm_loss")[^1];
        Assert.True(Math.Abs(sgd - Math.Log(10)) < 0.05, $"SGD at b₀ = 10⁴: loss {sgd:F4}");
        Assert.True(Math.Abs(norm - sgd) < 1e-3 * sgd, $"AdaGrad-Norm {norm:F5} vs SGD {sgd:F5}");
    }

    [Fact]
    public void Quick_RobustRange_AdaGradNormSpansMoreDecadesThanSgd()
    {
        // The quick grid has a point every two decades: AdaGrad-Norm must keep its best accuracy over at least one more
        // grid step than SGD (Ward et al.'s robustness), measured by the experiment's own range finding.
        double sgd = _result.Finding("decades_sgd").Value, norm = _result.Finding("decades_adagrad_norm").Value;
        Assert.True(norm >= sgd + 2, $"AdaGrad-Norm {norm} decades, SGD {sgd}");
        Assert.True(_result.Finding("adagrad_norm_gain_min").Value >= 2);
    }

    [Fact]
    public void Quick_AdaGradNormsFinalB_ForgetsASmallB0()
    {
        // b₁² = b₀² + ‖g₀‖² with ‖g₀‖ of order 1 on this network: for b₀ ≤ 10⁻² the trajectories agree to about b₀²/‖g₀‖²
        // ≈ 10⁻⁴ relative, so the final b may differ by at most 1 %, while it is three decades above b₀ = 10⁻².
        var b = Sweep.Numbers("adagrad_norm_b_final");
        Assert.True(Math.Abs(b[0] / b[1] - 1) < 0.01, $"final b {b[0]:G5} from b₀ = 10⁻⁴ and {b[1]:G5} from 10⁻²");
        Assert.True(b[1] > 10, $"final b {b[1]:G4} should be far above b₀ = 10⁻²");
    }

    [Fact]
    public void Quadratic_FinalB_SettlesAboveHalfEtaL_AndWithinWardsBound()
    {
        var table = _result.Table("b-plateau");
        var b0 = table.Numbers("b0");
        var final = table.Numbers("b_final");
        var bound = table.Numbers("bound");
        double threshold = table.Numbers("threshold")[0];
        Assert.All(table.Numbers("converged"), c => Assert.Equal(1.0, c));
        for (int i = 0; i < b0.Count; i++)
        {
            // Exact statements, no tolerance: a converged run cannot end with b below ηL/2 (the top direction, excited by
            // the Gaussian start, would grow), b never decreases, and the bound is a theorem for L-smooth f.
            Assert.True(final[i] >= Math.Max(b0[i], threshold), $"b₀ = {b0[i]:G3}: final b {final[i]:G6} below max(b₀, ηL/2 = {threshold})");
            Assert.True(final[i] <= bound[i], $"b₀ = {b0[i]:G3}: final b {final[i]:G6} above the bound {bound[i]:G6}");
        }
        Assert.True(_result.Finding("growth_over_bound_max").Value <= 1);
    }

    [Fact]
    public void Quadratic_FinalB_DoesNotDependOnB0WellBelowTheFirstGradient()
    {
        // b₁ = √(b₀² + ‖g₀‖²) differs from ‖g₀‖ ≈ 30 by b₀²/(2‖g₀‖²) < 10⁻³ for b₀ ≤ 1, and the rest of the trajectory
        // follows; so the plateau is the same to 10⁻² for every such b₀, however many decades apart.
        var table = _result.Table("b-plateau");
        var small = table.Numbers("b0").Select((b, i) => (b, i)).Where(p => p.b <= 1).Select(p => table.Numbers("b_final")[p.i]).ToList();
        Assert.True(small.Count >= 3);
        Assert.True(small.Max() / small.Min() < 1.01, $"plateaus {string.Join(", ", small.Select(v => v.ToString("G6")))}");
    }

    [Fact]
    public void SameOptionsAndSeed_GiveTheSameNumbers()
    {
        var options = _options with { Steps = 20, Replicates = 1, Methods = ["sgd", "adagrad-norm"], InitialScales = [1e-2, 10], QuadraticInitialScales = [1] };
        var first = Experiment.Run(options, new RunContext { Seed = 5 }).Table("runs").ToCsv();
        var second = Experiment.Run(options, new RunContext { Seed = 5 }).Table("runs").ToCsv();
        var other = Experiment.Run(options, new RunContext { Seed = 6 }).Table("runs").ToCsv();
        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }
}

using TheoryLab.Kernel;
using TheoryLab.Tests.Conformance;

namespace TheoryLab.Tests.Experiments.Adversarial;

/// <summary>
/// fgsm-linear's quick run against independent computations: the normal approximation of the share of margins FGSM
/// flips against a Monte Carlo of sums of uniforms; the measured flip rates against it within binomial error; the
/// measured margin changes against ε‖w‖₁; and the bars, softmax regression misclassifying at least 95 % and
/// Madry et al.'s PGD leaving a standard LeNet-5 below 5 % accuracy.
/// </summary>
[Collection(QuickRunsCollection.Name)]
public class FgsmLinearTests(QuickRuns runs)
{
    private readonly ExperimentResult _result = runs["fgsm-linear"].Result;
    private static readonly TheoryLab.Experiments.Adversarial.FgsmLinearOptions Quick = new TheoryLab.Experiments.Adversarial.FgsmLinear().Quick;

    [Fact]
    public void FlipRateApproximation_MatchesAMonteCarloOfSignedUniformSums()
    {
        var table = _result.Table("dimension");
        var random = new Random(5);
        const int draws = 20_000;
        for (int row = 0; row < table.RowCount; row++)
        {
            int d = (int)table.Numbers("dimension")[row];
            // |Σ sᵢ uᵢ| < ε d for uᵢ uniform on [−½, ½]: the signs do not change the law, so they are left out.
            int flipped = 0;
            for (int k = 0; k < draws; k++)
            {
                double sum = 0;
                for (int i = 0; i < d; i++) sum += random.NextDouble() - 0.5;
                if (Math.Abs(sum) < Quick.DimensionEpsilon * d) flipped++;
            }
            double monteCarlo = (double)flipped / draws, se = Math.Sqrt(monteCarlo * (1 - monteCarlo) / draws);
            double theory = table.Numbers("flip_rate_normal_approximation")[row];
            Assert.True(Math.Abs(theory - monteCarlo) < 4.5 * se, $"d = {d}: normal approximation {theory}, Monte Carlo {monteCarlo} ± {se}");
        }
    }

    [Fact]
    public void MeasuredFlipRates_AgreeWithTheApproximationWithinBinomialError_AndMarginsMoveByEpsilonTimesL1()
    {
        var table = _result.Table("dimension");
        for (int row = 0; row < table.RowCount; row++)
        {
            double theory = table.Numbers("flip_rate_normal_approximation")[row], measured = table.Numbers("flip_rate")[row];
            double se = Math.Sqrt(theory * (1 - theory) / Quick.DimensionExamples);
            Assert.True(Math.Abs(measured - theory) < 4.5 * se, $"row {row}: measured {measured}, theory {theory} ± {se}");
            Assert.True(table.Numbers("largest_relative_deviation")[row] < 1e-12);
            double d = table.Numbers("dimension")[row];
            Assert.Equal(Quick.DimensionEpsilon * 0.1 * d, table.Numbers("closed_form_change")[row], 1e-12);
        }
    }

    [Fact]
    public void SoftmaxRegression_IsMisclassifiedOnAtLeast95PercentOfHeldOutDigits_AtEpsilonQuarter()
    {
        Assert.Equal(0.25, Quick.Epsilon);
        Assert.True(_result.Finding("adversarial_error_softmax").Value >= 0.95);
        Assert.True(_result.Finding("clean_error_softmax").Value < 0.3);
    }

    [Fact]
    public void MadrysPgd_LeavesLenetBelow5Percent_AndNeverAboveItsCleanAccuracy()
    {
        Assert.Equal((0.3, 40, 0.01), (Quick.PgdEpsilon, Quick.PgdSteps, Quick.PgdStepSize));
        double pgd = _result.Finding("pgd_accuracy_lenet").Value, clean = _result.Finding("clean_accuracy_lenet").Value;
        Assert.True(clean > 0.5, $"LeNet-5 learned too little ({clean}) for the attack to mean anything");
        Assert.True(pgd < 0.05, $"PGD leaves {pgd}");
        Assert.True(pgd <= clean);
    }
}

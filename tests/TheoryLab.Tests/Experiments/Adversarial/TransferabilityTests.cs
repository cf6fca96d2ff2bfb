using TheoryLab.Kernel;
using TheoryLab.Tests.Conformance;

namespace TheoryLab.Tests.Experiments.Adversarial;

/// <summary>
/// transferability's quick run: the bar (PGD at ε = 0.3 leaves a standard LeNet-5 below 5 % accuracy), every
/// cell's success equal to its counts (fooled among the target's correct images), and the white-box diagonal of PGD at
/// least as successful as any transfer to the same target, which is what crafting on the target itself should give.
/// </summary>
[Collection(QuickRunsCollection.Name)]
public class TransferabilityTests(QuickRuns runs)
{
    private readonly ExperimentResult _result = runs["transferability"].Result;
    private static readonly TheoryLab.Experiments.Adversarial.TransferabilityOptions Quick = new TheoryLab.Experiments.Adversarial.Transferability().Quick;

    [Fact]
    public void WhiteBoxPgd_LeavesLenetBelowFivePercent()
    {
        double accuracy = _result.Finding("pgd_accuracy_lenet").Value;
        Assert.True(accuracy < 0.05, $"LeNet-5 keeps {accuracy:P1} under PGD");
    }

    [Theory]
    [InlineData("success-fgsm")]
    [InlineData("success-pgd")]
    public void EverySuccess_IsTheFooledShareOfTheTargetsCorrectImages(string name)
    {
        var table = _result.Table(name);
        var (success, correct, fooled) = (table.Numbers("success"), table.Numbers("target_correct"), table.Numbers("fooled"));
        for (int row = 0; row < table.RowCount; row++)
        {
            Assert.InRange(correct[row], 1, Quick.Images);
            Assert.InRange(fooled[row], 0, correct[row]);
            Assert.Equal(fooled[row] / correct[row], success[row]);
        }
    }

    [Fact]
    public void WhiteBoxPgd_FoolsEachTargetAtLeastAsOftenAsAnyTransfer()
    {
        var table = _result.Table("success-pgd");
        var (source, target, success) = (table.Numbers("source"), table.Numbers("target"), table.Numbers("success"));
        for (int row = 0; row < table.RowCount; row++)
        {
            int diagonal = Enumerable.Range(0, table.RowCount).Single(r => source[r] == target[row] && target[r] == target[row]);
            Assert.True(success[diagonal] >= success[row], $"target {target[row]}: white-box {success[diagonal]}, from source {source[row]} {success[row]}");
        }
    }
}

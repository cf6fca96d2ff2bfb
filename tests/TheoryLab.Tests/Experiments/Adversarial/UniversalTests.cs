using TheoryLab.Kernel;
using TheoryLab.Tests.Conformance;

namespace TheoryLab.Tests.Experiments.Adversarial;

/// <summary>
/// universal's quick run against the paper's claim and the algorithm's bounds: at every radius of both balls the
/// universal perturbation changes more held-out predictions than a random perturbation of the same norm, and no radius
/// took more passes than allowed.
/// </summary>
[Collection(QuickRunsCollection.Name)]
public class UniversalTests(QuickRuns runs)
{
    private readonly ExperimentResult _result = runs["universal"].Result;
    private static readonly TheoryLab.Experiments.Adversarial.UniversalOptions Quick = new TheoryLab.Experiments.Adversarial.Universal().Quick;

    [Theory]
    [InlineData("fooling-linf")]
    [InlineData("fooling-l2")]
    public void TheUniversalPerturbation_FoolsMoreThanRandomNoiseOfItsNorm_AtEveryRadius(string name)
    {
        var table = _result.Table(name);
        var universal = table.Numbers("held_out_fooling_rate");
        var random = table.Numbers("random_fooling_rate");
        for (int row = 0; row < table.RowCount; row++)
            Assert.True(universal[row] > random[row], $"radius {table.Numbers("radius")[row]}: universal {universal[row]}, random {random[row]}");
        Assert.All(table.Numbers("passes"), passes => Assert.InRange(passes, 1, Quick.MaxPasses));
    }
}

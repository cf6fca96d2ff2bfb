using TheoryLab.Experiments.Generative;
using TheoryLab.Kernel;
using TheoryLab.Tests.Conformance;

namespace TheoryLab.Tests.Experiments.Generative;

/// <summary>
/// The quick run's measurements against what theory says of them: L_1 is the ELBO (the run computes the two from
/// different draws and formulas: the mean log-weight, and the closed-form KL with separate reconstruction draws),
/// L_K does not decrease in K, the ELBO splits into its two terms, and a large β collapses units.
/// </summary>
[Collection(QuickRunsCollection.Name)]
public class VaeTests(QuickRuns runs)
{
    private readonly ExperimentResult _result = runs["vae"].Result;
    private static readonly VaeOptions Quick = new Vae().Quick;

    public static TheoryData<string> Datasets() => [.. Quick.Datasets];

    [Theory]
    [MemberData(nameof(Datasets))]
    public void OneSampleBound_EqualsTheClosedFormElbo_WithinItsStandardErrors(string dataset)
    {
        var table = _result.Table($"importance-{dataset}");
        double l1 = table.Numbers("bound")[0], elbo = table.Numbers("elbo")[0];
        double error = Math.Sqrt(Math.Pow(table.Numbers("bound_se")[0], 2) + Math.Pow(table.Numbers("elbo_se")[0], 2));
        Assert.Equal(1, table.Numbers("k")[0]);
        Assert.True(Math.Abs(l1 - elbo) < 3 * error, $"{dataset}: L_1 = {l1}, ELBO = {elbo}, standard error {error}");
        var finding = _result.Finding($"k1_minus_elbo_{dataset.Replace('-', '_')}");
        Assert.Equal(0, finding.Expected);
        Assert.Equal(l1 - elbo, finding.Value, 12);
    }

    [Theory]
    [MemberData(nameof(Datasets))]
    public void ImportanceWeightedBound_RisesWithK_AboveTheElboByMoreThanItsError(string dataset)
    {
        var table = _result.Table($"importance-{dataset}");
        var gain = table.Numbers("gain_over_k1");
        var error = table.Numbers("gain_se");
        Assert.Equal(0, gain[0]);
        for (int i = 1; i < gain.Count; i++)
            Assert.True(gain[i] > gain[i - 1], $"{dataset}: L_K − L_1 = {gain[i]} at K = {table.Numbers("k")[i]} below {gain[i - 1]}");
        Assert.True(gain[^1] > 3 * error[^1], $"{dataset}: gain {gain[^1]} ± {error[^1]}");
    }

    [Theory]
    [MemberData(nameof(Datasets))]
    public void ElboTerms_AddUp_AndTheKlIsNonNegative(string dataset)
    {
        var training = _result.Table($"training-{dataset}");
        foreach (var split in new[] { "train", "heldout" })
        {
            var elbo = training.Numbers($"{split}_elbo");
            var reconstruction = training.Numbers($"{split}_reconstruction");
            var kl = training.Numbers($"{split}_kl");
            for (int i = 0; i < elbo.Count; i++)
            {
                Assert.Equal(reconstruction[i] - kl[i], elbo[i], 9);
                Assert.True(kl[i] >= 0, $"{dataset} {split}: KL {kl[i]} at row {i}");
            }
            Assert.True(elbo[^1] > elbo[0] + 10, $"{dataset} {split}: the ELBO went from {elbo[0]} to {elbo[^1]}");
        }
    }

    /// <summary>The largest β prices KL highest: fewer or as many active units, less KL in total, than β = 1.</summary>
    [Theory]
    [MemberData(nameof(Datasets))]
    public void LargestBeta_LeavesNoMoreActiveUnitsAndLessKlThanThePlainVae(string dataset)
    {
        var sweep = _result.Table($"beta-sweep-{dataset}");
        var betas = sweep.Numbers("beta");
        int plain = betas.ToList().IndexOf(1), largest = betas.Count - 1;
        Assert.True(betas[largest] > 1);
        Assert.True(sweep.Numbers("active_units")[largest] <= sweep.Numbers("active_units")[plain]);
        Assert.True(sweep.Numbers("heldout_kl")[largest] < sweep.Numbers("heldout_kl")[plain] / 2,
            $"{dataset}: KL {sweep.Numbers("heldout_kl")[largest]} at β = {betas[largest]} against {sweep.Numbers("heldout_kl")[plain]} at β = 1");
    }
}

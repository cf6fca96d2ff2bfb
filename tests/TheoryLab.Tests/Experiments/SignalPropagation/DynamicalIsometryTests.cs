using TheoryLab.Experiments.SignalPropagation;
using TheoryLab.Kernel;
using TheoryLab.Models.MeanField;
using TheoryLab.Tests.Conformance;

namespace TheoryLab.Tests.Experiments.SignalPropagation;

[Collection(QuickRunsCollection.Name)]
public class DynamicalIsometryTests(QuickRuns runs)
{
    private readonly QuickRun run = runs["jacobian-spectrum"];

    [Theory]
    [InlineData("lambda_mean")]
    [InlineData("lambda_var")]
    [InlineData("sigma_max")]
    public void Quick_MonteCarloMoments_AgreeWithFreeProbabilityWithinFourStandardErrors(string finding)
    {
        // Standard errors are across the 16 networks of width 160. Finite width also shifts the moments, by a relative
        // O(L/N) that is small for orthogonal tanh networks near isometry (q* ≈ 0.02; the variance measured 3.5 standard
        // errors above the limit); the largest singular value fluctuates at the edge on the scale N^(−2/3) of the bulk,
        // which the spread across networks measures.
        var table = run.Result.Table("monte-carlo-estimates");
        int row = table.Texts("finding").ToList().IndexOf(finding);
        double measured = table.Numbers("monte_carlo")[row], error = table.Numbers("standard_error")[row], theory = table.Numbers("theory")[row];
        Assert.True(error > 0 && error < 0.05 * theory, $"{finding}: standard error {error} against theory {theory}");
        Assert.True(Math.Abs(measured - theory) <= 4 * error, $"{finding}: Monte Carlo {measured} ± {error}, theory {theory}");
        Assert.Equal(measured, run.Result.Finding(finding).Value);
    }

    [Fact]
    public void Quick_EigenvalueVariance_AtEveryDepth_AgreesWithFreeProbability()
    {
        // The variance grows linearly in depth (L(μ₂/μ₁² − 1) for orthogonal weights); at every measured depth the
        // networks' values lie within 4 standard errors of it.
        var table = run.Result.Table("moments-by-depth");
        var depths = table.Numbers("depth");
        for (int k = 0; k < depths.Count; k++)
        {
            double measured = table.Numbers("lambda_var_mc")[k], error = table.Numbers("lambda_var_se")[k], theory = table.Numbers("lambda_var_theory")[k];
            Assert.True(Math.Abs(measured - theory) <= 4 * error, $"L = {depths[k]}: {measured} ± {error}, theory {theory}");
        }
        // Gaussian weights at the same σ_w² add s₁ = −1 per layer: a variance larger by L.
        Assert.Equal(depths[^1], table.Numbers("lambda_var_theory_other")[^1] - table.Numbers("lambda_var_theory")[^1], 9);
    }

    [Fact]
    public void Quick_Histogram_FollowsTheFreeProbabilityDensity()
    {
        // Kolmogorov distance between the measured distribution of singular values (histogram, 25 bins) and the predicted
        // one (the density integrated over the same bins). Eigenvalues of one matrix are rigid, so sampling noise is far
        // below the multinomial √(1/n); what remains is finite width: the edges are smeared over about N^(−2/3) of the
        // bulk (4 % at N = 160) and one singular value per network (the direction of the input, governed by the slope of
        // the length map rather than χ₁) lies outside the bulk, 1/N = 0.6 %. Hence 0.05.
        var histogram = run.Result.Table("singular-values-L32");
        var density = run.Result.Table("singular-value-density-L32");
        var centres = histogram.Numbers("sigma");
        double width = centres[1] - centres[0];
        var grid = density.Numbers("sigma");
        var values = density.Numbers("density");
        // The predicted density is tabulated on a grid that starts where the histogram does.
        double start = centres[0] - width / 2;
        double measured = 0, predicted = 0, distance = 0;
        for (int b = 0; b < centres.Count; b++)
        {
            measured += histogram.Numbers("density")[b] * width;
            double lo = centres[b] - width / 2, hi = centres[b] + width / 2;
            for (int i = 0; i < grid.Count; i++)
            {
                double left = i == 0 ? start : grid[i - 1];
                double overlap = Math.Max(0, Math.Min(hi, grid[i]) - Math.Max(lo, left));
                predicted += overlap * values[i];
            }
            distance = Math.Max(distance, Math.Abs(measured - predicted));
        }
        Assert.Equal(1, measured, 9);
        Assert.Equal(1, predicted, 2e-2);
        Assert.True(distance < 0.05, $"Kolmogorov distance {distance}");
    }

    [Fact]
    public void Quick_TrainingComparison_CoversEveryDepthAndBothInitialisations()
    {
        var speed = run.Result.Table("learning-speed");
        Assert.Equal([2.0, 16.0], speed.Numbers("depth"));
        var curves = run.Result.Table("training-curves");
        foreach (string kind in new[] { "orthogonal", "gaussian" })
            foreach (int depth in new[] { 2, 16 })
            {
                var loss = curves.Numbers($"loss_{kind}_L{depth}");
                Assert.True(loss[^1] < loss[0], $"{kind}, L = {depth}: the training loss did not fall ({loss[0]} → {loss[^1]})");
            }
    }

    [Fact]
    public void GaussianRelu_Spectrum_IsFarFromIsometry_AsPenningtonEtAlPredict()
    {
        // ReLU at criticality: μ₁ = μ₂ = 1/2, so the variance is L(2 − 1 − s₁) = 2L with Gaussian and L with orthogonal
        // weights: no dynamical isometry for ReLU, whatever the weights.
        var relu = new MlpSpec(Activations.Relu, 2, 0, 32, 100, WeightDistribution.Orthogonal);
        Assert.Equal(32, relu.JacobianSpectrum().Variance, 9);
        Assert.Equal(64, new MlpSpec(Activations.Relu, 2, 0, 32, 100).JacobianSpectrum().Variance, 9);
    }
}

public class DynamicalIsometryReproductionTests
{
    [Fact]
    [Trait("Category", "Reproduction")]
    public void Defaults_OrthogonalTanhAtDepth128_HaveTheFreeProbabilityMoments_AtEveryDepth()
    {
        // Pennington et al.'s setting: orthogonal weights, tanh at criticality, width 400, depths to 128. The moments of
        // JJᵀ and the largest singular value against free probability within 4 standard errors across the networks.
        var result = new DynamicalIsometry().Run(new DynamicalIsometry().Defaults, new RunContext { Seed = 0 });
        var estimates = result.Table("monte-carlo-estimates");
        for (int row = 0; row < estimates.RowCount; row++)
        {
            double measured = estimates.Numbers("monte_carlo")[row], error = estimates.Numbers("standard_error")[row], theory = estimates.Numbers("theory")[row];
            Assert.True(Math.Abs(measured - theory) <= 4 * error, $"{estimates.Texts("finding")[row]}: Monte Carlo {measured} ± {error}, theory {theory}");
        }
        var byDepth = result.Table("moments-by-depth");
        for (int k = 0; k < byDepth.RowCount; k++)
        {
            double measured = byDepth.Numbers("lambda_var_mc")[k], error = byDepth.Numbers("lambda_var_se")[k], theory = byDepth.Numbers("lambda_var_theory")[k];
            Assert.True(Math.Abs(measured - theory) <= 4 * error, $"L = {byDepth.Numbers("depth")[k]}: {measured} ± {error}, theory {theory}");
        }
    }
}

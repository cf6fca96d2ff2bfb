using TheoryLab.Tables;
using TheoryLab.Tests.Conformance;

namespace TheoryLab.Tests.Experiments.SignalPropagation;

[Collection(QuickRunsCollection.Name)]
public class SparseInitTests(QuickRuns runs)
{
    private readonly QuickRun run = runs["sparse-init"];

    private Table Residuals => run.Result.Table("map-residuals");

    [Fact]
    public void Quick_Lengths_FollowTheIidLengthMap_UpToThePredictedMaskCorrection()
    {
        // The mean one-step residual q^l/Q(q^{l−1}) − 1 of each kind, with its standard error across 4 networks, lies within
        // 4 standard errors of the prediction: 0 for iid and low-rank weights, the first-order Gaussian-mixture correction
        // σ_w² F″ Var V/(2Q) for masks (−4 % at p = 0.02, N = 400, where each row keeps only 8 weights).
        for (int k = 0; k < Residuals.RowCount; k++)
        {
            double measured = Residuals.Numbers("length_residual")[k], error = Residuals.Numbers("length_residual_se")[k], theory = Residuals.Numbers("length_residual_theory")[k];
            Assert.True(Math.Abs(measured - theory) <= 4 * error, $"{Residuals.Texts("kind")[k]}: {measured} ± {error}, predicted {theory}");
        }
    }

    [Fact]
    public void Quick_Correlations_FollowTheIidCorrelationMap_WhereEveryRowKeepsTwentyWeightsOrMore()
    {
        // The correlation map's mask correction is not modelled, so the check covers kinds whose rows keep pN ≥ 20 weights
        // (first-order corrections ≤ 1/20 of the mixture's spread) and the low-rank kinds, which are exactly Gaussian given Vᵀx.
        for (int k = 0; k < Residuals.RowCount; k++)
        {
            string kind = Residuals.Texts("kind")[k];
            if (kind.StartsWith("sparse, p = 0.02", StringComparison.Ordinal)) continue;
            double measured = Residuals.Numbers("correlation_residual")[k], error = Residuals.Numbers("correlation_residual_se")[k];
            Assert.True(error > 0 && Math.Abs(measured) <= 4 * error, $"{kind}: {measured} ± {error}");
        }
    }

    [Fact]
    public void Quick_Chi1_IsTheIidMeanFieldValue_ForEveryKind()
    {
        for (int k = 0; k < Residuals.RowCount; k++)
        {
            double measured = Residuals.Numbers("chi1_mc")[k], error = Residuals.Numbers("chi1_mc_se")[k], theory = Residuals.Numbers("chi1_theory")[k];
            Assert.True(Math.Abs(measured - theory) <= 4 * error, $"{Residuals.Texts("kind")[k]}: χ₁ {measured} ± {error}, predicted {theory}");
        }
        Assert.Equal(1, run.Result.Finding("chi1_gaussian").Expected!.Value, 0.05);
    }

    [Fact]
    public void Quick_LengthFluctuations_MatchTheirPrediction_AndGrowAsTheRankFalls()
    {
        // Var q̂/Q² = 2/N (+ the mask's mixture term) + (2/r)(σ_w² E φ²/Q)²: at r = 20 the rank term dominates, 4 times the iid spread.
        for (int k = 0; k < Residuals.RowCount; k++)
        {
            double measured = Residuals.Numbers("length_spread")[k], error = Residuals.Numbers("length_spread_se")[k], theory = Residuals.Numbers("length_spread_theory")[k];
            Assert.True(Math.Abs(measured - theory) <= 4 * error, $"{Residuals.Texts("kind")[k]}: spread {measured} ± {error}, predicted {theory}");
        }
        Assert.True(Residuals.Numbers("length_spread")[^1] > 3 * Residuals.Numbers("length_spread")[0]);
    }

    [Fact]
    public void Quick_EveryKindTrains()
    {
        var curves = run.Result.Table("training-curves");
        foreach (string column in curves.ColumnNames.Where(c => c.StartsWith("loss_", StringComparison.Ordinal)))
        {
            var loss = curves.Numbers(column);
            Assert.True(loss[^1] < loss[0], $"{column}: {loss[0]} → {loss[^1]}");
        }
    }
}

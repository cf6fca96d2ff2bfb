using TheoryLab.Analysis.Landscape;
using TheoryLab.Torch;
using TheoryLab.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Analysis.Landscape;

public class ConnectingCurveTests
{
    [Theory]
    [InlineData(CurveKind.Bezier)]
    [InlineData(CurveKind.Polychain)]
    public void Coefficients_SumToOne_AndPinTheEnds(CurveKind kind)
    {
        foreach (double t in LossLine.Evenly(0, 1, 21))
        {
            var (a, b, c) = ConnectingCurve.Coefficients(kind, t);
            Assert.Equal(1, a + b + c, 1e-15);
        }
        Assert.Equal((1.0, 0.0, 0.0), ConnectingCurve.Coefficients(kind, 0));
        Assert.Equal((0.0, 0.0, 1.0), ConnectingCurve.Coefficients(kind, 1));
        Assert.Equal(kind == CurveKind.Polychain ? 1.0 : 0.5, ConnectingCurve.Coefficients(kind, 0.5).Bend);
    }

    [Fact]
    public void TrainingLoss_HasTheLossAtThePointAsValue_AndTheChainRuleGradientForTheBend()
    {
        TorchRuntime.EnsureLoaded();
        var (problem, c) = LandscapeTestModels.QuadraticForm(dimension: 3, examples: 12, seed: 5, batchSize: 12);
        using var start = tensor(new[] { 1.0, 0, 0 });
        using var end = tensor(new[] { 0.0, 1, -1 });
        using var curve = new ConnectingCurve(CurveKind.Bezier, problem.Model, start, end);
        var batch = problem.Data.Epoch(0).Single();
        var loss = curve.TrainingLoss(problem.Loss, new Random(9));
        double t = new Random(9).NextDouble();

        using var value = loss(curve, batch);
        value.backward();

        // By hand: w(t) = (1 − t)² w₁ + 2t(1 − t) φ + t² w₂ with φ the midpoint; L = wᵀCw, ∇_φ L = 2t(1 − t) · 2Cw.
        double[] w1 = [1, 0, 0], w2 = [0, 1, -1];
        var w = new double[3];
        for (int i = 0; i < 3; i++) w[i] = (1 - t) * (1 - t) * w1[i] + 2 * t * (1 - t) * (w1[i] + w2[i]) / 2 + t * t * w2[i];
        Assert.Equal(LandscapeTestModels.Quadratic(c, w), value.AsDouble(), 1e-12);
        var gradient = curve.Bend.grad!.data<double>().ToArray();
        for (int i = 0; i < 3; i++)
        {
            double expected = 0;
            for (int j = 0; j < 3; j++) expected += 2 * c[i, j] * w[j];
            Assert.Equal(2 * t * (1 - t) * expected, gradient[i], 1e-12);
        }
    }

    /// <summary>
    /// L(w) = (‖w‖² − 1)² has a ring of minima; the straight line between (1, 0) and (−1, 0) crosses the origin, where
    /// the loss is 1, but a curve around the ring stays near 0. A trained Bézier curve must find the way around.
    /// </summary>
    [Theory]
    [InlineData(CurveKind.Bezier)]
    [InlineData(CurveKind.Polychain)]
    public void TrainedCurve_GoesAroundARingOfMinima_WhereTheStraightLineCrossesAHill(CurveKind kind)
    {
        TorchRuntime.EnsureLoaded();
        using var model = new FreeVector(0, 0);
        using var radius = 1.ToScalar();
        LossFunction ring = (m, _) => m.call(zeros(1)).Squared().sum().sub(radius).Squared();
        var data = LandscapeTestModels.NoData();
        using var start = tensor(new[] { 1.0, 0 });
        using var end = tensor(new[] { -1.0, 0 });
        using var curve = new ConnectingCurve(kind, model, start, end);
        using (no_grad()) curve.Bend.PlusInPlace(tensor(new[] { 0.0, 1e-3 }));  // off the symmetric line, where the gradient across it is 0

        var probe = LandscapeProbe.ForLoss(new Problem(model, data, ring));
        var ts = LossLine.Evenly(0, 1, 41);
        double lineBarrier = LossBarrier.Height(ts, [.. LossLine.Between(probe, start, end, ts).Select(m => m.Loss)]);
        Trainer.Train(new Problem(curve, data, curve.TrainingLoss(ring, new Random(1))), new SgdSettings(0.05), 3000, []);
        double curveBarrier = LossBarrier.Height(ts, [.. curve.Along(probe, ts).Select(m => m.Loss)]);

        Assert.Equal(1, lineBarrier, 1e-12);
        // The best Bézier curve through the ring's ends peaks near 0.15 (chain: 0.25 at the bend's neighbours); a curve
        // that stayed straight keeps 1.
        Assert.True(curveBarrier < 0.3, $"curve barrier {curveBarrier:G3}");
    }

    [Fact]
    public void Barrier_IsTheLargestRiseAboveTheChordOfTheEnds()
    {
        Assert.Equal(1.5, LossBarrier.Height([0, 0.5, 1], [1, 3.5, 3]));
        Assert.Equal(0, LossBarrier.Height([0, 0.5, 1], [1, 1.5, 3]));
    }
}

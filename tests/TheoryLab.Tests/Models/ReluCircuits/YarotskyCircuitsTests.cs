using TheoryLab.Models.ReluCircuits;
using TheoryLab.Numerics;
using TheoryLab.Torch;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Models.ReluCircuits;

public class YarotskyCircuitsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(9)]
    public void SquareNetwork_EqualsTheSawtoothFormula_AtRandomPoints(int m)
    {
        var circuit = YarotskyCircuits.Square(m);
        var random = new Random(m);
        for (int i = 0; i < 2000; i++)
        {
            double x = random.NextDouble();
            Assert.Equal(YarotskyCircuits.SquareApproximation(m, x), circuit.Evaluate(x), 14);
        }
    }

    [Fact]
    public void SquareModule_InTorchSharp_EqualsThePlainEvaluation()
    {
        TorchRuntime.EnsureLoaded();
        var circuit = YarotskyCircuits.Square(6);
        var xs = Enumerable.Range(0, 1001).Select(i => i / 1000.0).ToArray();
        using var scope = NewDisposeScope();
        using var module = circuit.ToModule();
        var outputs = module.forward(tensor(xs, dtype: float64).unsqueeze(1)).squeeze(1).data<double>().ToArray();
        for (int i = 0; i < xs.Length; i++) Assert.Equal(circuit.Evaluate(xs[i]), outputs[i], 14);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(6)]
    public void SquareNetwork_InterpolatesXSquaredAtDyadicPoints_AndIsLinearBetweenThem(int m)
    {
        var circuit = YarotskyCircuits.Square(m);
        int pieces = 1 << m;
        for (int k = 0; k < pieces; k++)
        {
            double a = (double)k / pieces, b = (k + 1.0) / pieces;
            Assert.Equal(a * a, circuit.Evaluate(a), 14);
            for (int q = 1; q < 4; q++)
            {
                double x = a + (b - a) * q / 4;
                Assert.Equal(a * a + (b * b - a * a) * q / 4, circuit.Evaluate(x), 14);
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(8)]
    public void SquareError_Is2ToTheMinus2mMinus2_ExactlyAndOnRandomPoints(int m)
    {
        var circuit = YarotskyCircuits.Square(m);
        int pieces = 1 << m;
        var knots = Enumerable.Range(0, pieces + 1).Select(k => (double)k / pieces).ToArray();
        double exact = SquareDeviation.Max(knots, knots.Select(circuit.Evaluate).ToArray());
        Assert.Equal(Math.Pow(2, -2 * m - 2), exact, 15);

        var random = new Random(11);
        double sampled = Enumerable.Range(0, 50_000).Select(_ => random.NextDouble()).Max(x => Math.Abs(circuit.Evaluate(x) - x * x));
        Assert.InRange(sampled, 0.99 * exact, exact * (1 + 1e-12));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public void SquareNetwork_HasMHiddenLayersOfThreeUnits_And8mMinus1Weights(int m)
    {
        var circuit = YarotskyCircuits.Square(m);
        Assert.Equal(Enumerable.Repeat(3, m), circuit.Widths);
        Assert.Equal(8 * m - 1, circuit.NonzeroParameters);
        Assert.Equal(12 * m - 2, circuit.DenseParameters);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    public void ProductError_NeverExceeds4ToTheMinusM_AndReachesItAtTwoToTheMinusM(int m)
    {
        var product = YarotskyCircuits.Product(m);
        var random = new Random(3);
        double bound = YarotskyCircuits.ProductError(m);
        for (int i = 0; i < 20_000; i++)
        {
            double x = random.NextDouble(), y = random.NextDouble();
            Assert.InRange(product.Evaluate([x, y])[0] - x * y, -bound - 1e-15, bound / 2 + 1e-15);
        }
        double corner = Math.Pow(2, -m);
        Assert.Equal(-bound, product.Evaluate([corner, corner])[0] - corner * corner, 15);
        Assert.Equal(0, product.Evaluate([0, random.NextDouble()])[0], 15);
    }

    [Fact]
    public void Polynomial_StaysWithinItsErrorBound_AndTheBoundShrinksFourfoldPerLevel()
    {
        double[] a = [0.3, -1, 2, -0.5, 1.25];
        var p = (double x) => a.Select((c, k) => c * Math.Pow(x, k)).Sum();
        foreach (int m in new[] { 3, 6 })
        {
            var circuit = YarotskyCircuits.Polynomial(a, m);
            double worst = Enumerable.Range(0, 4001).Select(i => i / 4000.0).Max(x => Math.Abs(circuit.Evaluate(x) - p(x)));
            Assert.True(worst <= YarotskyCircuits.PolynomialError(a, m), $"m = {m}: error {worst} above bound {YarotskyCircuits.PolynomialError(a, m)}");
            Assert.Equal(3 * (m + 1), circuit.HiddenLayers);
        }
        Assert.Equal(4, YarotskyCircuits.PolynomialError(a, 3) / YarotskyCircuits.PolynomialError(a, 4), 12);
    }

    [Theory]
    [InlineData(1e-2)]
    [InlineData(1e-5)]
    public void SineTarget_MeetsTheRequestedAccuracy(double epsilon)
    {
        var approximation = new SineTarget().Approximate(epsilon);
        double worst = Enumerable.Range(0, 20_001).Select(i => i / 20_000.0)
            .Max(x => Math.Abs(approximation.Circuit.Evaluate(x) - Math.Sin(Math.PI * x)));
        Assert.True(worst <= approximation.ErrorBound && approximation.ErrorBound <= epsilon, $"error {worst}, bound {approximation.ErrorBound}");
    }

    [Fact]
    public void SineCoefficients_SumToTheCosineSeries()
    {
        var a = YarotskyCircuits.SineCoefficients(8);
        foreach (double q in new[] { 0.0, 0.3, 1.0 })
            Assert.Equal(Math.Cos(Math.PI * Math.Sqrt(q) / 2), a.Select((c, j) => c * Math.Pow(q, j)).Sum(), 9);
    }

    [Fact]
    public void Beside_PadsTheShallowerCircuit_AndKeepsNegativeValues()
    {
        var pair = ReluCircuit.Beside(YarotskyCircuits.Square(3), ReluCircuit.Affine(new double[,] { { -2 } }, [0.5]));
        Assert.Equal(3, pair.HiddenLayers);
        var output = pair.Evaluate([0.3, 0.9]);
        Assert.Equal(YarotskyCircuits.SquareApproximation(3, 0.3), output[0], 15);
        Assert.Equal(-1.3, output[1], 15);
    }

    [Fact]
    public void ShallowInterpolant_OfXSquared_HasOneUnitPerPiece_AndEqualsTheDeepNetwork()
    {
        var shallow = YarotskyCircuits.ShallowInterpolant(x => x * x, 32);
        var deep = YarotskyCircuits.Square(5);
        Assert.Equal([32], shallow.Widths);
        Assert.Equal(3 * 32 - 1, shallow.NonzeroParameters);
        for (int i = 0; i <= 1000; i++) Assert.Equal(deep.Evaluate(i / 1000.0), shallow.Evaluate(i / 1000.0), 14);
    }
}

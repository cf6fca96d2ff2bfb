using TheoryLab.Models.Transformers;
using TheoryLab.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Models.Transformers;

/// <summary>
/// The transformer built from matrix products against what a causal language model must be: outputs at t blind to
/// later tokens, attention rows that are distributions over the past only, the attention equal to a naive loop over
/// positions, gradients equal to central finite differences, and the seed fixing everything.
/// </summary>
[Collection(RunAloneCollection.Name)]
public class TinyLanguageModelTests
{
    public TinyLanguageModelTests() => TorchRuntime.EnsureLoaded();

    private const int Vocabulary = 11, Context = 12, Width = 16, Layers = 2, Heads = 4;

    private static TinyLanguageModel Model(ulong seed, ScalarType dtype)
    {
        using var generator = new Generator(seed);
        return new TinyLanguageModel(Vocabulary, Context, Width, Layers, Heads, generator, dtype);
    }

    private static Tensor Tokens(int seed, int batch, int length)
    {
        var random = new Random(seed);
        return tensor(Enumerable.Range(0, batch * length).Select(_ => (long)random.Next(Vocabulary)).ToArray()).reshape(batch, length);
    }

    /// <summary>Weights of 0.1 instead of GPT-2's 0.02, so that attention is far from even and the checks bite, yet no weight underflows.</summary>
    private static void Sharpen(TinyLanguageModel model)
    {
        using var noGrad = no_grad();
        using var sharpening = 5.ToScalar();
        foreach (var p in model.parameters()) p.mul_(sharpening);
    }

    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float64)]
    public void OutputsUpToT_AreBitIdentical_WhateverComesAfterT(ScalarType dtype)
    {
        using var model = Model(3, dtype);
        Sharpen(model);
        using var noGrad = no_grad();
        var tokens = Tokens(1, 3, Context);
        using Scalar one = 1.ToScalar(), vocabulary = Vocabulary.ToScalar();
        for (int t = 0; t < Context - 1; t++)
        {
            var changed = tokens.clone();
            using var shift = (t % 3).ToScalar();
            changed[.., (t + 1)..] = (changed[.., (t + 1)..] + one + shift).remainder(vocabulary);
            var before = model.forward(tokens)[.., ..(t + 1)];
            var after = model.forward(changed)[.., ..(t + 1)];
            Assert.True(before.eq(after).all().AsBoolean(), $"outputs at ≤ {t} moved when tokens after {t} changed");
            Assert.False(model.forward(tokens)[.., (t + 1)..].eq(model.forward(changed)[.., (t + 1)..]).all().AsBoolean(), "the change reached no later output");
        }
    }

    [Fact]
    public void AttentionRows_AreDistributions_OverThePastOnly_AndHidingTheFirstToken_EmptiesItsColumn()
    {
        using var model = Model(4, ScalarType.Float64);
        Sharpen(model);
        using var noGrad = no_grad();
        var tokens = Tokens(2, 2, Context);
        using var one = 1.ToScalar();
        foreach (bool hide in new[] { false, true })
            foreach (var a in model.Trace(tokens, hideFirst: hide).Attention)
            {
                Assert.True((a.sum(-1) - one).abs().max().AsDouble() < 1e-12, "a row does not sum to 1");
                Assert.Equal(0, a.masked_select(ones(Context, Context, dtype: ScalarType.Bool).triu(1)).abs().max().AsDouble());
                Assert.True(a.min().AsDouble() >= 0);
                if (hide) Assert.Equal(0, a[.., .., 1.., 0].abs().max().AsDouble());
                else Assert.True(a[.., .., 1.., 0].min().AsDouble() > 0);
            }
    }

    [Fact]
    public void Attention_EqualsANaiveLoopOverQueriesAndKeys()
    {
        using var generator = new Generator(9);
        using var attention = new CausalSelfAttention(Width, Heads, generator, ScalarType.Float64);
        using var noGrad = no_grad();
        var weights = attention.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (var p in weights.Values) p.normal_(0, 1, generator);   // nonzero biases too
        int tokens = 7, d = Width / Heads;
        var x = randn(new long[] { 1, tokens, Width }, dtype: ScalarType.Float64, generator: generator);
        var (output, a) = attention.Attend(x, hideFirst: false);

        double[,] Matrix(Tensor t) { var m = new double[t.shape[0], t.shape[1]]; var v = t.data<double>().ToArray(); for (int i = 0; i < m.GetLength(0); i++) for (int j = 0; j < m.GetLength(1); j++) m[i, j] = v[i * m.GetLength(1) + j]; return m; }
        var xs = Matrix(x[0].contiguous());
        var wIn = Matrix(weights["inputWeight"].contiguous());
        var bIn = weights["inputBias"].data<double>().ToArray();
        var wOut = Matrix(weights["outputWeight"].contiguous());
        var bOut = weights["outputBias"].data<double>().ToArray();
        double Projected(int t, int column) { double s = bIn[column]; for (int i = 0; i < Width; i++) s += xs[t, i] * wIn[i, column]; return s; }
        var mixed = new double[tokens, Width];
        for (int h = 0; h < Heads; h++)
            for (int q = 0; q < tokens; q++)
            {
                var scores = new double[q + 1];
                for (int k = 0; k <= q; k++)
                    for (int c = 0; c < d; c++) scores[k] += Projected(q, h * d + c) * Projected(k, Width + h * d + c) / Math.Sqrt(d);
                double max = scores.Max(), total = scores.Sum(s => Math.Exp(s - max));
                for (int k = 0; k < tokens; k++)
                {
                    double expected = k <= q ? Math.Exp(scores[k] - max) / total : 0;
                    Assert.Equal(expected, a[0, h, q, k].AsDouble(), 1e-12);
                    if (k <= q)
                        for (int c = 0; c < d; c++) mixed[q, h * d + c] += expected * Projected(k, 2 * Width + h * d + c);
                }
            }
        for (int t = 0; t < tokens; t++)
            for (int j = 0; j < Width; j++)
            {
                double expected = bOut[j];
                for (int i = 0; i < Width; i++) expected += mixed[t, i] * wOut[i, j];
                Assert.Equal(expected, output[0, t, j].AsDouble(), 1e-12);
            }
    }

    [Fact]
    public void Gradients_MatchCentralFiniteDifferences_InFloat64()
    {
        using var model = Model(5, ScalarType.Float64);
        Sharpen(model);
        var tokens = Tokens(3, 2, Context);
        model.zero_grad();
        model.NextTokenLoss(tokens).backward();
        var parameters = model.named_parameters().ToList();
        Assert.True(parameters.Count > 10);
        var random = new Random(1);
        const double H = 1e-6;
        foreach (var (name, p) in parameters.Where((_, i) => i % 3 == 0))
        {
            var flat = p.view(-1);
            var gradient = p.grad!.view(-1);
            for (int trial = 0; trial < 2; trial++)
            {
                long i = random.NextInt64(flat.shape[0]);
                double original = flat[i].AsDouble(), analytic = gradient[i].AsDouble();
                double Loss(double value)
                {
                    using var noGrad = no_grad();
                    flat[i] = tensor(value, dtype: ScalarType.Float64);
                    return model.NextTokenLoss(tokens).AsDouble();
                }
                double numeric = (Loss(original + H) - Loss(original - H)) / (2 * H);
                Loss(original);
                Assert.True(Math.Abs(numeric - analytic) <= 1e-6 * Math.Max(Math.Abs(analytic), 1e-3),
                    $"{name}[{i}]: autograd {analytic:G10}, central difference {numeric:G10}");
            }
        }
    }

    [Fact]
    public void TheSameSeed_GivesIdenticalParametersAndLoss_AndAnotherSeedDoesNot()
    {
        using var a = Model(7, ScalarType.Float32);
        using var b = Model(7, ScalarType.Float32);
        using var c = Model(8, ScalarType.Float32);
        var pa = a.parameters().ToList();
        var pb = b.parameters().ToList();
        Assert.All(pa.Zip(pb), pair => Assert.True(pair.First.eq(pair.Second).all().AsBoolean()));
        var tokens = Tokens(4, 3, Context);
        Assert.Equal(a.NextTokenLoss(tokens).AsDouble(), b.NextTokenLoss(tokens).AsDouble());
        Assert.NotEqual(a.NextTokenLoss(tokens).AsDouble(), c.NextTokenLoss(tokens).AsDouble());
    }

    [Fact]
    public void WindowsPastTheContext_AreRefused()
    {
        using var model = Model(1, ScalarType.Float32);
        Assert.Throws<TheoryLabException>(() => model.Trace(Tokens(1, 1, Context + 1)));
        Assert.Throws<TheoryLabException>(() => model.Trace(Tokens(1, 1, Context - 2), firstPosition: 3));
    }

    /// <summary>A block's values are the last third of its input projection of the LayerNormed stream, split by head.</summary>
    [Fact]
    public void BlockValues_AreTheLastThirdOfTheInputProjection_SplitByHead()
    {
        using var model = Model(5, ScalarType.Float64);
        using var noGrad = no_grad();
        var h = model.Trace(Tokens(6, 2, Context)).Residuals[1];
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var weight = parameters["blocks.1.attention.inputWeight"];
        var bias = parameters["blocks.1.attention.inputBias"];
        // LayerNorm's gain and shift start at 1 and 0, so the block's norm is the plain normalisation.
        var projected = nn.functional.layer_norm(h, [Width]).matmul(weight) + bias;
        var expected = projected[.., .., (2 * Width)..].reshape(2, Context, Heads, Width / Heads).transpose(1, 2);
        var values = model.Block(1).Values(h);
        Assert.Equal(expected.shape, values.shape);
        Assert.True(values.allclose(expected, rtol: 0, atol: 1e-12));
    }
}

using TheoryLab.Analysis;
using TheoryLab.Analysis.Curvature;
using TheoryLab.Torch;
using TheoryLab.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Analysis.Curvature;

public class HessianOperatorTests
{
    [Fact]
    public void Product_MatchesCentralDifferencesOfTheGradient()
    {
        var problem = SmallProblems.TanhNetwork(seed: 1);
        var theta = ParameterVector.Of(problem.Model);
        using var v = randn(theta.Length, dtype: float64, generator: new Generator(2));
        using var hessian = HessianOperator.OverData(problem);
        using var product = hessian.Multiply(v);

        // (∇L(θ + hv) − ∇L(θ − hv))/2h = Hv + O(h²): with h = 1e-5 the truncation is ~1e-10 and rounding ~1e-16/h ≈ 1e-11.
        double h = 1e-5;
        theta.Add(v, h);
        using var plus = Gradient(problem);
        theta.Add(v, -2 * h);
        using var minus = Gradient(problem);
        theta.Add(v, h);
        using var width = (2 * h).ToScalar();
        using var difference = (plus - minus) / width;

        double scale = product.abs().max().AsDouble();
        Assert.True(product.allclose(difference, rtol: 0, atol: 1e-7 * scale), $"max deviation {(product - difference).abs().max().AsDouble()}");
    }

    [Fact]
    public void Product_OnOneBatch_IsTheDoubleBackwardOfTheInnerProductWithTheGradient_BitForBit()
    {
        // Pearlmutter's Hv = ∇⟨∇L, v⟩, formed here as written; the operator starts the backward pass from v instead,
        // which must not change a bit (its weight 1 and zero anchor are exact).
        var problem = SmallProblems.TanhNetwork(seed: 7);
        var batch = problem.Data.Epoch(0).First();
        var theta = ParameterVector.Of(problem.Model);
        using var v = randn(theta.Length, dtype: float64, generator: new Generator(8));
        using var hessian = new HessianOperator(problem, [batch]);
        using var product = hessian.Multiply(v);

        var parameters = theta.Parameters.ToArray();
        var gradient = autograd.grad([problem.Loss(problem.Model, batch)], parameters, retain_graph: true, create_graph: true);
        var parts = theta.Split(v);
        var inner = stack([.. gradient.Select((g, k) => g.mul(parts[k]).sum())]).sum();
        using var expected = theta.Flatten([.. autograd.grad([inner], parameters)]);
        Assert.True(product.equal(expected).all().item<bool>(), $"max deviation {(product - expected).abs().max().AsDouble()}");
    }

    [Fact]
    public void Exact_OfLeastSquaresWithoutTargets_IsTheGramMatrix()
    {
        // L(w) = ½ mean (xᵀw)²: a loss with no targets whose Hessian is XᵀX/n exactly.
        var generator = new Generator(3);
        using Scalar half = 0.5.ToScalar(), examples = 30.ToScalar();
        var inputs = randn(30, 5, dtype: float64, generator: generator);
        var model = nn.Linear(5, 1, hasBias: false, dtype: float64);
        var problem = new Problem(model, new TensorBatches(inputs, null, 7, shuffle: false),
            (m, batch) => m.forward(batch.Inputs).Squared().mean().mul(half));
        using var hessian = HessianOperator.OverData(problem);
        using var exact = hessian.Exact();

        using var gram = inputs.T.matmul(inputs) / examples;
        Assert.True(exact.allclose(gram, rtol: 1e-12, atol: 1e-12));
    }

    [Fact]
    public void OverSeveralBatches_EqualsOneBatchOfAllTheData()
    {
        // Batches of 16, 16 and 16 averaged by size are the full-batch loss; so are their Hessians.
        var problem = SmallProblems.TanhNetwork(seed: 4);
        var everything = problem.Data.Epoch(0).ToList();
        var whole = new Batch(cat([.. everything.Select(b => b.Inputs)]), cat([.. everything.Select(b => b.Targets!)]));
        using var batched = HessianOperator.OverData(problem);
        using var single = new HessianOperator(problem, [whole]);

        Assert.Equal(single.Loss, batched.Loss, 1e-12);
        Assert.True(batched.Exact().allclose(single.Exact(), rtol: 1e-10, atol: 1e-12));
    }

    [Fact]
    public void BlockHessians_AreTheDiagonalBlocksOfTheFullHessian()
    {
        var problem = SmallProblems.TanhNetwork(seed: 5);
        using var full = HessianOperator.OverData(problem).Exact();
        foreach (var block in ParameterVector.PerLayer(problem.Model).Concat(ParameterVector.PerTensor(problem.Model)))
        {
            using var hessian = new HessianOperator(problem, problem.Data.Epoch(0), block);
            using var exact = hessian.Exact();
            long start = ParameterVector.Of(problem.Model).Blocks.First(b => b.Name == block.Blocks[0].Name).Offset;
            using var expected = full.narrow(0, start, block.Length).narrow(1, start, block.Length);
            Assert.True(exact.allclose(expected, rtol: 1e-10, atol: 1e-12), block.Name);
        }
    }

    [Fact]
    public void Gradient_IsTheGradientOfTheAveragedLoss()
    {
        var problem = SmallProblems.TanhNetwork(seed: 6);
        using var hessian = HessianOperator.OverData(problem);
        using var expected = Gradient(problem);
        Assert.True(hessian.Gradient.allclose(expected, rtol: 1e-12, atol: 1e-14));
        Assert.Equal(problem.AverageLoss(), hessian.Loss, 1e-12);
    }

    /// <summary>∇L over the whole data by ordinary back-propagation.</summary>
    private static Tensor Gradient(Problem problem)
    {
        var theta = ParameterVector.Of(problem.Model);
        problem.Model.zero_grad();
        long total = problem.Data.Count;
        foreach (var batch in problem.Data.Epoch(0))
        {
            using var scope = NewDisposeScope();
            using var share = ((double)batch.Inputs.shape[0] / total).ToScalar();
            problem.Loss(problem.Model, batch).mul(share).backward();
        }
        return theta.Gradient();
    }
}

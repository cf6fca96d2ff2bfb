using TheoryLab.Torch;
using TheoryLab.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Analysis.Landscape;

/// <summary>A module that is nothing but a trainable vector w, returned whatever the input: for losses of w alone.</summary>
internal sealed class FreeVector : nn.Module<Tensor, Tensor>
{
    private readonly Parameter w;

    public FreeVector(params double[] values) : base("FreeVector")
    {
        w = new Parameter(tensor(values, dtype: float64));
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => w.alias();
}

/// <summary>Small models and data whose landscapes the tests know in closed form.</summary>
internal static class LandscapeTestModels
{
    /// <summary>One batch whose inputs the loss ignores.</summary>
    public static IBatchSource NoData() => new TensorBatches(zeros(1, 1), null, batchSize: 1, shuffle: false);

    /// <summary>
    /// The no-target loss L(w) = Σₖ (w·xₖ)² / n of a bias-free linear map on fixed inputs: a quadratic form wᵀCw with
    /// C = XᵀX/n, known exactly.
    /// </summary>
    public static (Problem Problem, double[,] C) QuadraticForm(int dimension, int examples, long seed, int batchSize)
    {
        var generator = new Generator((ulong)seed);
        var x = randn([examples, dimension], dtype: float64, generator: generator);
        var model = nn.Linear(dimension, 1, hasBias: false, dtype: float64);
        using (no_grad()) model.weight!.copy_(randn([1, dimension], dtype: float64, generator: generator));
        var c = new double[dimension, dimension];
        var xs = x.data<double>().ToArray();
        for (int k = 0; k < examples; k++)
            for (int i = 0; i < dimension; i++)
                for (int j = 0; j < dimension; j++)
                    c[i, j] += xs[k * dimension + i] * xs[k * dimension + j] / examples;
        LossFunction loss = (m, batch) => m.call(batch.Inputs).Squared().mean();
        return (new Problem(model, new TensorBatches(x, null, batchSize, shuffle: false), loss), c);
    }

    /// <summary>wᵀCw in double precision.</summary>
    public static double Quadratic(double[,] c, double[] w)
    {
        double sum = 0;
        for (int i = 0; i < w.Length; i++)
            for (int j = 0; j < w.Length; j++)
                sum += w[i] * c[i, j] * w[j];
        return sum;
    }
}

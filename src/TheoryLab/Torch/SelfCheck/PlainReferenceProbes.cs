using static TorchSharp.torch;

namespace TheoryLab.Torch.SelfCheck;

/// <summary>
/// The float64 references themselves, checked against loops written here: if libtorch's double-precision
/// path were wrong too, the float32 comparisons would agree with a wrong answer.
/// </summary>
internal static class PlainReferenceProbes
{
    public static KernelProbe Conv1d { get; } = new("conv1d float64 against plain C# (3→4 k3 s2 p1)", generator =>
    {
        var x = randn([2, 3, 11], dtype: ScalarType.Float64, generator: generator);
        var w = randn([4, 3, 3], dtype: ScalarType.Float64, generator: generator);
        var torchResult = nn.functional.conv1d(x, w, stride: 2, padding: 1);
        return [new KernelComparison("forward", torchResult, tensor(Conv1dLoops(x.data<double>().ToArray(), w.data<double>().ToArray(), 2, 3, 11, 4, 3, 2, 1), [2, 4, torchResult.shape[2]]))];
    }, KernelProbe.DoublePrecision);

    public static KernelProbe MatrixProduct { get; } = new("matrix product float64 against plain C# (7×5 · 5×6)", generator =>
    {
        var a = randn([7, 5], dtype: ScalarType.Float64, generator: generator);
        var b = randn([5, 6], dtype: ScalarType.Float64, generator: generator);
        return [new KernelComparison("forward", a.matmul(b), tensor(ProductLoops(a.data<double>().ToArray(), b.data<double>().ToArray(), 7, 5, 6), [7, 6]))];
    }, KernelProbe.DoublePrecision);

    private static double[] Conv1dLoops(double[] x, double[] w, int batch, int inChannels, int length, int outChannels, int kernel, int stride, int padding)
    {
        int outLength = (length + 2 * padding - kernel) / stride + 1;
        var y = new double[batch * outChannels * outLength];
        for (int n = 0; n < batch; n++)
            for (int o = 0; o < outChannels; o++)
                for (int t = 0; t < outLength; t++)
                {
                    double sum = 0;
                    for (int i = 0; i < inChannels; i++)
                        for (int k = 0; k < kernel; k++)
                        {
                            int at = t * stride - padding + k;
                            if (at >= 0 && at < length) sum += w[(o * inChannels + i) * kernel + k] * x[(n * inChannels + i) * length + at];
                        }
                    y[(n * outChannels + o) * outLength + t] = sum;
                }
        return y;
    }

    private static double[] ProductLoops(double[] a, double[] b, int rows, int inner, int columns)
    {
        var c = new double[rows * columns];
        for (int r = 0; r < rows; r++)
            for (int col = 0; col < columns; col++)
                for (int k = 0; k < inner; k++)
                    c[r * columns + col] += a[r * inner + k] * b[k * columns + col];
        return c;
    }
}

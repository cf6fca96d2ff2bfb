using TheoryLab.Torch;
using TheoryLab.Training;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Training;

public class RidgeClassifierTests
{
    [Fact]
    public void Scores_EqualTheNormalEquationsSolvedByGaussianElimination()
    {
        TorchRuntime.EnsureLoaded();
        const int n = 30, d = 4, classes = 3;
        const double ridge = 0.1;
        var random = new Random(7);
        var x = new double[n, d];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = i % classes;
            for (int j = 0; j < d; j++) x[i, j] = random.NextDouble() * (j + 1) + labels[i] * (j == 0 ? 1 : 0);
        }

        // Standardise each column, then solve (ZᵀZ + λnI) W = Zᵀ(Y − Ȳ) by Gaussian elimination in plain doubles.
        var z = new double[n, d];
        for (int j = 0; j < d; j++)
        {
            double mean = 0, square = 0;
            for (int i = 0; i < n; i++) mean += x[i, j] / n;
            for (int i = 0; i < n; i++) square += (x[i, j] - mean) * (x[i, j] - mean) / n;
            for (int i = 0; i < n; i++) z[i, j] = (x[i, j] - mean) / Math.Sqrt(square);
        }
        var system = new double[d, d + classes];
        for (int a = 0; a < d; a++)
        {
            for (int b = 0; b < d; b++)
            {
                for (int i = 0; i < n; i++) system[a, b] += z[i, a] * z[i, b];
                if (a == b) system[a, b] += ridge * n;
            }
            for (int k = 0; k < classes; k++)
                for (int i = 0; i < n; i++) system[a, d + k] += z[i, a] * ((labels[i] == k ? 1 : 0) - 1.0 / classes);
        }
        for (int p = 0; p < d; p++)
            for (int r = 0; r < d; r++)
            {
                if (r == p) continue;
                double factor = system[r, p] / system[p, p];
                for (int c = p; c < d + classes; c++) system[r, c] -= factor * system[p, c];
            }

        var flat = new double[n * d];
        Buffer.BlockCopy(x, 0, flat, 0, flat.Length * sizeof(double));
        using var features = tensor(flat, [n, d]);
        using var classifier = new RidgeClassifier(features, labels, classes, ridge);
        using var scores = classifier.Scores(features);
        var actual = scores.data<double>().ToArray();
        for (int i = 0; i < n; i++)
            for (int k = 0; k < classes; k++)
            {
                double expected = 1.0 / classes;
                for (int j = 0; j < d; j++) expected += z[i, j] * system[j, d + k] / system[j, j];
                Assert.Equal(expected, actual[i * classes + k], 10);
            }
    }

    [Fact]
    public void WellSeparatedClusters_AreClassifiedWithoutError_AndAConstantFeatureIsHarmless()
    {
        TorchRuntime.EnsureLoaded();
        const int perClass = 20, classes = 3;
        var random = new Random(3);
        var flat = new List<double>();
        var labels = new List<int>();
        for (int k = 0; k < classes; k++)
            for (int i = 0; i < perClass; i++)
            {
                // Centres (0, 0), (10, 0), (0, 10): not on one line, where least squares on indicators masks the middle class.
                flat.AddRange([(k == 1 ? 10 : 0) + random.NextDouble(), (k == 2 ? 10 : 0) + random.NextDouble(), 4.0]);
                labels.Add(k);
            }
        using var features = tensor(flat.ToArray(), [classes * perClass, 3]);
        using var classifier = new RidgeClassifier(features, [.. labels], classes, 1e-3);
        Assert.Equal(0, classifier.Error(features, [.. labels]));
    }
}

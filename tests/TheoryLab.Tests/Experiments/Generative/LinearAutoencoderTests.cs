using TheoryLab.Data;
using TheoryLab.Experiments.Generative;
using TheoryLab.Kernel;
using TheoryLab.Numerics.Subspaces;
using TheoryLab.Runs;
using TheoryLab.Tests.Conformance;

namespace TheoryLab.Tests.Experiments.Generative;

/// <summary>
/// The quick run's science against a second computation: the covariance of the same examples formed here in plain C#,
/// its eigenvalues and eigenvectors by Jacobi rotations (not LAPACK's eigh, which the run uses), and the largest principal
/// angle from the spectral norm of the difference of the two orthogonal projectors, ‖P_D − P_U‖₂ = sin θ_max (not from
/// the SVD of Q₁ᵀQ₂ the run uses).
/// </summary>
[Collection(QuickRunsCollection.Name)]
public class LinearAutoencoderTests(QuickRuns runs)
{
    private readonly ExperimentResult _result = runs["linear-autoencoder"].Result;
    private static readonly LinearAutoencoderOptions Quick = new LinearAutoencoder().Quick;

    /// <summary>The quick run's examples (the first n of the training split at seed 0), centred, and their covariance.</summary>
    private static readonly Lazy<(double[] Eigenvalues, double[,] Eigenvectors)> Spectrum = new(() =>
    {
        var train = Datasets.Load(Quick.Dataset, QuickRuns.Data, 0).Train;
        int n = Math.Min(Quick.Examples, train.Count), d = train.ExampleSize;
        var mean = new double[d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) mean[j] += train.Inputs[i * d + j] / (double)n;
        var c = new double[d, d];
        for (int i = 0; i < n; i++)
            for (int a = 0; a < d; a++)
            {
                double xa = train.Inputs[i * d + a] - mean[a];
                for (int b = 0; b <= a; b++) c[a, b] += xa * (train.Inputs[i * d + b] - mean[b]) / n;
            }
        for (int a = 0; a < d; a++) for (int b = 0; b < a; b++) c[b, a] = c[a, b];
        return SymmetricEigen.Decompose(c);
    });

    public static TheoryData<int, string> Codecs()
    {
        var data = new TheoryData<int, string>();
        foreach (int k in Quick.Bottlenecks) foreach (var kind in new[] { "untied", "tied" }) data.Add(k, kind);
        return data;
    }

    [Theory]
    [MemberData(nameof(Codecs))]
    public void LargestPrincipalAngle_AgreesWithAProjectorNormFromAnIndependentEigenbasis_AndIsBelowOneDegree(int k, string kind)
    {
        var decoders = _result.Table("decoders");
        int d = decoders.RowCount;
        var decoder = new double[d, k];
        for (int i = 0; i < k; i++)
        {
            var column = decoders.Numbers($"decoder_k{k}_{kind}_{i + 1}");
            for (int r = 0; r < d; r++) decoder[r, i] = column[r];
        }
        var (_, vectors) = Spectrum.Value;
        // P_D = D (DᵀD)⁻¹ Dᵀ and P_U = U_k U_kᵀ; the largest eigenvalue of (P_D − P_U)² is sin² θ_max.
        var inverse = Inverse(DenseMatrices.Gram(decoder, decoder));
        var difference = new double[d, d];
        for (int r = 0; r < d; r++)
            for (int s = 0; s < d; s++)
            {
                double pd = 0, pu = 0;
                for (int i = 0; i < k; i++)
                {
                    pu += vectors[r, i] * vectors[s, i];
                    for (int j = 0; j < k; j++) pd += decoder[r, i] * inverse[i, j] * decoder[s, j];
                }
                difference[r, s] = pd - pu;
            }
        var square = DenseMatrices.Gram(difference, difference);
        double sine = Math.Sqrt(Math.Max(0, SymmetricEigen.Decompose(square).Values[0]));
        double recomputed = Math.Asin(Math.Min(1, sine)) * 180 / Math.PI;

        var finding = _result.Finding($"largest_angle_k{k}_{kind}");
        Assert.Equal(0, finding.Expected);
        Assert.True(finding.Value < 1, $"k = {k} {kind}: largest angle {finding.Value}°");
        Assert.True(Math.Abs(recomputed - finding.Value) < 1e-5, $"k = {k} {kind}: run {finding.Value}°, recomputed {recomputed}°");
    }

    [Fact]
    public void EckartYoungBound_IsTheSumOfTheDiscardedEigenvaluesOfTheCovarianceComputedHere()
    {
        var (values, _) = Spectrum.Value;
        var final = _result.Table("final");
        for (int row = 0; row < final.RowCount; row++)
        {
            int k = (int)final.Numbers("k")[row];
            double independent = values.Skip(k).Sum(v => Math.Max(0, v));
            Assert.Equal(independent, final.Numbers("eckart_young_bound")[row], independent * 1e-9);
            // No rank-k map beats the bound; gradient descent meets it.
            double ratio = final.Numbers("error_over_bound")[row];
            Assert.True(ratio > 1 - 1e-9 && ratio < 1 + 1e-3, $"{final.Texts("run")[row]}: error / bound = {ratio}");
        }
        foreach (int k in Quick.Bottlenecks)
            foreach (var kind in new[] { "untied", "tied" })
                Assert.Equal(1, _result.Finding($"error_over_bound_k{k}_{kind}").Value, 1e-4);
    }

    [Fact]
    public void NestedLoss_AlignsTheColumnsWithThePrincipalDirections_ThePlainLossDoesNot()
    {
        foreach (int k in Quick.Bottlenecks)
        {
            double plain = _result.Finding($"direction_angle_k{k}_untied").Value;
            double nested = _result.Finding($"direction_angle_k{k}_nested").Value;
            Assert.True(nested < 3, $"k = {k}: nested mean angle {nested}°");
            Assert.True(plain > 5 * nested && plain > 10, $"k = {k}: plain {plain}° against nested {nested}°");
        }
    }

    [Fact]
    public void PcaErrors_AreTheEckartYoungBoundOnTheTrainingExamples()
    {
        var nonlinear = _result.Table("nonlinear");
        var final = _result.Table("final");
        for (int row = 0; row < nonlinear.RowCount; row++)
        {
            int k = (int)nonlinear.Numbers("k")[row];
            int f = Enumerable.Range(0, final.RowCount).First(r => final.Texts("run")[r] == $"k{k}_untied");
            Assert.Equal(final.Numbers("eckart_young_bound")[f], nonlinear.Numbers("pca_train")[row], 1e-9 * nonlinear.Numbers("pca_train")[row]);
            Assert.True(_result.Finding($"nonlinear_over_pca_k{k}").Value > 0);
        }
    }

    private static double[,] Inverse(double[,] a)
    {
        int n = a.GetLength(0);
        var m = new double[n, 2 * n];
        for (int i = 0; i < n; i++) { for (int j = 0; j < n; j++) m[i, j] = a[i, j]; m[i, n + i] = 1; }
        for (int c = 0; c < n; c++)
        {
            int pivot = Enumerable.Range(c, n - c).MaxBy(r => Math.Abs(m[r, c]));
            for (int j = 0; j < 2 * n; j++) (m[c, j], m[pivot, j]) = (m[pivot, j], m[c, j]);
            double p = m[c, c];
            for (int j = 0; j < 2 * n; j++) m[c, j] /= p;
            for (int r = 0; r < n; r++)
            {
                if (r == c) continue;
                double f = m[r, c];
                for (int j = 0; j < 2 * n; j++) m[r, j] -= f * m[c, j];
            }
        }
        var inverse = new double[n, n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) inverse[i, j] = m[i, n + j];
        return inverse;
    }
}

/// <summary>The defaults (MNIST, k up to 20), run once for the reproduction suite: the done-when criterion, largest angle below 1°.</summary>
public sealed class DefaultLinearAutoencoderRun
{
    public ExperimentResult Result { get; }

    public DefaultLinearAutoencoderRun()
    {
        var experiment = new LinearAutoencoder();
        using var directory = new TempDirectory();
        Result = Runner.Run(new RunRequest(experiment, experiment.Defaults) { OutputDirectory = directory.Path, Data = QuickRuns.Data }).Result!;
    }
}

[Trait("Category", "Reproduction")]
public class LinearAutoencoderReproductionTests(DefaultLinearAutoencoderRun run) : IClassFixture<DefaultLinearAutoencoderRun>
{
    [Fact]
    public void AtTheDefaults_EveryLargestPrincipalAngleIsBelowOneDegree_AndTheErrorMeetsTheBound()
    {
        foreach (int k in new LinearAutoencoder().Defaults.Bottlenecks)
            foreach (var kind in new[] { "untied", "tied" })
            {
                Assert.True(run.Result.Finding($"largest_angle_k{k}_{kind}").Value < 1, $"k = {k} {kind}");
                Assert.Equal(1, run.Result.Finding($"error_over_bound_k{k}_{kind}").Value, 1e-4);
            }
    }
}

using TheoryLab.Data;
using TheoryLab.Data.Mnist1D;
using TheoryLab.Torch;
using TorchSharp;
using Xunit.Abstractions;

namespace TheoryLab.Tests.Data.Mnist1D;

/// <summary>
/// Greydanus (2020, Table 1): logistic regression 32%, MLP 68%, CNN 94% test accuracy on MNIST-1D. Each model is
/// trained with his setup on the published set and on a generated one, from three initialisations (torch seeds
/// 0, 1, 2), and the mean test accuracy is compared with the table. Tolerance ±4 points, fixed before measuring:
/// the binomial sd of an accuracy on 1,000 test examples is up to 1.5 points, and the author's own rerun
/// (notebooks/mnist1d-classification.ipynb: 31.5%, 65.1%, 92.3%) differs from the table by up to 2.9. A single
/// MLP run varies by ±2.5 points between seeds (measured), hence the mean of three.
/// </summary>
[Trait("Category", "Reproduction")]
[Collection(RunAloneCollection.Name)]
public class Mnist1DPaperAccuracyTests(ITestOutputHelper output)
{
    private const double Tolerance = 4;
    private const int Initialisations = 3;

    public static TheoryData<string, double> Models => new() { { "logistic", 32 }, { "mlp", 68 }, { "cnn", 94 } };

    [Theory]
    [MemberData(nameof(Models))]
    public void GeneratedSet_GivesThePapersAccuracy(string model, double paper) =>
        Check(model, paper, Mnist1DGenerator.Generate(0).Splits, "generated (seed 0)");

    [SharedDataTheory("mnist1d/train_x.csv")]
    [MemberData(nameof(Models))]
    public void PublishedSet_GivesThePapersAccuracy(string model, double paper) =>
        Check(model, paper, Mnist1DPublished.Load(SharedDatasets.PathOf("mnist1d")!).Splits, "published");

    private void Check(string model, double paper, TrainTest data, string which)
    {
        TorchRuntime.EnsureLoaded();
        // Models this small gain nothing from a second intra-op thread; on a shared 2-core machine it made
        // each step 10–20 times slower (measured: CNN 312 ms/step with 2 threads, 18 ms/step with 1).
        torch.set_num_threads(1);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var accuracies = new List<double>();
        long parameters = 0;
        for (int seed = 0; seed < Initialisations; seed++)
        {
            torch.manual_seed(seed);
            var network = model switch
            {
                "logistic" => Mnist1DPaperModels.Logistic(),
                "mlp" => Mnist1DPaperModels.Mlp(),
                _ => Mnist1DPaperModels.Cnn(),
            };
            parameters = Mnist1DPaperModels.Parameters(network);
            accuracies.Add(Mnist1DPaperModels.TrainAndTest(network, data));
        }
        double mean = accuracies.Average();
        output.WriteLine($"{model} on {which}: mean {mean:F1}% test accuracy over seeds 0–{Initialisations - 1} ({string.Join(", ", accuracies.Select(a => $"{a:F1}"))}); paper {paper}%; {parameters} parameters; {watch.Elapsed.TotalSeconds:F0} s");
        Assert.InRange(mean, paper - Tolerance, paper + Tolerance);
    }
}

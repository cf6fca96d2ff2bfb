using TheoryLab.Numerics.Statistics;

namespace TheoryLab.Data.Mnist1D;

/// <summary>
/// Generates MNIST-1D (Greydanus 2020, "Scaling Down Deep Learning", arXiv:2011.14439) from its ten templates:
/// equally many transformed examples of each digit, shuffled, centred and scaled to unit standard deviation
/// over the whole set, then split. Draws come from <see cref="Random"/> seeded with the given seed, so the
/// same parameters and seed give the same data; the numbers differ from NumPy's, the distribution does not.
/// </summary>
public static class Mnist1DGenerator
{
    private const int Digits = 10;

    /// <summary>The dataset for <paramref name="parameters"/> (the paper's defaults when null) and <paramref name="seed"/>.</summary>
    public static Mnist1DData Generate(int seed, Mnist1DParameters? parameters = null)
    {
        var p = parameters ?? new Mnist1DParameters();
        p.Validate();
        var random = new Random(seed);
        var draws = new NormalDraws(random);
        var templates = Mnist1DTemplates.Values;

        int perDigit = p.Samples / Digits;
        int count = perDigit * Digits;
        int length = p.FinalLength;
        var examples = new double[count][];
        var labels = new int[count];
        for (int digit = 0, n = 0; digit < Digits; digit++)
            for (int k = 0; k < perDigit; k++, n++)
            {
                examples[n] = Mnist1DTransform.Apply(templates[digit], p, draws);
                labels[n] = digit;
            }

        int[] order = random.Permutation(count);
        int[] positionOrder = p.ShuffleSequence ? random.Permutation(length) : [.. Enumerable.Range(0, length)];

        double mean = examples.Sum(e => e.Sum()) / ((double)count * length);
        double std = Math.Sqrt(examples.Sum(e => e.Sum(v => (v - mean) * (v - mean))) / ((double)count * length));

        var inputs = new float[count * length];
        var shuffledLabels = new int[count];
        for (int n = 0; n < count; n++)
        {
            var source = examples[order[n]];
            shuffledLabels[n] = labels[order[n]];
            for (int j = 0; j < length; j++) inputs[n * length + j] = (float)((source[positionOrder[j]] - mean) / std);
        }

        // The templates' coordinates run from −5/6 to 5/6; dilation and subsampling keep them evenly spaced.
        double first = -5.0 / 6, last = 5.0 / 6;
        var positions = Enumerable.Range(0, length).Select(j => (first + (last - first) * j / (length - 1)) / std).ToArray();

        var all = new LabeledData("mnist1d", inputs, shuffledLabels, [length], Digits);
        int trainCount = (int)(count * p.TrainFraction);
        var train = all.Select([.. Enumerable.Range(0, trainCount)], "mnist1d/train");
        var test = all.Select([.. Enumerable.Range(trainCount, count - trainCount)], "mnist1d/test");
        return new(new(train, test), positions);
    }
}

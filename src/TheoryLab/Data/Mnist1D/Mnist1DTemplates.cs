using System.Globalization;

namespace TheoryLab.Data.Mnist1D;

/// <summary>
/// The ten 12-point digit templates MNIST-1D starts from (Greydanus 2020, arXiv:2011.14439; Apache-2.0),
/// row d for digit d: each hand-drawn profile whitened, shifted to start and end at 0, and divided by 6,
/// exactly as in the published dataset's 'templates' entry.
/// </summary>
public static class Mnist1DTemplates
{
    private const string ResourceName = "TheoryLab.Data.Mnist1D.mnist1d_templates.csv";

    /// <summary>Template values: 10 rows (digits 0–9) of 12 points.</summary>
    public static IReadOnlyList<double[]> Values { get; } = Read();

    /// <summary>Points per template.</summary>
    public static int Length => Values[0].Length;

    private static double[][] Read()
    {
        using var stream = typeof(Mnist1DTemplates).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the embedded resource {ResourceName} is missing from the TheoryLab assembly");
        using var reader = new StreamReader(stream);
        return [.. reader.ReadToEnd()
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())];
    }
}

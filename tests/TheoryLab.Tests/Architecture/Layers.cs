namespace TheoryLab.Tests.Architecture;

/// <summary>
/// The library's layers, lowest first, as the README draws them: a namespace may use its own layer and the
/// ones below it. A namespace belongs to the longest prefix listed. Topics under Experiments are siblings
/// that may not use each other; what two topics share belongs in a lower layer.
/// </summary>
internal static class Layers
{
    public static readonly string[] Order =
    [
        "TheoryLab",
        "TheoryLab.Text",
        "TheoryLab.Numerics",
        "TheoryLab.Tables",
        "TheoryLab.Figures",
        "TheoryLab.Options",
        "TheoryLab.Torch",
        "TheoryLab.Data",
        "TheoryLab.Kernel",
        "TheoryLab.Models",
        "TheoryLab.Training",
        "TheoryLab.Analysis",
        "TheoryLab.Experiments",
        "TheoryLab.Citations",
        "TheoryLab.Runs",
        "TheoryLab.RunIndex",
        "TheoryLab.Sweeps",
        "TheoryLab.Report",
        "TheoryLab.Diagnostics",
        // Above the library, in assemblies of their own: the explorer (theorylab serve), then the command that starts it.
        "TheoryLab.Web",
        "TheoryLab.Cli",
    ];

    private const string Topics = "TheoryLab.Experiments.";

    /// <summary>The index in <see cref="Order"/> of the layer a namespace belongs to, or -1 outside TheoryLab.</summary>
    public static int Of(string? ns)
    {
        if (ns is null) return -1;
        int best = -1;
        for (int k = 0; k < Order.Length; k++)
            if ((ns == Order[k] || ns.StartsWith(Order[k] + ".", StringComparison.Ordinal)) && (best < 0 || Order[k].Length > Order[best].Length))
                best = k;
        return best;
    }

    /// <summary>The topic of an Experiments namespace ("Landscape"), or null for the Experiments layer itself and elsewhere.</summary>
    public static string? Topic(string? ns) =>
        ns is not null && ns.StartsWith(Topics, StringComparison.Ordinal) ? ns[Topics.Length..].Split('.')[0] : null;

    /// <summary>Why <paramref name="user"/> may not use <paramref name="used"/>, or null when it may.</summary>
    public static string? Violation(string? user, string? used)
    {
        int from = Of(user), to = Of(used);
        if (from < 0 || to < 0) return null;
        if (to > from) return $"{user} (layer {Order[from]}) uses {used} (layer {Order[to]}, above it)";
        string? a = Topic(user), b = Topic(used);
        if (a is not null && b is not null && a != b) return $"topic {a} uses topic {b}";
        return null;
    }
}

using TheoryLab.Models.Transformers;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Analysis.Jailbreak;

/// <summary>Small float64 transformers whose weights are five times GPT-2's scale, so that outputs depend strongly on the tokens and the checks bite.</summary>
internal static class JailbreakModels
{
    public static TinyLanguageModel Sharp(ulong seed, int vocabulary, int context = 12, int width = 16, int layers = 2, int heads = 2)
    {
        using var generator = new Generator(seed);
        var model = new TinyLanguageModel(vocabulary, context, width, layers, heads, generator, ScalarType.Float64);
        using var noGrad = no_grad();
        using var sharpening = 5.ToScalar();
        foreach (var p in model.parameters()) p.mul_(sharpening);
        model.eval();
        return model;
    }
}

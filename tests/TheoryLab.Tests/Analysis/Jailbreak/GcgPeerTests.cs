using System.Globalization;
using TheoryLab.Analysis.Jailbreak;
using TheoryLab.Tests.Peers;
using TheoryLab.Torch;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Analysis.Jailbreak;

/// <summary>
/// The transformer and GCG's one-hot gradient against the same GPT-2-shaped model written in PyTorch and run by
/// Debian's python3-torch on the same float64 weights: the logits and the one-hot gradient of −log p(target) agree
/// to 1e-10.
/// </summary>
public class GcgPeerTests
{
    public GcgPeerTests() => TorchRuntime.EnsureLoaded();

    private const string Script = """
        import sys, math
        import numpy as np
        import torch
        folder, layers, heads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
        names = open(f"{folder}/names.txt").read().split()
        w = {n: torch.tensor(np.loadtxt(f"{folder}/{n}.txt", ndmin=1), dtype=torch.float64) for n in names}
        for n in names:
            shape = [int(s) for s in open(f"{folder}/{n}.shape").read().split()]
            w[n] = w[n].reshape(shape)
        def norm(x, p):
            return torch.nn.functional.layer_norm(x, x.shape[-1:], w[p + ".weight"], w[p + ".bias"], 1e-5)
        def forward(e):
            n, d = e.shape[1], e.shape[2]
            h = e + w["positionEmbedding"][:n]
            hd = d // heads
            mask = torch.ones(n, n, dtype=torch.bool).triu(1)
            for l in range(layers):
                b = f"blocks.{l}."
                x = norm(h, b + "attentionNorm")
                qkv = (x @ w[b + "attention.inputWeight"] + w[b + "attention.inputBias"]).view(1, n, 3, heads, hd).permute(2, 0, 3, 1, 4)
                a = (qkv[0] @ qkv[1].transpose(-2, -1) / math.sqrt(hd)).masked_fill(mask, float("-inf")).softmax(-1)
                h = h + (a @ qkv[2]).transpose(1, 2).reshape(1, n, d) @ w[b + "attention.outputWeight"] + w[b + "attention.outputBias"]
                x = norm(h, b + "mlpNorm")
                h = h + torch.nn.functional.gelu(x @ w[b + "upWeight"] + w[b + "upBias"]) @ w[b + "downWeight"] + w[b + "downBias"]
            return norm(h, "finalNorm") @ w["unembedding"]
        before, suffix, after, target = [[int(t) for t in s.split(",")] for s in sys.argv[4:8]]
        E = w["tokenEmbedding"]
        tokens = torch.tensor(before + suffix + after + target)
        np.savetxt(f"{folder}/logits.txt", forward(E[tokens].unsqueeze(0))[0].detach().numpy(), fmt="%.17g")
        one_hot = torch.nn.functional.one_hot(torch.tensor(suffix), E.shape[0]).double().requires_grad_(True)
        e = torch.cat([E[torch.tensor(before)], one_hot @ E, E[torch.tensor(after + target[:-1])]]).unsqueeze(0)
        logits = forward(e)[0, len(before) + len(suffix) + len(after) - 1:]
        loss = -logits.log_softmax(-1).gather(1, torch.tensor(target).unsqueeze(1)).sum()
        loss.backward()
        np.savetxt(f"{folder}/gradient.txt", one_hot.grad.numpy(), fmt="%.17g")
        """;

    [PyTorchPeerFact]
    public void LogitsAndOneHotGradient_AreThePeers()
    {
        const int layers = 2, heads = 2, vocabulary = 9;
        using var model = JailbreakModels.Sharp(12, vocabulary, context: 12, width: 16, layers: layers, heads: heads);
        var target = new SuffixTarget([0, 3, 5], [1], [4, 6, 2]);
        int[] suffix = [7, 2, 8];
        string folder = Directory.CreateTempSubdirectory("theorylab-gcg-peer").FullName;
        try
        {
            var names = new List<string>();
            foreach (var (name, parameter) in model.named_parameters())
            {
                names.Add(name);
                File.WriteAllLines(Path.Combine(folder, name + ".txt"), parameter.detach().flatten().data<double>().Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
                File.WriteAllText(Path.Combine(folder, name + ".shape"), string.Join(' ', parameter.shape));
            }
            File.WriteAllLines(Path.Combine(folder, "names.txt"), names);
            string Joined(int[] tokens) => string.Join(',', tokens);
            var (exit, output) = PyTorchPeer.Run(["-c", Script, folder, layers.ToString(), heads.ToString(), Joined(target.Before), Joined(suffix), Joined(target.After), Joined(target.Target)], TimeSpan.FromMinutes(2));
            Assert.True(exit == 0, output);

            double[] Read(string file) => [.. File.ReadAllLines(Path.Combine(folder, file)).SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(s => double.Parse(s, CultureInfo.InvariantCulture))];
            using var noGrad = no_grad();
            var tokens = tensor(target.Context(suffix).Concat(target.Target).Select(t => (long)t).ToArray()).unsqueeze(0);
            var logits = model.forward(tokens)[0].flatten().data<double>().ToArray();
            var peerLogits = Read("logits.txt");
            Assert.Equal(logits.Length, peerLogits.Length);
            Assert.True(logits.Zip(peerLogits).Max(p => Math.Abs(p.First - p.Second)) < 1e-10, "the logits differ from the peer's");
            var gradient = Gcg.OneHotGradient(model, [target], suffix).flatten().data<double>().ToArray();
            var peerGradient = Read("gradient.txt");
            Assert.Equal(gradient.Length, peerGradient.Length);
            Assert.True(gradient.Zip(peerGradient).Max(p => Math.Abs(p.First - p.Second)) < 1e-10, "the one-hot gradient differs from the peer's");
            Assert.True(peerGradient.Max(Math.Abs) > 1e-3, "the gradient is nearly zero, so the check proves little");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

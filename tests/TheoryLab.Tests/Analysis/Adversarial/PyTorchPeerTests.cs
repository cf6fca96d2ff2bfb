using System.Globalization;
using TheoryLab.Analysis.Adversarial;
using TheoryLab.Tests.Peers;
using TheoryLab.Torch;
using TorchSharp;
using static TheoryLab.Tests.Analysis.Adversarial.AttackModels;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Analysis.Adversarial;

/// <summary>
/// FGSM and PGD (ℓ∞, pixels clipped to [0, 1], fixed random starts given to both, each example keeping its worst
/// point) against the same algorithms written in PyTorch and run by Debian's python3-torch on the same weights,
/// inputs and starts: the adversarial examples agree to 1e-9 in double precision.
/// </summary>
public class PyTorchPeerTests
{
    public PyTorchPeerTests() => TorchRuntime.EnsureLoaded();

    private const int D = 24, Hidden = 16, Classes = 4, N = 60, Steps = 5, Restarts = 2;
    private const double Epsilon = 0.1, StepSize = 0.03;

    private const string Script = """
        import sys
        import numpy as np
        import torch
        folder = sys.argv[1]
        def load(name):
            return torch.tensor(np.loadtxt(f"{folder}/{name}.txt", ndmin=2), dtype=torch.float64)
        w1, b1, w2, b2 = load("w1"), load("b1")[0], load("w2"), load("b2")[0]
        x, y = load("x"), load("y")[0].long()
        starts = [load(f"start{r}") for r in range(int(sys.argv[2]))]
        eps, alpha, steps = float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
        def model(v):
            return torch.relu(v @ w1.T + b1) @ w2.T + b2
        def gradient(v):
            v = v.clone().requires_grad_(True)
            loss = torch.nn.functional.cross_entropy(model(v), y, reduction="none")
            return torch.autograd.grad(loss.sum(), v)[0]
        def judge(v):
            with torch.no_grad():
                logits = model(v)
                return logits.argmax(1) != y, torch.nn.functional.cross_entropy(logits, y, reduction="none")
        def within(v):
            return (x + (v - x).clamp(-eps, eps)).clamp(0, 1)
        fgsm = (x + gradient(x).sign() * eps).clamp(0, 1)
        worst = x.clone()
        worst_wrong, worst_loss = judge(worst)
        for start in starts:
            point = within(x + start)
            for _ in range(steps):
                nxt = within(point + gradient(point).sign() * alpha)
                wrong, loss = judge(nxt)
                replace = (wrong & ~worst_wrong) | ((wrong == worst_wrong) & (loss > worst_loss))
                worst = torch.where(replace[:, None], nxt, worst)
                worst_wrong = torch.where(replace, wrong, worst_wrong)
                worst_loss = torch.where(replace, loss, worst_loss)
                point = nxt
        np.savetxt(f"{folder}/fgsm.txt", fgsm.numpy(), fmt="%.17g")
        np.savetxt(f"{folder}/pgd.txt", worst.numpy(), fmt="%.17g")
        """;

    /// <summary>Writes a tensor of one or two dimensions as rows of numbers that numpy's loadtxt reads back bit for bit.</summary>
    internal static void Write(string folder, string name, Tensor t)
    {
        var rows = t.dim() == 1 ? t.unsqueeze(0) : t;
        var values = rows.to(float64).data<double>().ToArray();
        long columns = rows.shape[1];
        File.WriteAllLines(Path.Combine(folder, name + ".txt"), Enumerable.Range(0, (int)rows.shape[0])
            .Select(r => string.Join(' ', values.Skip(r * (int)columns).Take((int)columns).Select(v => v.ToString("R", CultureInfo.InvariantCulture)))));
    }

    /// <summary>Reads what the peer wrote with numpy's savetxt, in the given shape.</summary>
    internal static Tensor Read(string folder, string name, params long[] shape) =>
        tensor(File.ReadAllLines(Path.Combine(folder, name + ".txt"))
            .SelectMany(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, CultureInfo.InvariantCulture))).ToArray(), dtype: float64).reshape(shape);

    [PyTorchPeerFact]
    public void FgsmAndPgd_GiveThePeersAdversarialExamples()
    {
        var model = Perceptron(31, D, Hidden, Classes);
        var x = Uniform(32, N, D);
        using Scalar zero = 0.ToScalar(), classes = Classes.ToScalar();
        var labels = Normal(33, N).gt(zero).to(int64).Plus(Predictions(model, x)).remainder(classes);   // some wrong already, most right
        var threat = new ThreatModel(PerturbationNorm.Linf, Epsilon) { Steps = Steps, StepSize = StepSize, RandomStart = true, Restarts = Restarts };
        Tensor[] starts;
        using (var generator = new Generator(34)) starts = [.. Enumerable.Range(0, Restarts).Select(_ => Pgd.RandomStart(x, threat, generator))];
        var fgsm = Fgsm.Attack(model, ThreatModel.Fgsm(Epsilon), x, labels);
        var pgd = Pgd.Attack(model, threat, x, labels, starts);

        string folder = Directory.CreateTempSubdirectory("fgsm-peer").FullName;
        try
        {
            var parameters = model.parameters().ToArray();
            Write(folder, "w1", parameters[0]);
            Write(folder, "b1", parameters[1]);
            Write(folder, "w2", parameters[2]);
            Write(folder, "b2", parameters[3]);
            Write(folder, "x", x);
            Write(folder, "y", labels);
            for (int r = 0; r < Restarts; r++) Write(folder, $"start{r}", starts[r]);
            File.WriteAllText(Path.Combine(folder, "attack.py"), Script);
            string[] arguments = [Path.Combine(folder, "attack.py"), folder, $"{Restarts}", Epsilon.ToString("R", CultureInfo.InvariantCulture),
                StepSize.ToString("R", CultureInfo.InvariantCulture), $"{Steps}"];
            var (exit, output) = PyTorchPeer.Run(arguments, TimeSpan.FromMinutes(2));
            Assert.True(exit == 0, output);
            Assert.True(fgsm.sub(Read(folder, "fgsm", N, D)).abs().max().AsDouble() < 1e-9, "FGSM differs from the peer's");
            Assert.True(pgd.sub(Read(folder, "pgd", N, D)).abs().max().AsDouble() < 1e-9, "PGD differs from the peer's");
            Assert.True(pgd.sub(x).abs().max().AsDouble() > Epsilon / 2, "PGD did not move: the comparison would be empty");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

using System.Globalization;
using TheoryLab.Analysis.Adversarial;
using TheoryLab.Numerics;
using TheoryLab.Tests.Peers;
using TheoryLab.Torch;
using TorchSharp;
using static TheoryLab.Tests.Analysis.Adversarial.AttackModels;
using static TheoryLab.Tests.Analysis.Adversarial.PyTorchPeerTests;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Analysis.Adversarial;

/// <summary>
/// The sparsifying front end and FGSM through it (ℓ∞, pixels clipped to [0, 1]) against the same front end written in
/// PyTorch and run by Debian's python3-torch, which builds its own basis (scipy's orthonormal DCT matrix, or the Haar
/// matrix level by level) and its own top-K by a stable sort, on the same ReLU perceptron's weights and images: the
/// front end's images and the adversarial examples agree to 1e-9 in double precision.
/// </summary>
public class SparsifyingFrontEndPeerTests
{
    public SparsifyingFrontEndPeerTests() => TorchRuntime.EnsureLoaded();

    private const int Side = 28, Hidden = 16, Classes = 10, Count = 40, Keep = 24;
    private const double Epsilon = 0.1;

    private const string Script = """
        import sys
        import numpy as np
        import torch
        from scipy.fft import dct
        folder, basis, n, keep, eps = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
        def load(name):
            return torch.tensor(np.loadtxt(f"{folder}/{name}.txt", ndmin=2), dtype=torch.float64)
        def haar(n):
            m, length, r = np.eye(n), n, np.sqrt(0.5)
            while length % 2 == 0:
                level = np.eye(n)
                level[:length, :length] = 0
                for i in range(length // 2):
                    level[i, 2 * i] = level[i, 2 * i + 1] = r
                    level[length // 2 + i, 2 * i], level[length // 2 + i, 2 * i + 1] = r, -r
                m, length = level @ m, length // 2
            return m
        m = torch.tensor(dct(np.eye(n), norm="ortho", axis=0) if basis == "dct" else haar(n), dtype=torch.float64)
        w1, b1, w2, b2 = load("w1"), load("b1")[0], load("w2"), load("b2")[0]
        x, y = load("x").reshape(-1, n, n), load("y")[0].long()
        def front(v):
            c = m @ v @ m.T
            flat = c.detach().reshape(c.shape[0], -1)
            order = flat.abs().sort(dim=-1, descending=True, stable=True).indices[:, :keep]
            mask = torch.zeros_like(flat).scatter_(-1, order, 1.0).reshape(c.shape)
            return m.T @ (c * mask) @ m
        def model(v):
            return torch.relu(front(v).reshape(v.shape[0], -1) @ w1.T + b1) @ w2.T + b2
        v = x.clone().requires_grad_(True)
        loss = torch.nn.functional.cross_entropy(model(v), y, reduction="none")
        gradient = torch.autograd.grad(loss.sum(), v)[0]
        fgsm = (x + gradient.sign() * eps).clamp(0, 1)
        with torch.no_grad():
            np.savetxt(f"{folder}/front.txt", front(x).reshape(x.shape[0], -1).numpy(), fmt="%.17g")
        np.savetxt(f"{folder}/fgsm.txt", fgsm.reshape(x.shape[0], -1).numpy(), fmt="%.17g")
        """;

    [PyTorchPeerFact]
    public void FrontEndAndFgsmThroughIt_AgreeWithThePeers_Haar() => Compare("haar");

    [ScipyPeerFact]
    public void FrontEndAndFgsmThroughIt_AgreeWithThePeers_Dct() => Compare("dct");

    private static void Compare(string basis)
    {
        const int n = Side * Side;
        var perceptron = Perceptron(51, n, Hidden, Classes);
        using var frontEnd = new SparsifyingFrontEnd(SeparableBasis.Named(basis, Side), Keep);
        using var model = frontEnd.Before(nn.Sequential(("flatten", nn.Flatten()), ("perceptron", perceptron)));
        var x = Uniform(52, Count, Side, Side);
        using Scalar zero = 0.ToScalar(), classes = Classes.ToScalar();
        var labels = Normal(53, Count).gt(zero).to(int64).Plus(Predictions(model, x)).remainder(classes);
        Tensor fronted;
        using (no_grad()) fronted = frontEnd.call(x);
        var fgsm = Fgsm.Attack(model, ThreatModel.Fgsm(Epsilon), x, labels);

        string folder = Directory.CreateTempSubdirectory("front-end-peer").FullName;
        try
        {
            var parameters = perceptron.parameters().ToArray();
            Write(folder, "w1", parameters[0]);
            Write(folder, "b1", parameters[1]);
            Write(folder, "w2", parameters[2]);
            Write(folder, "b2", parameters[3]);
            Write(folder, "x", x.reshape(Count, n));
            Write(folder, "y", labels);
            File.WriteAllText(Path.Combine(folder, "front.py"), Script);
            string[] arguments = [Path.Combine(folder, "front.py"), folder, basis, $"{Side}", $"{Keep}", Epsilon.ToString("R", CultureInfo.InvariantCulture)];
            var (exit, output) = PyTorchPeer.Run(arguments, TimeSpan.FromMinutes(2));
            Assert.True(exit == 0, output);
            Assert.True(fronted.reshape(Count, n).sub(Read(folder, "front", Count, n)).abs().max().AsDouble() < 1e-9, "the front end's images differ from the peer's");
            Assert.True(fgsm.reshape(Count, n).sub(Read(folder, "fgsm", Count, n)).abs().max().AsDouble() < 1e-9, "FGSM through the front end differs from the peer's");
            Assert.True(fgsm.sub(x).abs().max().AsDouble() > Epsilon / 2, "FGSM did not move: the comparison would be empty");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

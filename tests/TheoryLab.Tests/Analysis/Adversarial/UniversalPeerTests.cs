using System.Globalization;
using TheoryLab.Analysis.Adversarial;
using TheoryLab.Tests.Peers;
using TheoryLab.Torch;
using static TheoryLab.Tests.Analysis.Adversarial.AttackModels;
using static TheoryLab.Tests.Analysis.Adversarial.PyTorchPeerTests;

namespace TheoryLab.Tests.Analysis.Adversarial;

/// <summary>
/// The universal perturbation (Algorithm 1 with unclipped DeepFool, the perturbed images clipped to [0, 1]) against the same algorithm written
/// in PyTorch and run by Debian's python3-torch on the same weights, images, order and settings: given the order the
/// algorithm is deterministic, and the two perturbations agree to 1e-9 in double precision for the ℓ∞ and the ℓ2 ball.
/// </summary>
public class UniversalPeerTests
{
    public UniversalPeerTests() => TorchRuntime.EnsureLoaded();

    private const int D = 24, Hidden = 16, Classes = 4, N = 40, Passes = 3, Iterations = 50;
    private const double Delta = 0.2, Overshoot = 0.02;

    private const string Script = """
        import sys
        import numpy as np
        import torch
        folder = sys.argv[1]
        def load(name):
            return torch.tensor(np.loadtxt(f"{folder}/{name}.txt", ndmin=2), dtype=torch.float64)
        w1, b1, w2, b2 = load("w1"), load("b1")[0], load("w2"), load("b2")[0]
        x = load("x")
        linf, radius = sys.argv[2] == "linf", float(sys.argv[3])
        delta, passes, overshoot, iterations = float(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6]), int(sys.argv[7])
        def model(v):
            return torch.relu(v @ w1.T + b1) @ w2.T + b2
        def predict(v):
            with torch.no_grad():
                return model(v).argmax(1)
        def confine(v):
            return v.clamp(0, 1)
        def deepfool(p):
            original = predict(p)[0]
            total = torch.zeros_like(p)
            point = p.clone()
            for _ in range(iterations):
                if predict(point)[0] != original:
                    break
                v = point.detach().clone().requires_grad_(True)
                logits = model(v)
                grads = torch.stack([torch.autograd.grad(logits[0, k], v, retain_graph=True)[0][0] for k in range(logits.shape[1])])
                logits = logits.detach()[0]
                gaps = logits - logits[original]
                normals = grads - grads[original]
                lengths = normals.norm(dim=1)
                distances = gaps.abs() / lengths.clamp_min(1e-30)
                distances[original] = float("inf")
                l = distances.argmin()
                total = total + normals[l] * (gaps[l].abs() / lengths[l].square().clamp_min(1e-30))
                point = p + total * (1 + overshoot)
            return point
        def project(v):
            if linf:
                return v.clamp(-radius, radius)
            return v * (v.norm().clamp_min(1e-30).reciprocal() * radius).clamp(max=1.0)
        clean = predict(x)
        v = torch.zeros(1, x.shape[1], dtype=torch.float64)
        for _ in range(passes):
            for i in range(x.shape[0]):
                point = confine(x[i:i + 1] + v)
                if predict(point)[0] == clean[i]:
                    v = project(v + (deepfool(point) - point))
            rate = (predict(confine(x + v)) != clean).double().mean().item()
            if rate > 1 - delta:
                break
        np.savetxt(f"{folder}/v.txt", v.numpy(), fmt="%.17g")
        """;

    [PyTorchPeerFact]
    public void UniversalPerturbation_IsThePeers_ForBothBalls()
    {
        var model = Perceptron(81, D, Hidden, Classes);
        var x = Uniform(82, N, D);
        string folder = Directory.CreateTempSubdirectory("universal-peer").FullName;
        try
        {
            var parameters = model.parameters().ToArray();
            Write(folder, "w1", parameters[0]);
            Write(folder, "b1", parameters[1]);
            Write(folder, "w2", parameters[2]);
            Write(folder, "b2", parameters[3]);
            Write(folder, "x", x);
            File.WriteAllText(Path.Combine(folder, "universal.py"), Script);
            foreach (var (norm, radius) in new[] { (PerturbationNorm.Linf, 0.15), (PerturbationNorm.L2, 0.8) })
            {
                using var result = UniversalPerturbation.Compute(model, InputSpace.UnitPixels, x, norm, radius, Delta, Passes, Overshoot, Iterations);
                string[] arguments = [Path.Combine(folder, "universal.py"), folder, norm == PerturbationNorm.Linf ? "linf" : "l2", Text(radius),
                    Text(Delta), $"{Passes}", Text(Overshoot), $"{Iterations}"];
                var (exit, output) = PyTorchPeer.Run(arguments, TimeSpan.FromMinutes(2));
                Assert.True(exit == 0, output);
                double difference = result.Perturbation.sub(Read(folder, "v", D)).abs().max().AsDouble();
                Assert.True(difference < 1e-9, $"{norm}: v differs from the peer's by {difference}");
                Assert.True(result.Perturbation.abs().max().AsDouble() > radius / 10, $"{norm}: v hardly moved, the comparison would be empty");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

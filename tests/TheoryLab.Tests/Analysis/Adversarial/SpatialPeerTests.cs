using System.Globalization;
using TheoryLab.Analysis.Adversarial;
using TheoryLab.Tests.Peers;
using TheoryLab.Torch;
using TorchSharp;
using static TheoryLab.Tests.Analysis.Adversarial.AttackModels;
using static TheoryLab.Tests.Analysis.Adversarial.PyTorchPeerTests;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Analysis.Adversarial;

/// <summary>
/// The spatial transform and the first-order spatial attack against Debian's python3-torch (1.13) on the same inputs:
/// the peer builds each affine matrix from (θ, dx, dy) itself and resamples with its own affine_grid and grid_sample,
/// and runs the same projected signed-gradient ascent on (θ, dx, dy) from the same starts on the same weights; the
/// images agree to 1e-6 in single precision and 1e-12 in double, the attack's parameters to 1e-9.
/// </summary>
public class SpatialPeerTests
{
    public SpatialPeerTests() => TorchRuntime.EnsureLoaded();

    private const int Side = SpatialAttackTests.Side, N = SpatialAttackTests.N, Steps = 6;
    private const double StepFraction = 0.2;

    private const string Script = """
        import math, sys
        import numpy as np
        import torch
        folder, side, steps, fraction = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
        def load(name):
            return torch.tensor(np.loadtxt(f"{folder}/{name}.txt", ndmin=2), dtype=torch.float64)
        images = load("images").reshape(-1, 1, side, side)
        rows = load("rows")
        def transform(x, p):
            h, w = x.shape[2], x.shape[3]
            r = p[:, 0] * math.pi / 180
            c, s = torch.cos(r), torch.sin(r)
            dx, dy = p[:, 1], p[:, 2]
            # the output pixel at q reads the input at R(-θ)(q - t), in grid_sample's [-1, 1] coordinates
            theta = torch.stack([torch.stack([c, -s * h / w, -(c * dx - s * dy) * 2 / w], 1),
                                 torch.stack([s * w / h, c, -(s * dx + c * dy) * 2 / h], 1)], 1).to(x.dtype)
            grid = torch.nn.functional.affine_grid(theta, list(x.shape), align_corners=False)
            return torch.nn.functional.grid_sample(x, grid, mode="bilinear", padding_mode="zeros", align_corners=False)
        np.savetxt(f"{folder}/moved64.txt", transform(images, rows).reshape(len(images), -1).numpy(), fmt="%.17g")
        np.savetxt(f"{folder}/moved32.txt", transform(images.float(), rows.float()).double().reshape(len(images), -1).numpy(), fmt="%.17g")
        w1, b1, w2, b2 = load("w1"), load("b1")[0], load("w2"), load("b2")[0]
        labels, start = load("labels")[0].long(), load("start")
        half = torch.tensor([30.0, 3.0, 3.0], dtype=torch.float64)
        def model(x):
            return torch.relu(x.flatten(1) @ w1.T + b1) @ w2.T + b2
        def judge(p):
            with torch.no_grad():
                logits = model(transform(images, p))
                return logits.argmax(1) != labels, torch.nn.functional.cross_entropy(logits, labels, reduction="none")
        worst = torch.zeros_like(start)
        worst_wrong, worst_loss = judge(worst)
        def offer(p):
            global worst, worst_wrong, worst_loss
            wrong, loss = judge(p)
            replace = (wrong & ~worst_wrong) | ((wrong == worst_wrong) & (loss > worst_loss))
            worst = torch.where(replace[:, None], p, worst)
            worst_wrong = torch.where(replace, wrong, worst_wrong)
            worst_loss = torch.where(replace, loss, worst_loss)
        point = torch.max(torch.min(start, half), -half)
        offer(point)
        for _ in range(steps):
            p = point.clone().requires_grad_(True)
            loss = torch.nn.functional.cross_entropy(model(transform(images, p)), labels, reduction="sum")
            g = torch.autograd.grad(loss, p)[0]
            point = torch.max(torch.min(point + g.sign() * half * fraction, half), -half)
            offer(point)
        np.savetxt(f"{folder}/attack.txt", worst.numpy(), fmt="%.17g")
        """;

    [PyTorchPeerFact]
    public void TransformAndFirstOrderAttack_AreThePeers()
    {
        var (model, images, labels) = SpatialAttackTests.Setting(51);
        using Scalar two = 2.ToScalar(), one = 1.ToScalar();
        var rows = Uniform(52, N, 3).mul(two).sub(one).mul(tensor(new[] { 60.0, 5, 5 }, dtype: float64));   // some beyond the box, which the transform alone does not clip
        var start = Uniform(53, N, 3).mul(two).sub(one).mul(tensor(new[] { 40.0, 4, 4 }, dtype: float64));
        var threat = new SpatialThreat(30, 3);
        var attacked = SpatialPgd.Attack(model, threat, images, labels, Steps, StepFraction, start);
        string folder = Directory.CreateTempSubdirectory("spatial-peer").FullName;
        try
        {
            var mlp = model.parameters().ToArray();
            Write(folder, "w1", mlp[0]);
            Write(folder, "b1", mlp[1]);
            Write(folder, "w2", mlp[2]);
            Write(folder, "b2", mlp[3]);
            Write(folder, "images", images.flatten(1));
            Write(folder, "rows", rows);
            Write(folder, "labels", labels.to(float64));
            Write(folder, "start", start);
            File.WriteAllText(Path.Combine(folder, "spatial.py"), Script);
            var (exit, output) = PyTorchPeer.Run([Path.Combine(folder, "spatial.py"), folder, $"{Side}", $"{Steps}", StepFraction.ToString("R", CultureInfo.InvariantCulture)], TimeSpan.FromMinutes(2));
            Assert.True(exit == 0, output);

            double double64 = SpatialTransform.Apply(images, rows).flatten(1).sub(Read(folder, "moved64", N, Side * Side)).abs().max().AsDouble();
            Assert.True(double64 < 1e-12, $"float64 images differ from the peer's by {double64}");
            double single = SpatialTransform.Apply(images.to(float32), rows.to(float32)).to(float64).flatten(1).sub(Read(folder, "moved32", N, Side * Side)).abs().max().AsDouble();
            Assert.True(single < 1e-6, $"float32 images differ from the peer's by {single}");

            double parameters = attacked.sub(Read(folder, "attack", N, 3)).abs().max().AsDouble();
            Assert.True(parameters < 1e-9, $"the attack's parameters differ from the peer's by {parameters}");
            Assert.True(attacked.sub(threat.Clamp(start)).abs().max().AsDouble() > 1, "the attack did not move; the comparison would be empty");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

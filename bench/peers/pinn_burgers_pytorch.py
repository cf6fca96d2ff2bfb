"""pinn-burgers' loss and gradient in PyTorch: the peer of TheoryLab's bench workload `pinn-residual`.

The same network ([2, 20x8, 1] tanh, Xavier-normal weights, zero biases), the same points (N_f collocation points in
[0, 1] x [-1, 1] plus 100 data points, 50 initial and 50 boundary points) and the same loss as BurgersPinnLoss: the
input t scaled to 2t - 1, u_t and u_x by torch.autograd.grad with create_graph, u_xx by autograd through u_x, the
residual u_t + u u_x - nu u_xx, mean squares plus the data misfit over N_u; then one backward for the parameter
gradient. Medians over alternating repeats after one warm-up round, wall and process CPU time. Prints one JSON object.
"""
import argparse
import json
import math
import statistics
import time

import torch
import torch.nn as nn

NU = 0.01 / math.pi


def network(dtype):
    layers = []
    widths = [2] + [20] * 8 + [1]
    for i in range(len(widths) - 1):
        linear = nn.Linear(widths[i], widths[i + 1]).to(dtype)
        nn.init.xavier_normal_(linear.weight)
        nn.init.zeros_(linear.bias)
        layers.append(linear)
        if i < len(widths) - 2:
            layers.append(nn.Tanh())
    return nn.Sequential(*layers)


def predict(model, points):
    return model(torch.cat([2 * points[:, 0:1] - 1, points[:, 1:2]], 1))


def loss(model, initial, initial_values, boundary, collocation):
    x = collocation.detach().requires_grad_(True)
    u = predict(model, x)
    first = torch.autograd.grad(u, x, torch.ones_like(u), retain_graph=True, create_graph=True)[0]
    ut, ux = first[:, 0], first[:, 1]
    uxx = torch.autograd.grad(ux, x, torch.ones_like(ux), retain_graph=True, create_graph=True)[0][:, 1]
    residual = ut + u[:, 0] * ux - NU * uxx
    count = initial.shape[0] + boundary.shape[0]
    data = ((predict(model, initial) - initial_values) ** 2).sum() / count + (predict(model, boundary) ** 2).sum() / count
    return data + (residual ** 2).mean()


def seconds(work, iterations):
    start, cpu = time.perf_counter(), time.process_time()
    for _ in range(iterations):
        work()
    return (time.perf_counter() - start) / iterations, (time.process_time() - cpu) / iterations


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--points", type=int, default=10000)
    parser.add_argument("--iterations", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--float32", action="store_true")
    parser.add_argument("--threads", type=int, required=True)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    dtype = torch.float32 if args.float32 else torch.float64
    model = network(dtype)
    initial = torch.cat([torch.zeros(50, 1), 2 * torch.rand(50, 1) - 1], 1).to(dtype)
    initial_values = -torch.sin(math.pi * initial[:, 1:2])
    boundary = torch.cat([torch.rand(50, 1), torch.tensor([[-1.0], [1.0]]).repeat(25, 1)], 1).to(dtype)
    collocation = torch.cat([torch.rand(args.points + 100, 1), 2 * torch.rand(args.points + 100, 1) - 1], 1).to(dtype)

    def loss_only():
        loss(model, initial, initial_values, boundary, collocation).item()

    def loss_gradient():
        model.zero_grad()
        value = loss(model, initial, initial_values, boundary, collocation)
        value.backward()
        value.item()

    times = {"loss": [], "loss_gradient": [], "loss_gradient_cpu": []}
    for r in range(args.repeats + 1):
        (loss_wall, _), (gradient_wall, gradient_cpu) = seconds(loss_only, args.iterations), seconds(loss_gradient, args.iterations)
        if r > 0:
            for key, value in zip(times, (loss_wall, gradient_wall, gradient_cpu)):
                times[key].append(value)
    print(json.dumps({"loss_ms": 1e3 * statistics.median(times["loss"]), "loss_gradient_ms": 1e3 * statistics.median(times["loss_gradient"]),
                      "loss_gradient_cpu_ms": 1e3 * statistics.median(times["loss_gradient_cpu"]),
                      "threads": torch.get_num_threads(), "dtype": str(dtype), "torch": torch.__version__}), flush=True)


if __name__ == "__main__":
    main()

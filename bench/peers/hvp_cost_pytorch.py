"""Hessian-vector product cost in PyTorch: the peer of TheoryLab's bench workload `hvp-cost`.

The same models (LeNet-5 with ReLU and max pooling; a 784-256-256-10 tanh MLP), batch of random 1x28x28 inputs with
random labels, cross-entropy, and the same three operations as HessianVectorProductCost.cs: a gradient (forward and
backward); a product at a new point (forward, backward keeping its graph, backward of <g, v>); a further product at
the same point (the last backward alone). Medians over alternating repeats after one warm-up round. Prints one JSON
object per model and, last, one holding both.
"""
import argparse
import json
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

from networks import lenet5



def mlp():
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.Tanh(), nn.Linear(256, 256), nn.Tanh(), nn.Linear(256, 10))


def seconds(work, iterations):
    start = time.perf_counter()
    for _ in range(iterations):
        work()
    return (time.perf_counter() - start) / iterations


def measure(name, model, batch, iterations, repeats):
    x = torch.rand(batch, 1, 28, 28)
    y = torch.randint(0, 10, (batch,))
    parameters = list(model.parameters())
    v = [torch.randn_like(p) for p in parameters]

    def gradient():
        model.zero_grad()
        F.cross_entropy(model(x), y).backward()

    def product(g, keep):
        inner = torch.stack([(a * b).sum() for a, b in zip(g, v)]).sum()
        return torch.autograd.grad(inner, parameters, retain_graph=keep)

    def fresh():
        g = torch.autograd.grad(F.cross_entropy(model(x), y), parameters, create_graph=True)
        product(g, keep=False)

    kept_gradient = torch.autograd.grad(F.cross_entropy(model(x), y), parameters, create_graph=True)
    times = {"gradient": [], "fresh": [], "kept": []}
    for r in range(repeats + 1):
        measured = (seconds(gradient, iterations), seconds(fresh, iterations), seconds(lambda: product(kept_gradient, keep=True), iterations))
        if r > 0:
            for key, value in zip(times, measured):
                times[key].append(value)
    g, f, k = (statistics.median(times[key]) for key in times)
    return {"model": name, "parameters": sum(p.numel() for p in parameters), "gradient_ms": 1e3 * g,
            "fresh_ms": 1e3 * f, "kept_ms": 1e3 * k, "fresh_ratio": f / g, "kept_ratio": k / g}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--iterations", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--threads", type=int, required=True)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    results = [measure(name, build(), args.batch, args.iterations, args.repeats) for name, build in (("LeNet-5", lenet5), ("MLP", mlp))]
    for result in results:
        print(json.dumps(result), flush=True)
    print(json.dumps({"models": results, "threads": torch.get_num_threads(), "torch": torch.__version__}), flush=True)


if __name__ == "__main__":
    main()

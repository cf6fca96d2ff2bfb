"""LeNet-5 training throughput in PyTorch: the peer of TheoryLab's bench workload `lenet-throughput`.

The same network (ReLU, max pooling, padding 2), data (a pool of random 1x28x28 images with random labels,
reshuffled each epoch), optimiser (SGD, momentum 0.9, weight decay 5e-4) and loop (zero_grad, forward,
cross-entropy, backward, step, loss.item()) as LeNetThroughput.cs. Prints one JSON object per line.
"""
import argparse
import json
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def lenet5():
    """Layer for layer as TheoryLab's LeNet.Five(): flatten and the first affine layer form one layer, as there."""
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Sequential(nn.Flatten(), nn.Linear(400, 120)), nn.ReLU(),
        nn.Linear(120, 84), nn.ReLU(),
        nn.Linear(84, 10))


def batches(images, labels, batch, generator):
    while True:
        order = torch.randperm(images.shape[0], generator=generator)
        for start in range(0, images.shape[0], batch):
            picked = order[start:start + batch]
            yield images.index_select(0, picked), labels.index_select(0, picked)


def measure(batch, steps, warmup, pool, phases):
    torch.manual_seed(0)
    generator = torch.Generator().manual_seed(0)
    model = lenet5()
    images = torch.rand(pool, 1, 28, 28)
    labels = torch.randint(0, 10, (pool,))
    optimiser = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=5e-4)
    stream = batches(images, labels, batch, generator)
    totals = dict.fromkeys(["batching", "forward", "backward", "optimiser", "loss readout"], 0.0)
    for step in range(warmup + steps):
        if step == warmup:
            start = time.perf_counter()
            totals = dict.fromkeys(totals, 0.0)
        t0 = time.perf_counter()
        x, y = next(stream)
        t1 = time.perf_counter()
        optimiser.zero_grad()
        loss = F.cross_entropy(model(x), y)
        t2 = time.perf_counter()
        loss.backward()
        t3 = time.perf_counter()
        optimiser.step()
        t4 = time.perf_counter()
        loss.item()
        t5 = time.perf_counter()
        if phases:
            for name, seconds in zip(totals, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4)):
                totals[name] += seconds
    seconds = time.perf_counter() - start
    result = {"batch": batch, "steps": steps, "seconds": seconds, "examples_per_second": batch * steps / seconds}
    if phases:
        result["milliseconds_per_step"] = {name: 1000 * t / steps for name, t in totals.items()}
    return result


def forward_by_layer(batch, repeats):
    """Milliseconds of one forward pass of a batch through each layer on its own, autograd recording."""
    torch.manual_seed(0)
    model = lenet5()
    x0 = torch.rand(batch, 1, 28, 28)
    totals = [0.0] * len(model)
    for r in range(repeats + 1):
        x = x0
        for k, layer in enumerate(model):
            t0 = time.perf_counter()
            x = layer(x)
            if r > 0:
                totals[k] += time.perf_counter() - t0
    return [1000 * t / repeats for t in totals]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--batch", type=int, nargs="+", default=[64, 128])
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--pool", type=int, default=4096, help="random images the batches are drawn from")
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--phases", action="store_true", help="time each phase of a step, and each layer's forward pass")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    for batch in args.batch:
        result = measure(batch, args.steps, args.warmup, args.pool, args.phases)
        if args.phases:
            result["forward_milliseconds_by_layer"] = forward_by_layer(batch, args.steps)
        result.update(threads=torch.get_num_threads(), torch=torch.__version__)
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()

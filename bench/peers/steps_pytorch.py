"""Training-step time in PyTorch: the peer of TheoryLab's bench workload `steps` (docs/performance.md).

The same networks, layer for layer, as the TheoryLab cases in StepTable.cs: LeNet-5 (ReLU, max pooling, padding 2),
Greydanus' MNIST-1D MLP (40-100-100-10, ReLU) and CNN (three stride-2 convolutions of 25 channels, kernels 5, 3, 3,
padding 1, then one affine layer), and the CIFAR ResNet-20 of He et al. (16-32-64 channels, batch norm, 1x1
projection shortcuts where the shape changes) on 3x32x32 inputs. The same loop as TheoryLab's Trainer: a pool of
random inputs with random labels reshuffled each epoch, SGD (lr 0.01, momentum 0.9, weight decay 5e-4), zero_grad,
forward, cross-entropy, backward, step, loss.item(). Prints one JSON object: the median milliseconds per step over
the repeats, each the mean of as many steps as fill about --seconds (judged from one timed step), after --warmup steps.
"""
import argparse
import json
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

from networks import lenet5



def mnist1d_mlp():
    return nn.Sequential(nn.Linear(40, 100), nn.ReLU(), nn.Linear(100, 100), nn.ReLU(), nn.Linear(100, 10))


def mnist1d_cnn():
    return nn.Sequential(
        nn.Unflatten(1, (1, 40)),
        nn.Conv1d(1, 25, 5, stride=2, padding=1), nn.ReLU(),
        nn.Conv1d(25, 25, 3, stride=2, padding=1), nn.ReLU(),
        nn.Conv1d(25, 25, 3, stride=2, padding=1), nn.ReLU(),
        nn.Flatten(), nn.Linear(125, 10))


class Block(nn.Module):
    def __init__(self, inputs, channels, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(inputs, channels, 3, stride=stride, padding=1, bias=False)
        self.norm1 = nn.BatchNorm2d(channels)
        self.conv2 = nn.Conv2d(channels, channels, 3, padding=1, bias=False)
        self.norm2 = nn.BatchNorm2d(channels)
        self.shortcut = None
        if stride != 1 or inputs != channels:
            self.shortcut = nn.Sequential(nn.Conv2d(inputs, channels, 1, stride=stride, bias=False), nn.BatchNorm2d(channels))

    def forward(self, x):
        h = F.relu(self.norm1(self.conv1(x)))
        h = self.norm2(self.conv2(h))
        return F.relu(h + (x if self.shortcut is None else self.shortcut(x)))


def resnet20(width=16, blocks=3):
    layers = [nn.Conv2d(3, width, 3, padding=1, bias=False), nn.BatchNorm2d(width), nn.ReLU()]
    inputs = width
    for stage in range(3):
        for b in range(blocks):
            channels = width << stage
            layers.append(Block(inputs, channels, 2 if stage > 0 and b == 0 else 1))
            inputs = channels
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(inputs, 10)]
    return nn.Sequential(*layers)


MODELS = {"lenet5": (lenet5, (1, 28, 28)), "mnist1d-mlp": (mnist1d_mlp, (40,)),
          "mnist1d-cnn": (mnist1d_cnn, (40,)), "resnet20": (resnet20, (3, 32, 32))}


def milliseconds_per_step(model_name, batch, seconds, warmup, pool, repeats):
    build, shape = MODELS[model_name]
    torch.manual_seed(0)
    generator = torch.Generator().manual_seed(0)
    model = build()
    inputs = torch.rand(pool, *shape)
    labels = torch.randint(0, 10, (pool,))
    optimiser = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=5e-4)

    def batches():
        while True:
            order = torch.randperm(pool, generator=generator)
            for start in range(0, pool - batch + 1, batch):
                picked = order[start:start + batch]
                yield inputs.index_select(0, picked), labels.index_select(0, picked)

    stream = batches()

    def run(n):
        for _ in range(n):
            x, y = next(stream)
            optimiser.zero_grad()
            loss = F.cross_entropy(model(x), y)
            loss.backward()
            optimiser.step()
            loss.item()

    run(warmup)
    start = time.perf_counter()
    run(1)
    steps = max(3, int(seconds / max(time.perf_counter() - start, 1e-4)))
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run(steps)
        times.append(1e3 * (time.perf_counter() - start) / steps)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", choices=sorted(MODELS), required=True)
    parser.add_argument("--batch", type=int, required=True)
    parser.add_argument("--seconds", type=float, default=1.0)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--pool", type=int, default=4096)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--threads", type=int, required=True)
    a = parser.parse_args()
    torch.set_num_threads(a.threads)
    ms = milliseconds_per_step(a.model, a.batch, a.seconds, a.warmup, a.pool, a.repeats)
    print(json.dumps({"model": a.model, "batch": a.batch, "milliseconds_per_step": ms, "torch": torch.__version__}))


if __name__ == "__main__":
    main()

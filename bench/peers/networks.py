"""Networks the PyTorch peers share, layer for layer as TheoryLab builds them."""
import torch.nn as nn


def lenet5():
    """LeNet.Five(): ReLU, max pooling, padding 2 on the first convolution."""
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(400, 120), nn.ReLU(),
        nn.Linear(120, 84), nn.ReLU(),
        nn.Linear(84, 10))

"""The course's models written in PyTorch, layer for layer the same as src/Course/Models.

MnistCnn:  conv(1→32, 3×3, pad 1) → ReLU → maxpool 2 → conv(32→64, 3×3, pad 1) → ReLU → maxpool 2
          → dense(3136→128) → ReLU → dense(128→10)        (batchNorm=False, dropout=0: the library's defaults)
MnistMlp:  flatten → dense(784→128) → ReLU → dropout(0.2) → dense(128→10)
Lstm:     LSTM(28→128, 1 layer, batch_first) over the 28 rows → last hidden state → dense(128→10)
"""
import torch
from torch import nn
import torch.nn.functional as F


class MnistCnn(nn.Module):
    def __init__(self, classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, kernel_size=3, padding=1)
        self.conv2 = nn.Conv2d(32, 64, kernel_size=3, padding=1)
        self.fc1 = nn.Linear(64 * 7 * 7, 128)
        self.fc2 = nn.Linear(128, classes)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = F.relu(self.fc1(x.flatten(1)))
        return self.fc2(x)


class MnistMlp(nn.Module):
    def __init__(self, hidden=128, dropout=0.2, inputs=28 * 28, classes=10):
        super().__init__()
        self.hidden = nn.Linear(inputs, hidden)
        self.dropout = nn.Dropout(dropout)
        self.output = nn.Linear(hidden, classes)

    def forward(self, x):
        return self.output(self.dropout(F.relu(self.hidden(x.flatten(1)))))


class SequenceClassifier(nn.Module):
    """MNIST read row by row: [N, 1, 28, 28] is viewed as 28 steps of 28 features."""

    def __init__(self, input_size=28, hidden_size=128, classes=10):
        super().__init__()
        self.rnn = nn.LSTM(input_size, hidden_size, batch_first=True)
        self.head = nn.Linear(hidden_size, classes)

    def forward(self, x):
        output, _ = self.rnn(x)
        return self.head(output[:, -1])


def create(name):
    if name == "cnn":
        return MnistCnn()
    if name == "mlp":
        return MnistMlp()
    if name == "lstm":
        return SequenceClassifier()
    raise ValueError(f"unknown model {name!r}: expected cnn, mlp or lstm")


def shape_input(name, images):
    """The LSTM reads [N, 28, 28] (rows as steps); the others take the images as they are."""
    return images.view(images.shape[0], 28, 28) if name == "lstm" else images

"""PyTorch side of the benchmark: a long-lived worker the C# driver (bench/Course.Bench) talks to.

One JSON request per line on stdin, one JSON answer per line on stdout. The driver alternates requests between
this worker and TorchSharp, so both run warm, in turn, on the same machine state. The worker only measures
and returns raw samples; every statistic is computed by the driver, in one place.

Run with Debian's /usr/bin/python3 (python3-torch), not a pyenv python without torch.
"""
import gzip
import json
import math
import os
import platform
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import models  # noqa: E402


def read_idx(path):
    """IDX (big-endian header: magic, then one uint32 per dimension), gzip'd or raw."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    rank = data[3]
    dims = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(rank)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * rank).reshape(dims)


def load_split(directory, prefix):
    def path(name):
        gz = os.path.join(directory, name + ".gz")
        return gz if os.path.exists(gz) else os.path.join(directory, name)

    images = read_idx(path(f"{prefix}-images-idx3-ubyte"))
    labels = read_idx(path(f"{prefix}-labels-idx1-ubyte"))
    # Same scaling as Course.Data.Mnist.Load: float32 in [0, 1], labels int64.
    x = torch.from_numpy(images.copy()).to(torch.float32).div_(255.0).view(-1, 1, 28, 28)
    y = torch.from_numpy(labels.astype(np.int64))
    return x, y


def loaded_blas():
    """The BLAS library this process actually mapped (Debian switches it with update-alternatives)."""
    with open("/proc/self/maps") as maps:
        paths = {line.split()[-1] for line in maps if "blas" in line.lower()}
    real = sorted({os.path.realpath(p) for p in paths if p.startswith("/")})
    return ", ".join(os.path.basename(os.path.dirname(p)) + "/" + os.path.basename(p) for p in real) or "none"


class Worker:
    def __init__(self):
        self.train = self.test = None

    def hello(self, _):
        return {
            "framework": "PyTorch",
            "version": torch.__version__,
            "python": platform.python_version(),
            "executable": sys.executable,
            "mkldnn": torch.backends.mkldnn.is_available(),
            "blas": loaded_blas(),
        }

    def setup(self, req):
        torch.set_num_threads(req["threads"])
        torch.set_num_interop_threads(req["interop"])
        x, y = load_split(req["mnist"], "train")
        self.train = (x.contiguous(), y.contiguous())
        self.test = load_split(req["mnist"], "t10k")
        return {"threads": torch.get_num_threads(), "interop": torch.get_num_interop_threads()}

    def train_epoch(self, req):
        """One epoch over the first `count` training images: the loop of Course.Training.Trainer.Fit, step for step
        (fresh permutation, index_select per batch, zero_grad, forward, loss, loss.item(), backward, step, accuracy)."""
        name, batch, count = req["model"], req["batch"], req["count"]
        torch.manual_seed(req["seed"])
        model = models.create(name)
        model.train()
        optimizer = torch.optim.Adam(model.parameters(), lr=req["lr"])
        x_all = models.shape_input(name, self.train[0][:count])
        y_all = self.train[1][:count]
        generator = torch.Generator().manual_seed(req["seed"])
        start_time = time.perf_counter()
        order = torch.randperm(count, generator=generator)
        loss_sum, correct = 0.0, 0
        for start in range(0, count, batch):
            indices = order[start:start + batch]
            x = x_all.index_select(0, indices)
            y = y_all.index_select(0, indices)
            optimizer.zero_grad()
            output = model(x)
            loss = F.cross_entropy(output, y)
            value = loss.item()
            if not math.isfinite(value):
                raise RuntimeError(f"loss became {value}")
            loss.backward()
            optimizer.step()
            loss_sum += value * x.shape[0]
            correct += output.argmax(1).eq(y).sum().item()
        seconds = time.perf_counter() - start_time
        return {"seconds": seconds, "loss": loss_sum / count, "accuracy": correct / count}

    def latency(self, req):
        """Seconds per single-image prediction, one sample per run, after `warmup` unrecorded runs."""
        images = self.test[0]
        return self.predict_timed(req, req["runs"], lambda i: images[i % images.shape[0]].unsqueeze(0))

    def throughput(self, req):
        """Seconds per batch of `batch` images, one sample per batch, after `warmup` unrecorded batches."""
        images, batch = self.test[0], req["batch"]
        batches = images.shape[0] // batch
        return self.predict_timed(req, req["iterations"], lambda i: images[(i % batches) * batch:(i % batches + 1) * batch])

    @staticmethod
    def predict_timed(req, runs, inputs):
        """Times eval-mode, no-grad predictions (argmax) of a fresh seeded model on inputs(0), inputs(1), …"""
        name = req["model"]
        torch.manual_seed(req["seed"])
        model = models.create(name).eval()
        samples = []
        with torch.no_grad():
            for i in range(req["warmup"] + runs):
                x = models.shape_input(name, inputs(i))
                t0 = time.perf_counter()
                model(x).argmax(1)
                elapsed = time.perf_counter() - t0
                if i >= req["warmup"]:
                    samples.append(elapsed)
        return {"samples": samples}

def main():
    worker = Worker()
    handlers = {"hello": worker.hello, "setup": worker.setup, "train": worker.train_epoch,
                "latency": worker.latency, "throughput": worker.throughput}
    for line in sys.stdin:
        if not line.strip():
            continue
        req = json.loads(line)
        if req["op"] == "quit":
            break
        try:
            answer = {"ok": True, **handlers[req["op"]](req)}
        except Exception as e:  # the driver reports it and stops; a wrong number is worse than none
            answer = {"ok": False, "error": f"{type(e).__name__}: {e}"}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()

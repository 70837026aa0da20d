#!/usr/bin/python3
"""PyTorch reference for `convscope bench`: the same seed-001 model trained the same way.

One epoch of MNIST, batch 128, Adam (lr 1e-3, eps 1e-7 as Keras), Glorot-uniform kernels and zero
biases as Keras, then forward latency of one image (median, p95) and batch-128 throughput.
Needs Debian's PyTorch (`apt-get install python3-torch`); run with the system Python:

    /usr/bin/python3 bench/reference_pytorch.py [--quick] [--data-dir DIR] [--threads N]
"""
import argparse
import os
import platform
import statistics
import time

import numpy as np
import torch
from torch import nn


def read_idx(path):
    """An IDX file (raw or .gz) as a numpy array."""
    import gzip
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load_mnist(folder):
    def find(name):
        for candidate in (name, name + ".gz"):
            path = os.path.join(folder, candidate)
            if os.path.exists(path):
                return path
        raise SystemExit(f"MNIST file {name} not found in {folder}")
    x_train = read_idx(find("train-images-idx3-ubyte")).astype(np.float32) / 255
    y_train = read_idx(find("train-labels-idx1-ubyte")).astype(np.int64)
    x_test = read_idx(find("t10k-images-idx3-ubyte")).astype(np.float32) / 255
    y_test = read_idx(find("t10k-labels-idx1-ubyte")).astype(np.int64)
    as_tensor = lambda x: torch.from_numpy(x).unsqueeze(1)  # (N, 1, 28, 28)
    return as_tensor(x_train), torch.from_numpy(y_train), as_tensor(x_test), torch.from_numpy(y_test)


def seed001():
    """Conv2D(32, 3, relu), MaxPooling2D(2), Conv2D(64, 3, relu), MaxPooling2D(2, same), Flatten, Dense(64, relu), Dense(10)."""
    model = nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2, ceil_mode=True),  # 11 -> 6, as Keras' 'same'
        nn.Flatten(), nn.Linear(2304, 64), nn.ReLU(), nn.Linear(64, 10))  # softmax is inside the loss
    for m in model.modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            nn.init.xavier_uniform_(m.weight)
            nn.init.zeros_(m.bias)
    return model


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="train on 10,000 images and time fewer runs")
    parser.add_argument("--data-dir", dest="data", default=os.path.expanduser("~/.convscope/datasets/mnist"))
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    print(f"PyTorch {torch.__version__}, Python {platform.python_version()}, {torch.get_num_threads()} threads, "
          f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f}")
    x_train, y_train, x_test, y_test = load_mnist(args.data)
    if args.quick:
        x_train, y_train = x_train[:10_000], y_train[:10_000]
    n = len(x_train)

    model = seed001()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    loss_fn = nn.CrossEntropyLoss()
    model.train()
    start, cpu_start = time.perf_counter(), time.process_time()
    order = torch.randperm(n)
    for b in range(0, n, args.batch):
        idx = order[b:b + args.batch]
        optimizer.zero_grad()
        loss = loss_fn(model(x_train[idx]), y_train[idx])
        loss.backward()
        optimizer.step()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start

    model.eval()
    with torch.no_grad():
        correct = sum((model(x_test[i:i + 1000]).argmax(1) == y_test[i:i + 1000]).sum().item()
                      for i in range(0, len(x_test), 1000))
    print(f"train: 1 epoch of {n:,} images, batch {args.batch}, Adam: {seconds:.2f} s (CPU {cpu:.1f} s), "
          f"{n / seconds:,.0f} images/s; test accuracy {100 * correct / len(x_test):.2f} %")
    if args.quick:
        print(f"       (a full epoch of 60,000 images would take ≈ {seconds * 60_000 / n:.1f} s)")

    runs = 2_000 if args.quick else 10_000
    singles = [x_test[i:i + 1] for i in range(64)]
    with torch.no_grad():
        for i in range(runs // 4):
            model(singles[i % 64])
        times = []
        for i in range(runs):
            t0 = time.perf_counter()
            model(singles[i % 64])
            times.append(time.perf_counter() - t0)
    times.sort()
    print(f"infer batch 1: median {1e3 * statistics.median(times):.3f} ms, p95 {1e3 * times[int(0.95 * runs)]:.3f} ms ({runs:,} runs)")

    batches = [x_test[i:i + args.batch] for i in range(0, len(x_test) // args.batch * args.batch, args.batch)]
    rounds = 2 if args.quick else 5
    with torch.no_grad():
        for b in batches:
            model(b)
        t0 = time.perf_counter()
        for _ in range(rounds):
            for b in batches:
                model(b)
        seconds = time.perf_counter() - t0
    print(f"infer batch {args.batch}: {rounds * len(batches) * args.batch / seconds:,.0f} images/s")


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Checks a Keras model file that ConvScope exported, without ConvScope and without Keras.

    /usr/bin/python3 scripts/check_keras_export.py MODEL.h5|MODEL.keras INPUT.npy EXPECTED.npy [--atol 1e-5]

Reads the file with h5py only (Debian's python3-h5py and numpy): the model config (the .h5's
model_config attribute, or the .keras zip's config.json) and the weights by the paths Keras loads
them from (model_weights/<layer>/ + each name in weight_names for .h5; layers/<layer>/vars/0, 1, ...
in the .keras's model.weights.h5), then computes the forward pass of INPUT (N, H, W, C) in numpy
from these arrays alone and compares it with EXPECTED, the outputs ConvScope computed. Prints one
line per check and exits 1 on the first difference, so the file is shown to make sense on its own.
"""
import argparse
import io
import json
import sys
import zipfile

import h5py
import numpy as np


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def names(attrs, key):
    """Keras' load_attributes_from_hdf5_group: a list of names; an absent attribute is the empty list."""
    if key not in attrs:
        return []
    return [n.decode("utf8") if hasattr(n, "decode") else str(n) for n in attrs[key]]


def read_h5(path):
    with h5py.File(path, "r") as f:
        config = f.attrs["model_config"]
        config = json.loads(config.decode("utf8") if hasattr(config, "decode") else config)
        group = f["model_weights"]
        weights = {}
        for layer in names(group.attrs, "layer_names"):
            g = group[layer]
            weights[layer] = [np.array(g[w]) for w in names(g.attrs, "weight_names")]
    return config, weights, "h5"


def read_keras(path):
    with zipfile.ZipFile(path) as z:
        config = json.loads(z.read("config.json"))
        json.loads(z.read("metadata.json"))  # must be there and be JSON
        data = io.BytesIO(z.read("model.weights.h5"))
    weights = {}
    with h5py.File(data, "r") as f:
        if "vars" not in f:
            fail("model.weights.h5 has no root 'vars' group (Keras 3 opens it for the model's own variables)")
        for name, g in f["layers"].items():
            v = g["vars"]
            weights[name] = [np.array(v[str(i)]) for i in range(len(v))]
    return config, weights, "keras"


def pads(size, k, s, d, padding):
    """TensorFlow's padding: 'same' pads (out−1)·s + span − in in total, the smaller half first."""
    span = d * (k - 1) + 1
    if padding == "valid":
        return (size - span) // s + 1, 0, 0
    out = -(-size // s)
    total = max((out - 1) * s + span - size, 0)
    return out, total // 2, total - total // 2


def windows(x, k, s, d, padding, fill):
    """Yields (u, v, the input cells under kernel cell (u, v) for every output position): (N, OH, OW, C)."""
    n, h, w, c = x.shape
    oh, top, bottom = pads(h, k[0], s[0], d[0], padding)
    ow, left, right = pads(w, k[1], s[1], d[1], padding)
    xp = np.pad(x, ((0, 0), (top, bottom), (left, right), (0, 0)), constant_values=fill)
    for u in range(k[0]):
        for v in range(k[1]):
            r, q = u * d[0], v * d[1]
            yield u, v, xp[:, r:r + s[0] * (oh - 1) + 1:s[0], q:q + s[1] * (ow - 1) + 1:s[1], :]


def activation(name, z, slope=0.2):
    table = {
        "linear": lambda: z,
        "relu": lambda: np.maximum(z, 0),
        "leaky_relu": lambda: np.where(z > 0, z, slope * z),
        "elu": lambda: np.where(z > 0, z, np.expm1(np.minimum(z, 0))),
        "selu": lambda: 1.0507009873554805 * np.where(z > 0, z, 1.6732632423543772 * np.expm1(np.minimum(z, 0))),
        "sigmoid": lambda: 1 / (1 + np.exp(-z)),
        "tanh": lambda: np.tanh(z),
        "softmax": lambda: np.exp(z - z.max(axis=-1, keepdims=True)) / np.exp(z - z.max(axis=-1, keepdims=True)).sum(axis=-1, keepdims=True),
    }
    if name not in table:
        fail("activation " + name + " is not one this check knows")
    return table[name]()


def pair(v):
    return list(v) if isinstance(v, (list, tuple)) else [v, v]


def forward(config, weights, x):
    """The Sequential's forward pass in float64, layer by layer, from the config and the stored arrays."""
    if config.get("class_name") != "Sequential":
        fail("not a Sequential model: " + str(config.get("class_name")))
    for layer in config["config"]["layers"]:
        cls, cfg = layer["class_name"], layer["config"]
        w = weights.get(cfg["name"], [])
        if cls == "InputLayer":
            shape = cfg.get("batch_input_shape") or cfg.get("batch_shape")
            if list(x.shape[1:]) != shape[1:]:
                fail("the input is %s but the model takes %s" % (list(x.shape[1:]), shape[1:]))
            continue
        if cls == "Conv2D":
            kernel = w[0]
            k, s, d = pair(cfg["kernel_size"]), pair(cfg["strides"]), pair(cfg["dilation_rate"])
            if list(kernel.shape) != k + [x.shape[-1], cfg["filters"]]:
                fail("%s: kernel %s does not fit the config" % (cfg["name"], kernel.shape))
            y = 0
            for u, v, cells in windows(x, k, s, d, cfg["padding"], 0.0):
                y = y + cells @ kernel[u, v]
            if cfg["use_bias"]:
                y = y + w[1]
            x = activation(cfg["activation"], y)
        elif cls in ("MaxPooling2D", "AveragePooling2D"):
            k, s = pair(cfg["pool_size"]), pair(cfg["strides"] or cfg["pool_size"])
            if cls == "MaxPooling2D":
                x = np.max([cells for _, _, cells in windows(x, k, s, [1, 1], cfg["padding"], -np.inf)], axis=0)
            else:  # padded cells take no part in the mean, as in TensorFlow
                total = sum(cells for _, _, cells in windows(x, k, s, [1, 1], cfg["padding"], 0.0))
                count = sum(cells for _, _, cells in windows(np.ones_like(x), k, s, [1, 1], cfg["padding"], 0.0))
                x = total / count
        elif cls == "Dense":
            if w[0].shape[0] != x.shape[-1]:
                fail("%s: kernel %s does not fit its input %s" % (cfg["name"], w[0].shape, x.shape))
            x = activation(cfg["activation"], x @ w[0] + (w[1] if cfg["use_bias"] else 0))
        elif cls == "Flatten":
            x = x.reshape(x.shape[0], -1)
        elif cls == "Dropout":
            pass  # inference
        elif cls == "BatchNormalization":
            gamma, beta, mean, var = w
            x = gamma * (x - mean) / np.sqrt(var + cfg["epsilon"]) + beta
        elif cls == "Activation":
            x = activation(cfg["activation"], x)
        elif cls == "ReLU":
            x = np.maximum(x, 0)
        elif cls == "LeakyReLU":
            x = activation("leaky_relu", x, cfg["negative_slope"] if "negative_slope" in cfg else cfg["alpha"])
        elif cls == "Softmax":
            x = activation("softmax", x)
        elif cls == "Rescaling":
            x = cfg["scale"] * x + cfg["offset"]
        else:
            fail("layer class " + cls + " is not one this check knows")
    return x


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("model")
    p.add_argument("input")
    p.add_argument("expected")
    p.add_argument("--atol", type=float, default=1e-5)
    a = p.parse_args()
    config, weights, kind = read_keras(a.model) if a.model.endswith(".keras") else read_h5(a.model)
    x = np.load(a.input).astype(np.float64)
    expected = np.load(a.expected)
    y = forward(config, weights, x)
    if y.shape != expected.shape:
        fail("output shape %s, ConvScope's %s" % (y.shape, expected.shape))
    worst = float(np.max(np.abs(y - expected))) if y.size else 0.0
    print("%s: %d layers, %d weight arrays, output %s, largest difference from ConvScope %.3g"
          % (a.model, len(config["config"]["layers"]), sum(len(v) for v in weights.values()), y.shape, worst))
    if not worst <= a.atol:
        fail("the outputs differ by %.3g (allowed %.3g)" % (worst, a.atol))
    print("OK")


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Checks a Keras model file that ConvScope exported, without ConvScope and without Keras.

    /usr/bin/python3 scripts/check_keras_export.py MODEL.h5|MODEL.keras INPUT.npy EXPECTED.npy [--atol 1e-5]

Reads the file with h5py only (Debian's python3-h5py and numpy): the model config (the .h5's
model_config attribute, or the .keras zip's config.json) and the weights by the paths Keras loads
them from (model_weights/<layer>/ + each name in weight_names for .h5; layers/<layer>/vars/0, 1, ...
in the .keras's model.weights.h5), then computes the forward pass of INPUT (N, H, W, C) in numpy
from these arrays alone: a Sequential layer after layer, a Functional model each layer on the layers
its inbound_nodes name (Keras 2's and Keras 3's spellings), from input_layers to output_layers and compares it with EXPECTED, the outputs ConvScope computed. Prints one
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


def conv_sum(x, kernel, cfg, per_channel):
    """Σ over kernel cells of the cells times the kernel: Conv2D's (KH, KW, C, F) kernel, or a depthwise
    (KH, KW, C, M) one whose output channel c·M + m reads input channel c alone (Keras' order)."""
    k, s, d = pair(cfg["kernel_size"]), pair(cfg["strides"]), pair(cfg["dilation_rate"])
    y = 0
    for u, v, cells in windows(x, k, s, d, cfg["padding"], 0.0):
        if per_channel:
            n, oh, ow, c = cells.shape
            y = y + (cells[..., :, None] * kernel[u, v]).reshape(n, oh, ow, -1)
        else:
            y = y + cells @ kernel[u, v]
    return y


def keras_history(args, found):
    """The layer names of the Keras 3 tensors in a node's (nested) args."""
    if isinstance(args, list):
        for a in args:
            keras_history(a, found)
    elif isinstance(args, dict) and args.get("class_name") == "__keras_tensor__":
        found.append(args["config"]["keras_history"][0])
    return found


def inbound(layer):
    """The layers a Functional layer entry takes its inputs from: Keras 2's [[[name, 0, 0, {}], ...]] or Keras 3's
    [{"args": [...tensors...], "kwargs": {}}]."""
    nodes = layer.get("inbound_nodes") or []
    if len(nodes) > 1:
        fail(layer["name"] + " is applied more than once")
    if not nodes:
        return []
    if isinstance(nodes[0], list):
        return [t[0] for t in nodes[0]]
    return keras_history(nodes[0]["args"], [])


def endpoint(entries):
    """input_layers / output_layers: [[name, 0, 0]] or Keras 3's single [name, 0, 0]."""
    if len(entries) != 1 and not isinstance(entries[0], str):
        fail("%d endpoints %s; the check knows one input and one output" % (len(entries), entries))
    return entries[0] if isinstance(entries[0], str) else entries[0][0]


def graph(config):
    """(class, config, inbound layer names) per layer in the file's order, and the input and output layer names:
    a Sequential is a chain, a Functional model says each layer's inputs."""
    cls, cfg = config.get("class_name"), config["config"]
    if cls == "Sequential":
        entries, previous = [], None
        for layer in cfg["layers"]:
            entries.append((layer["class_name"], layer["config"], [previous] if previous else []))
            previous = layer["config"]["name"]
        return entries, entries[0][1]["name"], previous
    if cls in ("Functional", "Model"):
        for layer in cfg["layers"]:
            if layer["name"] != layer["config"]["name"]:
                fail("layer %s has the config of %s" % (layer["name"], layer["config"]["name"]))
        entries = [(layer["class_name"], layer["config"], inbound(layer)) for layer in cfg["layers"]]
        return entries, endpoint(cfg["input_layers"]), endpoint(cfg["output_layers"])
    fail("not a Sequential or Functional model: " + str(cls))


def forward(config, weights, x):
    """The model's forward pass in float64, layer by layer in the config's order (a layer only reads layers
    before it), each on the outputs of its inbound layers, from the config and the stored arrays."""
    entries, input_name, output_name = graph(config)
    values = {}
    for cls, cfg, ins in entries:
        name = cfg["name"]
        if cls == "InputLayer":
            shape = cfg.get("batch_input_shape") or cfg.get("batch_shape")
            if list(x.shape[1:]) != shape[1:]:
                fail("the input is %s but the model takes %s" % (list(x.shape[1:]), shape[1:]))
            if name != input_name:
                fail("the InputLayer %s is not the model's input %s" % (name, input_name))
            values[name] = x
            continue
        for i in ins:
            if i not in values:
                fail("%s takes its input from %s, which is not a layer before it" % (name, i))
        values[name] = layer_output(cls, cfg, weights.get(name, []), [values[i] for i in ins])
    if output_name not in values:
        fail("the output " + output_name + " is not one of the layers")
    return values[output_name]


def layer_output(cls, cfg, w, xs):
    """One layer of class cls on its inputs xs (one, or a merge layer's list)."""
    x = xs[0]
    if cls in ("Add", "Concatenate"):
        if len(xs) < 2:
            fail("%s joins %d inputs" % (cfg["name"], len(xs)))
        return sum(xs) if cls == "Add" else np.concatenate(xs, axis=cfg.get("axis", -1))
    if len(xs) != 1:
        fail("%s (%s) takes %d inputs" % (cfg["name"], cls, len(xs)))
    if cls == "Conv2D":
        kernel = w[0]
        if list(kernel.shape) != pair(cfg["kernel_size"]) + [x.shape[-1], cfg["filters"]]:
            fail("%s: kernel %s does not fit the config" % (cfg["name"], kernel.shape))
        y = conv_sum(x, kernel, cfg, False)
        if cfg["use_bias"]:
            y = y + w[1]
        return activation(cfg["activation"], y)
    if cls in ("DepthwiseConv2D", "SeparableConv2D"):
        kernel = w[0]  # depthwise_kernel (KH, KW, C, M)
        if list(kernel.shape) != pair(cfg["kernel_size"]) + [x.shape[-1], cfg["depth_multiplier"]]:
            fail("%s: depthwise kernel %s does not fit the config" % (cfg["name"], kernel.shape))
        y = conv_sum(x, kernel, cfg, True)
        if cls == "SeparableConv2D":
            pointwise = w[1]  # (1, 1, C·M, F)
            if list(pointwise.shape) != [1, 1, y.shape[-1], cfg["filters"]]:
                fail("%s: pointwise kernel %s does not fit the config" % (cfg["name"], pointwise.shape))
            y = y @ pointwise[0, 0]
        if cfg["use_bias"]:
            y = y + w[-1]
        return activation(cfg["activation"], y)
    if cls in ("MaxPooling2D", "AveragePooling2D"):
        k, s = pair(cfg["pool_size"]), pair(cfg["strides"] or cfg["pool_size"])
        if cls == "MaxPooling2D":
            return np.max([cells for _, _, cells in windows(x, k, s, [1, 1], cfg["padding"], -np.inf)], axis=0)
        # padded cells take no part in the mean, as in TensorFlow
        total = sum(cells for _, _, cells in windows(x, k, s, [1, 1], cfg["padding"], 0.0))
        count = sum(cells for _, _, cells in windows(np.ones_like(x), k, s, [1, 1], cfg["padding"], 0.0))
        return total / count
    if cls in ("GlobalAveragePooling2D", "GlobalMaxPooling2D"):
        if cfg.get("keepdims"):
            fail(cfg["name"] + ": keepdims=True is not one this check knows")
        return x.mean(axis=(1, 2)) if cls == "GlobalAveragePooling2D" else x.max(axis=(1, 2))
    if cls == "ZeroPadding2D":
        p = cfg["padding"]
        (top, bottom), (left, right) = ((p, p), (p, p)) if isinstance(p, int) else \
            ((p[0], p[0]), (p[1], p[1])) if isinstance(p[0], int) else (p[0], p[1])
        return np.pad(x, ((0, 0), (top, bottom), (left, right), (0, 0)))
    if cls == "Dense":
        if w[0].shape[0] != x.shape[-1]:
            fail("%s: kernel %s does not fit its input %s" % (cfg["name"], w[0].shape, x.shape))
        return activation(cfg["activation"], x @ w[0] + (w[1] if cfg["use_bias"] else 0))
    if cls == "Flatten":
        return x.reshape(x.shape[0], -1)
    if cls == "Dropout":
        return x  # inference
    if cls == "BatchNormalization":
        gamma, beta, mean, var = w
        return gamma * (x - mean) / np.sqrt(var + cfg["epsilon"]) + beta
    if cls == "Activation":
        return activation(cfg["activation"], x)
    if cls == "ReLU":
        return np.maximum(x, 0)
    if cls == "LeakyReLU":
        return activation("leaky_relu", x, cfg["negative_slope"] if "negative_slope" in cfg else cfg["alpha"])
    if cls == "Softmax":
        return activation("softmax", x)
    if cls == "Rescaling":
        return cfg["scale"] * x + cfg["offset"]
    fail("layer class " + cls + " is not one this check knows")


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

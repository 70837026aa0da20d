#!/usr/bin/python3
"""Writes the Keras model files ConvScope's import is tested on, without Keras.

Run with Debian's python3-h5py and numpy:  /usr/bin/python3 scripts/make-keras-fixtures.py

Two small models cover every layer and option ConvScope reads; each is written in both layouts
Keras uses, exactly as Keras lays them out:
  * .h5 (Keras 2 / Keras 3 legacy): root attributes keras_version, backend, model_config (JSON),
    training_config (JSON); model_weights/ with attribute layer_names, one group per layer with
    attribute weight_names and datasets at model_weights/<layer>/<layer>/kernel:0, bias:0, ...
    (Keras 3 names them model_weights/<layer>/kernel, bias and writes its own config spelling)
  * .keras (Keras 3): a zip of config.json (with build_config and compile_config), metadata.json
    and model.weights.h5, whose weights sit at layers/<layer>/vars/0, 1, ...
expected.json holds, per model, an input batch and every layer's output computed here by a plain
numpy forward pass (explicit loops; kernels (KH, KW, C_in, F), Dense (F_in, units)), so the Java
test compares ConvScope's forward pass with an independent one. The remaining files are broken or
unsupported on purpose, one problem each, for the refusal tests.

Functional models (residual*, nested*) are written the same way with Keras' Functional config: every
layer entry has its "name" and "inbound_nodes", in Keras 2's spelling ([[["conv2d", 0, 0, {}], ...]])
or Keras 3's ({"args": [keras tensors with "keras_history"], "kwargs": {}}), "input_layers" and
"output_layers". nested holds a Sequential and a Functional model used as layers; their weights sit
under the sub-model's group (.h5: model_weights/<sub-model>/<layer>/kernel:0, all of the sub-model's
weights listed in its weight_names; .keras: layers/<sub-model>/layers/<layer>/vars/i), as this script
understands Keras to write them (no Keras was available to check the nested layout against).
"""
import io
import json
import os
import zipfile

import h5py
import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "test", "resources", "org", "convscope", "engine", "keras")
rng = np.random.default_rng(20261122)
VLEN_ASCII = h5py.string_dtype("ascii")

# ---- reference forward pass (channels-last, batch first) -------------------------------------------


def pads(size, k, s, d, padding):
    """TensorFlow's padding: 'same' pads (out−1)·s + span − in in total, the smaller half first."""
    span = d * (k - 1) + 1
    if padding == "valid":
        return (size - span) // s + 1, 0, 0
    out = -(-size // s)
    total = max((out - 1) * s + span - size, 0)
    return out, total // 2, total - total // 2


def conv2d(x, w, b, strides, padding, dilation):
    n, h, wd, c = x.shape
    kh, kw, _, f = w.shape
    oh, top, _ = pads(h, kh, strides[0], dilation[0], padding)
    ow, left, _ = pads(wd, kw, strides[1], dilation[1], padding)
    y = np.zeros((n, oh, ow, f))
    for i in range(oh):
        for j in range(ow):
            for u in range(kh):
                for v in range(kw):
                    r = i * strides[0] - top + u * dilation[0]
                    q = j * strides[1] - left + v * dilation[1]
                    if 0 <= r < h and 0 <= q < wd:
                        y[:, i, j, :] += x[:, r, q, :] @ w[u, v]
    return y + (b if b is not None else 0)


def pool2d(x, pool, strides, padding, kind):
    n, h, wd, c = x.shape
    oh, top, _ = pads(h, pool[0], strides[0], 1, padding)
    ow, left, _ = pads(wd, pool[1], strides[1], 1, padding)
    y = np.zeros((n, oh, ow, c))
    for i in range(oh):
        for j in range(ow):
            r0, r1 = max(i * strides[0] - top, 0), min(i * strides[0] - top + pool[0], h)
            q0, q1 = max(j * strides[1] - left, 0), min(j * strides[1] - left + pool[1], wd)
            window = x[:, r0:r1, q0:q1, :]  # padded cells take no part, as in TensorFlow
            y[:, i, j, :] = window.max(axis=(1, 2)) if kind == "max" else window.mean(axis=(1, 2))
    return y


def activation(name, z):
    if name == "linear":
        return z
    if name == "relu":
        return np.maximum(z, 0)
    if name == "leaky_relu":
        return np.where(z > 0, z, 0.2 * z)
    if name == "elu":
        return np.where(z > 0, z, np.expm1(z))
    if name == "selu":
        return 1.0507009873554805 * np.where(z > 0, z, 1.6732632423543772 * np.expm1(z))
    if name == "sigmoid":
        return 1 / (1 + np.exp(-z))
    if name == "tanh":
        return np.tanh(z)
    if name == "softmax":
        e = np.exp(z - z.max(axis=-1, keepdims=True))
        return e / e.sum(axis=-1, keepdims=True)
    raise ValueError(name)


def forward(layers, weights, x):
    """Every layer's output (layers without a ConvScope twin, InputLayer and Reshape, are skipped)."""
    outs = []
    for cls, cfg in layers:
        w = weights.get(cfg["name"])
        if cls in ("InputLayer",):
            continue
        if cls == "Reshape":
            x = x.reshape((x.shape[0],) + tuple(cfg["target_shape"]))
            continue
        if cls == "Conv2D":
            x = activation(cfg["activation"], conv2d(x, w[0], w[1] if cfg["use_bias"] else None, cfg["strides"], cfg["padding"], cfg["dilation_rate"]))
        elif cls in ("MaxPooling2D", "AveragePooling2D"):
            x = pool2d(x, cfg["pool_size"], cfg["strides"], cfg["padding"], "max" if cls == "MaxPooling2D" else "avg")
        elif cls == "Dense":
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
            x = np.where(x > 0, x, cfg["alpha"] * x)
        elif cls == "Softmax":
            x = activation("softmax", x)
        elif cls == "Rescaling":
            x = cfg["scale"] * x + cfg["offset"]
        else:
            x = forward_graph_layer(cls, cfg, w, [x])
        outs.append(x)
    return outs


def depthwise(x, w, strides, padding, dilation):
    """Each channel c convolved with its own kernels w[:, :, c, m], output channel c·M + m."""
    c, m = w.shape[2], w.shape[3]
    outs = [conv2d(x[..., ch:ch + 1], w[:, :, ch:ch + 1, mm:mm + 1], None, strides, padding, dilation) for ch in range(c) for mm in range(m)]
    return np.concatenate(outs, axis=-1)


def forward_graph_layer(cls, cfg, w, xs):
    """The layers that graphs bring (and every other through forward), on the list of inputs xs."""
    x = xs[0]
    if cls == "Add":
        return sum(xs)
    if cls == "Concatenate":
        return np.concatenate(xs, axis=-1)
    if cls == "GlobalAveragePooling2D":
        return x.mean(axis=(1, 2))
    if cls == "GlobalMaxPooling2D":
        return x.max(axis=(1, 2))
    if cls == "ZeroPadding2D":
        (t, b), (l, r) = cfg["padding"]
        return np.pad(x, ((0, 0), (t, b), (l, r), (0, 0)))
    if cls == "DepthwiseConv2D":
        z = depthwise(x, w[0], cfg["strides"], cfg["padding"], cfg["dilation_rate"])
        return activation(cfg["activation"], z + (w[1] if cfg["use_bias"] else 0))
    if cls == "SeparableConv2D":
        d = depthwise(x, w[0], cfg["strides"], cfg["padding"], cfg["dilation_rate"])
        return activation(cfg["activation"], d @ w[1][0, 0] + (w[2] if cfg["use_bias"] else 0))
    return forward([(cls, cfg)], {cfg["name"]: w} if w is not None else {}, x)[-1]


# ---- the models -----------------------------------------------------------------------------------


def conv(name, filters, k, activation="linear", strides=(1, 1), padding="valid", dilation=(1, 1), use_bias=True):
    return ("Conv2D", {"name": name, "trainable": True, "filters": filters, "kernel_size": list(k), "strides": list(strides),
                       "padding": padding, "data_format": "channels_last", "dilation_rate": list(dilation), "groups": 1,
                       "activation": activation, "use_bias": use_bias,
                       "kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": None}},
                       "bias_initializer": {"class_name": "Zeros", "config": {}},
                       "kernel_regularizer": None, "bias_regularizer": None, "activity_regularizer": None,
                       "kernel_constraint": None, "bias_constraint": None})


def dense(name, units, activation="linear", use_bias=True):
    return ("Dense", {"name": name, "trainable": True, "units": units, "activation": activation, "use_bias": use_bias,
                      "kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": None}},
                      "bias_initializer": {"class_name": "Zeros", "config": {}},
                      "kernel_regularizer": None, "bias_regularizer": None, "activity_regularizer": None,
                      "kernel_constraint": None, "bias_constraint": None})


def pool(cls, name, size, strides=None, padding="valid"):
    return (cls, {"name": name, "trainable": True, "pool_size": list(size), "padding": padding,
                  "strides": list(strides or size), "data_format": "channels_last"})


# cnn: 8×8×2 pixels 0–255; Rescaling, same padding, BN with real statistics, strides, no bias, pooling
# with 'same' and stride 1, Dropout, LeakyReLU's own slope, a Softmax layer.
CNN = {
    "input": [8, 8, 2],
    "layers": [
        ("Rescaling", {"name": "rescaling", "trainable": True, "scale": 1 / 255, "offset": -0.5}),
        conv("conv2d", 4, (3, 3), "relu", padding="same"),
        ("BatchNormalization", {"name": "batch_normalization", "trainable": True, "axis": [3], "momentum": 0.9, "epsilon": 0.01,
                                "center": True, "scale": True}),
        pool("MaxPooling2D", "max_pooling2d", (2, 2)),
        conv("conv2d_1", 3, (2, 2), "tanh", strides=(2, 2), use_bias=False),
        pool("AveragePooling2D", "average_pooling2d", (2, 2), strides=(1, 1), padding="same"),
        ("Flatten", {"name": "flatten", "trainable": True, "data_format": "channels_last"}),
        ("Dropout", {"name": "dropout", "trainable": True, "rate": 0.25, "noise_shape": None, "seed": None}),
        dense("dense", 6, "elu"),
        ("LeakyReLU", {"name": "leaky_re_lu", "trainable": True, "alpha": 0.1}),
        dense("dense_1", 3),
        ("Softmax", {"name": "softmax", "trainable": True, "axis": -1}),
    ],
}

# dilated: a (8, 8) input given its channel axis by Reshape; dilation, the Activation layer, ReLU,
# unequal strides, sigmoid, max pooling with 'same', the 'leaky_relu' activation (slope 0.2), a Dense
# without bias.
DILATED = {
    "input": [8, 8],
    "layers": [
        ("Reshape", {"name": "reshape", "trainable": True, "target_shape": [8, 8, 1]}),
        conv("conv2d", 2, (3, 3), dilation=(2, 2)),
        ("Activation", {"name": "activation", "trainable": True, "activation": "selu"}),
        ("ReLU", {"name": "re_lu", "trainable": True, "max_value": None, "negative_slope": 0.0, "threshold": 0.0}),
        conv("conv2d_1", 2, (2, 2), "sigmoid", strides=(1, 2)),
        pool("MaxPooling2D", "max_pooling2d", (2, 2), padding="same"),
        ("Flatten", {"name": "flatten", "trainable": True, "data_format": "channels_last"}),
        dense("dense", 5, "leaky_relu"),
        dense("dense_1", 4, "softmax", use_bias=False),
    ],
}

# seed_001: the tutorial CNN, to compare summaries with the model ConvScope builds itself.
SEED_001 = {
    "name": "seed_001",
    "input": [28, 28, 1],
    "zero_weights": True,
    "layers": [
        conv("conv2d", 32, (3, 3), "relu"),
        pool("MaxPooling2D", "max_pooling2d", (2, 2)),
        conv("conv2d_1", 64, (3, 3), "relu"),
        pool("MaxPooling2D", "max_pooling2d_1", (2, 2), padding="same"),
        ("Flatten", {"name": "flatten", "trainable": True, "data_format": "channels_last"}),
        dense("dense", 64, "relu"),
        dense("dense_1", 10, "softmax"),
    ],
}


def make_weights(model):
    """Weights per layer name in Keras' order, shapes from a pass over the layers."""
    weights = {}
    zero = model.get("zero_weights", False)

    def draw(*s):
        return np.zeros(s, np.float32) if zero else rng.normal(0, 0.5, s).astype(np.float32)

    probe = np.zeros([1] + list(model["input"]))
    for cls, cfg in model["layers"]:
        shape = probe.shape[1:]
        if cls == "Conv2D":
            w = [draw(*cfg["kernel_size"], shape[-1], cfg["filters"])]
            if cfg["use_bias"]:
                w.append(draw(cfg["filters"]))
            weights[cfg["name"]] = w
        elif cls == "Dense":
            w = [draw(shape[-1], cfg["units"])]
            if cfg["use_bias"]:
                w.append(draw(cfg["units"]))
            weights[cfg["name"]] = w
        elif cls == "BatchNormalization":
            c = shape[-1]
            weights[cfg["name"]] = [rng.uniform(0.5, 1.5, c).astype(np.float32), rng.normal(0, 0.3, c).astype(np.float32),
                                    rng.normal(0.5, 0.3, c).astype(np.float32), rng.uniform(0.2, 2, c).astype(np.float32)]
        probe = probe.reshape((1,) + tuple(cfg["target_shape"])) if cls == "Reshape" else forward([(cls, cfg)], weights, probe)[-1]
    return weights


WEIGHT_NAMES = {"Conv2D": ["kernel", "bias"], "Dense": ["kernel", "bias"],
                "BatchNormalization": ["gamma", "beta", "moving_mean", "moving_variance"],
                "DepthwiseConv2D": ["depthwise_kernel", "bias"], "SeparableConv2D": ["depthwise_kernel", "pointwise_kernel", "bias"]}


def keras2_config(model):
    layers = [{"class_name": "InputLayer", "config": {"batch_input_shape": [None] + model["input"], "dtype": "float32",
                                                      "sparse": False, "ragged": False, "name": model["layers"][0][1]["name"] + "_input"}}]
    for cls, cfg in model["layers"]:
        layers.append({"class_name": cls, "config": dict(cfg, dtype="float32")})
    return {"class_name": "Sequential", "config": {"name": model.get("name", "sequential"), "layers": layers}}


def keras3_config(model):
    policy = {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": None}
    layers = [{"module": "keras.layers", "class_name": "InputLayer",
               "config": {"batch_shape": [None] + model["input"], "dtype": "float32", "sparse": False, "name": "input_layer"},
               "registered_name": None}]
    for cls, cfg in model["layers"]:
        c = dict(cfg, dtype=policy)
        if cls == "LeakyReLU":  # Keras 3 renamed alpha
            c["negative_slope"] = c.pop("alpha")
        layers.append({"module": "keras.layers", "class_name": cls, "config": c, "registered_name": None})
    return {"module": "keras", "class_name": "Sequential",
            "config": {"name": model.get("name", "sequential"), "trainable": True, "dtype": policy, "layers": layers},
            "registered_name": None, "build_config": {"input_shape": [None] + model["input"]},
            "compile_config": {"optimizer": {"module": "keras.optimizers", "class_name": "RMSprop",
                                             "config": {"name": "rmsprop", "learning_rate": 0.0005, "rho": 0.9},
                                             "registered_name": None},
                               "loss": "sparse_categorical_crossentropy", "metrics": ["accuracy"], "loss_weights": None,
                               "weighted_metrics": None, "run_eagerly": False, "steps_per_execution": 1, "jit_compile": False}}


def names_attr(group, name, values):
    """Keras' save_attributes_to_hdf5_group: names as variable-length ASCII strings, [] as an empty float64 array."""
    if values:
        group.attrs.create(name, [v.encode("utf8") for v in values], dtype=VLEN_ASCII)
    else:
        group.attrs[name] = np.array([], dtype=np.float64)


def write_h5(path, model, weights, config=None, compression=None, keras3=False):
    """Keras 2's model.save("x.h5"); keras3: Keras 3's legacy .h5, its config and plain weight names ("kernel")."""
    version = "3.3.3" if keras3 else "2.10.0"
    with h5py.File(path, "w") as f:
        f.attrs["backend"] = "tensorflow"
        f.attrs["keras_version"] = version
        f.attrs["model_config"] = json.dumps(config or (keras3_config(model) if keras3 else keras2_config(model))).encode("utf8")
        f.attrs["training_config"] = json.dumps({"loss": "sparse_categorical_crossentropy", "metrics": [[{"class_name": "MeanMetricWrapper",
            "config": {"name": "accuracy", "dtype": "float32", "fn": "sparse_categorical_accuracy"}}]], "weighted_metrics": None,
            "loss_weights": None, "optimizer_config": {"class_name": "Adam", "config": {"name": "Adam", "learning_rate": 0.002,
            "decay": 0.0, "beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-07, "amsgrad": False}}}).encode("utf8")
        mw = f.create_group("model_weights")
        mw.attrs["backend"] = "tensorflow"
        mw.attrs["keras_version"] = version
        names = [cfg["name"] for cls, cfg in model["layers"]]
        names_attr(mw, "layer_names", names)
        for cls, cfg in model["layers"]:
            g = mw.create_group(cfg["name"])
            ws = weights.get(cfg["name"], [])
            wnames = [WEIGHT_NAMES[cls][i] if keras3 else f"{cfg['name']}/{WEIGHT_NAMES[cls][i]}:0" for i in range(len(ws))]
            names_attr(g, "weight_names", wnames)
            for wname, value in zip(wnames, ws):
                g.create_dataset(wname, data=value, compression=compression)
        names_attr(mw.create_group("top_level_model_weights"), "weight_names", [])


def weights_h5_bytes(model, weights, root="layers"):
    """Keras 3's model.weights.h5: layers/<name>/vars/<i>, an empty vars group for layers without weights
    (Keras 2.13–2.15 wrote _layer_checkpoint_dependencies/<name>/vars/<i>)."""
    buf = io.BytesIO()
    with h5py.File(buf, "w") as f:
        layers = f.create_group(root)
        for cls, cfg in model["layers"]:
            v = layers.create_group(cfg["name"]).create_group("vars")
            for i, value in enumerate(weights.get(cfg["name"], [])):
                v.create_dataset(str(i), data=value)
        f.create_group("optimizer").create_group("vars").create_dataset("0", data=np.array(0, np.int64))
    return buf.getvalue()


def write_keras(path, model, weights, members=None, keras2=False):
    """Keras 3's model.save("x.keras"); keras2: Keras 2.13–2.15's, with its config and weight paths."""
    files = {"metadata.json": json.dumps({"keras_version": "2.15.0" if keras2 else "3.3.3", "date_saved": "2026-11-22@03:00:00"}).encode(),
             "config.json": json.dumps(keras2_config(model) if keras2 else keras3_config(model)).encode(),
             "model.weights.h5": weights_h5_bytes(model, weights, "_layer_checkpoint_dependencies" if keras2 else "layers")}
    files.update(members or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            if data is not None:  # a fixed date keeps the files the same from run to run
                z.writestr(zipfile.ZipInfo(name, date_time=(2026, 11, 22, 3, 0, 0)), data, zipfile.ZIP_DEFLATED)


# ---- Functional models ------------------------------------------------------------------------------
# A graph is {"name", "input": [H, W, C], "input_name", "layers": [(cls, cfg, [inbound layer names]), ...]}; a
# sub-model is a layer ("Sequential" or "Functional", cfg, inbound) whose cfg holds its own "input_name" and
# "layers" (a Sequential's without inbound names).


def layer_cfg(cls, name, **options):
    base = {"Add": {}, "Concatenate": {"axis": -1}, "Flatten": {"data_format": "channels_last"},
            "GlobalAveragePooling2D": {"data_format": "channels_last", "keepdims": False},
            "GlobalMaxPooling2D": {"data_format": "channels_last", "keepdims": False}}.get(cls, {})
    return dict({"name": name, "trainable": True}, **base, **options)


def depthwise_cfg(name, k, multiplier, activation="linear", strides=(1, 1), padding="valid", dilation=(1, 1), use_bias=True):
    return {"name": name, "trainable": True, "kernel_size": list(k), "strides": list(strides), "padding": padding,
            "data_format": "channels_last", "dilation_rate": list(dilation), "groups": 1, "activation": activation,
            "use_bias": use_bias, "depth_multiplier": multiplier,
            "depthwise_initializer": {"class_name": "GlorotUniform", "config": {"seed": None}},
            "bias_initializer": {"class_name": "Zeros", "config": {}}, "depthwise_regularizer": None,
            "bias_regularizer": None, "activity_regularizer": None, "depthwise_constraint": None, "bias_constraint": None}


def separable_cfg(name, filters, k, multiplier, activation="linear", strides=(1, 1), padding="valid", dilation=(1, 1), use_bias=True):
    c = depthwise_cfg(name, k, multiplier, activation, strides, padding, dilation, use_bias)
    c.update({"filters": filters, "pointwise_initializer": {"class_name": "GlorotUniform", "config": {"seed": None}},
              "pointwise_regularizer": None, "pointwise_constraint": None})
    return c


BN = {"axis": [3], "momentum": 0.99, "epsilon": 0.001, "center": True, "scale": True}

# residual: zero padding, a depthwise convolution with multiplier 2, BN, a separable convolution added to the
# convolution before it (a tensor used twice), the input concatenated again, then global average and max
# pooling of the same map joined (rank-1 Concatenate) before the classifier.
RESIDUAL = {
    "name": "model", "input": [8, 8, 2], "input_name": "input_1",
    "layers": [
        ("ZeroPadding2D", layer_cfg("ZeroPadding2D", "zero_padding2d", padding=[[1, 1], [1, 1]], data_format="channels_last"), ["input_1"]),
        (*conv("conv2d", 4, (3, 3), "relu"), ["zero_padding2d"]),
        ("DepthwiseConv2D", depthwise_cfg("depthwise_conv2d", (3, 3), 2, padding="same"), ["conv2d"]),
        ("BatchNormalization", dict(layer_cfg("BatchNormalization", "batch_normalization"), **BN), ["depthwise_conv2d"]),
        ("SeparableConv2D", separable_cfg("separable_conv2d", 4, (3, 3), 1, "relu", padding="same"), ["batch_normalization"]),
        ("Add", layer_cfg("Add", "add"), ["separable_conv2d", "conv2d"]),
        ("Concatenate", layer_cfg("Concatenate", "concatenate"), ["add", "input_1"]),
        (*pool("MaxPooling2D", "max_pooling2d", (2, 2)), ["concatenate"]),
        ("GlobalAveragePooling2D", layer_cfg("GlobalAveragePooling2D", "global_average_pooling2d"), ["max_pooling2d"]),
        ("GlobalMaxPooling2D", layer_cfg("GlobalMaxPooling2D", "global_max_pooling2d"), ["max_pooling2d"]),
        ("Concatenate", layer_cfg("Concatenate", "concatenate_1"), ["global_average_pooling2d", "global_max_pooling2d"]),
        (*dense("dense", 3, "softmax"), ["concatenate_1"]),
    ],
}

# nested: a Sequential block and a Functional head used as layers of a Functional model.
NESTED = {
    "name": "model_1", "input": [6, 6, 1], "input_name": "input_2",
    "layers": [
        (*conv("conv2d_a", 3, (3, 3), "tanh", padding="same"), ["input_2"]),
        ("Sequential", {"name": "block", "input": [6, 6, 3], "input_name": "block_input", "layers": [
            conv("conv2d_b", 3, (3, 3), "relu", padding="same"),
            ("BatchNormalization", dict(layer_cfg("BatchNormalization", "batch_normalization_b"), **BN)),
        ]}, ["conv2d_a"]),
        ("Add", layer_cfg("Add", "add_n"), ["block", "conv2d_a"]),
        ("Functional", {"name": "head", "input": [6, 6, 3], "input_name": "head_input", "layers": [
            ("Flatten", layer_cfg("Flatten", "flatten_h"), ["head_input"]),
            (*dense("dense_h", 4, "softmax"), ["flatten_h"]),
        ]}, ["add_n"]),
    ],
}


def flat_layers(graph):
    """(cls, cfg, inbound) of every plain layer, sub-models flattened, inbound naming plain layers (or the input)."""
    out, alias = [], {}

    def walk(layers, sequential, source):
        last = source
        for entry in layers:
            cls, cfg = entry[0], entry[1]
            inbound = [last] if sequential else [alias.get(n, n) for n in entry[2]]
            if cls in ("Sequential", "Functional"):
                if cls == "Functional":
                    alias[cfg["input_name"]] = inbound[0]
                last = walk(cfg["layers"], cls == "Sequential", inbound[0])
                alias[cfg["name"]] = last
            else:
                out.append((cls, cfg, inbound))
                last = cfg["name"]
        return last

    walk(graph["layers"], False, graph["input_name"])
    return out


def graph_forward(graph, weights, x):
    values = {graph["input_name"]: x}
    outs = []
    for cls, cfg, inbound in flat_layers(graph):
        y = forward_graph_layer(cls, cfg, weights.get(cfg["name"]), [values[n] for n in inbound])
        values[cfg["name"]] = y
        outs.append(y)
    return outs


def graph_weights(graph):
    weights = {}
    values = {graph["input_name"]: np.zeros([1] + graph["input"])}
    for cls, cfg, inbound in flat_layers(graph):
        shape = values[inbound[0]].shape[1:]
        if cls == "Conv2D":
            weights[cfg["name"]] = [rng.normal(0, 0.5, (*cfg["kernel_size"], shape[-1], cfg["filters"])).astype(np.float32),
                                    rng.normal(0, 0.5, cfg["filters"]).astype(np.float32)]
        elif cls == "Dense":
            weights[cfg["name"]] = [rng.normal(0, 0.5, (shape[-1], cfg["units"])).astype(np.float32), rng.normal(0, 0.5, cfg["units"]).astype(np.float32)]
        elif cls == "BatchNormalization":
            c = shape[-1]
            weights[cfg["name"]] = [rng.uniform(0.5, 1.5, c).astype(np.float32), rng.normal(0, 0.3, c).astype(np.float32),
                                    rng.normal(0.5, 0.3, c).astype(np.float32), rng.uniform(0.2, 2, c).astype(np.float32)]
        elif cls in ("DepthwiseConv2D", "SeparableConv2D"):
            m = cfg["depth_multiplier"]
            w = [rng.normal(0, 0.5, (*cfg["kernel_size"], shape[-1], m)).astype(np.float32)]
            if cls == "SeparableConv2D":
                w.append(rng.normal(0, 0.5, (1, 1, shape[-1] * m, cfg["filters"])).astype(np.float32))
                w.append(rng.normal(0, 0.5, cfg["filters"]).astype(np.float32))
            else:
                w.append(rng.normal(0, 0.5, shape[-1] * m).astype(np.float32))
            weights[cfg["name"]] = w
        values[cfg["name"]] = forward_graph_layer(cls, cfg, weights.get(cfg["name"]), [values[n] for n in inbound])
    return weights


def graph_config(graph, keras3):
    """Keras' Functional config of a graph (and, recursively, of its sub-models)."""
    policy = {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": None}
    dtype = policy if keras3 else "float32"

    def tensor(name):
        return {"class_name": "__keras_tensor__", "config": {"shape": None, "dtype": "float32", "keras_history": [name, 0, 0]}}

    def nodes(inbound, merge):
        if not keras3:
            return [[[n, 0, 0, {}] for n in inbound]]
        args = [[tensor(n) for n in inbound]] if merge else [tensor(inbound[0])]
        return [{"args": args, "kwargs": {}}]

    def input_layer(name, shape):
        cfg = {"batch_shape" if keras3 else "batch_input_shape": [None] + shape, "dtype": "float32", "sparse": False, "name": name}
        return entry("InputLayer", cfg, name, [], False)

    def entry(cls, cfg, name, inbound, merge):
        e = {"class_name": cls, "config": cfg, "name": name, "inbound_nodes": nodes(inbound, merge) if inbound else []}
        if keras3:
            e = dict({"module": "keras.layers", "registered_name": None}, **e)
        return e

    def model_config(g, sequential):
        layers = [input_layer(g["input_name"], g["input"])]
        for item in g["layers"]:
            cls, cfg = item[0], item[1]
            if cls in ("Sequential", "Functional"):
                sub = model_config(cfg, cls == "Sequential")
                layers.append(entry(cls, sub, cfg["name"], item[2], False) if not sequential else {"class_name": cls, "config": sub})
                continue
            c = dict(cfg, dtype=dtype)
            if sequential:
                layers.append(dict({"module": "keras.layers", "registered_name": None} if keras3 else {}, class_name=cls, config=c))
            else:
                layers.append(entry(cls, c, cfg["name"], item[2], cls in ("Add", "Concatenate")))
        config = {"name": g["name"], "trainable": True, "layers": layers}
        if not sequential:
            last = g["layers"][-1][1]["name"]
            config["input_layers"] = [g["input_name"], 0, 0] if keras3 else [[g["input_name"], 0, 0]]
            config["output_layers"] = [last, 0, 0] if keras3 else [[last, 0, 0]]
        return config

    return {"class_name": "Functional", "config": model_config(graph, False)}


def graph_weight_groups(graph, weights):
    """(top-level name, [(inner path, value), ...]) per top-level layer, in config order, sub-models holding their layers'."""
    groups = []

    def collect(layers, path):
        found = []
        for item in layers:
            cls, cfg = item[0], item[1]
            if cls in ("Sequential", "Functional"):
                found += collect(cfg["layers"], path + [cfg["name"]])
            else:
                for i, value in enumerate(weights.get(cfg["name"], [])):
                    found.append((path, cls, cfg["name"], i, value))
        return found

    for item in graph["layers"]:
        cls, cfg = item[0], item[1]
        groups.append((cfg["name"], collect([item], [])))
    return groups


def write_graph_h5(path, graph, weights, keras3=False):
    version = "3.3.3" if keras3 else "2.10.0"
    with h5py.File(path, "w") as f:
        f.attrs["backend"] = "tensorflow"
        f.attrs["keras_version"] = version
        f.attrs["model_config"] = json.dumps(graph_config(graph, keras3)).encode("utf8")
        mw = f.create_group("model_weights")
        groups = graph_weight_groups(graph, weights)
        names_attr(mw, "layer_names", [graph["input_name"]] + [name for name, _ in groups])
        names_attr(mw.create_group(graph["input_name"]), "weight_names", [])
        for name, ws in groups:
            g = mw.create_group(name)
            wnames = [WEIGHT_NAMES[cls][i] if keras3 and not p else f"{layer}/{WEIGHT_NAMES[cls][i]}" + ("" if keras3 else ":0")
                      for p, cls, layer, i, _ in ws]
            names_attr(g, "weight_names", wnames)
            for wname, w in zip(wnames, ws):
                g.create_dataset(wname, data=w[4])


def write_graph_keras(path, graph, weights, keras2=False):
    root = "_layer_checkpoint_dependencies" if keras2 else "layers"
    buf = io.BytesIO()
    with h5py.File(buf, "w") as f:
        layers = f.create_group(root)
        layers.create_group(graph["input_name"]).create_group("vars")
        for name, ws in graph_weight_groups(graph, weights):
            layers.create_group(name).create_group("vars")  # a sub-model's own (empty) vars too
            for p, cls, layer, i, value in ws:
                g = layers
                for sub in p:  # a sub-model's layer: layers/<sub-model>/layers/<layer>/vars/i
                    g = g.require_group(sub).require_group(root)
                g.require_group(layer).require_group("vars").create_dataset(str(i), data=value)
        f.create_group("optimizer").create_group("vars").create_dataset("0", data=np.array(0, np.int64))
    config = graph_config(graph, not keras2)
    files = {"metadata.json": json.dumps({"keras_version": "2.15.0" if keras2 else "3.3.3", "date_saved": "2026-12-07@02:00:00"}).encode(),
             "config.json": json.dumps(config).encode(), "model.weights.h5": buf.getvalue()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(zipfile.ZipInfo(name, date_time=(2026, 12, 7, 2, 0, 0)), data, zipfile.ZIP_DEFLATED)


def write_graphs(expected):
    """The Functional fixtures; their rng draws come after every other file's, so those stay as they were."""
    for key, graph in (("residual", RESIDUAL), ("nested", NESTED)):
        weights = graph_weights(graph)
        write_graph_h5(os.path.join(OUT, key + ".h5"), graph, weights)
        write_graph_keras(os.path.join(OUT, key + ".keras"), graph, weights)
        if key == "residual":
            write_graph_h5(os.path.join(OUT, key + "_keras3.h5"), graph, weights, keras3=True)
            write_graph_keras(os.path.join(OUT, key + "_keras215.keras"), graph, weights, keras2=True)
        x = rng.uniform(0, 1, [2] + graph["input"])
        outs = graph_forward(graph, weights, x)
        expected[key] = {"input_range_scale": 1, "input_shape": [2] + graph["input"], "input": x.ravel().tolist(),
                         "outputs": [{"shape": list(o.shape), "values": o.ravel().tolist()} for o in outs]}
    two_inputs = graph_config(RESIDUAL, False)
    two_inputs["config"]["input_layers"].append(["input_9", 0, 0])
    with h5py.File(os.path.join(OUT, "two_inputs.h5"), "w") as f:
        f.attrs["keras_version"] = "2.10.0"
        f.attrs["model_config"] = json.dumps(two_inputs).encode("utf8")
        names_attr(f.create_group("model_weights"), "layer_names", [])


def main():
    os.makedirs(OUT, exist_ok=True)
    expected = {}
    for key, model, scale in (("cnn", CNN, 255), ("dilated", DILATED, 1)):
        weights = make_weights(model)
        write_h5(os.path.join(OUT, key + ".h5"), model, weights)
        write_keras(os.path.join(OUT, key + ".keras"), model, weights)
        write_h5(os.path.join(OUT, key + "_keras3.h5"), model, weights, keras3=True)
        write_keras(os.path.join(OUT, key + "_keras215.keras"), model, weights, keras2=True)
        x = rng.uniform(0, 1, [2] + model["input"])
        if scale == 255:
            x = np.round(x * 255)  # whole pixel values, as an image gives them
        outs = forward(model["layers"], weights, x.astype(np.float64))
        expected[key] = {"input_range_scale": scale, "input_shape": [2] + model["input"], "input": x.ravel().tolist(),
                         "outputs": [{"shape": list(o.shape), "values": o.ravel().tolist()} for o in outs]}
        if key == "cnn":
            cnn_weights = weights

    seed = make_weights(SEED_001)
    write_h5(os.path.join(OUT, "seed_001.h5"), SEED_001, seed, compression="gzip")  # zeros: only the architecture matters

    # ---- files refused on purpose ----
    data = open(os.path.join(OUT, "cnn.h5"), "rb").read()
    open(os.path.join(OUT, "truncated.h5"), "wb").write(data[: len(data) // 2])
    heap = data.index(b"HEAP") + 8  # a group's local heap: signature, version, 3 reserved bytes, then its size (8 bytes)
    open(os.path.join(OUT, "huge_heap.h5"), "wb").write(data[:heap] + (2 << 30).to_bytes(8, "little") + data[heap + 8:])
    open(os.path.join(OUT, "random.h5"), "wb").write(rng.integers(0, 256, 4096, dtype=np.uint8).tobytes())
    write_keras(os.path.join(OUT, "no_config.keras"), CNN, cnn_weights, {"config.json": None})
    write_keras(os.path.join(OUT, "bomb.keras"), CNN, cnn_weights, {"config.json": b" " * (17 << 20)})
    bad = {k: list(v) for k, v in cnn_weights.items()}
    bad["dense"] = [np.zeros((13, 6), np.float32), bad["dense"][1]]  # Flatten gives 12
    write_h5(os.path.join(OUT, "shape_mismatch.h5"), CNN, bad)
    path = os.path.join(OUT, "link_cycle.h5")
    write_h5(path, CNN, cnn_weights)
    with h5py.File(path, "a") as f:  # model_weights/dense/dense now leads back to model_weights/dense
        del f["model_weights/dense/dense"]
        f["model_weights/dense/dense"] = h5py.SoftLink("/model_weights/dense")
    transpose = keras2_config(CNN)
    transpose["config"]["layers"][2] = {"class_name": "Conv2DTranspose", "config": transpose["config"]["layers"][2]["config"]}
    write_h5(os.path.join(OUT, "conv2d_transpose.h5"), CNN, cnn_weights, config=transpose)
    with h5py.File(os.path.join(OUT, "weights_only.h5"), "w") as f:  # model.save_weights(...) in Keras 2
        names_attr(f, "layer_names", ["dense"])
        g = f.create_group("dense")
        names_attr(g, "weight_names", ["dense/kernel:0"])
        g.create_dataset("dense/kernel:0", data=np.zeros((2, 2), np.float32))

    write_graphs(expected)
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(expected, f)


if __name__ == "__main__":
    main()

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
            raise ValueError(cls)
        outs.append(x)
    return outs


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
                "BatchNormalization": ["gamma", "beta", "moving_mean", "moving_variance"]}


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
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(expected, f)

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


if __name__ == "__main__":
    main()

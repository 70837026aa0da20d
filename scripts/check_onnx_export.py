#!/usr/bin/python3
"""Checks an ONNX model that ConvScope exported, without ConvScope.

    /usr/bin/python3 scripts/check_onnx_export.py MODEL.onnx INPUT.npy EXPECTED.npy [--atol 1e-5]

With Debian's python3-onnx and numpy: onnx.checker.check_model (full check, with shape inference)
must pass, then the graph is evaluated on INPUT and compared with EXPECTED, the outputs ConvScope
computed. The evaluation is onnx.reference.ReferenceEvaluator where the onnx package has it (1.13
and later); Debian 12's onnx 1.12 has none, so the operators ConvScope writes are evaluated here in
numpy as the ONNX operator specification defines them (Conv with groups, MaxPool, AveragePool,
GlobalAveragePool, GlobalMaxPool, Pad, Gemm, Flatten, BatchNormalization, Transpose, Concat, the
activations, Mul, Add, Sum, Identity). Exits 1 on the first problem.
"""
import argparse
import sys

import numpy as np
import onnx
from onnx import numpy_helper


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def attrs(node):
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


def windows(x, kernel, strides, dilations, pads, fill):
    """x: (N, C, H, W). Yields (u, v, the cells under kernel cell (u, v) at every output position): (N, C, OH, OW)."""
    n, c, h, w = x.shape
    top, left, bottom, right = pads
    xp = np.pad(x, ((0, 0), (0, 0), (top, bottom), (left, right)), constant_values=fill)
    oh = (h + top + bottom - dilations[0] * (kernel[0] - 1) - 1) // strides[0] + 1
    ow = (w + left + right - dilations[1] * (kernel[1] - 1) - 1) // strides[1] + 1
    for u in range(kernel[0]):
        for v in range(kernel[1]):
            r, q = u * dilations[0], v * dilations[1]
            yield u, v, xp[:, :, r:r + strides[0] * (oh - 1) + 1:strides[0], q:q + strides[1] * (ow - 1) + 1:strides[1]]


def run_node(node, env):
    a = attrs(node)
    x = [env[i] for i in node.input]
    op = node.op_type
    if op == "Conv":
        w = x[1]  # (F, C/group, KH, KW): output channels f·F/group … read input channels of group f // (F/group)
        g = a.get("group", 1)
        f, per = w.shape[0], w.shape[1]
        if x[0].shape[1] != g * per or f % g:
            fail("Conv %s: %d input channels, kernel %s, group %d do not fit" % (node.name, x[0].shape[1], w.shape, g))
        k = a.get("kernel_shape", list(w.shape[2:]))
        y = 0
        for u, v, cells in windows(x[0], k, a.get("strides", [1, 1]), a.get("dilations", [1, 1]), a.get("pads", [0, 0, 0, 0]), 0.0):
            n, c, oh, ow = cells.shape
            grouped = np.einsum("ngchw,gfc->ngfhw", cells.reshape(n, g, per, oh, ow), w[:, :, u, v].reshape(g, f // g, per))
            y = y + grouped.reshape(n, f, oh, ow)
        return y + (x[2].reshape(1, -1, 1, 1) if len(x) > 2 else 0)
    if op == "Pad":
        if a.get("mode", b"constant") not in (b"constant", "constant"):
            fail("Pad mode %s is not written by ConvScope" % a["mode"])
        pads = [int(p) for p in x[1]]
        r = x[0].ndim
        return np.pad(x[0], list(zip(pads[:r], pads[r:])), constant_values=float(x[2]) if len(x) > 2 else 0.0)
    if op == "GlobalAveragePool":
        return x[0].mean(axis=tuple(range(2, x[0].ndim)), keepdims=True)
    if op == "GlobalMaxPool":
        return x[0].max(axis=tuple(range(2, x[0].ndim)), keepdims=True)
    if op == "Concat":
        return np.concatenate(x, axis=a["axis"])
    if op == "Sum":
        return sum(x)
    if op == "MaxPool":
        return np.max([c for _, _, c in windows(x[0], a["kernel_shape"], a.get("strides", [1, 1]), [1, 1], a.get("pads", [0, 0, 0, 0]), -np.inf)], axis=0)
    if op == "AveragePool":
        args = (a["kernel_shape"], a.get("strides", [1, 1]), [1, 1], a.get("pads", [0, 0, 0, 0]), 0.0)
        total = sum(c for _, _, c in windows(x[0], *args))
        if a.get("count_include_pad", 0):
            return total / (a["kernel_shape"][0] * a["kernel_shape"][1])
        return total / sum(c for _, _, c in windows(np.ones_like(x[0]), *args))
    if op == "Gemm":
        if a.get("transA", 0) or a.get("transB", 0):
            fail("Gemm with a transposed operand is not written by ConvScope")
        return a.get("alpha", 1.0) * x[0] @ x[1] + (a.get("beta", 1.0) * x[2] if len(x) > 2 else 0)
    if op == "Flatten":
        axis = a.get("axis", 1)
        return x[0].reshape(int(np.prod(x[0].shape[:axis])), -1)
    if op == "BatchNormalization":
        shape = (1, -1) + (1,) * (x[0].ndim - 2)
        scale, bias, mean, var = (t.reshape(shape) for t in x[1:5])
        return scale * (x[0] - mean) / np.sqrt(var + a.get("epsilon", 1e-5)) + bias
    if op == "Transpose":
        return np.transpose(x[0], a["perm"])
    if op == "Relu":
        return np.maximum(x[0], 0)
    if op == "Sigmoid":
        return 1 / (1 + np.exp(-x[0]))
    if op == "Tanh":
        return np.tanh(x[0])
    if op == "Elu":
        return np.where(x[0] > 0, x[0], a.get("alpha", 1.0) * np.expm1(np.minimum(x[0], 0)))
    if op == "Selu":
        return a.get("gamma", 1.0507) * np.where(x[0] > 0, x[0], a.get("alpha", 1.6733) * np.expm1(np.minimum(x[0], 0)))
    if op == "LeakyRelu":
        return np.where(x[0] > 0, x[0], a.get("alpha", 0.01) * x[0])
    if op == "Softmax":
        axis = a.get("axis", -1)
        e = np.exp(x[0] - x[0].max(axis=axis, keepdims=True))
        return e / e.sum(axis=axis, keepdims=True)
    if op == "Mul":
        return x[0] * x[1]
    if op == "Add":
        return x[0] + x[1]
    if op == "Identity":
        return x[0]
    fail("operator " + op + " is not one this check evaluates")


def evaluate(model, x):
    try:
        from onnx.reference import ReferenceEvaluator
    except ImportError:
        ReferenceEvaluator = None
    if ReferenceEvaluator is not None:
        return ReferenceEvaluator(model).run(None, {model.graph.input[0].name: x.astype(np.float32)})[0], "onnx.reference"
    env = {}
    for t in model.graph.initializer:  # floats in float64 like the input; Pad's int64 amounts as they are
        v = numpy_helper.to_array(t)
        env[t.name] = v.astype(np.float64) if v.dtype.kind == "f" else v
    env[model.graph.input[0].name] = x
    for node in model.graph.node:  # ONNX graphs list their nodes in a topological order
        env[node.output[0]] = run_node(node, env)
    return env[model.graph.output[0].name], "numpy, node by node"


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("model")
    p.add_argument("input")
    p.add_argument("expected")
    p.add_argument("--atol", type=float, default=1e-5)
    a = p.parse_args()
    model = onnx.load(a.model)
    try:
        onnx.checker.check_model(model, full_check=True)
    except onnx.checker.ValidationError as e:
        fail("onnx.checker: " + str(e).splitlines()[0])
    opset = [o.version for o in model.opset_import if o.domain in ("", "ai.onnx")]
    if not opset or opset[0] < 13:
        fail("opset %s, not 13 or newer" % opset)
    dims = [d.dim_value or d.dim_param for d in model.graph.input[0].type.tensor_type.shape.dim]
    x = np.load(a.input).astype(np.float64)
    if list(x.shape[1:]) != dims[1:]:
        fail("the input is %s but the model takes %s" % (list(x.shape[1:]), dims[1:]))
    expected = np.load(a.expected)
    y, how = evaluate(model, x)
    if y.shape != expected.shape:
        fail("output shape %s, ConvScope's %s" % (y.shape, expected.shape))
    worst = float(np.max(np.abs(y - expected))) if y.size else 0.0
    print("%s: onnx.checker passed (onnx %s, opset %d, IR %d), input %s, %d nodes evaluated by %s, largest difference from ConvScope %.3g"
          % (a.model, onnx.__version__, opset[0], model.ir_version, dims, len(model.graph.node), how, worst))
    if not worst <= a.atol:
        fail("the outputs differ by %.3g (allowed %.3g)" % (worst, a.atol))
    print("OK")


if __name__ == "__main__":
    main()

package org.convscope.engine.onnx;

import com.google.protobuf.ByteString;
import org.convscope.engine.Model;
import org.convscope.engine.Padding;
import org.convscope.engine.Param;
import org.convscope.engine.Shape;
import org.convscope.engine.Tensor;
import org.convscope.engine.export.ExportException;
import org.convscope.engine.keras.KerasLayerSpec;
import org.convscope.engine.onnx.proto.OnnxProto.AttributeProto;
import org.convscope.engine.onnx.proto.OnnxProto.GraphProto;
import org.convscope.engine.onnx.proto.OnnxProto.ModelProto;
import org.convscope.engine.onnx.proto.OnnxProto.NodeProto;
import org.convscope.engine.onnx.proto.OnnxProto.OperatorSetIdProto;
import org.convscope.engine.onnx.proto.OnnxProto.TensorProto;
import org.convscope.engine.onnx.proto.OnnxProto.TensorShapeProto;
import org.convscope.engine.onnx.proto.OnnxProto.TypeProto;
import org.convscope.engine.onnx.proto.OnnxProto.ValueInfoProto;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a model as ONNX (opset {@value #OPSET}, IR version {@value #IR_VERSION}) through the classes
 * protoc generates from ONNX's own schema ({@code src/main/proto/onnx.proto}). The ONNX model is the
 * Keras model {@link org.convscope.engine.keras.KerasExport} writes, node for layer: the same input,
 * channels-last {@code input: (N, H, W, C)} (0–255 pixels where the Keras model has its leading
 * Rescaling), and the same {@code output}.
 * <p>
 * ONNX's Conv, MaxPool, AveragePool, global pooling and spatial BatchNormalization take channels first, so
 * a tensor is transposed (N, H, W, C) → (N, C, H, W) where such a layer first reads it, and back where a
 * channels-last reader (Flatten, so Dense kernels keep Keras' (F_in, units) order over the flattened
 * H·W·C) or the output needs it; each tensor is transposed once however many layers read it, and Add and
 * Concatenate (along the channels) bring their inputs to one layout. Padding is written as explicit
 * amounts, TensorFlow's: for 'same' the odd one at the bottom and right; AveragePool leaves padded cells
 * out of the mean ({@code count_include_pad = 0}) as Keras does; ZeroPadding2D is Pad. Kernels
 * (KH, KW, C_in, F) become ONNX's (F, C_in, KH, KW); DepthwiseConv2D is a Conv in C_in groups,
 * SeparableConv2D that Conv followed by a 1×1 Conv; GlobalAveragePooling2D and GlobalMaxPooling2D are
 * ONNX's global pools and a Flatten; Dense is Gemm with the kernel as it is. Dropout is left out (inference).
 */
public final class OnnxExport {
    /** The operator set: 13 has Softmax over one axis, as Keras computes it. */
    static final int OPSET = 13;
    /** The IR version of opset 13 (ONNX 1.8). */
    static final int IR_VERSION = 7;
    static final String INPUT = "input";
    static final String OUTPUT = "output";

    private OnnxExport() {
    }

    /**
     * Writes {@code model} (built) to {@code file} as ONNX. Not modified.
     * @throws ExportException naming a layer with no ONNX equivalent, or when the file cannot be written
     */
    public static void write(Model model, Path file) throws IOException {
        ModelProto proto = toProto(model);
        try (OutputStream out = Files.newOutputStream(file)) {
            proto.writeTo(out);
        }
    }

    /** A tensor of the ONNX graph: its name and whether it is (N, C, H, W) rather than Keras' (N, H, W, C) (false for (N, F)). */
    private record Value(String name, boolean channelsFirst) {
    }

    /** The model as an ONNX ModelProto. */
    static ModelProto toProto(Model model) throws ExportException {
        List<KerasLayerSpec> specs = KerasLayerSpec.of(model, "ONNX");
        GraphBuilder g = new GraphBuilder(model.name());
        g.graph.addInput(valueInfo(INPUT, model.inputShape()));
        Map<String, Value> values = new HashMap<>(); // every spec's output (and the model's input) in the graph
        values.put(model.inputName(), new Value(INPUT, false));
        for (KerasLayerSpec s : specs) {
            List<Value> in = new ArrayList<>();
            for (String from : s.inbound()) in.add(values.get(from));
            values.put(s.name(), node(g, s, in));
        }
        Value out = values.get(specs.get(specs.size() - 1).name());
        String y = g.inLayout(out, false);
        g.graph.addNode(NodeProto.newBuilder().setOpType("Identity").setName(OUTPUT).addInput(y).addOutput(OUTPUT));
        g.graph.addOutput(valueInfo(OUTPUT, model.outputShape()));
        return ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName("ConvScope")
                .setDocString("Exported by ConvScope: the Keras model " + model.name() + ", input (N, " + joined(model.inputShape())
                        + ") channels-last as in Keras")
                .setGraph(g.graph)
                .build();
    }

    /** The nodes of one layer {@code s} on its inputs {@code in}; returns its output. */
    private static Value node(GraphBuilder g, KerasLayerSpec s, List<Value> in) throws ExportException {
        Map<String, Object> a = s.args();
        Value v = in.get(0);
        boolean spatial = s.input().rank() == 3;
        switch (s.className()) {
            case "Conv2D" -> {
                Tensor kernel = s.weights().get(0).value; // (KH, KW, C_in, F)
                String w = g.initializer(s.name() + "/kernel", channelsFirstKernel(kernel));
                return g.convolution(s, g.inLayout(v, true), w, 1, s.name(), true);
            }
            case "DepthwiseConv2D" -> {
                // a grouped convolution, one group per input channel: ONNX's output channel c·M + m is Keras' (c, m)
                Tensor kernel = s.weights().get(0).value; // (KH, KW, C_in, M)
                String w = g.initializer(s.name() + "/depthwise_kernel", depthwiseKernel(kernel));
                return g.convolution(s, g.inLayout(v, true), w, kernel.dim(2), s.name(), true);
            }
            case "SeparableConv2D" -> {
                // the depthwise convolution (no bias), then the pointwise 1×1 convolution with the bias and activation
                Tensor depthwise = s.weights().get(0).value; // (KH, KW, C_in, M)
                String dw = g.initializer(s.name() + "/depthwise_kernel", depthwiseKernel(depthwise));
                Value d = g.convolution(s, g.inLayout(v, true), dw, depthwise.dim(2), s.name() + "/depthwise", false);
                String pw = g.initializer(s.name() + "/pointwise_kernel", channelsFirstKernel(s.weights().get(1).value)); // (F, C_in·M, 1, 1)
                String[] inputs = Boolean.TRUE.equals(a.get("use_bias"))
                        ? new String[] {d.name(), pw, g.initializer(s.name() + "/bias", s.weights().get(2).value)} : new String[] {d.name(), pw};
                String x = g.node("Conv", s.name(), inputs, ints("kernel_shape", 1, 1));
                return new Value(g.activation(x, (String) a.get("activation"), s.name(), true), true);
            }
            case "MaxPooling2D", "AveragePooling2D" -> {
                String x = g.inLayout(v, true);
                int[] k = pair(a.get("pool_size")), st = pair(a.get("strides"));
                int[] pads = pads(s.input(), a.get("padding"), k, st, new int[] {1, 1});
                return new Value(s.className().equals("MaxPooling2D")
                        ? g.node("MaxPool", s.name(), new String[] {x}, ints("kernel_shape", k), ints("strides", st), ints("pads", pads))
                        : g.node("AveragePool", s.name(), new String[] {x}, ints("kernel_shape", k), ints("strides", st), ints("pads", pads),
                                AttributeProto.newBuilder().setName("count_include_pad").setType(AttributeProto.AttributeType.INT).setI(0).build()), true);
            }
            case "GlobalAveragePooling2D", "GlobalMaxPooling2D" -> {
                String op = s.className().equals("GlobalAveragePooling2D") ? "GlobalAveragePool" : "GlobalMaxPool";
                String pooled = g.node(op, s.name() + "/pool", new String[] {g.inLayout(v, true)}); // (N, C, 1, 1)
                return new Value(g.node("Flatten", s.name(), new String[] {pooled}, intAttribute("axis", 1)), false);
            }
            case "ZeroPadding2D" -> {
                List<?> p = (List<?>) a.get("padding"); // [[top, bottom], [left, right]]
                long t = number(p, 0, 0), b = number(p, 0, 1), l = number(p, 1, 0), r = number(p, 1, 1);
                // ONNX's pads: every axis' start, then every axis' end, in the layout the tensor has
                long[] pads = v.channelsFirst() ? new long[] {0, 0, t, l, 0, 0, b, r} : new long[] {0, t, l, 0, 0, b, r, 0};
                return new Value(g.node("Pad", s.name(), new String[] {v.name(), g.int64s(s.name() + "/pads", pads)}), v.channelsFirst());
            }
            case "Add", "Concatenate" -> {
                boolean cf = in.stream().anyMatch(Value::channelsFirst); // one layout for all inputs, transposing as few as may be
                String[] inputs = new String[in.size()];
                for (int i = 0; i < inputs.length; i++) inputs[i] = g.inLayout(in.get(i), cf);
                if (s.className().equals("Concatenate")) { // along the channels: axis 1 channels-first, the last axis channels-last
                    return new Value(g.node("Concat", s.name(), inputs, intAttribute("axis", cf ? 1 : s.input().rank())), cf);
                }
                return new Value(g.node(inputs.length == 2 ? "Add" : "Sum", s.name(), inputs), cf); // ONNX's Add takes two
            }
            case "Flatten" -> {
                return new Value(g.node("Flatten", s.name(), new String[] {g.inLayout(v, false)}, intAttribute("axis", 1)), false);
            }
            case "Dense" -> {
                if (s.input().rank() != 1) throw new ExportException("layer " + s.name() + " (Dense) over a " + s.input().toKeras()
                        + " input has no ONNX equivalent that ConvScope writes; flatten its input first");
                String w = g.initializer(s.name() + "/kernel", s.weights().get(0).value); // (F_in, units): Gemm's B as it is
                String[] inputs = Boolean.TRUE.equals(a.get("use_bias"))
                        ? new String[] {v.name(), w, g.initializer(s.name() + "/bias", s.weights().get(1).value)} : new String[] {v.name(), w};
                return new Value(g.activation(g.node("Gemm", s.name(), inputs), (String) a.get("activation"), s.name(), false), false);
            }
            case "BatchNormalization" -> {
                String x = g.inLayout(v, spatial);
                List<Param> w = s.weights(); // gamma, beta, moving mean, moving variance
                String[] inputs = {x, g.initializer(s.name() + "/gamma", w.get(0).value), g.initializer(s.name() + "/beta", w.get(1).value),
                        g.initializer(s.name() + "/moving_mean", w.get(2).value), g.initializer(s.name() + "/moving_variance", w.get(3).value)};
                return new Value(g.node("BatchNormalization", s.name(), inputs, floats("epsilon", ((Number) a.get("epsilon")).floatValue())), spatial);
            }
            case "Activation" -> {
                return new Value(g.activation(v.name(), (String) a.get("activation"), s.name(), v.channelsFirst()), v.channelsFirst());
            }
            case "ReLU" -> {
                return new Value(g.activation(v.name(), "relu", s.name(), v.channelsFirst()), v.channelsFirst());
            }
            case "Softmax" -> {
                return new Value(g.activation(v.name(), "softmax", s.name(), v.channelsFirst()), v.channelsFirst());
            }
            case "LeakyReLU" -> {
                return new Value(g.node("LeakyRelu", s.name(), new String[] {v.name()}, floats("alpha", ((Number) a.get("alpha")).floatValue())), v.channelsFirst());
            }
            case "Rescaling" -> {
                String x = g.node("Mul", s.name() + "/mul", new String[] {v.name(), g.scalar(s.name() + "/scale", ((Number) a.get("scale")).floatValue())});
                return new Value(g.node("Add", s.name(), new String[] {x, g.scalar(s.name() + "/offset", ((Number) a.get("offset")).floatValue())}), v.channelsFirst());
            }
            case "Dropout" -> {
                return v; // the identity at inference
            }
            default -> throw new ExportException("layer " + s.name() + " (" + s.className() + ") has no ONNX equivalent that ConvScope can write");
        }
    }

    /** {@code padding}'s entry [i][j] as a number. */
    private static long number(List<?> padding, int i, int j) {
        return ((Number) ((List<?>) padding.get(i)).get(j)).longValue();
    }

    /** Builds the graph's nodes and initializers under unique names. */
    private static final class GraphBuilder {
        final GraphProto.Builder graph;
        private final java.util.Set<String> names = new java.util.HashSet<>();
        /** Each tensor's Transpose into the other layout, once made. */
        private final Map<String, String> transposed = new HashMap<>();

        GraphBuilder(String name) {
            graph = GraphProto.newBuilder().setName(name);
            names.add(INPUT);
            names.add(OUTPUT); // kept for the last node
        }

        /** {@code base}, or {@code base_1}, {@code base_2}, ... when taken. */
        String unique(String base) {
            String name = base;
            for (int i = 1; names.contains(name); i++) name = base + "_" + i;
            names.add(name);
            return name;
        }

        /** Adds a node whose one output has the node's name ({@code name} or, when taken, a numbered one); returns it. */
        String node(String op, String name, String[] inputs, AttributeProto... attributes) {
            name = unique(name);
            NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(name).addOutput(name);
            for (String in : inputs) n.addInput(in);
            for (AttributeProto a : attributes) n.addAttribute(a);
            graph.addNode(n);
            return name;
        }

        String initializer(String name, Tensor t) {
            name = unique(name);
            graph.addInitializer(tensor(name, t.data, t.shape()));
            return name;
        }

        /** An int64 vector initializer (ONNX's Pad takes its amounts as one). */
        String int64s(String name, long[] values) {
            name = unique(name);
            ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN); // raw_data is little-endian
            for (long v : values) b.putLong(v);
            graph.addInitializer(TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64.getNumber())
                    .addDims(values.length).setRawData(ByteString.copyFrom(b.array())));
            return name;
        }

        String scalar(String name, float value) {
            name = unique(name);
            graph.addInitializer(tensor(name, new float[] {value}));
            return name;
        }

        /**
         * The name of image v in the layout asked for: v itself, or its Transpose, made once however many layers
         * read it so (a tensor used twice is transposed once). Only images are asked for channels first.
         */
        String inLayout(Value v, boolean channelsFirst) {
            if (v.channelsFirst() == channelsFirst) return v.name();
            return transposed.computeIfAbsent(v.name(), x -> channelsFirst
                    ? node("Transpose", "to_channels_first", new String[] {x}, ints("perm", 0, 3, 1, 2))
                    : node("Transpose", "to_channels_last", new String[] {x}, ints("perm", 0, 2, 3, 1)));
        }

        /**
         * A Conv node of layer s (its kernel size, strides, dilations and TensorFlow's padding) on channels-first x
         * with kernel w (F, C_in/group, KH, KW) in {@code group} groups, with the layer's bias and activation when
         * {@code complete}, named {@code name}.
         */
        Value convolution(KerasLayerSpec s, String x, String w, int group, String name, boolean complete) {
            Map<String, Object> a = s.args();
            int[] k = pair(a.get("kernel_size")), st = pair(a.get("strides")), d = pair(a.get("dilation_rate"));
            boolean bias = complete && Boolean.TRUE.equals(a.get("use_bias"));
            String[] inputs = bias ? new String[] {x, w, initializer(s.name() + "/bias", s.weights().get(1).value)} : new String[] {x, w};
            List<AttributeProto> attributes = new ArrayList<>(List.of(ints("kernel_shape", k), ints("strides", st), ints("dilations", d),
                    ints("pads", pads(s.input(), a.get("padding"), k, st, d))));
            if (group != 1) attributes.add(intAttribute("group", group));
            String y = node("Conv", name, inputs, attributes.toArray(new AttributeProto[0]));
            return new Value(complete ? activation(y, (String) a.get("activation"), s.name(), true) : y, true);
        }

        /** Keras' activation after a layer (none for linear); softmax is over the channels, axis 1 when channels come first. */
        String activation(String x, String activation, String layer, boolean channelsFirst) {
            String name = layer + "/" + activation;
            return switch (activation) {
                case "linear" -> x;
                case "relu" -> node("Relu", name, new String[] {x});
                case "sigmoid" -> node("Sigmoid", name, new String[] {x});
                case "tanh" -> node("Tanh", name, new String[] {x});
                case "elu" -> node("Elu", name, new String[] {x}, floats("alpha", 1f));
                // Keras' constants (Klambauer et al. 2017), as ONNX's defaults
                case "selu" -> node("Selu", name, new String[] {x}, floats("alpha", 1.6732632423543772f), floats("gamma", 1.0507009873554805f));
                case "leaky_relu" -> node("LeakyRelu", name, new String[] {x}, floats("alpha", 0.2f));
                case "softmax" -> node("Softmax", name, new String[] {x},
                        AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT).setI(channelsFirst ? 1 : -1).build());
                default -> throw new IllegalStateException("activation " + activation);
            };
        }
    }

    /** Depthwise (KH, KW, C_in, M) → grouped Conv's (C_in·M, 1, KH, KW): output channel c·M + m reads input channel c alone. */
    static Tensor depthwiseKernel(Tensor k) {
        int kh = k.dim(0), kw = k.dim(1), c = k.dim(2), m = k.dim(3);
        return channelsFirstKernel(k.reshape(kh, kw, 1, c * m)); // (KH, KW, C_in, M) is (KH, KW, 1, C_in·M) in memory
    }

    /** (KH, KW, C_in, F) → (F, C_in, KH, KW). */
    static Tensor channelsFirstKernel(Tensor k) {
        int kh = k.dim(0), kw = k.dim(1), c = k.dim(2), f = k.dim(3);
        Tensor t = Tensor.zeros(f, c, kh, kw); // (F, C_in, KH, KW)
        for (int u = 0; u < kh; u++)
            for (int v = 0; v < kw; v++)
                for (int ci = 0; ci < c; ci++)
                    for (int fi = 0; fi < f; fi++) t.data[((fi * c + ci) * kh + u) * kw + v] = k.data[((u * kw + v) * c + ci) * f + fi];
        return t;
    }

    /** ONNX's pads {top, left, bottom, right} for an (H, W, C) input, as TensorFlow pads. */
    private static int[] pads(Shape in, Object padding, int[] k, int[] s, int[] d) {
        Padding p = Padding.fromKeras((String) padding);
        int[] rows = p.amounts(in.dim(0), k[0], s[0], d[0]);
        int[] cols = p.amounts(in.dim(1), k[1], s[1], d[1]);
        return new int[] {rows[0], cols[0], rows[1], cols[1]};
    }

    private static int[] pair(Object v) {
        List<?> l = (List<?>) v;
        return new int[] {((Number) l.get(0)).intValue(), ((Number) l.get(1)).intValue()};
    }

    private static AttributeProto ints(String name, int... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (int v : values) a.addInts(v);
        return a.build();
    }

    private static AttributeProto intAttribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    private static AttributeProto floats(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value).build();
    }

    /** A float32 tensor; {@code dims} empty for a scalar given as one value. */
    private static TensorProto tensor(String name, float[] values, int... dims) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN); // raw_data is little-endian
        for (float v : values) b.putFloat(v);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT.getNumber())
                .setRawData(ByteString.copyFrom(b.array()));
        for (int d : dims) t.addDims(d);
        return t.build();
    }

    /** A float input or output of shape (N, dims...), N free. */
    private static ValueInfoProto valueInfo(String name, Shape shape) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder().addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"));
        for (int d : shape.dims()) s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        TypeProto.Tensor.Builder t = TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT.getNumber()).setShape(s);
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(t)).build();
    }

    private static String joined(Shape s) {
        StringBuilder sb = new StringBuilder();
        for (int d : s.dims()) sb.append(sb.length() == 0 ? "" : ", ").append(d);
        return sb.toString();
    }
}

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
import java.util.List;
import java.util.Map;

/**
 * Writes a model as ONNX (opset {@value #OPSET}, IR version {@value #IR_VERSION}) through the classes
 * protoc generates from ONNX's own schema ({@code src/main/proto/onnx.proto}). The ONNX model is the
 * Keras model {@link org.convscope.engine.keras.KerasExport} writes, node for layer: the same input,
 * channels-last {@code input: (N, H, W, C)} (0–255 pixels where the Keras model has its leading
 * Rescaling), and the same {@code output}.
 * <p>
 * ONNX's Conv, MaxPool, AveragePool and BatchNormalization take channels first, so the graph transposes
 * (N, H, W, C) → (N, C, H, W) before the first of them and back before Flatten (so Dense kernels keep
 * Keras' (F_in, units) order over the flattened H·W·C) or at the end. Padding is written as explicit
 * amounts, TensorFlow's: for 'same' the odd one at the bottom and right; AveragePool leaves padded cells
 * out of the mean ({@code count_include_pad = 0}) as Keras does. Kernels (KH, KW, C_in, F) become
 * ONNX's (F, C_in, KH, KW); Dense is Gemm with the kernel as it is. Dropout is left out (inference).
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

    /** The model as an ONNX ModelProto. */
    static ModelProto toProto(Model model) throws ExportException {
        List<KerasLayerSpec> specs = KerasLayerSpec.of(model, "ONNX");
        GraphBuilder g = new GraphBuilder(model.name());
        g.graph.addInput(valueInfo(INPUT, model.inputShape()));
        String x = INPUT;
        boolean channelsFirst = false; // whether x is (N, C, H, W) rather than Keras' (N, H, W, C)
        for (KerasLayerSpec s : specs) {
            Map<String, Object> a = s.args();
            boolean spatial = s.input().rank() == 3;
            switch (s.className()) {
                case "Conv2D" -> {
                    if (!channelsFirst) x = g.toChannelsFirst(x);
                    channelsFirst = true;
                    Tensor kernel = s.weights().get(0).value; // (KH, KW, C_in, F)
                    String w = g.initializer(s.name() + "/kernel", channelsFirstKernel(kernel));
                    String[] inputs = Boolean.TRUE.equals(a.get("use_bias"))
                            ? new String[] {x, w, g.initializer(s.name() + "/bias", s.weights().get(1).value)} : new String[] {x, w};
                    int[] k = pair(a.get("kernel_size")), st = pair(a.get("strides")), d = pair(a.get("dilation_rate"));
                    x = g.node("Conv", s.name(), inputs,
                            ints("kernel_shape", k), ints("strides", st), ints("dilations", d),
                            ints("pads", pads(s.input(), a.get("padding"), k, st, d)));
                    x = g.activation(x, (String) a.get("activation"), s.name(), channelsFirst);
                }
                case "MaxPooling2D", "AveragePooling2D" -> {
                    if (!channelsFirst) x = g.toChannelsFirst(x);
                    channelsFirst = true;
                    int[] k = pair(a.get("pool_size")), st = pair(a.get("strides"));
                    int[] pads = pads(s.input(), a.get("padding"), k, st, new int[] {1, 1});
                    x = s.className().equals("MaxPooling2D")
                            ? g.node("MaxPool", s.name(), new String[] {x}, ints("kernel_shape", k), ints("strides", st), ints("pads", pads))
                            : g.node("AveragePool", s.name(), new String[] {x}, ints("kernel_shape", k), ints("strides", st), ints("pads", pads),
                                    AttributeProto.newBuilder().setName("count_include_pad").setType(AttributeProto.AttributeType.INT).setI(0).build());
                }
                case "Flatten" -> {
                    if (channelsFirst) x = g.toChannelsLast(x);
                    channelsFirst = false;
                    x = g.node("Flatten", s.name(), new String[] {x},
                            AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT).setI(1).build());
                }
                case "Dense" -> {
                    if (s.input().rank() != 1) throw new ExportException("layer " + s.name() + " (Dense) over a " + s.input().toKeras()
                            + " input has no ONNX equivalent that ConvScope writes; flatten its input first");
                    String w = g.initializer(s.name() + "/kernel", s.weights().get(0).value); // (F_in, units): Gemm's B as it is
                    String[] inputs = Boolean.TRUE.equals(a.get("use_bias"))
                            ? new String[] {x, w, g.initializer(s.name() + "/bias", s.weights().get(1).value)} : new String[] {x, w};
                    x = g.node("Gemm", s.name(), inputs);
                    x = g.activation(x, (String) a.get("activation"), s.name(), false);
                }
                case "BatchNormalization" -> {
                    if (spatial && !channelsFirst) x = g.toChannelsFirst(x);
                    channelsFirst = spatial;
                    List<Param> w = s.weights(); // gamma, beta, moving mean, moving variance
                    String[] inputs = {x, g.initializer(s.name() + "/gamma", w.get(0).value), g.initializer(s.name() + "/beta", w.get(1).value),
                            g.initializer(s.name() + "/moving_mean", w.get(2).value), g.initializer(s.name() + "/moving_variance", w.get(3).value)};
                    x = g.node("BatchNormalization", s.name(), inputs, floats("epsilon", ((Number) a.get("epsilon")).floatValue()));
                }
                case "Activation" -> x = g.activation(x, (String) a.get("activation"), s.name(), channelsFirst);
                case "ReLU" -> x = g.activation(x, "relu", s.name(), channelsFirst);
                case "Softmax" -> x = g.activation(x, "softmax", s.name(), channelsFirst);
                case "LeakyReLU" -> x = g.node("LeakyRelu", s.name(), new String[] {x}, floats("alpha", ((Number) a.get("alpha")).floatValue()));
                case "Rescaling" -> {
                    x = g.node("Mul", s.name() + "/mul", new String[] {x, g.scalar(s.name() + "/scale", ((Number) a.get("scale")).floatValue())});
                    x = g.node("Add", s.name(), new String[] {x, g.scalar(s.name() + "/offset", ((Number) a.get("offset")).floatValue())});
                }
                case "Dropout" -> { } // the identity at inference
                default -> throw new ExportException("layer " + s.name() + " (" + s.className() + ") has no ONNX equivalent that ConvScope can write");
            }
        }
        if (channelsFirst) x = g.toChannelsLast(x);
        g.graph.addNode(NodeProto.newBuilder().setOpType("Identity").setName(OUTPUT).addInput(x).addOutput(OUTPUT));
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

    /** Builds the graph's nodes and initializers under unique names. */
    private static final class GraphBuilder {
        final GraphProto.Builder graph;
        private final java.util.Set<String> names = new java.util.HashSet<>();

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

        String scalar(String name, float value) {
            name = unique(name);
            graph.addInitializer(tensor(name, new float[] {value}));
            return name;
        }

        String toChannelsFirst(String x) {
            return node("Transpose", "to_channels_first", new String[] {x}, ints("perm", 0, 3, 1, 2));
        }

        String toChannelsLast(String x) {
            return node("Transpose", "to_channels_last", new String[] {x}, ints("perm", 0, 2, 3, 1));
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

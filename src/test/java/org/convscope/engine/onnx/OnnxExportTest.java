package org.convscope.engine.onnx;

import org.convscope.engine.Activation;
import org.convscope.engine.Conv2D;
import org.convscope.engine.Dense;
import org.convscope.engine.Model;
import org.convscope.engine.Presets;
import org.convscope.engine.Shape;
import org.convscope.engine.Tensor;
import org.convscope.engine.export.ExportException;
import org.convscope.engine.export.ExportModels;
import org.convscope.engine.export.ModelExport;
import org.convscope.engine.onnx.proto.OnnxProto.ModelProto;
import org.convscope.engine.onnx.proto.OnnxProto.NodeProto;
import org.convscope.engine.onnx.proto.OnnxProto.TensorProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OnnxExportTest {
    @TempDir
    Path dir;

    static ModelProto read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return ModelProto.parseFrom(in);
        }
    }

    @Test
    void opset13WithAChannelsLastInputLikeTheKerasModel() throws IOException {
        Model m = Presets.create("seed-004").build(1);
        Path file = dir.resolve("seed.onnx");
        assertEquals(ModelExport.Format.ONNX, ModelExport.write(m, file));
        ModelProto p = read(file);
        assertEquals(13, p.getOpsetImport(0).getVersion());
        assertEquals(7, p.getIrVersion());
        List<String> dims = p.getGraph().getInput(0).getType().getTensorType().getShape().getDimList().stream()
                .map(d -> d.hasDimParam() ? d.getDimParam() : Long.toString(d.getDimValue())).toList();
        assertEquals(List.of("N", "32", "32", "3"), dims);
        assertEquals("output", p.getGraph().getOutput(0).getName());
        List<String> ops = p.getGraph().getNodeList().stream().map(NodeProto::getOpType).toList();
        // one transpose into ONNX's channels-first layout before the first convolution, one back before Flatten
        assertEquals(List.of("Transpose", "Conv", "Relu", "Conv", "Relu", "MaxPool", "Transpose", "Flatten", "Gemm", "Softmax", "Identity"), ops);
    }

    @Test
    void convolutionKernelsAreStoredChannelsFirst() throws IOException {
        Model m = new Model(Shape.of(5, 5, 2)).add(new Conv2D(3, 2, Activation.LINEAR)).build(4); // kernel (2, 2, 2, 3)
        ExportModels.randomize(m, 2);
        Path file = dir.resolve("c.onnx");
        ModelExport.write(m, file);
        TensorProto w = read(file).getGraph().getInitializerList().stream().filter(t -> t.getName().equals("conv2d/kernel")).findFirst().orElseThrow();
        assertEquals(List.of(3L, 2L, 2L, 2L), w.getDimsList()); // (F, C_in, KH, KW)
        ByteBuffer raw = w.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        Tensor k = m.layers().get(0).params().get(0).value; // (KH, KW, C_in, F)
        // ONNX [f=2][c=1][u=0][v=1] is Keras [u=0][v=1][c=1][f=2]
        assertEquals(k.data[((0 * 2 + 1) * 2 + 1) * 3 + 2], raw.getFloat(4 * (((2 * 2 + 1) * 2 + 0) * 2 + 1)));
    }

    static NodeProto node(ModelProto p, String name) {
        return p.getGraph().getNodeList().stream().filter(n -> n.getName().equals(name)).findFirst().orElseThrow(() -> new AssertionError(name));
    }

    static long intAttribute(NodeProto n, String name) {
        return n.getAttributeList().stream().filter(a -> a.getName().equals(name)).findFirst().orElseThrow(() -> new AssertionError(name)).getI();
    }

    @Test
    void graphLayersBecomeOnnxOperatorsAndATensorReadTwiceIsTransposedOnce() throws IOException {
        Model m = ExportModels.model("every-graph-layer");
        Path file = dir.resolve("g.onnx");
        ModelExport.write(m, file);
        ModelProto p = read(file);
        // ZeroPadding2D is Pad on the channels-last input: [0, top, left, 0, 0, bottom, right, 0]
        NodeProto pad = node(p, "zero_padding2d");
        assertEquals("Pad", pad.getOpType());
        TensorProto pads = p.getGraph().getInitializerList().stream().filter(t -> t.getName().equals(pad.getInput(1))).findFirst().orElseThrow();
        ByteBuffer raw = pads.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long[] amounts = new long[8];
        for (int i = 0; i < 8; i++) amounts[i] = raw.getLong();
        assertArrayEquals(new long[] {0, 1, 0, 0, 0, 0, 1, 0}, amounts);
        // DepthwiseConv2D: a Conv with one group per input channel; SeparableConv2D: that, then a 1×1 Conv
        assertEquals(4, intAttribute(node(p, "depthwise_conv2d"), "group"));
        assertEquals(8, intAttribute(node(p, "separable_conv2d/depthwise"), "group"));
        assertEquals("separable_conv2d/depthwise", node(p, "separable_conv2d").getInput(0));
        TensorProto dw = p.getGraph().getInitializerList().stream().filter(t -> t.getName().equals("depthwise_conv2d/depthwise_kernel")).findFirst().orElseThrow();
        assertEquals(List.of(8L, 1L, 3L, 3L), dw.getDimsList()); // (C_in·M, 1, KH, KW)
        // Add and Concatenate (channels: axis 1, channels first) read conv2d's one output; global pools are flattened
        assertEquals("Add", node(p, "add").getOpType());
        assertEquals(List.of("add", "conv2d_1/tanh", "conv2d/relu"), node(p, "concatenate").getInputList());
        assertEquals(1, intAttribute(node(p, "concatenate"), "axis"));
        assertEquals("GlobalAveragePool", node(p, "global_average_pooling2d/pool").getOpType());
        assertEquals("Flatten", node(p, "global_average_pooling2d").getOpType());
        assertEquals(List.of("global_average_pooling2d", "global_max_pooling2d"), node(p, "concatenate_1").getInputList());
        // the leading Rescaling feeds the Pad and (transposed once) conv2d_1; no tensor is transposed twice
        List<String> transposed = p.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("Transpose")).map(n -> n.getInput(0)).toList();
        assertEquals(List.of("zero_padding2d", "rescaling"), transposed);
    }

    @Test
    void aThreeWayAddIsOnnxSum() throws IOException {
        Model m = ExportModels.model("three-way-add");
        Path file = dir.resolve("sum.onnx");
        ModelExport.write(m, file);
        NodeProto sum = node(read(file), "add");
        assertEquals("Sum", sum.getOpType());
        assertEquals(List.of("a/relu", "b/tanh", "a/relu"), sum.getInputList());
    }

    /** A layer ONNX export does not know (the graph work may add some). */
    static final class Doubling extends org.convscope.engine.Layer {
        @Override public String className() { return "Doubling"; }
        @Override public Shape outputShape(Shape in) { return in; }
        @Override public Tensor forward(Tensor x, boolean training) { return x; }
        @Override public Tensor backward(Tensor dOut) { return dOut; }
        @Override public org.convscope.engine.LayerConfig config() { return new org.convscope.engine.LayerConfig(); }
    }

    @Test
    void aLayerWithoutOnnxEquivalentIsRefusedByNameAndNoFileIsWritten() {
        Model m = new Model(Shape.of(4)).add(new Dense(3, Activation.RELU)).add(new Doubling(), "twice").build(1);
        ExportException e = assertThrows(ExportException.class, () -> ModelExport.write(m, dir.resolve("m.onnx")));
        assertTrue(e.getMessage().startsWith("layer twice (Doubling) has no ONNX equivalent"), e.getMessage());
        assertEquals(0, dir.toFile().list().length);
    }
}

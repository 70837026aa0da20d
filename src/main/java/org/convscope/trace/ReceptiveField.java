package org.convscope.trace;

import org.convscope.engine.Conv2D;
import org.convscope.engine.DepthwiseConv2D;
import org.convscope.engine.Layer;
import org.convscope.engine.Pooling2D;
import org.convscope.engine.Model;
import org.convscope.engine.Shape;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The input pixels one unit of a layer can see. Walking back one Conv2D or pooling layer maps the
 * rows {@code [a, b]} of its output to rows {@code [a·s − pad_top, b·s − pad_top + d·(k − 1)]} of its
 * input (columns alike); element-wise layers keep the rows; after Flatten or Dense a unit sees the
 * whole image. In a graph the field is the smallest box holding every path's (a skip connection's and the
 * block's). Bounds are inclusive and clipped to the input; {@code height}/{@code width} are the
 * unclipped extent (the textbook receptive-field size, padding included).
 */
public record ReceptiveField(int top, int left, int bottom, int right, int height, int width) {

    /**
     * The receptive field of unit {@code (row, col)} (any channel) of layer {@code layerIndex}'s output.
     * The model must be built. Not modified.
     */
    public static ReceptiveField of(Model model, int layerIndex, int row, int col) {
        List<Layer> layers = model.layers();
        if (layerIndex < 0 || layerIndex >= layers.size()) {
            throw new IndexOutOfBoundsException("no layer " + layerIndex + " in a model of " + layers.size());
        }
        Shape in = model.inputShape();
        if (in.rank() != 3) throw new IllegalArgumentException("receptive fields need an image input, got " + in);
        int inH = in.dim(0), inW = in.dim(1);
        ReceptiveField whole = new ReceptiveField(0, 0, inH - 1, inW - 1, inH, inW);
        Shape out = layers.get(layerIndex).outputShape();
        if (out.rank() != 3) return whole;
        if (row < 0 || row >= out.dim(0) || col < 0 || col >= out.dim(1)) {
            throw new IndexOutOfBoundsException("no unit (" + row + ", " + col + ") in a " + out + " output");
        }
        Map<String, Integer> indexByName = new HashMap<>();
        for (int l = 0; l < layers.size(); l++) indexByName.put(layers.get(l).name(), l);
        int[] box = walkBack(model, indexByName, layerIndex, new int[] {row, row, col, col});
        if (box == null) return whole;
        int top = box[0], bottom = box[1], left = box[2], right = box[3];
        return new ReceptiveField(Math.max(top, 0), Math.max(left, 0), Math.min(bottom, inH - 1), Math.min(right, inW - 1),
                bottom - top + 1, right - left + 1);
    }

    /**
     * Rows {@code box[0..1]} and columns {@code box[2..3]} of layer {@code l}'s output walked back to the model's
     * input along every path (a skip connection or a branch), as the smallest box holding them all; null when a
     * layer on the way is not image-shaped (a unit after it sees the whole image). Not modified.
     */
    private static int[] walkBack(Model model, Map<String, Integer> indexByName, int l, int[] box) {
        Layer layer = model.layers().get(l);
        if (layer.outputShape().rank() != 3) return null;
        Geometry g = geometryOf(layer);
        int[] in = g == null ? box : new int[] {g.inputRow(box[0], 0), g.inputRow(box[1], g.kernelH() - 1),
                g.inputCol(box[2], 0), g.inputCol(box[3], g.kernelW() - 1)};
        int[] union = null;
        for (String from : model.inputsOf(layer.name())) {
            int[] f = from.equals(model.inputName()) ? in : walkBack(model, indexByName, indexByName.get(from), in);
            if (f == null) return null;
            union = union == null ? f : new int[] {Math.min(union[0], f[0]), Math.max(union[1], f[1]),
                    Math.min(union[2], f[2]), Math.max(union[3], f[3])};
        }
        return union;
    }

    /** The window geometry of a Conv2D, DepthwiseConv2D or pooling layer over its own input; null for element-wise layers. */
    static Geometry geometryOf(Layer layer) {
        Shape in = layer.inputShape();
        if (layer instanceof Conv2D c) {
            return Geometry.of(in.dim(0), in.dim(1), in.last(), c.kernelH(), c.kernelW(), c.strideH(), c.strideW(),
                    c.dilationH(), c.dilationW(), toSpec(c.padding()));
        }
        if (layer instanceof DepthwiseConv2D d) {
            return Geometry.of(in.dim(0), in.dim(1), in.last(), d.kernelH(), d.kernelW(), d.strideH(), d.strideW(),
                    d.dilationH(), d.dilationW(), toSpec(d.padding()));
        }
        if (layer instanceof Pooling2D p) {
            return Geometry.of(in.dim(0), in.dim(1), in.last(), p.poolH(), p.poolW(), p.strideH(), p.strideW(),
                    1, 1, toSpec(p.padding()));
        }
        return null;
    }

    static PaddingSpec toSpec(org.convscope.engine.Padding p) {
        return p == org.convscope.engine.Padding.SAME ? PaddingSpec.same() : PaddingSpec.valid();
    }

    /** True when input pixel {@code (r, q)} is inside this field. */
    public boolean contains(int r, int q) {
        return r >= top && r <= bottom && q >= left && q <= right;
    }
}

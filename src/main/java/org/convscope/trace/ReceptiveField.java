package org.convscope.trace;

import org.convscope.engine.Conv2D;
import org.convscope.engine.Layer;
import org.convscope.engine.Pooling2D;
import org.convscope.engine.Sequential;
import org.convscope.engine.Shape;

/**
 * The input pixels one unit of a layer depends on: a rectangle of {@code rows × cols} pixels whose
 * top-left corner is {@code (row, col)}, clipped to the input (cells of zero padding are not part of it).
 * <p>
 * Walking back from the unit, each window layer (Conv2D, pooling) widens an output interval
 * {@code [a, b]} to the input interval
 * <pre>
 *   [a·s − pad, b·s − pad + d·(k − 1)]
 * </pre>
 * (stride s, leading padding pad, dilation d, kernel or pool size k); element-wise layers keep it;
 * after a Flatten or Dense layer every unit sees the whole input.
 */
public record ReceptiveField(int row, int col, int rows, int cols) {

    /**
     * The receptive field of unit {@code (row, col)} (any channel) of layer {@code layerIndex}'s output.
     * The model must be built. Not modified.
     */
    public static ReceptiveField of(Sequential model, int layerIndex, int row, int col) {
        Shape input = model.inputShape();
        int r0 = row, r1 = row, c0 = col, c1 = col; // inclusive bounds in the current layer's output
        for (int i = layerIndex; i >= 0; i--) {
            Layer layer = model.layers().get(i);
            Shape in = layer.inputShape();
            if (in.rank() != 3 || layer.outputShape().rank() != 3) return whole(input);
            if (layer instanceof Conv2D conv) {
                int padTop = conv.padding().amounts(in.dim(0), conv.kernelH(), conv.strideH(), conv.dilationH())[0];
                int padLeft = conv.padding().amounts(in.dim(1), conv.kernelW(), conv.strideW(), conv.dilationW())[0];
                r1 = r1 * conv.strideH() - padTop + conv.dilationH() * (conv.kernelH() - 1);
                r0 = r0 * conv.strideH() - padTop;
                c1 = c1 * conv.strideW() - padLeft + conv.dilationW() * (conv.kernelW() - 1);
                c0 = c0 * conv.strideW() - padLeft;
            } else if (layer instanceof Pooling2D pool) {
                int padTop = pool.padding().amounts(in.dim(0), pool.poolH(), pool.strideH(), 1)[0];
                int padLeft = pool.padding().amounts(in.dim(1), pool.poolW(), pool.strideW(), 1)[0];
                r1 = r1 * pool.strideH() - padTop + pool.poolH() - 1;
                r0 = r0 * pool.strideH() - padTop;
                c1 = c1 * pool.strideW() - padLeft + pool.poolW() - 1;
                c0 = c0 * pool.strideW() - padLeft;
            } else if (!layer.outputShape().equals(in)) {
                throw new IllegalArgumentException("no receptive field rule for " + layer.className());
            }
            // padding cells are not pixels: clip to this layer's input
            r0 = Math.max(r0, 0);
            c0 = Math.max(c0, 0);
            r1 = Math.min(r1, in.dim(0) - 1);
            c1 = Math.min(c1, in.dim(1) - 1);
        }
        return new ReceptiveField(r0, c0, r1 - r0 + 1, c1 - c0 + 1);
    }

    private static ReceptiveField whole(Shape input) {
        return input.rank() == 3 ? new ReceptiveField(0, 0, input.dim(0), input.dim(1)) : new ReceptiveField(0, 0, 1, 1);
    }

    /** Whether input pixel {@code (r, c)} lies inside. */
    public boolean contains(int r, int c) {
        return r >= row && r < row + rows && c >= col && c < col + cols;
    }
}

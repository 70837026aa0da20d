package org.convscope.trace;

import org.convscope.engine.Padding;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a window of {@code kernelH×kernelW} taps, {@code dilation} apart, lands on an input of
 * {@code inH×inW×channels} surrounded by zeros, moved by the strides. Output cell {@code (i, j)}
 * reads input row {@code i·s_h − pad_top + u·d_h} and column {@code j·s_w − pad_left + v·d_w} for tap
 * {@code (u, v)}; rows and columns outside the input are padding zeros. Along each axis
 * <pre>  out = ⌊(in + pad_before + pad_after − d·(k − 1) − 1) / s⌋ + 1</pre>
 * and the remainder of that division is the number of trailing rows (columns) no window reaches.
 */
public record Geometry(int inH, int inW, int channels, int kernelH, int kernelW, int strideH, int strideW,
                       int dilationH, int dilationW, int padTop, int padBottom, int padLeft, int padRight) {

    public Geometry {
        if (inH < 1 || inW < 1 || channels < 1) throw new IllegalArgumentException("the input needs at least one cell");
        if (kernelH < 1 || kernelW < 1) throw new IllegalArgumentException("the kernel needs at least one cell");
        if (strideH < 1 || strideW < 1) throw new IllegalArgumentException("strides must be ≥ 1");
        if (dilationH < 1 || dilationW < 1) throw new IllegalArgumentException("dilation must be ≥ 1");
        if (Padding.outputSize(inH, kernelH, strideH, dilationH, padTop, padBottom) < 1
                || Padding.outputSize(inW, kernelW, strideW, dilationW, padLeft, padRight) < 1) {
            throw new IllegalArgumentException("the " + span(kernelH, dilationH) + "×" + span(kernelW, dilationW)
                    + " window does not fit the " + (inH + padTop + padBottom) + "×" + (inW + padLeft + padRight)
                    + " padded input");
        }
    }

    /** A square kernel with the same stride and dilation along both axes. */
    public static Geometry of(int inH, int inW, int channels, int kernel, int stride, int dilation, PaddingSpec padding) {
        return of(inH, inW, channels, kernel, kernel, stride, stride, dilation, dilation, padding);
    }

    public static Geometry of(int inH, int inW, int channels, int kernelH, int kernelW, int strideH, int strideW,
                              int dilationH, int dilationW, PaddingSpec padding) {
        if (kernelH < 1 || kernelW < 1 || strideH < 1 || strideW < 1 || dilationH < 1 || dilationW < 1) {
            throw new IllegalArgumentException("kernel size, strides and dilation must be ≥ 1");
        }
        int[] rows = padding.amounts(true, inH, kernelH, strideH, dilationH);
        int[] cols = padding.amounts(false, inW, kernelW, strideW, dilationW);
        return new Geometry(inH, inW, channels, kernelH, kernelW, strideH, strideW, dilationH, dilationW,
                rows[0], rows[1], cols[0], cols[1]);
    }

    private static int span(int k, int d) {
        return d * (k - 1) + 1;
    }

    public int outH() {
        return Padding.outputSize(inH, kernelH, strideH, dilationH, padTop, padBottom);
    }

    public int outW() {
        return Padding.outputSize(inW, kernelW, strideW, dilationW, padLeft, padRight);
    }

    /** Number of output cells, one step each. */
    public int cellCount() {
        return outH() * outW();
    }

    /** The input row (may be in the padding, < 0 or ≥ inH) that tap row {@code u} of output row {@code i} reads. */
    public int inputRow(int i, int u) {
        return i * strideH - padTop + u * dilationH;
    }

    /** The input column (may be in the padding) that tap column {@code v} of output column {@code j} reads. */
    public int inputCol(int j, int v) {
        return j * strideW - padLeft + v * dilationW;
    }

    /** True when {@code (r, q)} is a real input cell rather than a padding zero. */
    public boolean inside(int r, int q) {
        return r >= 0 && r < inH && q >= 0 && q < inW;
    }

    /** Trailing rows of the padded input that no window reaches: the remainder the floor drops. */
    public int droppedRows() {
        return (inH + padTop + padBottom - span(kernelH, dilationH)) % strideH;
    }

    /** Trailing columns of the padded input that no window reaches. */
    public int droppedCols() {
        return (inW + padLeft + padRight - span(kernelW, dilationW)) % strideW;
    }

    /** The output-height formula with the numbers in, e.g. {@code ⌊(28 + 0 + 0 − 1·(3 − 1) − 1) / 1⌋ + 1 = 26}. */
    public String rowFormula() {
        return formula(inH, padTop, padBottom, dilationH, kernelH, strideH, outH());
    }

    /** The output-width formula with the numbers in. */
    public String colFormula() {
        return formula(inW, padLeft, padRight, dilationW, kernelW, strideW, outW());
    }

    private static String formula(int in, int before, int after, int d, int k, int s, int out) {
        return "⌊(" + in + " + " + before + " + " + after + " − " + d + "·(" + k + " − 1) − 1) / " + s + "⌋ + 1 = " + out;
    }

    /** The output cells {@code {i, j}} whose windows read input cell {@code (r, q)} (padding coordinates allowed), row-major. */
    public List<int[]> outputsFedBy(int r, int q) {
        List<int[]> cells = new ArrayList<>();
        for (int i = 0; i < outH(); i++) {
            if (!hits(r, i * strideH - padTop, kernelH, dilationH)) continue;
            for (int j = 0; j < outW(); j++) {
                if (hits(q, j * strideW - padLeft, kernelW, dilationW)) cells.add(new int[] {i, j});
            }
        }
        return cells;
    }

    /** Whether a window starting at {@code start} with k taps d apart reads position {@code p}. */
    private static boolean hits(int p, int start, int k, int d) {
        int off = p - start;
        return off >= 0 && off % d == 0 && off / d < k;
    }
}

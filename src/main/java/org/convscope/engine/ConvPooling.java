package org.convscope.engine;

/**
 * A convolution of a 1-channel input ending in ReLU and the max pooling that alone reads it, fused for a training
 * step. Apart, the convolution writes its whole output (N, OH, OW, F) — for seed-001's first layer 26×26×32 values an
 * image, 11 MB a batch of 128, more than the cores' caches — and the pooling reads it back; backward, the pooling
 * writes ∂L/∂z as large, mostly zeros, and the kernel gradient reads it back. Fused:
 * <ul>
 *   <li>forward, each core convolves the few rows that one row of windows covers into a small band and pools them
 *   from there ({@link Conv2D#convolveRows}, {@link MaxPooling2D#poolRow}): the band stays in the core's cache, and
 *   only the pooled output and the winners are written;</li>
 *   <li>backward, the kernel and bias gradients are summed as apart, but each vector of ∂L/∂z is made where it is
 *   needed from the pooling's gradient, winners and output ({@link ElementKernels#kernelGradientOfPooledImage}).</li>
 * </ul>
 * The same operations in the same order as the two layers one after the other, so the same numbers bit for bit (a
 * test checks). The convolution's own output and ∂L/∂x are never made: only where nothing below needs a gradient.
 */
final class ConvPooling {
    final Conv2D conv;
    final MaxPooling2D pool;
    private final float[][] bands = new float[Parallel.THREADS][]; // per part: the rows of one row of windows

    ConvPooling(Conv2D conv, MaxPooling2D pool) {
        this.conv = conv;
        this.pool = pool;
    }

    /** Whether conv → pool can be fused: conv convolves directly ending in ReLU, and pool's windows do not overlap. */
    static boolean applies(Layer below, Layer above) {
        return below instanceof Conv2D conv && conv.convolvesInBands()
                && above instanceof MaxPooling2D pool && pool.windowsDoNotOverlap();
    }

    /** Both layers' forward pass on x (N, H, W, 1), not modified: the pooling's output (N, OH', OW', F). */
    Tensor forward(Tensor x) {
        int[] zShape = conv.startBandedForward(x); // (N, OH, OW, F)
        Tensor y = pool.startBandedForward(zShape);
        int oh = zShape[1], rowSize = zShape[2] * zShape[3];
        Parallel.forRange(x.dim(0), (long) x.size() * rowSize, (part, b0, b1) -> {
            for (int b = b0; b < b1; b++) {
                for (int i = 0; i < y.dim(1); i++) {
                    int r0 = pool.firstRow(i), r1 = pool.endRow(i);
                    float[] band = bands[part] = Kernels.atLeast(bands[part], (r1 - r0) * rowSize);
                    conv.convolveRows(b, r0, r1, band, 0);
                    pool.poolRow(band, 0, (b * oh + r0) * rowSize, b, i);
                }
            }
        });
        return y;
    }

    /** From ∂L/∂(pooling's output) of the last forward pass, not modified: the convolution's kernel and bias gradients (+=). */
    void backward(Tensor dOut) {
        if (!conv.isTrainable()) return;
        int n = pool.xShape[0];
        Parallel.forRange(pool.xShape[3], conv.kernelGradientParts(), 16, (part, f0, f1) -> {
            for (int b = 0; b < n; b++) conv.kernelGradientOfPooledImage(b, pool, dOut, f0, f1);
        });
    }
}

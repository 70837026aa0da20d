package org.convscope.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link ElementKernels} with SIMD: the same operations, a vector of channels at a time, the tail plainly. */
final class VectorElementKernels extends ElementKernels {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());
    private static final int L = F.length();
    /** 0, 1, 2, … in each lane: a vector's own offsets. */
    private static final IntVector LANES = IntVector.zero(I).addIndex(1);

    /** A vector of channels at a time, best and its indices kept in registers over the window's cells. */
    @Override
    void maxOfWindow(float[] x, int first, int rowStride, int rows, int cols, int c, int c0, float[] best, int[] bestAt, int base) {
        int ch = c0;
        IntVector lanes = LANES;
        for (int upper = c0 + F.loopBound(c - c0); ch < upper; ch += L) {
            FloatVector b = FloatVector.fromArray(F, x, first + ch);
            IntVector at = lanes.add(first + ch);
            // One loop over the cells after the first, row by row: vectors carried through nested loops would be boxed.
            for (int t = 1, r = 0, q = 1; t < rows * cols; t++) {
                if (q == cols) {
                    q = 0;
                    r++;
                }
                int cell = first + r * rowStride + q * c + ch;
                FloatVector v = FloatVector.fromArray(F, x, cell);
                VectorMask<Float> better = v.compare(VectorOperators.GT, b);
                b = b.blend(v, better);
                at = at.blend(lanes.add(cell), better.cast(I));
                q++;
            }
            b.intoArray(best, base + ch);
            at.intoArray(bestAt, base + ch);
        }
        if (ch < c) super.maxOfWindow(x, first, rowStride, rows, cols, c, ch, best, bestAt, base);
    }

    @Override
    void addBiasRow(float[] z, int o, float[] b, int from, int to, boolean relu) {
        int u = from;
        FloatVector zero = FloatVector.zero(F);
        for (int upper = from + F.loopBound(to - from); u < upper; u += L) {
            FloatVector v = FloatVector.fromArray(F, z, o + u);
            if (b != null) v = v.add(FloatVector.fromArray(F, b, u));
            if (relu) v = zero.blend(v, v.compare(VectorOperators.GT, zero)); // v > 0 ? v : 0, so NaN → 0 too
            v.intoArray(z, o + u);
        }
        if (u < to) super.addBiasRow(z, o, b, u, to, relu);
    }

    /** Four output positions × two vectors of filters at a time: each kernel value loaded serves four FMAs. */
    @Override
    void convolveRow(float[] x, int at, int w, float[] kernel, int kh, int kw, int filters, int f0, int f1,
                     int ow, float[] b, boolean relu, float[] z, int o) {
        int f = f0;
        for (; f + 2 * L <= f1; f += 2 * L) {
            for (int start = 0; start < ow && ow >= 4; start += 4) {
                // The last tile may overlap the one before (recomputed, to the same values): one more tile of
                // eight independent sums instead of a tail of dependent ones, which waits on FMA latency.
                int j = Math.min(start, ow - 4);
                FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0;
                // One loop over the taps (u, v) in order: vectors carried through nested loops would be boxed.
                for (int t = 0, u = 0, v = 0; t < kh * kw; t++) {
                    int in = at + u * w + j + v, wt = t * filters + f;
                    FloatVector w0 = FloatVector.fromArray(F, kernel, wt), w1 = FloatVector.fromArray(F, kernel, wt + L);
                    FloatVector x0 = FloatVector.broadcast(F, x[in]), x1 = FloatVector.broadcast(F, x[in + 1]);
                    FloatVector x2 = FloatVector.broadcast(F, x[in + 2]), x3 = FloatVector.broadcast(F, x[in + 3]);
                    a0 = x0.fma(w0, a0);
                    b0 = x0.fma(w1, b0);
                    a1 = x1.fma(w0, a1);
                    b1 = x1.fma(w1, b1);
                    a2 = x2.fma(w0, a2);
                    b2 = x2.fma(w1, b2);
                    a3 = x3.fma(w0, a3);
                    b3 = x3.fma(w1, b3);
                    if (++v == kw) {
                        v = 0;
                        u++;
                    }
                }
                int out = o + j * filters + f;
                finish(a0, b, f, relu).intoArray(z, out);
                finish(b0, b, f + L, relu).intoArray(z, out + L);
                finish(a1, b, f, relu).intoArray(z, out + filters);
                finish(b1, b, f + L, relu).intoArray(z, out + filters + L);
                finish(a2, b, f, relu).intoArray(z, out + 2 * filters);
                finish(b2, b, f + L, relu).intoArray(z, out + 2 * filters + L);
                finish(a3, b, f, relu).intoArray(z, out + 3 * filters);
                finish(b3, b, f + L, relu).intoArray(z, out + 3 * filters + L);
            }
            if (ow < 4) oneVectorAtATime(x, at, w, kernel, kh, kw, filters, f, f + 2 * L, ow, b, relu, z, o);
        }
        oneVectorAtATime(x, at, w, kernel, kh, kw, filters, f, f1, ow, b, relu, z, o);
    }

    /** {@code acc + b[f..f+L)} (when b), then ReLU (when relu): the operations of {@link #addBiasRow}. */
    private static FloatVector finish(FloatVector acc, float[] b, int f, boolean relu) {
        FloatVector v = b == null ? acc : acc.add(FloatVector.fromArray(F, b, f));
        FloatVector zero = FloatVector.zero(F);
        // compare with a vector: with a scalar operand JDK 17 boxes the mask, an allocation per call
        return relu ? zero.blend(v, v.compare(VectorOperators.GT, zero)) : v; // NaN → 0 too
    }

    /**
     * A vector of filters at a time, nine taps' sums (and the bias', with the first nine) in registers, position by
     * position, one load of ∂L/∂z for all of them; the taps past a multiple of nine one at a time; the last filters
     * plainly.
     */
    @Override
    void kernelGradientOfImage(float[] x, int at, int[] offsets, int positions, int w, float[] g, int o,
                               int kh, int kw, int filters, int f0, int f1, float[] dW, float[] dB) {
        int f = kernelGradient(x, at, offsets, positions, w, new Source(g, o, null, null, null, 0, 0), kh, kw, filters, f0, f1, dW, dB);
        if (f < f1) super.kernelGradientOfImage(x, at, offsets, positions, w, g, o, kh, kw, filters, f, f1, dW, dB);
    }

    /** As {@link #kernelGradientOfImage}, each vector of ∂L/∂z made from the pooling's side with two compares and a blend. */
    @Override
    void kernelGradientOfPooledImage(float[] x, int at, int[] offsets, int positions, int w,
                                     float[] dOut, float[] best, int[] winners, int[] cell, int cellBase, int won,
                                     int kh, int kw, int filters, int f0, int f1, float[] dW, float[] dB) {
        Source source = new Source(dOut, 0, best, winners, cell, cellBase, won);
        int f = kernelGradient(x, at, offsets, positions, w, source, kh, kw, filters, f0, f1, dW, dB);
        if (f < f1) {
            super.kernelGradientOfPooledImage(x, at, offsets, positions, w, dOut, best, winners, cell, cellBase, won,
                    kh, kw, filters, f, f1, dW, dB);
        }
    }

    /**
     * Where ∂L/∂z of one image comes from: g[o + p·F + f], or, when winners is not null, the pooling's side as in
     * {@link ElementKernels#kernelGradientOfPooledImage} (g its dOut).
     */
    private record Source(float[] g, int o, float[] best, int[] winners, int[] cell, int cellBase, int won) {
        /** ∂L/∂z at output position p, filters [f, f + L) of F. */
        FloatVector at(int p, int f, int filters) {
            if (winners == null) return FloatVector.fromArray(F, g, o + p * filters + f);
            int k = cell[p], c = cellBase + Math.max(k, 0) + f;
            int first = k < 0 ? Integer.MIN_VALUE : won + p * filters + f; // no winner is negative: in no window, none wins
            // In integer lanes, where no mask changes type: a winner's value (a ReLU output, never NaN) is > 0 exactly
            // where its bits are, as an int.
            IntVector zero = IntVector.zero(I);
            VectorMask<Integer> wins = IntVector.fromArray(I, winners, c).compare(VectorOperators.EQ, LANES.add(first))
                    .and(FloatVector.fromArray(F, best, c).reinterpretAsInts().compare(VectorOperators.GT, zero));
            return zero.blend(FloatVector.fromArray(F, g, c).reinterpretAsInts(), wins).reinterpretAsFloats();
        }
    }

    /** The vector part of {@link #kernelGradientOfImage}: returns the first filter left for the plain form. */
    private static int kernelGradient(float[] x, int at, int[] offsets, int positions, int w, Source g,
                                      int kh, int kw, int filters, int f0, int f1, float[] dW, float[] dB) {
        int taps = kh * kw;
        int[] tap = new int[taps]; // where tap t of a window is, from the window's start
        for (int t = 0; t < taps; t++) tap[t] = at + t / kw * w + t % kw;
        int f = f0;
        for (; f + L <= f1; f += L) {
            int t = 0;
            for (; t + 9 <= taps; t += 9) nineTaps(x, tap, t, offsets, positions, g, f, filters, dW, t * filters + f, t == 0 ? dB : null);
            if (taps < 9 && dB != null) {
                FloatVector s = FloatVector.zero(F);
                for (int p = 0; p < positions; p++) s = s.add(g.at(p, f, filters));
                FloatVector.fromArray(F, dB, f).add(s).intoArray(dB, f);
            }
            for (; t < taps; t++) {
                FloatVector s = FloatVector.zero(F);
                for (int p = 0; p < positions; p++) s = FloatVector.broadcast(F, x[tap[t] + offsets[p]]).fma(g.at(p, f, filters), s);
                int d = t * filters + f;
                FloatVector.fromArray(F, dW, d).add(s).intoArray(dW, d);
            }
        }
        return f;
    }

    /**
     * Taps [t, t + 9) of {@link #kernelGradientOfImage} for the vector of filters [f, f + L), into dW[d + k·F];
     * and the bias gradient into dB[f..f+L) when dB is not null.
     */
    private static void nineTaps(float[] x, int[] tap, int t, int[] offsets, int positions, Source g, int f, int filters,
                                 float[] dW, int d, float[] dB) {
        int t0 = tap[t], t1 = tap[t + 1], t2 = tap[t + 2], t3 = tap[t + 3], t4 = tap[t + 4];
        int t5 = tap[t + 5], t6 = tap[t + 6], t7 = tap[t + 7], t8 = tap[t + 8];
        FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0, s8 = s0, sb = s0;
        boolean bias = dB != null;
        for (int p = 0; p < positions; p++) {
            FloatVector gp = g.at(p, f, filters);
            if (bias) sb = sb.add(gp);
            int q = offsets[p];
            s0 = FloatVector.broadcast(F, x[t0 + q]).fma(gp, s0);
            s1 = FloatVector.broadcast(F, x[t1 + q]).fma(gp, s1);
            s2 = FloatVector.broadcast(F, x[t2 + q]).fma(gp, s2);
            s3 = FloatVector.broadcast(F, x[t3 + q]).fma(gp, s3);
            s4 = FloatVector.broadcast(F, x[t4 + q]).fma(gp, s4);
            s5 = FloatVector.broadcast(F, x[t5 + q]).fma(gp, s5);
            s6 = FloatVector.broadcast(F, x[t6 + q]).fma(gp, s6);
            s7 = FloatVector.broadcast(F, x[t7 + q]).fma(gp, s7);
            s8 = FloatVector.broadcast(F, x[t8 + q]).fma(gp, s8);
        }
        FloatVector.fromArray(F, dW, d).add(s0).intoArray(dW, d);
        FloatVector.fromArray(F, dW, d + filters).add(s1).intoArray(dW, d + filters);
        FloatVector.fromArray(F, dW, d + 2 * filters).add(s2).intoArray(dW, d + 2 * filters);
        FloatVector.fromArray(F, dW, d + 3 * filters).add(s3).intoArray(dW, d + 3 * filters);
        FloatVector.fromArray(F, dW, d + 4 * filters).add(s4).intoArray(dW, d + 4 * filters);
        FloatVector.fromArray(F, dW, d + 5 * filters).add(s5).intoArray(dW, d + 5 * filters);
        FloatVector.fromArray(F, dW, d + 6 * filters).add(s6).intoArray(dW, d + 6 * filters);
        FloatVector.fromArray(F, dW, d + 7 * filters).add(s7).intoArray(dW, d + 7 * filters);
        FloatVector.fromArray(F, dW, d + 8 * filters).add(s8).intoArray(dW, d + 8 * filters);
        if (bias) FloatVector.fromArray(F, dB, f).add(sb).intoArray(dB, f);
    }

    /** {@link #convolveRow} one output position and one vector of filters at a time, the last filters plainly. */
    private void oneVectorAtATime(float[] x, int at, int w, float[] kernel, int kh, int kw, int filters, int f0, int f1,
                                  int ow, float[] b, boolean relu, float[] z, int o) {
        int f = f0;
        for (; f + L <= f1; f += L) {
            for (int j = 0; j < ow; j++) {
                FloatVector acc = FloatVector.zero(F);
                for (int t = 0, u = 0, v = 0; t < kh * kw; t++) {
                    acc = FloatVector.broadcast(F, x[at + u * w + j + v]).fma(FloatVector.fromArray(F, kernel, t * filters + f), acc);
                    if (++v == kw) {
                        v = 0;
                        u++;
                    }
                }
                finish(acc, b, f, relu).intoArray(z, o + j * filters + f);
            }
        }
        if (f < f1) super.convolveRow(x, at, w, kernel, kh, kw, filters, f, f1, ow, b, relu, z, o);
    }

    /** A vector of columns at a time, its sums kept in a register down the rows. */
    @Override
    void addColumnSums(float[] g, int r0, int r1, int units, float[] s) {
        int u = 0;
        for (int upper = F.loopBound(units); u < upper; u += L) {
            FloatVector acc = FloatVector.fromArray(F, s, u);
            for (int r = r0; r < r1; r++) acc = acc.add(FloatVector.fromArray(F, g, r * units + u));
            acc.intoArray(s, u);
        }
        for (; u < units; u++) {
            float acc = s[u];
            for (int r = r0; r < r1; r++) acc += g[r * units + u];
            s[u] = acc;
        }
    }

    @Override
    void reluBackward(float[] y, float[] g, float[] d, int from, int to) {
        int i = from;
        FloatVector zero = FloatVector.zero(F);
        for (int upper = from + F.loopBound(to - from); i < upper; i += L) {
            VectorMask<Float> open = FloatVector.fromArray(F, y, i).compare(VectorOperators.GT, zero); // a scalar 0 would box the mask
            zero.blend(FloatVector.fromArray(F, g, i), open).intoArray(d, i);
        }
        if (i < to) super.reluBackward(y, g, d, i, to);
    }

    // Winograd F(4×4, 3×3): the plain kernels' column-then-row passes, a vector of channels or filters at a time,
    // each pass in place in the result's arrays. The 1-D transforms take arrays, not vectors: a helper too large to
    // inline would box vector arguments. Constants are broadcast vectors: a scalar operand makes JDK 17 box.

    @Override
    void winogradKernel(float[] w, int c, int filters, int f0, int f1, float[][] u) {
        int f = f0, plane = c * filters; // from tap (p, q) to (p, q + 1)
        for (int upper = f0 + F.loopBound(f1 - f0); f < upper; f += L) {
            for (int ch = 0; ch < c; ch++) {
                int o = ch * filters + f;
                for (int t = 0; t < 9; t++) FloatVector.fromArray(F, w, t * plane + o).intoArray(u[t / 3 * 6 + t % 3], o); // g
                // columns 0..2 of G g, then rows 0..5 of (G g) Gᵀ: one call site, so the pass is compiled once
                for (int k = 0; k < 9; k++) kernelPass(u, k < 3 ? k : 6 * (k - 3), k < 3 ? 6 : 1, o);
            }
        }
        if (f < f1) super.winogradKernel(w, c, filters, f, f1, u);
    }

    /** u[first + k·step][o] = (G · (g0, g1, g2))[k] for k &lt; 6, g_k = u[first + k·step][o], as {@code kernelColumn}. */
    private static void kernelPass(float[][] u, int first, int step, int o) {
        FloatVector g0 = FloatVector.fromArray(F, u[first], o), g1 = FloatVector.fromArray(F, u[first + step], o);
        FloatVector g2 = FloatVector.fromArray(F, u[first + 2 * step], o);
        FloatVector sixth = FloatVector.broadcast(F, G_SIXTH), twelfth = FloatVector.broadcast(F, G_12TH);
        FloatVector twentyFourth = FloatVector.broadcast(F, G_24TH), minusSixth = FloatVector.broadcast(F, -G_SIXTH);
        g0.mul(FloatVector.broadcast(F, G_QUARTER)).intoArray(u[first], o);
        g0.add(g1).add(g2).mul(minusSixth).intoArray(u[first + step], o);
        g0.sub(g1).add(g2).mul(minusSixth).intoArray(u[first + 2 * step], o);
        g0.mul(twentyFourth).add(g1.mul(twelfth)).add(g2.mul(sixth)).intoArray(u[first + 3 * step], o);
        g0.mul(twentyFourth).sub(g1.mul(twelfth)).add(g2.mul(sixth)).intoArray(u[first + 4 * step], o);
        g2.intoArray(u[first + 5 * step], o);
    }

    @Override
    void winogradInput(float[] x, int[] cell, int c, int c0, int c1, float[][] v, int row) {
        int ch = c0;
        for (int upper = c0 + F.loopBound(c1 - c0); ch < upper; ch += L) {
            int o = row * c + ch;
            for (int b = 0; b < 6; b++) inputColumn(x, cell, b, ch, v, o); // columns 0..5 of Bᵀ d, read from x
            // rows 0..5 of (Bᵀ d) B: one call site, so the pass is compiled once
            for (int a = 0; a < 6; a++) inputPass(v, 6 * a, 1, o);
        }
        if (ch < c1) super.winogradInput(x, cell, c, ch, c1, v, row);
    }

    /**
     * Column b of Bᵀ d into v[6·k + b][o], k &lt; 6, d_a = x[cell[6·a + b] + ch] (0 where the cell is −1): the first pass of
     * {@link #inputPass} read straight from x, as the plain {@code winogradInput} does.
     */
    private static void inputColumn(float[] x, int[] cell, int b, int ch, float[][] v, int o) {
        FloatVector zero = FloatVector.zero(F);
        FloatVector d0 = cell[b] < 0 ? zero : FloatVector.fromArray(F, x, cell[b] + ch);
        FloatVector d1 = cell[6 + b] < 0 ? zero : FloatVector.fromArray(F, x, cell[6 + b] + ch);
        FloatVector d2 = cell[12 + b] < 0 ? zero : FloatVector.fromArray(F, x, cell[12 + b] + ch);
        FloatVector d3 = cell[18 + b] < 0 ? zero : FloatVector.fromArray(F, x, cell[18 + b] + ch);
        FloatVector d4 = cell[24 + b] < 0 ? zero : FloatVector.fromArray(F, x, cell[24 + b] + ch);
        FloatVector d5 = cell[30 + b] < 0 ? zero : FloatVector.fromArray(F, x, cell[30 + b] + ch);
        FloatVector two = FloatVector.broadcast(F, 2f), four = FloatVector.broadcast(F, 4f), five = FloatVector.broadcast(F, 5f);
        d0.mul(four).sub(d2.mul(five)).add(d4).intoArray(v[b], o);
        d3.add(d4).sub(d1.add(d2).mul(four)).intoArray(v[6 + b], o);
        d4.sub(d3).add(d1.sub(d2).mul(four)).intoArray(v[12 + b], o);
        d4.sub(d2).add(d3.sub(d1).mul(two)).intoArray(v[18 + b], o);
        d4.sub(d2).sub(d3.sub(d1).mul(two)).intoArray(v[24 + b], o);
        d1.mul(four).sub(d3.mul(five)).add(d5).intoArray(v[30 + b], o);
    }

    /** v[first + k·step][o] = (Bᵀ · (d0 … d5))[k], d_k = v[first + k·step][o], as {@code inputColumn}. */
    private static void inputPass(float[][] v, int first, int step, int o) {
        FloatVector d0 = FloatVector.fromArray(F, v[first], o), d1 = FloatVector.fromArray(F, v[first + step], o);
        FloatVector d2 = FloatVector.fromArray(F, v[first + 2 * step], o), d3 = FloatVector.fromArray(F, v[first + 3 * step], o);
        FloatVector d4 = FloatVector.fromArray(F, v[first + 4 * step], o), d5 = FloatVector.fromArray(F, v[first + 5 * step], o);
        FloatVector two = FloatVector.broadcast(F, 2f), four = FloatVector.broadcast(F, 4f), five = FloatVector.broadcast(F, 5f);
        d0.mul(four).sub(d2.mul(five)).add(d4).intoArray(v[first], o);
        d3.add(d4).sub(d1.add(d2).mul(four)).intoArray(v[first + step], o);
        d4.sub(d3).add(d1.sub(d2).mul(four)).intoArray(v[first + 2 * step], o);
        d4.sub(d2).add(d3.sub(d1).mul(two)).intoArray(v[first + 3 * step], o);
        d4.sub(d2).sub(d3.sub(d1).mul(two)).intoArray(v[first + 4 * step], o);
        d1.mul(four).sub(d3.mul(five)).add(d5).intoArray(v[first + 5 * step], o);
    }

    @Override
    void winogradInputAdjoint(float[][] m, int row, int c, int c0, int c1, float[] dx, int[] cell) {
        int ch = c0;
        for (int upper = c0 + F.loopBound(c1 - c0); ch < upper; ch += L) {
            int o = row * c + ch;
            // columns 0..5 of B X, then rows 0..5 of (B X) Bᵀ: one call site, so the pass is compiled once
            for (int k = 0; k < 12; k++) inputAdjointPass(m, k < 6 ? k : 6 * (k - 6), k < 6 ? 6 : 1, o);
            for (int k = 0; k < 36; k++) {
                if (cell[k] >= 0) addInto(m[k], o, dx, cell[k] + ch);
            }
        }
        if (ch < c1) super.winogradInputAdjoint(m, row, c, ch, c1, dx, cell);
    }

    /** m[first + k·step][o] = (B · (d0 … d5))[k], d_k = m[first + k·step][o], as {@code inputAdjointColumn}. */
    private static void inputAdjointPass(float[][] m, int first, int step, int o) {
        FloatVector d0 = FloatVector.fromArray(F, m[first], o), d1 = FloatVector.fromArray(F, m[first + step], o);
        FloatVector d2 = FloatVector.fromArray(F, m[first + 2 * step], o), d3 = FloatVector.fromArray(F, m[first + 3 * step], o);
        FloatVector d4 = FloatVector.fromArray(F, m[first + 4 * step], o), d5 = FloatVector.fromArray(F, m[first + 5 * step], o);
        FloatVector two = FloatVector.broadcast(F, 2f), four = FloatVector.broadcast(F, 4f), five = FloatVector.broadcast(F, 5f);
        FloatVector sum12 = d1.add(d2), sum34 = d3.add(d4);
        d0.mul(four).intoArray(m[first], o);
        d2.sub(d1).add(d5).mul(four).add(d4.sub(d3).mul(two)).intoArray(m[first + step], o);
        d0.mul(FloatVector.broadcast(F, -5f)).sub(sum12.mul(four)).sub(sum34).intoArray(m[first + 2 * step], o);
        d1.sub(d2).add(d3.sub(d4).mul(two)).sub(d5.mul(five)).intoArray(m[first + 3 * step], o);
        d0.add(sum12).add(sum34).intoArray(m[first + 4 * step], o);
        // m[first + 5·step] = d5 already
    }

    /** dx[to..to+L) += m[at..at+L): loads and stores here, so that no vector crosses a call. */
    private static void addInto(float[] m, int at, float[] dx, int to) {
        FloatVector.fromArray(F, dx, to).add(FloatVector.fromArray(F, m, at)).intoArray(dx, to);
    }

    @Override
    void winogradOutput(float[][] m, int row, int filters, int f0, int f1, float[] b, boolean relu, float[] z, int[] out) {
        int f = f0;
        for (int upper = f0 + F.loopBound(f1 - f0); f < upper; f += L) {
            int at = row * filters + f;
            // columns 0..5 of Aᵀ M into M's first four rows, then rows 0..3 of (Aᵀ M) A into each row's first four
            // cells: one call site, so the pass is compiled once
            for (int k = 0; k < 10; k++) outputPass(m, k < 6 ? k : 6 * (k - 6), k < 6 ? 6 : 1, at);
            for (int cell = 0; cell < 16; cell++) {
                if (out[cell] >= 0) finishInto(m[cell / 4 * 6 + cell % 4], at, b, f, relu, z, out[cell] + f);
            }
        }
        if (f < f1) super.winogradOutput(m, row, filters, f, f1, b, relu, z, out);
    }

    /** z[to..to+L) = {@link #finish} of y[at..at+L): loads and stores here, so that no vector crosses a call. */
    private static void finishInto(float[] y, int at, float[] b, int f, boolean relu, float[] z, int to) {
        finish(FloatVector.fromArray(F, y, at), b, f, relu).intoArray(z, to);
    }

    /** m[first + k·step][at] = (Aᵀ · (m0 … m5))[k] for k &lt; 4, m_k = m[first + k·step][at], as {@code outputColumn}. */
    private static void outputPass(float[][] m, int first, int step, int at) {
        FloatVector m0 = FloatVector.fromArray(F, m[first], at), m1 = FloatVector.fromArray(F, m[first + step], at);
        FloatVector m2 = FloatVector.fromArray(F, m[first + 2 * step], at), m3 = FloatVector.fromArray(F, m[first + 3 * step], at);
        FloatVector m4 = FloatVector.fromArray(F, m[first + 4 * step], at), m5 = FloatVector.fromArray(F, m[first + 5 * step], at);
        FloatVector sum12 = m1.add(m2), dif12 = m1.sub(m2), sum34 = m3.add(m4), dif34 = m3.sub(m4);
        m0.add(sum12).add(sum34).intoArray(m[first], at);
        dif12.add(dif34.mul(FloatVector.broadcast(F, 2f))).intoArray(m[first + step], at);
        sum12.add(sum34.mul(FloatVector.broadcast(F, 4f))).intoArray(m[first + 2 * step], at);
        dif12.add(dif34.mul(FloatVector.broadcast(F, 8f))).add(m5).intoArray(m[first + 3 * step], at);
    }

    @Override
    void winogradGradient(float[] g, int[] out, int filters, int f0, int f1, float[][] e, int row) {
        int f = f0;
        FloatVector zero = FloatVector.zero(F);
        for (int upper = f0 + F.loopBound(f1 - f0); f < upper; f += L) {
            int o = row * filters + f;
            for (int i = 0; i < 16; i++) (out[i] < 0 ? zero : FloatVector.fromArray(F, g, out[i] + f)).intoArray(e[i / 4 * 6 + i % 4], o); // E
            // columns 0..3 of A E, then rows 0..5 of (A E) Aᵀ: one call site, so the pass is compiled once
            for (int k = 0; k < 10; k++) gradientPass(e, k < 4 ? k : 6 * (k - 4), k < 4 ? 6 : 1, o);
        }
        if (f < f1) super.winogradGradient(g, out, filters, f, f1, e, row);
    }

    /** e[first + k·step][o] = (A · (y0 … y3))[k] for k &lt; 6, y_k = e[first + k·step][o], as {@code gradientColumn}. */
    private static void gradientPass(float[][] e, int first, int step, int o) {
        FloatVector y0 = FloatVector.fromArray(F, e[first], o), y1 = FloatVector.fromArray(F, e[first + step], o);
        FloatVector y2 = FloatVector.fromArray(F, e[first + 2 * step], o), y3 = FloatVector.fromArray(F, e[first + 3 * step], o);
        FloatVector even = y0.add(y2), odd = y1.add(y3);
        FloatVector evenFar = y0.add(y2.mul(FloatVector.broadcast(F, 4f)));
        FloatVector oddFar = y1.mul(FloatVector.broadcast(F, 2f)).add(y3.mul(FloatVector.broadcast(F, 8f)));
        even.add(odd).intoArray(e[first + step], o);
        even.sub(odd).intoArray(e[first + 2 * step], o);
        evenFar.add(oddFar).intoArray(e[first + 3 * step], o);
        evenFar.sub(oddFar).intoArray(e[first + 4 * step], o);
        y3.intoArray(e[first + 5 * step], o);
    }
}

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

    /** A vector of channels at a time, best and its indices kept in registers over the window's cells. */
    @Override
    void maxOfWindow(float[] x, int first, int rowStride, int rows, int cols, int c, int c0, float[] best, int[] bestAt, int base) {
        int ch = c0;
        IntVector lanes = IntVector.zero(I).addIndex(1);
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

    /** A vector of filters at a time; G g goes through u, whose rows it then overwrites with (G g) Gᵀ. */
    @Override
    void winogradKernel(float[] w, int c, int filters, int f0, int f1, float[][] u) {
        int f = f0;
        FloatVector half = FloatVector.broadcast(F, 0.5f); // a vector, not a scalar operand, which JDK 17 boxes
        for (int upper = f0 + F.loopBound(f1 - f0); f < upper; f += L) {
            for (int ch = 0; ch < c; ch++) {
                int o = ch * filters + f;
                for (int q = 0; q < 3; q++) { // column q of G g → u[a·4 + q]
                    int tap = (q * c + ch) * filters + f, row = 3 * c * filters;
                    FloatVector g0 = FloatVector.fromArray(F, w, tap), g1 = FloatVector.fromArray(F, w, tap + row);
                    FloatVector g2 = FloatVector.fromArray(F, w, tap + 2 * row);
                    g0.intoArray(u[q], o);
                    g0.add(g1).add(g2).mul(half).intoArray(u[4 + q], o);
                    g0.sub(g1).add(g2).mul(half).intoArray(u[8 + q], o);
                    g2.intoArray(u[12 + q], o);
                }
                for (int a = 0; a < 4; a++) { // row a of (G g) Gᵀ
                    int r = 4 * a;
                    FloatVector t0 = FloatVector.fromArray(F, u[r], o), t1 = FloatVector.fromArray(F, u[r + 1], o);
                    FloatVector t2 = FloatVector.fromArray(F, u[r + 2], o);
                    t0.intoArray(u[r], o);
                    t0.add(t1).add(t2).mul(half).intoArray(u[r + 1], o);
                    t0.sub(t1).add(t2).mul(half).intoArray(u[r + 2], o);
                    t2.intoArray(u[r + 3], o);
                }
            }
        }
        if (f < f1) super.winogradKernel(w, c, filters, f, f1, u);
    }

    /** A vector of channels at a time; Bᵀ d goes through v, whose rows it then overwrites with (Bᵀ d) B. */
    @Override
    void winogradInput(float[] x, int[] cell, int c, int c0, int c1, float[][] v, int row) {
        int ch = c0;
        FloatVector zero = FloatVector.zero(F);
        for (int upper = c0 + F.loopBound(c1 - c0); ch < upper; ch += L) {
            int o = row * c + ch;
            for (int b = 0; b < 4; b++) { // column b of Bᵀ d → v[a·4 + b]
                FloatVector d0 = cell[b] < 0 ? zero : FloatVector.fromArray(F, x, cell[b] + ch);
                FloatVector d1 = cell[4 + b] < 0 ? zero : FloatVector.fromArray(F, x, cell[4 + b] + ch);
                FloatVector d2 = cell[8 + b] < 0 ? zero : FloatVector.fromArray(F, x, cell[8 + b] + ch);
                FloatVector d3 = cell[12 + b] < 0 ? zero : FloatVector.fromArray(F, x, cell[12 + b] + ch);
                d0.sub(d2).intoArray(v[b], o);
                d1.add(d2).intoArray(v[4 + b], o);
                d2.sub(d1).intoArray(v[8 + b], o);
                d1.sub(d3).intoArray(v[12 + b], o);
            }
            for (int a = 0; a < 4; a++) { // row a of (Bᵀ d) B
                int r = 4 * a;
                FloatVector s0 = FloatVector.fromArray(F, v[r], o), s1 = FloatVector.fromArray(F, v[r + 1], o);
                FloatVector s2 = FloatVector.fromArray(F, v[r + 2], o), s3 = FloatVector.fromArray(F, v[r + 3], o);
                s0.sub(s2).intoArray(v[r], o);
                s1.add(s2).intoArray(v[r + 1], o);
                s2.sub(s1).intoArray(v[r + 2], o);
                s1.sub(s3).intoArray(v[r + 3], o);
            }
        }
        if (ch < c1) super.winogradInput(x, cell, c, ch, c1, v, row);
    }

    /** A vector of filters at a time, Aᵀ M A in registers, one output row at a time. */
    @Override
    void winogradOutput(float[][] m, int row, int filters, int f0, int f1, float[] b, boolean relu, float[] z, int[] out) {
        int f = f0;
        for (int upper = f0 + F.loopBound(f1 - f0); f < upper; f += L) {
            int at = row * filters + f;
            for (int i = 0; i < 2; i++) { // row i of Aᵀ M (M's rows 0 + 1 + 2, or 1 − 2 − 3), then of (Aᵀ M) A
                int top = i == 0 ? 0 : 4, mid = top == 0 ? 4 : 8, low = top == 0 ? 8 : 12;
                FloatVector o0 = combine(m[top], m[mid], m[low], at, i == 0);
                FloatVector o1 = combine(m[top + 1], m[mid + 1], m[low + 1], at, i == 0);
                FloatVector o2 = combine(m[top + 2], m[mid + 2], m[low + 2], at, i == 0);
                FloatVector o3 = combine(m[top + 3], m[mid + 3], m[low + 3], at, i == 0);
                if (out[2 * i] >= 0) finish(o0.add(o1).add(o2), b, f, relu).intoArray(z, out[2 * i] + f);
                if (out[2 * i + 1] >= 0) finish(o1.sub(o2).sub(o3), b, f, relu).intoArray(z, out[2 * i + 1] + f);
            }
        }
        if (f < f1) super.winogradOutput(m, row, filters, f, f1, b, relu, z, out);
    }

    /** p + q + r when {@code sum}, else p − q − r, of the vectors at {@code at}. */
    private static FloatVector combine(float[] p, float[] q, float[] r, int at, boolean sum) {
        FloatVector a = FloatVector.fromArray(F, p, at), b = FloatVector.fromArray(F, q, at), c = FloatVector.fromArray(F, r, at);
        return sum ? a.add(b).add(c) : a.sub(b).sub(c);
    }
}

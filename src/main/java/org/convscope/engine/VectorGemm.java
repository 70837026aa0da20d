package org.convscope.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Gemm} with SIMD fused multiply-adds ({@code jdk.incubator.vector}), blocked as in
 * Goto &amp; van de Geijn 2008, "Anatomy of high-performance matrix multiplication":
 * <ul>
 *   <li>op(B) is packed in blocks of KC×NC, as panels NR columns wide (row p of a panel is NR
 *       contiguous floats); packing resolves its transpose. For a few rows of A (one image) B is read
 *       in place instead. op(A) is read in place, MR rows at a time, either way round: with the narrow
 *       n of these layers (≤ 288) packing it would cost more than it saves.</li>
 *   <li>The micro-kernel keeps an MR×NR tile of C in 16 vector registers and adds
 *       {@code a[r]·b[0..NR)} for every p: 2·MR·NR FLOPs per KC step for MR + 2 loads.</li>
 *   <li>Both cores: the larger of m and n is split between threads, or k when it dominates (each
 *       thread then sums into its own C and the parts are added).</li>
 * </ul>
 * Load only when the module {@code jdk.incubator.vector} is present ({@link Gemm#current()} checks).
 */
final class VectorGemm implements Gemm {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int MR = 8;
    private static final int NR = 2 * L;
    private static final int KC = 320;
    private static final int NC = 512 / NR * NR;
    /** Up to this many rows of A, B is read in place rather than packed. */
    private static final int B_IN_PLACE_ROWS = 128;
    /**
     * Below this many FLOPs a product runs on the caller alone: waking the second core costs more than it
     * saves for one image's largest product (seed-001's second convolution, 4.5 MFLOP, ≈ 40 µs on one core).
     */
    private static final long MIN_SHARED_FLOPS = 5_000_000;

    /** Per-thread packing buffers, reused across calls. */
    private static final ThreadLocal<float[][]> BUFFERS = ThreadLocal.withInitial(
            () -> new float[][] {new float[MR * KC], new float[KC * NC], new float[MR * NR]});
    /** Per calling thread: the partial sums of the parts after the first when k is split. */
    private static final ThreadLocal<float[][]> PARTIALS = ThreadLocal.withInitial(() -> new float[0][]);

    @Override
    public String name() {
        return "Vector API (" + S.vectorBitSize() + "-bit, " + Parallel.THREADS + " threads)";
    }

    @Override
    public void multiply(boolean transA, boolean transB, int m, int n, int k,
                         float[] a, float[] b, float[] c, boolean accumulate) {
        if (m == 0 || n == 0) return;
        if (k == 0) {
            if (!accumulate) java.util.Arrays.fill(c, 0, m * n, 0f);
            return;
        }
        long flops = 2L * m * n * k;
        int parts = flops < MIN_SHARED_FLOPS ? 1 : Parallel.THREADS;
        if (parts > 1 && k >= 4L * Math.max(m, n)) {
            splitK(transA, transB, m, n, k, a, b, c, accumulate, parts);
        } else if (parts > 1 && m >= n) {
            Parallel.forRange(m, parts, MR, (part, i0, i1) ->
                    blocked(transA, transB, m, n, k, a, b, c, accumulate, i0, i1, 0, n, 0, k));
        } else {
            Parallel.forRange(n, parts, NR, (part, j0, j1) ->
                    blocked(transA, transB, m, n, k, a, b, c, accumulate, 0, m, j0, j1, 0, k));
        }
    }

    /** Each part sums a range of k into its own m×n buffer (part 0 straight into C); then C += the others. */
    private void splitK(boolean transA, boolean transB, int m, int n, int k,
                        float[] a, float[] b, float[] c, boolean accumulate, int parts) {
        // The partial sums belong to the calling thread: a pool thread may serve another caller right after its part.
        float[][] partial = PARTIALS.get();
        if (partial.length < parts) PARTIALS.set(partial = new float[parts][0]);
        for (int part = 1; part < parts; part++) if (partial[part].length < m * n) partial[part] = new float[m * n];
        float[][] sums = partial;
        boolean[] done = new boolean[parts];
        Parallel.forRange(k, parts, KC, (part, p0, p1) -> {
            blocked(transA, transB, m, n, k, a, b, part == 0 ? c : sums[part], part == 0 && accumulate, 0, m, 0, n, p0, p1);
            done[part] = true;
        });
        for (int part = 1; part < parts; part++) {
            if (!done[part]) continue; // k split into fewer parts
            float[] p = sums[part];
            int i = 0, upper = S.loopBound(m * n);
            for (; i < upper; i += L) FloatVector.fromArray(S, c, i).add(FloatVector.fromArray(S, p, i)).intoArray(c, i);
            for (; i < m * n; i++) c[i] += p[i];
        }
    }

    /**
     * C[i0:i1, j0:j1] (+)= op(A)[i0:i1, p0:p1] · op(B)[p0:p1, j0:j1], with C of row length n.
     * C's block is overwritten by the first k block unless {@code accumulate}.
     */
    private static void blocked(boolean transA, boolean transB, int m, int n, int k,
                                float[] a, float[] b, float[] c, boolean accumulate,
                                int i0, int i1, int j0, int j1, int p0, int p1) {
        float[][] buf = BUFFERS.get();
        float[] packedA = buf[0], packedB = buf[1], tile = buf[2];
        int kBlocks = (p1 - p0 + KC - 1) / KC, kStep = (p1 - p0 + kBlocks - 1) / kBlocks; // even blocks ≤ KC
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            for (int pc = p0; pc < p1; pc += kStep) {
                int kc = Math.min(kStep, p1 - pc);
                boolean add = accumulate || pc > p0;
                // Packing B pays off over many rows of A; for a few (one image's dense layer) B is read in place.
                boolean bInPlace = !transB && i1 - i0 <= B_IN_PLACE_ROWS;
                int fullPanels = bInPlace ? nc / NR * NR : 0; // the panels read in place; the rest are packed
                if (fullPanels < nc) packB(transB, n, k, b, pc, kc, jc + fullPanels, nc - fullPanels, packedB);
                for (int ir = i0; ir < i1; ir += MR) {
                    int rows = Math.min(MR, i1 - ir);
                    // A is read in place (row r, column p at a0 + r·rs + p·ps); only a short last panel is packed.
                    float[] panel = a;
                    int a0 = transA ? pc * m + ir : ir * k + pc, rs = transA ? 1 : k, ps = transA ? m : 1;
                    if (rows > 1 && rows < MR) { // one row (one image's dense layer) is read in place too
                        packA(transA, m, k, a, ir, rows, pc, kc, packedA);
                        panel = packedA;
                        a0 = 0;
                        rs = 1;
                        ps = MR;
                    }
                    for (int jr = 0; jr < nc; jr += NR) {
                        float[] pb = jr < fullPanels ? b : packedB;
                        int b0 = jr < fullPanels ? pc * n + jc + jr : (jr - fullPanels) * kc, ldb = jr < fullPanels ? n : NR;
                        if (rows == 1) rowKernel(kc, panel, a0, ps, pb, b0, ldb, tile);
                        else kernel(kc, panel, a0, rs, ps, pb, b0, ldb, tile);
                        merge(tile, c, ir * n + jc + jr, n, add, rows, Math.min(NR, nc - jr));
                    }
                }
            }
        }
    }

    /** Packs op(B)[pc:pc+kc, jc:jc+nc] as NR-wide panels, zero-padded. B not modified; packed modified. */
    private static void packB(boolean transB, int n, int k, float[] b, int pc, int kc, int jc, int nc, float[] packed) {
        for (int jr = 0; jr < nc; jr += NR) {
            int base = jr * kc, cols = Math.min(NR, nc - jr);
            if (!transB) {
                for (int p = 0; p < kc; p++) {
                    int dst = base + p * NR;
                    System.arraycopy(b, (pc + p) * n + jc + jr, packed, dst, cols);
                    for (int j = cols; j < NR; j++) packed[dst + j] = 0f;
                }
            } else {
                for (int j = 0; j < NR; j++) {
                    if (j < cols) {
                        int src = (jc + jr + j) * k + pc;
                        for (int p = 0; p < kc; p++) packed[base + p * NR + j] = b[src + p];
                    } else {
                        for (int p = 0; p < kc; p++) packed[base + p * NR + j] = 0f;
                    }
                }
            }
        }
    }

    /** Packs op(A)[ir:ir+rows, pc:pc+kc] as one MR-tall panel, zero-padded. A not modified; packed modified. */
    private static void packA(boolean transA, int m, int k, float[] a, int ir, int rows, int pc, int kc, float[] packed) {
        java.util.Arrays.fill(packed, 0, kc * MR, 0f);
        for (int r = 0; r < rows; r++) {
            if (transA) {
                for (int p = 0; p < kc; p++) packed[p * MR + r] = a[(pc + p) * m + ir + r];
            } else {
                for (int p = 0, src = (ir + r) * k + pc; p < kc; p++) packed[p * MR + r] = a[src + p];
            }
        }
    }

    /**
     * tile (MR×NR) = A panel (MR×kc, element (r, p) at a0 + r·rs + p·ps) · B panel (kc×NR, row p at b0 + p·ldb).
     * Panels not modified; tile modified.
     */
    private static void kernel(int kc, float[] pa, int a0, int rs, int ps, float[] pb, int b0, int ldb, float[] tile) {
        int r2 = 2 * rs, r3 = 3 * rs, r4 = 4 * rs, r5 = 5 * rs, r6 = 6 * rs, r7 = 7 * rs;
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
        for (int p = 0, ai = a0, bi = b0; p < kc; p++, ai += ps, bi += ldb) {
            FloatVector b0v = FloatVector.fromArray(S, pb, bi);
            FloatVector b1v = FloatVector.fromArray(S, pb, bi + L);
            FloatVector av = FloatVector.broadcast(S, pa[ai]);
            c00 = av.fma(b0v, c00); c01 = av.fma(b1v, c01);
            av = FloatVector.broadcast(S, pa[ai + rs]);
            c10 = av.fma(b0v, c10); c11 = av.fma(b1v, c11);
            av = FloatVector.broadcast(S, pa[ai + r2]);
            c20 = av.fma(b0v, c20); c21 = av.fma(b1v, c21);
            av = FloatVector.broadcast(S, pa[ai + r3]);
            c30 = av.fma(b0v, c30); c31 = av.fma(b1v, c31);
            av = FloatVector.broadcast(S, pa[ai + r4]);
            c40 = av.fma(b0v, c40); c41 = av.fma(b1v, c41);
            av = FloatVector.broadcast(S, pa[ai + r5]);
            c50 = av.fma(b0v, c50); c51 = av.fma(b1v, c51);
            av = FloatVector.broadcast(S, pa[ai + r6]);
            c60 = av.fma(b0v, c60); c61 = av.fma(b1v, c61);
            av = FloatVector.broadcast(S, pa[ai + r7]);
            c70 = av.fma(b0v, c70); c71 = av.fma(b1v, c71);
        }
        c00.intoArray(tile, 0); c01.intoArray(tile, L);
        c10.intoArray(tile, NR); c11.intoArray(tile, NR + L);
        c20.intoArray(tile, 2 * NR); c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR); c31.intoArray(tile, 3 * NR + L);
        c40.intoArray(tile, 4 * NR); c41.intoArray(tile, 4 * NR + L);
        c50.intoArray(tile, 5 * NR); c51.intoArray(tile, 5 * NR + L);
        c60.intoArray(tile, 6 * NR); c61.intoArray(tile, 6 * NR + L);
        c70.intoArray(tile, 7 * NR); c71.intoArray(tile, 7 * NR + L);
    }

    /**
     * {@link #kernel} for a single row of A (element p at a0 + p·ps): the first row of tile (NR) = that row ·
     * the B panel, with the same operations as the first row of the full tile, an eighth of the work.
     */
    private static void rowKernel(int kc, float[] pa, int a0, int ps, float[] pb, int b0, int ldb, float[] tile) {
        FloatVector c0 = FloatVector.zero(S), c1 = FloatVector.zero(S);
        for (int p = 0, ai = a0, bi = b0; p < kc; p++, ai += ps, bi += ldb) {
            FloatVector av = FloatVector.broadcast(S, pa[ai]);
            c0 = av.fma(FloatVector.fromArray(S, pb, bi), c0);
            c1 = av.fma(FloatVector.fromArray(S, pb, bi + L), c1);
        }
        c0.intoArray(tile, 0);
        c1.intoArray(tile, L);
    }

    /**
     * C[c0 + r·ldc + j] (+)= tile[r·NR + j] for the valid rows×cols of a tile. Tile not modified; C modified.
     * Kept apart from the kernel so the JIT inlines every vector operation of both (the kernel alone is near
     * its inlining budget).
     */
    private static void merge(float[] tile, float[] c, int c0, int ldc, boolean add, int rows, int cols) {
        if (cols == NR) {
            for (int r = 0; r < rows; r++) {
                int at = c0 + r * ldc;
                FloatVector v0 = FloatVector.fromArray(S, tile, r * NR), v1 = FloatVector.fromArray(S, tile, r * NR + L);
                if (add) {
                    v0 = v0.add(FloatVector.fromArray(S, c, at));
                    v1 = v1.add(FloatVector.fromArray(S, c, at + L));
                }
                v0.intoArray(c, at);
                v1.intoArray(c, at + L);
            }
        } else {
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < cols; j++) {
                    int at = c0 + r * ldc + j;
                    c[at] = add ? c[at] + tile[r * NR + j] : tile[r * NR + j];
                }
            }
        }
    }
}

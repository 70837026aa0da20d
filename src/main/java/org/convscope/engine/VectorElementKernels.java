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

    @Override
    void maxInto(float[] x, int at, float[] best, int[] bestAt, int base, int c) {
        int ch = 0;
        IntVector lanes = IntVector.zero(I).addIndex(1);
        for (int upper = F.loopBound(c); ch < upper; ch += L) {
            FloatVector v = FloatVector.fromArray(F, x, at + ch), b = FloatVector.fromArray(F, best, base + ch);
            VectorMask<Float> better = v.compare(VectorOperators.GT, b);
            b.blend(v, better).intoArray(best, base + ch);
            IntVector.fromArray(I, bestAt, base + ch).blend(lanes.add(at + ch), better.cast(I)).intoArray(bestAt, base + ch);
        }
        if (ch < c) super.maxInto(x, at + ch, best, bestAt, base + ch, c - ch);
    }

    @Override
    void addBiasRow(float[] z, int o, float[] b, int from, int to, boolean relu) {
        int u = from;
        FloatVector zero = FloatVector.zero(F);
        for (int upper = from + F.loopBound(to - from); u < upper; u += L) {
            FloatVector v = FloatVector.fromArray(F, z, o + u);
            if (b != null) v = v.add(FloatVector.fromArray(F, b, u));
            if (relu) v = v.blend(zero, v.compare(VectorOperators.GT, 0f).not()); // v > 0 ? v : 0, so NaN → 0 too
            v.intoArray(z, o + u);
        }
        if (u < to) super.addBiasRow(z, o, b, u, to, relu);
    }

    @Override
    void reluBackward(float[] y, float[] g, float[] d, int from, int to) {
        int i = from;
        FloatVector zero = FloatVector.zero(F);
        for (int upper = from + F.loopBound(to - from); i < upper; i += L) {
            VectorMask<Float> open = FloatVector.fromArray(F, y, i).compare(VectorOperators.GT, 0f);
            zero.blend(FloatVector.fromArray(F, g, i), open).intoArray(d, i);
        }
        if (i < to) super.reluBackward(y, g, d, i, to);
    }
}

package org.convscope.trace;

import org.convscope.engine.AveragePooling2D;
import org.convscope.engine.MaxPooling2D;
import org.convscope.engine.Padding;
import org.convscope.engine.Pooling2D;
import org.convscope.engine.Rng;
import org.convscope.engine.Shape;
import org.convscope.engine.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PoolTraceTest {

    static Stream<Arguments> geometries() {
        List<Arguments> cases = new ArrayList<>();
        for (int[] hw : new int[][] {{6, 6}, {7, 5}, {9, 8}}) {
            for (int channels : new int[] {1, 3}) {
                for (int pool = 1; pool <= 3; pool++) {
                    for (int stride = 1; stride <= 3; stride++) {
                        for (PoolTrace.Kind kind : PoolTrace.Kind.values()) {
                            for (String pad : new String[] {"valid", "same"}) {
                                cases.add(Arguments.of(kind, hw[0], hw[1], channels, pool, stride, pad));
                            }
                        }
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}×{2}×{3} pool{4} s{5} {6}")
    @MethodSource("geometries")
    void everyStepEqualsTheEnginePoolingAtItsCell(PoolTrace.Kind kind, int h, int w, int c, int pool, int stride, String pad) {
        Grid input = ConvTraceTest.randomGrid(h, w, c, h * 31L + w + pool);
        Padding padding = Padding.fromKeras(pad);
        Pooling2D layer = kind == PoolTrace.Kind.MAX
                ? new MaxPooling2D(pool, pool, stride, stride, padding)
                : new AveragePooling2D(pool, pool, stride, stride, padding);
        layer.build(Shape.of(h, w, c), new Rng(1));
        Tensor y = layer.forward(input.toTensor(), false); // (1, OH, OW, C)
        for (int ch = 0; ch < c; ch++) {
            PoolTrace trace = new PoolTrace(kind, input, ch, pool, stride, PaddingSpec.parse(pad));
            assertEquals(y.dim(1), trace.geometry().outH());
            assertEquals(y.dim(2), trace.geometry().outW());
            for (int s = 0; s < trace.stepCount(); s++) {
                PoolStep step = trace.step(s);
                assertEquals(y.get(0, step.outRow(), step.outCol(), ch), step.output(), 1e-5f, "step " + s);
            }
        }
    }

    @Test
    void maxNamesTheWinningCellAndAverageDividesByRealCells() {
        Grid input = Grid.of(new float[][] {{1, 3, 2}, {4, 0, 5}, {6, 8, 7}});
        PoolStep max = new PoolTrace(PoolTrace.Kind.MAX, input, 0, 2, 2, PaddingSpec.valid()).step(0);
        assertEquals(new PoolStep.Cell(1, 0, 4, false), max.window().get(max.winner()));
        assertEquals("max(1, 3, 4, 0) = 4", max.equation());

        PoolTrace avgSame = new PoolTrace(PoolTrace.Kind.AVERAGE, input, 0, 2, 2, PaddingSpec.same());
        PoolStep corner = avgSame.stepAt(1, 1); // the window hangs over the bottom-right padding
        assertEquals(4, corner.window().size());
        assertEquals(1, corner.realCells().size());
        assertTrue(corner.window().get(1).padding());
        assertEquals("(7) / 1 = 7", corner.equation());
        assertEquals(-1, corner.winner());
    }

    @Test
    void thirtyTwoByThirtyTwoPoolsToSixteenBySixteen() {
        PoolTrace trace = new PoolTrace(PoolTrace.Kind.MAX, Samples.blobs32(), 0, 2, 2, PaddingSpec.valid());
        assertEquals(16, trace.geometry().outH());
        assertEquals(16, trace.geometry().outW());
        assertEquals(256, trace.stepCount());
        assertEquals("⌊(32 + 0 + 0 − 1·(2 − 1) − 1) / 2⌋ + 1 = 16", trace.geometry().rowFormula());
    }

    @Test
    void explicitPaddingIsRefusedForPooling() {
        assertThrows(IllegalArgumentException.class,
                () -> new PoolTrace(PoolTrace.Kind.MAX, Samples.toy5(), 0, 2, 2, PaddingSpec.explicit(1)));
    }

    @Test
    void windowCellsWithoutPaddingAreNeverMarked() {
        PoolStep step = new PoolTrace(PoolTrace.Kind.AVERAGE, Samples.toy5(), 0, 3, 1, PaddingSpec.valid()).step(4);
        assertFalse(step.window().stream().anyMatch(PoolStep.Cell::padding));
        assertEquals(9, step.realCells().size());
    }
}

package org.convscope.engine;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The small ResNet and Inception presets: their graphs, shapes and hand-counted parameters. */
class GraphPresetsTest {

    /**
     * Hand count, convolutions without bias (BN follows), BN 4·C (γ, β and the two moving statistics):
     * stem 3·3·1·16 = 144 + BN 64; block 1 (identity): 2 × (3·3·16·16 = 2,304 + BN 64) = 4,736;
     * block 2: 3·3·16·32 = 4,608 + 128, 3·3·32·32 = 9,216 + 128, projection 1·1·16·32 = 512 + 128 → 14,720;
     * block 3: 3·3·32·64 = 18,432 + 256, 3·3·64·64 = 36,864 + 256, projection 1·1·32·64 = 2,048 + 256 → 58,112;
     * Dense 64·10 + 10 = 650. Total 78,426; non-trainable 2·(16·3 + 32·3 + 64·3) = 672.
     */
    @Test
    void resnetSmallHasThreeResidualBlocksAndItsHandCountedParameters() {
        Model m = Presets.create("resnet-small").build(1);
        assertFalse(m.isSequential());
        Summary s = m.summary();
        assertEquals(78_426, s.totalParams());
        assertEquals(672, s.nonTrainableParams());
        List<Layer> adds = m.layers().stream().filter(l -> l instanceof Add).toList();
        assertEquals(3, adds.size());
        // block 1 adds the stem's ReLU itself (identity); blocks 2 and 3 add a BN after a 1×1 stride-2 projection
        assertEquals("re_lu", m.inputsOf(adds.get(0).name()).get(1));
        for (Layer add : adds.subList(1, 3)) {
            String shortcut = m.inputsOf(add.name()).get(1);
            Layer projection = layer(m, m.inputsOf(shortcut).get(0));
            assertTrue(projection instanceof Conv2D c && c.kernelH() == 1 && c.strideH() == 2, shortcut + " ← " + projection.name());
        }
        assertEquals(List.of(Shape.of(28, 28, 16), Shape.of(14, 14, 32), Shape.of(7, 7, 64)), adds.stream().map(Layer::outputShape).toList());
        assertTrue(m.layers().stream().anyMatch(l -> l instanceof GlobalAveragePooling2D));
        assertEquals(Shape.of(10), m.outputShape());
        Tensor p = m.predict(GradientCheck.uniform(1, 0, 1, 3, 28, 28, 1));
        for (int r = 0; r < 3; r++) {
            double sum = 0;
            for (int k = 0; k < 10; k++) sum += p.data[r * 10 + k];
            assertEquals(1, sum, 1e-5);
        }
    }

    @Test
    void inceptionSmallJoinsFourBranchesTwice() {
        Model m = Presets.create("inception-small").build(1);
        assertFalse(m.isSequential());
        List<Layer> joins = m.layers().stream().filter(l -> l instanceof Concatenate).toList();
        assertEquals(2, joins.size());
        assertEquals(4, m.inputsOf(joins.get(0).name()).size());
        assertEquals(Shape.of(14, 14, 8 + 16 + 8 + 8), joins.get(0).outputShape());
        assertEquals(Shape.of(7, 7, 16 + 32 + 16 + 16), joins.get(1).outputShape());
        assertEquals(13_574, m.summary().totalParams()); // counted in SummaryTest.presetTotalsMatchHandCounts
    }

    @Test
    void vggSmallIsAStackOfTwoConvolutionBlocks() {
        Model m = Presets.create("vgg-small").build(1);
        assertTrue(m.isSequential());
        assertEquals(Shape.of(7, 7, 32), m.layers().get(5).outputShape());
        assertEquals(4, m.layers().stream().filter(l -> l instanceof Conv2D c && c.kernelH() == 3 && c.padding() == Padding.SAME).count());
    }

    private static Layer layer(Model m, String name) {
        return m.layers().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
    }
}

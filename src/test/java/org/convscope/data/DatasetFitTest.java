package org.convscope.data;

import org.convscope.engine.Shape;
import org.convscope.engine.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class DatasetFitTest {
    @Test
    void greyBecomesRgbAndATallImageIsCentreCropped() {
        // one 4×2 grey image (rows 0..3 = 0.1, 0.2, 0.3, 0.4), fitted to 2×2×3: rows 1 and 2 remain, in every channel
        Tensor x = new Tensor(new float[] {0.1f, 0.1f, 0.2f, 0.2f, 0.3f, 0.3f, 0.4f, 0.4f}, 1, 4, 2, 1);
        Dataset d = new Dataset("t", x, new Tensor(new float[] {1}, 1), x, new Tensor(new float[] {0}, 1), List.of("a", "b"));
        Dataset f = DatasetFit.to(d, Shape.of(2, 2, 3));
        assertArrayEquals(new int[] {1, 2, 2, 3}, f.trainImages().shape());
        assertArrayEquals(new float[] {0.2f, 0.2f, 0.2f, 0.2f, 0.2f, 0.2f, 0.3f, 0.3f, 0.3f, 0.3f, 0.3f, 0.3f},
                f.trainImages().data, 1e-6f);
        assertEquals(d.trainLabels(), f.trainLabels());
        assertEquals(d.classNames(), f.classNames());
    }

    @Test
    void rgbBecomesItsBrightness() {
        Tensor x = new Tensor(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1}, 1, 2, 2, 3);
        Dataset d = new Dataset("t", x, new Tensor(new float[] {0}, 1), x, new Tensor(new float[] {0}, 1), List.of("a", "b"));
        assertArrayEquals(new float[] {0.299f, 0.587f, 0.114f, 1f}, DatasetFit.to(d, Shape.of(2, 2, 1)).testImages().data, 1e-6f);
    }
}

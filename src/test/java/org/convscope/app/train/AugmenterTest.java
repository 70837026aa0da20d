package org.convscope.app.train;

import org.convscope.engine.Rng;
import org.convscope.engine.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AugmenterTest {

    private static Tensor dot(int r, int q) {
        Tensor x = Tensor.zeros(1, 9, 9, 1); // (1, 9, 9, 1)
        x.set(0, r, q, 0, 1);
        return x;
    }

    @Test
    void noShiftAndNoRotationIsTheIdentity() {
        Tensor x = TinyData.create(6, 0, 1).trainImages();
        assertArrayEquals(x.data, new Augmenter(0, 0).augment(x, new Rng(5)).data, 1e-6f);
    }

    @Test
    void aShiftMovesEveryPixelByWholePixelsWithinTheLimit() {
        Tensor moved = new Augmenter(2, 0).augment(dot(4, 4), new Rng(11));
        int hits = 0;
        for (int r = 0; r < 9; r++) {
            for (int q = 0; q < 9; q++) {
                float v = moved.get(0, r, q, 0);
                if (v > 0) {
                    hits++;
                    assertEquals(1f, v, 1e-6f);
                    assertTrue(Math.abs(r - 4) <= 2 && Math.abs(q - 4) <= 2, r + "," + q);
                }
            }
        }
        assertEquals(1, hits);
    }

    @Test
    void aRotationKeepsTheCentreAndMovesTheCorners() {
        Tensor x = dot(4, 4);
        x.set(0, 0, 4, 0, 1); // a pixel straight above the centre
        Tensor y = new Augmenter(0, 30).augment(x, new Rng(3));
        assertEquals(1f, y.get(0, 4, 4, 0), 1e-6f);
        assertTrue(y.get(0, 0, 4, 0) < 0.9f, "the top pixel has moved sideways");
    }

    @Test
    void sameSeedSameAugmentation() {
        Tensor x = TinyData.create(12, 0, 1).trainImages();
        Augmenter a = Augmenter.digits();
        assertArrayEquals(a.augment(x, new Rng(9)).data, a.augment(x, new Rng(9)).data);
        assertFalse(Arrays.equals(a.augment(x, new Rng(9)).data, a.augment(x, new Rng(10)).data));
    }
}

package org.convscope.trace.explain;

import org.convscope.engine.Model;
import org.convscope.engine.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OcclusionTest {

    /** The image with the grey patch at place (i, j), re-run through the model: class k's probability. */
    private static float occluded(Model model, Tensor image, int k, Occlusion.Options o, int i, int j) {
        Tensor x = image.copy();
        int top = Occlusion.placeRow(i, 28, o), left = Occlusion.placeCol(j, 28, o);
        for (int r = top; r < top + o.patch(); r++) for (int q = left; q < left + o.patch(); q++) x.data[r * 28 + q] = o.grey();
        return model.forward(x, false).data[k];
    }

    @Test
    void everyDropEqualsReRunningTheModelWithThePatch() {
        Model model = Digits.model();
        Tensor seven = Digits.digit(model, 7);
        Occlusion.Options o = Occlusion.Options.defaults();
        List<Integer> done = new ArrayList<>();
        Occlusion.Result r = Occlusion.run(model, seven, 7, o, (d, total, partial) -> {
            assertEquals(144, total);
            done.add(d);
        }, () -> false);
        assertEquals(List.of(12, 24, 36, 48, 60, 72, 84, 96, 108, 120, 132, 144), done);
        assertEquals(model.forward(seven, false).data[7], r.probability(), 1e-5);
        assertEquals(12, r.drops().height());
        for (int i = 0; i < 12; i++) {
            for (int j = 0; j < 12; j++) {
                assertEquals(r.probability() - occluded(model, seven, 7, o, i, j), r.drops().get(i, j), 1e-5, "place " + i + ", " + j);
            }
        }
        // a pixel's value is the mean drop of the patches over it: (0, 0) lies under place (0, 0) only, (2, 2) under 4
        assertEquals(r.drops().get(0, 0), r.map().get(0, 0), 1e-6);
        float mean = (r.drops().get(0, 0) + r.drops().get(0, 1) + r.drops().get(1, 0) + r.drops().get(1, 1)) / 4;
        assertEquals(mean, r.map().get(2, 2), 1e-6);
    }

    @Test
    void aStrideThatMissesTheEdgeGetsALastPlaceFlushWithIt() {
        Model model = Digits.model();
        Tensor three = Digits.digit(model, 3);
        Occlusion.Options o = new Occlusion.Options(5, 4, 0.5f);
        Occlusion.Result r = Occlusion.run(model, three, 3, o, (d, t, m) -> { }, () -> false);
        assertEquals(7, r.drops().width()); // places at 0, 4, ..., 20 and 23
        assertEquals(23, Occlusion.placeRow(6, 28, o));
        assertEquals(r.probability() - occluded(model, three, 3, o, 6, 6), r.drops().get(6, 6), 1e-5);
        assertEquals(r.drops().get(6, 6), r.map().get(27, 27), 1e-6);
    }

    @Test
    void cancelStopsBetweenRows() {
        Model model = Digits.model();
        int[] rows = {0};
        assertThrows(CancellationException.class, () -> Occlusion.run(model, Digits.digit(model, 1), 1, Occlusion.Options.defaults(),
                (d, t, m) -> rows[0]++, () -> rows[0] == 3));
        assertEquals(3, rows[0]);
        assertThrows(IllegalArgumentException.class, () -> new Occlusion.Options(0, 2, 0.5f));
        assertThrows(IllegalArgumentException.class, () -> Occlusion.run(model, Digits.digit(model, 1), 1, new Occlusion.Options(29, 2, 0.5f),
                (d, t, m) -> { }, () -> false));
    }
}

package org.convscope.trace.explain;

import org.convscope.engine.Model;
import org.convscope.engine.Tensor;
import org.convscope.trace.ReceptiveField;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TopPatchesTest {

    @Test
    void theTopPatchesAreEachImagesBestPlaceRankedOverAllImages() {
        Model model = Digits.model();
        int n = 300; // more than one batch
        SplittableRandom random = new SplittableRandom(4);
        Tensor images = Tensor.zeros(n, 28, 28, 1);
        for (int i = 0; i < images.size(); i++) images.data[i] = random.nextDouble() < 0.2 ? (float) random.nextDouble() : 0;
        List<Integer> progress = new ArrayList<>();
        List<List<TopPatches.Patch>> top = TopPatches.of(model, 2, images, 9, (done, total) -> progress.add(done), () -> false);
        assertEquals(List.of(256, 300), progress);
        assertEquals(64, top.size());

        for (int channel : new int[] {0, 17, 63}) {
            List<float[]> best = new ArrayList<>(); // {activation, image, row, col} of each image's best place
            for (int i = 0; i < n; i++) {
                Tensor maps = model.forwardAll(images.slice(i, i + 1)).get(2); // (1, 11, 11, 64)
                float[] b = {Float.NEGATIVE_INFINITY, i, 0, 0};
                for (int p = 0; p < 121; p++) {
                    float v = maps.data[p * 64 + channel];
                    if (v > b[0]) b = new float[] {v, i, p / 11, p % 11};
                }
                best.add(b);
            }
            best.sort(Comparator.comparingDouble((float[] b) -> b[0]).reversed());
            List<TopPatches.Patch> found = top.get(channel);
            assertEquals(9, found.size());
            for (int r = 0; r < 9; r++) {
                TopPatches.Patch p = found.get(r);
                assertEquals(best.get(r)[0], p.activation(), 1e-4, "rank " + r);
                assertEquals((int) best.get(r)[1], p.image(), "rank " + r);
                assertEquals(ReceptiveField.of(model, 2, p.row(), p.col()), p.field());
            }
        }
        TopPatches.Patch first = top.get(0).get(0);
        Tensor crop = first.crop(images);
        assertEquals(8, crop.dim(1)); // conv 3 → pool 2 → conv 3 sees 8×8 pixels
        assertEquals(images.data[(first.image() * 28 + first.field().top()) * 28 + first.field().left()], crop.data[0]);
    }

    @Test
    void refusesALayerWithoutMaps() {
        Model model = Digits.model();
        assertThrows(IllegalArgumentException.class, () -> TopPatches.of(model, 5, Tensor.zeros(1, 28, 28, 1), 9, (d, t) -> { }, () -> false));
    }
}

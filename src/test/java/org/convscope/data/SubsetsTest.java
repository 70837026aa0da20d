package org.convscope.data;

import org.convscope.engine.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SubsetsTest {
    @TempDir
    Path tmp;

    /** 10 classes; example i has label i % 10 and every pixel equal to i / 1000 (so examples can be told apart). */
    static Dataset numbered(int train, int test) {
        return new Dataset("numbered", images(train), labels(train), images(test), labels(test), KnownDataset.MNIST.classNames());
    }

    static Tensor images(int n) {
        Tensor t = Tensor.zeros(n, 2, 2, 1);
        for (int i = 0; i < t.size(); i++) t.data[i] = (i / 4) / 1000f;
        return t;
    }

    static Tensor labels(int n) {
        float[] l = new float[n];
        for (int i = 0; i < n; i++) l[i] = i % 10;
        return new Tensor(l, n);
    }

    @Test
    void everyClassGetsItsShareAndImagesStayWithTheirLabels() {
        Dataset s = Subsets.stratified(numbered(500, 200), 100, 30, 7);
        assertEquals(100, s.trainImages().batch());
        int[] perClass = new int[10];
        for (int i = 0; i < 100; i++) {
            int label = (int) s.trainLabels().data[i];
            perClass[label]++;
            int original = Math.round(s.trainImages().data[i * 4] * 1000);
            assertEquals(original % 10, label, "image " + i + " kept its label");
        }
        assertArrayEquals(new int[] {10, 10, 10, 10, 10, 10, 10, 10, 10, 10}, perClass);
        assertEquals(30, s.testLabels().size());
    }

    @Test
    void sameSeedSameSubsetOtherSeedAnother() {
        Dataset d = numbered(500, 200);
        assertArrayEquals(Subsets.stratified(d, 50, 20, 1).trainImages().data, Subsets.stratified(d, 50, 20, 1).trainImages().data);
        assertNotEquals(java.util.Arrays.toString(Subsets.stratified(d, 50, 20, 1).trainImages().data),
                java.util.Arrays.toString(Subsets.stratified(d, 50, 20, 2).trainImages().data));
    }

    @Test
    void impossibleCountsAreRefused() {
        Dataset d = numbered(50, 20);
        assertThrows(IllegalArgumentException.class, () -> Subsets.stratified(d, 55, 10, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Subsets.stratified(d, 100, 10, 1));
        assertEquals("class 0 has only 5 training examples; 10 are needed", e.getMessage());
    }

    @Test
    void writtenSubsetLoadsAsTheBundledDataset() throws IOException {
        Dataset s = Subsets.stratified(numbered(500, 200), 100, 30, 7);
        Subsets.writeIdx(s, tmp.resolve("assets/data/mnist-subset"));
        Dataset back = Datasets.bundled(new Assets(tmp.resolve("assets")));
        assertArrayEquals(s.trainLabels().data, back.trainLabels().data);
        assertArrayEquals(s.testImages().data, back.testImages().data, 0.5f / 255);
    }
}

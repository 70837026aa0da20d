package org.convscope.data;

import org.convscope.engine.Rng;
import org.convscope.engine.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Smaller datasets cut from larger ones, with every class equally represented. */
public final class Subsets {
    private Subsets() {
    }

    /**
     * A stratified sample: {@code train / K} training and {@code test / K} test examples of each of the
     * K classes, chosen by a seeded shuffle, kept in their original order. Not modified.
     * @throws IllegalArgumentException when a count is not a multiple of K or a class has too few examples
     */
    public static Dataset stratified(Dataset d, int train, int test, long seed) {
        Rng rng = new Rng(seed);
        int k = d.classNames().size();
        int[] trainIdx = sample(d.trainLabels(), k, train, rng.split(), "training");
        int[] testIdx = sample(d.testLabels(), k, test, rng.split(), "test");
        return new Dataset(d.name() + " subset", d.trainImages().gather(trainIdx, 0, trainIdx.length),
                d.trainLabels().gather(trainIdx, 0, trainIdx.length), d.testImages().gather(testIdx, 0, testIdx.length),
                d.testLabels().gather(testIdx, 0, testIdx.length), d.classNames());
    }

    private static int[] sample(Tensor labels, int classes, int count, Rng rng, String part) {
        if (count < classes || count % classes != 0) {
            throw new IllegalArgumentException("the " + part + " count " + count + " must be a positive multiple of the "
                    + classes + " classes");
        }
        int perClass = count / classes;
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) byClass.add(new ArrayList<>());
        for (int i = 0; i < labels.size(); i++) byClass.get((int) labels.data[i]).add(i);
        int[] chosen = new int[count];
        int n = 0;
        for (int c = 0; c < classes; c++) {
            List<Integer> members = byClass.get(c);
            if (members.size() < perClass) {
                throw new IllegalArgumentException("class " + c + " has only " + members.size() + " " + part
                        + " examples; " + perClass + " are needed");
            }
            int[] order = members.stream().mapToInt(Integer::intValue).toArray();
            rng.shuffle(order);
            System.arraycopy(order, 0, chosen, n, perClass);
            n += perClass;
        }
        Arrays.sort(chosen);
        return chosen;
    }

    /** Writes {@code d} as the four gzipped IDX files of MNIST's names into {@code dir}. */
    public static void writeIdx(Dataset d, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<KnownDataset.IdxFile> names = KnownDataset.MNIST.files();
        Idx.writeImages(d.trainImages(), dir.resolve(names.get(0).gzName()));
        Idx.writeLabels(d.trainLabels(), dir.resolve(names.get(1).gzName()));
        Idx.writeImages(d.testImages(), dir.resolve(names.get(2).gzName()));
        Idx.writeLabels(d.testLabels(), dir.resolve(names.get(3).gzName()));
    }
}

package org.convscope.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetsTest {
    @TempDir
    Path tmp;

    @Test
    void locatorLooksInDataDirThenCacheThenSystemCopies() throws IOException {
        Path cache = tmp.resolve("home/.convscope/datasets"), system = tmp.resolve("usr/share/datasets");
        TinyMnist.write(system.resolve("mnist"), 20, 10, true);
        DatasetLocator locator = new DatasetLocator(null, List.of(cache, system));
        assertEquals(system.resolve("mnist"), locator.find(KnownDataset.MNIST).orElseThrow());

        TinyMnist.write(cache.resolve("mnist"), 20, 10, false);
        assertEquals(cache.resolve("mnist"), locator.find(KnownDataset.MNIST).orElseThrow());

        Path mine = tmp.resolve("mine");
        TinyMnist.write(mine, 20, 10, false);
        assertEquals(mine, new DatasetLocator(mine, List.of(cache, system)).find(KnownDataset.MNIST).orElseThrow());
        assertTrue(locator.find(KnownDataset.FASHION_MNIST).isEmpty());
    }

    @Test
    void aFolderWithAFileMissingOrOnlyPartDoesNotCount() throws IOException {
        Path dir = tmp.resolve("mnist");
        List<Path> files = TinyMnist.write(dir, 20, 10, true);
        Files.move(files.get(2), dir.resolve(files.get(2).getFileName() + ".part"));
        assertTrue(new DatasetLocator(null, List.of(tmp)).find(KnownDataset.MNIST).isEmpty());
    }

    @Test
    void ownDataIsFoundUnderAnyNameWhileKnownDataIsToldApartByItsLabelsHash() throws IOException {
        Path dir = tmp.resolve("flat");
        List<Path> files = TinyMnist.write(dir, 20, 10, true);
        assertTrue(DatasetLocator.identify(dir).isEmpty(), "data of one's own is no known dataset");
        assertEquals(dir, new DatasetLocator(dir, List.of()).find(KnownDataset.FASHION_MNIST).orElseThrow());

        String labelsSha = Downloader.contentSha256(files.get(3));
        KnownDataset.IdxFile fingerprint = new KnownDataset.IdxFile(KnownDataset.MNIST.files().get(3).name(), labelsSha);
        KnownDataset.IdxFile other = new KnownDataset.IdxFile(fingerprint.name(), "0".repeat(64));
        assertEquals(java.util.Optional.of("tiny"), DatasetLocator.identify(dir, java.util.Map.of("other", other, "tiny", fingerprint)));
        assertTrue(DatasetLocator.identify(dir, java.util.Map.of("other", other)).isEmpty());
    }

    @Test
    void loadsAllFourFilesWithClassNames() throws IOException {
        TinyMnist.write(tmp.resolve("fashion-mnist"), 30, 10, true);
        Dataset d = Datasets.open("fashion", new DatasetLocator(tmp, List.of()));
        assertArrayEquals(new int[] {30, 28, 28, 1}, d.trainImages().shape());
        assertEquals(10, d.testLabels().size());
        assertEquals("Ankle boot", d.classNames().get(9));
        assertEquals("Fashion-MNIST", d.name());
    }

    @Test
    void mismatchedCountsAndLabelsOutOfRangeAreReported() throws IOException {
        Path dir = tmp.resolve("m");
        List<Path> files = TinyMnist.write(dir, 20, 10, false);
        Idx.writeLabels(TinyMnist.labels(19), files.get(1));
        DatasetException e = assertThrows(DatasetException.class, () -> Datasets.load(KnownDataset.MNIST, dir));
        assertEquals(dir + ": the training set has 20 images but 19 labels", e.getMessage());

        Idx.writeLabels(TinyMnist.labels(20), files.get(1));
        org.convscope.engine.Tensor labels = TinyMnist.labels(10);
        labels.data[3] = 12;
        Idx.writeLabels(labels, files.get(3));
        e = assertThrows(DatasetException.class, () -> Datasets.load(KnownDataset.MNIST, dir));
        assertEquals(dir + ": a test label is 12 but MNIST has only 10 classes", e.getMessage());
    }

    @Test
    void missingDatasetSaysWhereItLookedAndHowToGetIt() {
        DatasetException e = assertThrows(DatasetException.class,
                () -> Datasets.open("mnist", new DatasetLocator(null, List.of(tmp))));
        assertEquals("MNIST is not on this machine (looked in " + tmp.resolve("mnist")
                + "); download it with --download, or run scripts/fetch-datasets.sh", e.getMessage());
    }

    @Test
    void unknownDatasetNameListsTheKnownOnes() {
        DatasetException e = assertThrows(DatasetException.class, () -> Datasets.open("cifar", new DatasetLocator(null, List.of())));
        assertEquals("unknown dataset 'cifar' (known: bundled, mnist, fashion, cifar10)", e.getMessage());
    }

    @Test
    void bundledSubsetLoadsFromAnAssetsFolder() throws IOException {
        TinyMnist.write(tmp.resolve("assets/data/mnist-subset"), 20, 10, true);
        Dataset d = Datasets.bundled(new Assets(tmp.resolve("assets")));
        assertEquals(20, d.trainImages().batch());
        assertEquals("MNIST subset (bundled)", d.name());
    }

    @Test
    void shippedFashionSampleHasATenthOfEachClass() throws IOException {
        Dataset d = Datasets.fashionSubset(Assets.DEFAULT);
        assertEquals("Fashion-MNIST sample (bundled)", d.name());
        assertEquals(KnownDataset.FASHION_MNIST.classNames(), d.classNames());
        int[] train = new int[10], test = new int[10];
        for (float label : d.trainLabels().data) train[(int) label]++;
        for (float label : d.testLabels().data) test[(int) label]++;
        for (int c = 0; c < 10; c++) {
            assertEquals(100, train[c], "training images of class " + c);
            assertEquals(50, test[c], "test images of class " + c);
        }
        assertEquals(org.convscope.engine.Shape.of(28, 28, 1), d.trainImages().exampleShape());
    }
}

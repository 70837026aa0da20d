package org.convscope.app.train;

import org.convscope.data.Cifar10;
import org.convscope.data.Cifar10Test;
import org.convscope.data.Dataset;
import org.convscope.data.DatasetException;
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

/** CIFAR-10 in the Train view's data menu, offered as MNIST is: "Get it" downloads it, or a folder that holds it is used. */
class CifarSourceTest {
    @TempDir
    Path tmp;

    private static DatasetSource cifar() {
        return DatasetSources.standard().stream().filter(s -> s.name().equals("CIFAR-10")).findFirst().orElseThrow();
    }

    @Test
    void theMenuOffersCifar10AfterTheMnistSetsWithAGetIt() {
        List<String> names = DatasetSources.standard().stream().map(DatasetSource::name).toList();
        assertEquals(List.of("MNIST subset (bundled)", "MNIST", "Fashion-MNIST", "CIFAR-10"), names.subList(0, 4));
        assertTrue(cifar().canDownload(), "Get it, through the downloader MNIST uses");
    }

    @Test
    void aFolderHoldingTheArchiveIsReadInColourWithTheClassNames() throws IOException {
        Files.write(tmp.resolve(Cifar10.ARCHIVE), Cifar10Test.archive(Cifar10Test.batches(20)));
        DatasetSource source = cifar();
        source.useFolder(tmp);
        assertTrue(source.isAvailable());
        Dataset d = source.load();
        assertArrayEquals(new int[] {100, 32, 32, 3}, d.trainImages().shape());
        assertArrayEquals(new int[] {20, 32, 32, 3}, d.testImages().shape());
        assertEquals(Cifar10.CLASS_NAMES, d.classNames());
    }

    @Test
    void aFolderWithoutItIsRefusedPlainly() {
        DatasetException e = assertThrows(DatasetException.class, () -> cifar().useFolder(tmp));
        assertTrue(e.getMessage().contains("holds neither cifar-10-binary.tar.gz nor the extracted batch files"), e.getMessage());
    }
}

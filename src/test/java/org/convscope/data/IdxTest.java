package org.convscope.data;

import org.convscope.engine.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdxTest {
    @TempDir
    Path dir;

    /** Raw IDX bytes: magic, dims, then values. */
    static byte[] idx(int magic, int[] dims, byte[] values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        for (int d : dims) out.writeInt(d);
        out.write(values);
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(raw);
        }
        return bytes.toByteArray();
    }

    @Test
    void readsRawImagesAsNhwcScaledToOne() throws IOException {
        byte[] pixels = {0, (byte) 255, 51, 102, 0, 0, 0, 0, 0, 0, 0, (byte) 204}; // 2 images of 2×3
        Path file = dir.resolve("images");
        Files.write(file, idx(Idx.IMAGES_MAGIC, new int[] {2, 2, 3}, pixels));
        Tensor t = Idx.readImages(file);
        assertArrayEquals(new int[] {2, 2, 3, 1}, t.shape());
        assertEquals(1f, t.get(0, 0, 1, 0));
        assertEquals(0.2f, t.get(0, 0, 2, 0), 1e-6f);
        assertEquals(0.8f, t.get(1, 1, 2, 0), 1e-6f);
    }

    @Test
    void readsGzippedLabelsWhateverTheFileName() throws IOException {
        Path file = dir.resolve("labels.idx"); // no .gz: recognised from the content
        Files.write(file, gzip(idx(Idx.LABELS_MAGIC, new int[] {4}, new byte[] {7, 0, 9, 3})));
        assertArrayEquals(new float[] {7, 0, 9, 3}, Idx.readLabels(file).data);
    }

    @Test
    void writtenFilesReadBackTheSame() throws IOException {
        Tensor images = new Tensor(new float[] {0, 1, 0.2f, 0.6f, 1, 0, 0.4f, 0.8f}, 2, 2, 2, 1);
        Tensor labels = new Tensor(new float[] {5, 2}, 2);
        Idx.writeImages(images, dir.resolve("i.gz"));
        Idx.writeLabels(labels, dir.resolve("l"));
        assertArrayEquals(images.data, Idx.readImages(dir.resolve("i.gz")).data, 1e-6f);
        assertArrayEquals(labels.data, Idx.readLabels(dir.resolve("l")).data);
        assertEquals(0x1f, Files.readAllBytes(dir.resolve("i.gz"))[0] & 0xff, "a .gz name is written gzipped");
    }

    @Test
    void truncatedFileNamesTheFileAndTheShortfall() throws IOException {
        Path file = dir.resolve("train-images-idx3-ubyte");
        byte[] whole = idx(Idx.IMAGES_MAGIC, new int[] {3, 4, 4}, new byte[48]);
        Files.write(file, Arrays.copyOf(whole, whole.length - 10));
        DatasetException e = assertThrows(DatasetException.class, () -> Idx.readImages(file));
        assertEquals(file + ": truncated: the header announces 3 images of 4×4 (48 bytes of data) but only 38 bytes follow",
                e.getMessage());
    }

    @Test
    void truncatedGzipIsReported() throws IOException {
        Path file = dir.resolve("t10k-labels-idx1-ubyte.gz");
        byte[] gz = gzip(idx(Idx.LABELS_MAGIC, new int[] {1000}, new byte[1000]));
        Files.write(file, Arrays.copyOf(gz, gz.length / 2));
        DatasetException e = assertThrows(DatasetException.class, () -> Idx.readLabels(file));
        assertTrue(e.getMessage().startsWith(file + ": truncated"), e.getMessage());
    }

    @Test
    void labelsFileGivenAsImagesIsCalledOut() throws IOException {
        Path file = dir.resolve("train-images-idx3-ubyte");
        Files.write(file, idx(Idx.LABELS_MAGIC, new int[] {2}, new byte[] {1, 2}));
        DatasetException e = assertThrows(DatasetException.class, () -> Idx.readImages(file));
        assertEquals(file + ": wrong magic number 0x00000801 (an IDX labels file); expected 0x00000803 for IDX images",
                e.getMessage());
    }

    @Test
    void nonIdxFileHasTheWrongMagic() throws IOException {
        Path file = dir.resolve("labels");
        Files.writeString(file, "<html>404 not found</html>");
        DatasetException e = assertThrows(DatasetException.class, () -> Idx.readLabels(file));
        assertTrue(e.getMessage().contains("wrong magic number 0x3c68746d (not an IDX file)"), e.getMessage());
    }

    @Test
    void trailingBytesMeanTheHeaderIsWrong() throws IOException {
        Path file = dir.resolve("labels");
        Files.write(file, idx(Idx.LABELS_MAGIC, new int[] {2}, new byte[] {1, 2, 3}));
        DatasetException e = assertThrows(DatasetException.class, () -> Idx.readLabels(file));
        assertTrue(e.getMessage().contains("longer than its header says (2 labels)"), e.getMessage());
    }

    @Test
    void emptyAndMissingFilesAreReported() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty"));
        assertTrue(assertThrows(DatasetException.class, () -> Idx.readLabels(empty)).getMessage().contains("empty or truncated"));
        assertEquals(dir.resolve("nope") + ": no such file",
                assertThrows(DatasetException.class, () -> Idx.readLabels(dir.resolve("nope"))).getMessage());
    }
}

package org.convscope.data;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CIFAR-10's binary archive, made small by the test in the official layout, read from disk and downloaded from 127.0.0.1. */
public class Cifar10Test {
    @TempDir
    Path tmp;

    /**
     * A record of label {@code label}: red plane {@code (p + label) % 256} at pixel p, green 100, blue 200.
     */
    static byte[] record(int label) {
        byte[] r = new byte[Cifar10.RECORD];
        r[0] = (byte) label;
        for (int p = 0; p < 1024; p++) {
            r[1 + p] = (byte) ((p + label) % 256);
            r[1 + 1024 + p] = 100;
            r[1 + 2048 + p] = (byte) 200;
        }
        return r;
    }

    /** Batch files of {@code perBatch} records each (labels counting up mod 10), as the archive names them. */
    public static Map<String, byte[]> batches(int perBatch) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        int label = 0;
        for (String name : List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin",
                "data_batch_5.bin", "test_batch.bin")) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int i = 0; i < perBatch; i++) b.writeBytes(record(label++ % 10));
            files.put(name, b.toByteArray());
        }
        return files;
    }

    /** The files as cifar-10-binary.tar.gz lays them out: ustar entries under cifar-10-batches-bin/, gzipped. */
    public static byte[] archive(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        tar.writeBytes(header("cifar-10-batches-bin/", 0, '5'));
        Map<String, byte[]> all = new LinkedHashMap<>();
        all.put("batches.meta.txt", String.join("\n", Cifar10.CLASS_NAMES).getBytes(StandardCharsets.US_ASCII));
        all.putAll(files);
        for (var e : all.entrySet()) {
            tar.writeBytes(header("cifar-10-batches-bin/" + e.getKey(), e.getValue().length, '0'));
            tar.writeBytes(e.getValue());
            tar.writeBytes(new byte[(512 - e.getValue().length % 512) % 512]);
        }
        tar.writeBytes(new byte[1024]); // two zero blocks end the archive
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(tar.toByteArray());
        }
        return gz.toByteArray();
    }

    private static byte[] header(String name, long size, char type) {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000644");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        put(h, 124, String.format("%011o", size));
        put(h, 136, "00000000000");
        h[156] = (byte) type;
        put(h, 257, "ustar");
        put(h, 263, "00");
        Arrays.fill(h, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte b : h) sum += b & 0xff;
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        return h;
    }

    private static void put(byte[] h, int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, at, b.length);
    }

    @Test
    void theArchiveIsReadAsItIsIntoChannelsLastTensors() throws IOException {
        Files.write(tmp.resolve(Cifar10.ARCHIVE), archive(batches(2)));
        Dataset d = Cifar10.load(tmp);
        assertArrayEquals(new int[] {10, 32, 32, 3}, d.trainImages().shape());
        assertArrayEquals(new int[] {2, 32, 32, 3}, d.testImages().shape());
        assertEquals(Cifar10.CLASS_NAMES, d.classNames());
        assertEquals("airplane", d.classNames().get(0));
        assertEquals("truck", d.classNames().get(9));
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, d.trainLabels().data);
        assertArrayEquals(new float[] {0, 1}, d.testLabels().data);
        // image 3 (label 3), pixel row 2, column 5: p = 69, so red (69 + 3) / 255; green 100 / 255; blue 200 / 255
        assertEquals(72 / 255f, d.trainImages().get(3, 2, 5, 0));
        assertEquals(100 / 255f, d.trainImages().get(3, 2, 5, 1));
        assertEquals(200 / 255f, d.trainImages().get(3, 2, 5, 2));
    }

    @Test
    void extractedBatchFilesGiveTheSameDataset() throws IOException {
        Files.write(tmp.resolve(Cifar10.ARCHIVE), archive(batches(1)));
        Dataset fromArchive = Cifar10.load(tmp);
        Path bins = Files.createDirectories(tmp.resolve("x").resolve(Cifar10.EXTRACTED_FOLDER));
        for (var e : batches(1).entrySet()) Files.write(bins.resolve(e.getKey()), e.getValue());
        Dataset extracted = Cifar10.load(tmp.resolve("x"));
        assertArrayEquals(fromArchive.trainImages().data, extracted.trainImages().data);
        assertArrayEquals(fromArchive.testLabels().data, extracted.testLabels().data);
    }

    @Test
    void badArchivesSayWhatIsWrong() throws IOException {
        byte[] good = archive(batches(1));
        Files.write(tmp.resolve(Cifar10.ARCHIVE), Arrays.copyOf(good, good.length / 2));
        String m = assertThrows(DatasetException.class, () -> Cifar10.load(tmp)).getMessage();
        assertTrue(m.contains("corrupt or truncated") || m.contains("truncated inside") || m.contains("is not in the archive"), m);

        Map<String, byte[]> odd = batches(1);
        odd.put("test_batch.bin", Arrays.copyOf(odd.get("test_batch.bin"), 3000));
        Files.write(tmp.resolve(Cifar10.ARCHIVE), archive(odd));
        m = assertThrows(DatasetException.class, () -> Cifar10.load(tmp)).getMessage();
        assertTrue(m.contains("test_batch.bin is 3000 bytes, not a whole number of 3073-byte records"), m);

        Map<String, byte[]> badLabel = batches(1);
        badLabel.get("data_batch_2.bin")[0] = 10;
        Files.write(tmp.resolve(Cifar10.ARCHIVE), archive(badLabel));
        m = assertThrows(DatasetException.class, () -> Cifar10.load(tmp)).getMessage();
        assertTrue(m.contains("record 0 of data_batch_2.bin has label 10"), m);
    }

    @Test
    void downloadedFromALocalServerCheckedAndFoundWhereTheLocatorLooks() throws Exception {
        byte[] archive = archive(batches(2));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/kriz/", exchange -> {
            try (exchange) {
                if (!exchange.getRequestURI().getPath().equals("/kriz/" + Cifar10.ARCHIVE)) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                exchange.sendResponseHeaders(200, archive.length);
                exchange.getResponseBody().write(archive);
            }
        });
        server.start();
        try {
            String mirror = "http://127.0.0.1:" + server.getAddress().getPort() + "/kriz/";
            Path root = tmp.resolve("datasets");
            DatasetLocator locator = new DatasetLocator(null, List.of(root));
            assertFalse(Cifar10.find(locator).isPresent());
            Path target = root.resolve(Cifar10.ID);

            DatasetException wrong = assertThrows(DatasetException.class,
                    () -> Cifar10.download(new Downloader(), List.of(mirror), "0".repeat(64), target, p -> { }));
            assertTrue(wrong.getMessage().contains("SHA-256 mismatch"), wrong.getMessage());
            assertFalse(Files.exists(target.resolve(Cifar10.ARCHIVE)), "a wrong download never counts as present");

            List<Downloader.Progress> progress = new java.util.ArrayList<>();
            Cifar10.download(new Downloader(), List.of(mirror), DownloaderTest.sha256(archive), target, progress::add);
            assertEquals(archive.length, progress.get(progress.size() - 1).bytes());
            assertEquals(target, Cifar10.find(locator).orElseThrow());
            Dataset d = Datasets.open("cifar10", locator);
            assertEquals(10, d.trainImages().batch());
            assertEquals("CIFAR-10", d.name());
        } finally {
            server.stop(0);
        }
    }
}

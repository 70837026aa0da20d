package org.convscope.data;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The download path against a local HTTP server on 127.0.0.1 serving test-made IDX files; no internet. */
class DownloaderTest {
    @TempDir
    Path tmp;

    private HttpServer server;
    /** path → bytes served; a path in {@link #cutShort} announces its full length but sends half. */
    private final Map<String, byte[]> served = new HashMap<>();
    private final List<String> cutShort = new ArrayList<>();
    private List<KnownDataset.IdxFile> files;
    private byte[] labelsGz, imagesGz;

    @BeforeEach
    void serve() throws Exception {
        byte[] labels = IdxTest.idx(Idx.LABELS_MAGIC, new int[] {3}, new byte[] {4, 1, 9});
        byte[] images = IdxTest.idx(Idx.IMAGES_MAGIC, new int[] {3, 20, 20}, new byte[1200]);
        labelsGz = IdxTest.gzip(labels);
        imagesGz = IdxTest.gzip(images);
        files = List.of(new KnownDataset.IdxFile("labels-idx1-ubyte", sha256(labels)),
                new KnownDataset.IdxFile("images-idx3-ubyte", sha256(images)));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = served.get(exchange.getRequestURI().getPath());
            try (exchange) {
                if (body == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                exchange.sendResponseHeaders(200, body.length);
                OutputStream out = exchange.getResponseBody();
                if (cutShort.contains(exchange.getRequestURI().getPath())) {
                    out.write(body, 0, body.length / 2);
                    out.flush();
                    exchange.getHttpContext().getServer().stop(0); // the connection drops mid-transfer
                    return;
                }
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String mirror(String folder) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + folder + "/";
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void downloadsVerifiesAndReportsProgressToOneHundredPercent() throws Exception {
        served.put("/a/labels-idx1-ubyte.gz", labelsGz);
        served.put("/a/images-idx3-ubyte.gz", imagesGz);
        List<Downloader.Progress> seen = new ArrayList<>();
        Path dir = tmp.resolve("cache/mnist");
        new Downloader().download("Test", List.of(mirror("a")), files, dir, seen::add);

        assertArrayEquals(labelsGz, Files.readAllBytes(dir.resolve("labels-idx1-ubyte.gz")));
        assertArrayEquals(new float[] {4, 1, 9}, Idx.readLabels(dir.resolve("labels-idx1-ubyte.gz")).data);
        assertEquals(3, Idx.readImages(dir.resolve("images-idx3-ubyte.gz")).batch());
        Downloader.Progress last = seen.get(seen.size() - 1);
        assertEquals("images-idx3-ubyte.gz", last.file());
        assertEquals(imagesGz.length, last.bytes());
        assertEquals(100.0, last.percent());
        assertEquals(100.0, last.overallPercent());
        assertTrue(seen.stream().anyMatch(p -> p.fileIndex() == 0 && p.bytes() == labelsGz.length));
        try (var listing = Files.list(dir)) {
            assertEquals(2, listing.count(), "no .part files are left behind");
        }
    }

    @Test
    void fallsBackToTheNextMirror() throws Exception {
        served.put("/b/labels-idx1-ubyte.gz", labelsGz);
        served.put("/b/images-idx3-ubyte.gz", imagesGz);
        Path dir = tmp.resolve("d");
        new Downloader().download("Test", List.of(mirror("missing"), mirror("b")), files, dir, p -> { });
        assertTrue(Files.isRegularFile(dir.resolve("images-idx3-ubyte.gz")));
    }

    @Test
    void checksumMismatchLeavesNothingBehind() throws Exception {
        served.put("/a/labels-idx1-ubyte.gz", IdxTest.gzip(IdxTest.idx(Idx.LABELS_MAGIC, new int[] {3}, new byte[] {4, 1, 8})));
        Path dir = tmp.resolve("d");
        DatasetException e = assertThrows(DatasetException.class,
                () -> new Downloader().download("Test", List.of(mirror("a")), files, dir, p -> { }));
        assertTrue(e.getMessage().startsWith("could not download Test file labels-idx1-ubyte.gz: "), e.getMessage());
        assertTrue(e.getMessage().contains("SHA-256 mismatch: expected " + files.get(0).sha256()), e.getMessage());
        try (var listing = Files.list(dir)) {
            assertEquals(0, listing.count(), "neither the file nor its .part remains");
        }
    }

    @Test
    void interruptedTransferNeverCountsAsPresent() throws Exception {
        served.put("/a/labels-idx1-ubyte.gz", labelsGz);
        served.put("/a/images-idx3-ubyte.gz", imagesGz);
        cutShort.add("/a/images-idx3-ubyte.gz");
        Path dir = tmp.resolve("d");
        DatasetException e = assertThrows(DatasetException.class,
                () -> new Downloader().download("Test", List.of(mirror("a")), files, dir, p -> { }));
        assertTrue(e.getMessage().startsWith("could not download Test file images-idx3-ubyte.gz"), e.getMessage());
        assertTrue(Files.isRegularFile(dir.resolve("labels-idx1-ubyte.gz")), "the finished file is kept");
        assertFalse(Files.exists(dir.resolve("images-idx3-ubyte.gz")));
        assertEquals(imagesGz.length / 2, Files.size(dir.resolve("images-idx3-ubyte.gz.part")), "kept to resume");
    }

    @Test
    void aDroppedTransferResumesWhereItStoppedWithARangeRequest() throws Exception {
        List<String> ranges = new ArrayList<>();
        server.createContext("/resume/", exchange -> {
            String range = exchange.getRequestHeaders().getFirst("Range");
            ranges.add(String.valueOf(range));
            try (exchange) {
                if (range == null) { // the first attempt: the connection drops halfway
                    exchange.sendResponseHeaders(200, labelsGz.length);
                    exchange.getResponseBody().write(labelsGz, 0, 20);
                    exchange.getResponseBody().flush();
                    return; // closing short of the announced length drops the connection
                }
                int from = Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
                exchange.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (labelsGz.length - 1) + "/" + labelsGz.length);
                exchange.sendResponseHeaders(206, labelsGz.length - from);
                exchange.getResponseBody().write(labelsGz, from, labelsGz.length - from);
            } catch (IOException dropped) {
                // the server's own complaint about the short body
            }
        });
        Path dir = tmp.resolve("d");
        List<KnownDataset.IdxFile> labelsOnly = files.subList(0, 1);
        assertThrows(DatasetException.class, () -> new Downloader().download("Test", List.of(mirror("resume")), labelsOnly, dir, p -> { }));
        assertEquals(20, Files.size(dir.resolve("labels-idx1-ubyte.gz.part")));
        List<Downloader.Progress> progress = new ArrayList<>();
        new Downloader().download("Test", List.of(mirror("resume")), labelsOnly, dir, progress::add);
        assertEquals(List.of("null", "bytes=20-"), ranges);
        assertArrayEquals(labelsGz, Files.readAllBytes(dir.resolve("labels-idx1-ubyte.gz")));
        assertFalse(Files.exists(dir.resolve("labels-idx1-ubyte.gz.part")));
        assertEquals(20, progress.get(0).bytes(), "progress counts the bytes already there");
        assertEquals(100.0, progress.get(progress.size() - 1).percent());
    }

    @Test
    void aServerThatIgnoresRangesSendsTheWholeFileAgain() throws Exception {
        served.put("/a/labels-idx1-ubyte.gz", labelsGz); // answers 200 with the whole file, whatever is asked
        Path dir = Files.createDirectories(tmp.resolve("d"));
        Files.writeString(dir.resolve("labels-idx1-ubyte.gz.part"), "not a prefix of the file");
        new Downloader().download("Test", List.of(mirror("a")), files.subList(0, 1), dir, p -> { });
        assertArrayEquals(labelsGz, Files.readAllBytes(dir.resolve("labels-idx1-ubyte.gz")));
    }

    @Test
    void aCompletePartWhoseRenameWasMissedIsUsedWithoutDownloading() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("d"));
        Files.write(dir.resolve("labels-idx1-ubyte.gz.part"), labelsGz); // nothing is served
        new Downloader().download("Test", List.of(mirror("a")), files.subList(0, 1), dir, p -> { });
        assertArrayEquals(labelsGz, Files.readAllBytes(dir.resolve("labels-idx1-ubyte.gz")));
    }

    @Test
    void interruptingTheThreadCancelsAndKeepsOnlyThePartialFile() throws Exception {
        byte[] big = IdxTest.gzip(IdxTest.idx(Idx.LABELS_MAGIC, new int[] {1 << 20}, randomBytes(1 << 20)));
        served.put("/a/labels-idx1-ubyte.gz", big);
        Path dir = tmp.resolve("d");
        try {
            assertThrows(java.io.InterruptedIOException.class, () -> new Downloader().download("Test", List.of(mirror("a")), files, dir,
                    p -> {
                        if (p.bytes() > 0) Thread.currentThread().interrupt(); // as Task.cancel(true) does
                    }));
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is kept for the caller");
        } finally {
            Thread.interrupted();
        }
        try (var listing = Files.list(dir)) {
            assertEquals(List.of("labels-idx1-ubyte.gz.part"), listing.map(p -> p.getFileName().toString()).toList(),
                    "nothing counts as downloaded; the part waits for a resume");
        }
    }

    @Test
    void stalledTransferTimesOutAndKeepsOnlyWhatArrived() throws Exception {
        server.createContext("/stall/", exchange -> {
            exchange.sendResponseHeaders(200, labelsGz.length);
            exchange.getResponseBody().write(labelsGz, 0, 10);
            exchange.getResponseBody().flush();
            try {
                Thread.sleep(2_000); // longer than the client's read timeout
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        Path dir = tmp.resolve("d");
        DatasetException e = assertThrows(DatasetException.class, () -> new Downloader(java.time.Duration.ofSeconds(5),
                java.time.Duration.ofMillis(300)).download("Test", List.of(mirror("stall")), files, dir, p -> { }));
        assertTrue(e.getMessage().contains("the transfer stalled: no data for 0.3 s after 10 bytes"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("labels-idx1-ubyte.gz")));
        assertEquals(10, Files.size(dir.resolve("labels-idx1-ubyte.gz.part")));
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new java.util.Random(1).nextBytes(b);
        return b;
    }

    @Test
    void correctFilesAlreadyPresentAreNotFetchedAgainButWrongOnesAre() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("d"));
        Files.write(dir.resolve("labels-idx1-ubyte.gz"), labelsGz);
        Files.writeString(dir.resolve("images-idx3-ubyte.gz"), "left over from a broken copy");
        served.put("/a/images-idx3-ubyte.gz", imagesGz); // labels are not served: they must not be asked for
        new Downloader().download("Test", List.of(mirror("a")), files, dir, p -> { });
        assertArrayEquals(imagesGz, Files.readAllBytes(dir.resolve("images-idx3-ubyte.gz")));
    }

    @Test
    void unreachableMirrorsSayOffline() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        DatasetException e = assertThrows(DatasetException.class, () -> new Downloader().download("MNIST",
                List.of("http://127.0.0.1:" + closedPort + "/"), files, tmp.resolve("d"), p -> { }));
        assertTrue(e.getMessage().startsWith("cannot reach any MNIST mirror; are you offline?"), e.getMessage());
        assertTrue(e.getMessage().contains("scripts/fetch-datasets.sh"), e.getMessage());
    }

    @Test
    void knownDatasetsHaveAHashForEveryFileAndHttpsMirrors() {
        for (KnownDataset d : KnownDataset.values()) {
            assertEquals(4, d.files().size());
            for (KnownDataset.IdxFile f : d.files()) assertTrue(f.sha256().matches("[0-9a-f]{64}"), f.toString());
            for (String m : d.mirrors()) assertTrue(m.startsWith("https://") && m.endsWith("/"), m);
            assertEquals(10, d.classNames().size());
        }
    }
}

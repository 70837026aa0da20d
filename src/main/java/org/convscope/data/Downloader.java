package org.convscope.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Downloads a dataset's gzipped IDX files from its mirrors into a folder (normally
 * {@code ~/.convscope/datasets/<id>/}). Each file goes to {@code <name>.gz.part}, is checked against
 * the SHA-256 of its uncompressed content, and only then renamed to {@code <name>.gz}: a partial
 * or wrong download never counts as present. Files already present and correct are kept; a partial
 * one is resumed where it stopped (when the server takes range requests).
 * Mirrors are tried in order. Progress is reported per block, on the calling thread; the calling
 * thread's interrupt cancels the download.
 */
public final class Downloader {

    /** How far a download is: file {@code fileIndex} (0-based) of {@code fileCount}, bytes of it received. */
    public record Progress(String file, int fileIndex, int fileCount, long bytes, long totalBytes) {
        /** Percent of this file, 0..100; −1 when the server did not say its size. */
        public double percent() {
            return totalBytes > 0 ? 100.0 * bytes / totalBytes : -1;
        }

        /** Percent of all files, counting finished files whole; −1 when this file's size is unknown. */
        public double overallPercent() {
            return totalBytes > 0 ? 100.0 * (fileIndex + (double) bytes / totalBytes) / fileCount : -1;
        }
    }

    public interface Listener {
        void progress(Progress p);
    }

    private final Duration connectTimeout, readTimeout;

    /** Gives up on a mirror that does not answer within 15 s, or whose transfer stalls for 30 s. */
    public Downloader() {
        this(Duration.ofSeconds(15), Duration.ofSeconds(30));
    }

    Downloader(Duration connectTimeout, Duration readTimeout) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /** Downloads {@code dataset} from its own mirrors into {@code dir}. */
    public void download(KnownDataset dataset, Path dir, Listener listener) throws IOException {
        download(dataset.title(), dataset.mirrors(), dataset.files(), dir, listener);
    }

    /**
     * Downloads each of {@code files} as {@code mirror + file.gzName()} into {@code dir}.
     * @throws DatasetException naming the file and what went wrong on every mirror (offline, HTTP
     *         status, checksum mismatch, interrupted or stalled transfer)
     * @throws InterruptedIOException when the thread was interrupted (cancelled), noticed when the
     *         current block has arrived; the partial file is kept for a later resume, and the interrupt kept
     */
    public void download(String title, List<String> mirrors, List<KnownDataset.IdxFile> files, Path dir,
                         Listener listener) throws IOException {
        download(title, mirrors, files.stream().map(f -> new Wanted(f.gzName(), f.sha256(), Downloader::contentSha256)).toList(),
                "the IDX files", dir, listener);
    }

    /**
     * Downloads one file (an archive, say) as {@code mirror + fileName} into {@code dir}, checked against
     * the SHA-256 of its bytes as they are (not uncompressed); otherwise as
     * {@link #download(String, List, List, Path, Listener)}: kept when present and right, resumed, cancelled by an interrupt.
     */
    public void downloadFile(String title, List<String> mirrors, String fileName, String sha256, Path dir, Listener listener)
            throws IOException {
        download(title, mirrors, List.of(new Wanted(fileName, sha256, Downloader::sha256)), fileName, dir, listener);
    }

    /** How a file is checked: the SHA-256 it must have, computed by {@code digest}. */
    private record Wanted(String fileName, String sha256, Digest digest) {
        boolean matches(Path file) throws IOException {
            return sha256.equals(digest.of(file));
        }
    }

    private interface Digest {
        String of(Path file) throws IOException;
    }

    private void download(String title, List<String> mirrors, List<Wanted> files, String what, Path dir, Listener listener)
            throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < files.size(); i++) {
            Wanted f = files.get(i);
            Path target = dir.resolve(f.fileName());
            if (Files.isRegularFile(target) && f.matches(target)) continue;
            List<String> failures = new ArrayList<>();
            boolean reachable = false;
            boolean done = false;
            for (String mirror : mirrors) {
                String url = mirror + f.fileName();
                try {
                    fetch(url, f, target, i, files.size(), listener);
                    done = true;
                    break;
                } catch (IOException e) {
                    // an interrupt may also surface as another IOException (a file channel closed by it)
                    if (e instanceof Cancelled || Thread.currentThread().isInterrupted()) throw new Cancelled();
                    boolean unreachable = e instanceof ConnectException || e instanceof UnknownHostException;
                    reachable |= !unreachable;
                    failures.add(url + ": " + (e instanceof UnknownHostException ? "unknown host " + e.getMessage()
                            : unreachable ? "cannot connect (" + describe(e) + ")" : describe(e)));
                }
            }
            if (!done) {
                String why = String.join("; ", failures);
                throw new DatasetException(reachable
                        ? "could not download " + title + " file " + f.fileName() + ": " + why
                        : "cannot reach any " + title + " mirror; are you offline? (" + why + "). Without internet, run "
                          + "scripts/fetch-datasets.sh or copy " + what + " into " + dir);
            }
        }
    }

    /** The download was cancelled by an interrupt. */
    private static final class Cancelled extends InterruptedIOException {
        Cancelled() {
            super("download cancelled");
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /**
     * One file from one mirror into {@code <target>.part}, renamed to {@code target} once its checksum
     * is right. A {@code .part} left by an earlier attempt (a dropped connection, a stall, a cancel) is
     * resumed with an HTTP range request when the server honours it (206), else the file starts over;
     * a file whose checksum is wrong is removed, so the next attempt starts clean. Plain
     * {@link HttpURLConnection} rather than {@code java.net.http.HttpClient}: its stream has a read
     * timeout, so a stalled transfer ends, and it leaves the thread's interrupt set, where HttpClient's
     * body stream (Java 17) clears it and so makes a download impossible to cancel.
     */
    private void fetch(String url, Wanted f, Path target, int index, int count, Listener listener)
            throws IOException {
        Path part = target.resolveSibling(target.getFileName() + ".part");
        long have = Files.isRegularFile(part) ? Files.size(part) : 0;
        if (have > 0 && f.matches(part)) { // complete, only the rename was missed
            moveIntoPlace(part, target);
            return;
        }
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setConnectTimeout((int) connectTimeout.toMillis());
        c.setReadTimeout((int) readTimeout.toMillis());
        if (have > 0) c.setRequestProperty("Range", "bytes=" + have + "-");
        try {
            int status;
            try {
                status = c.getResponseCode();
            } catch (SocketTimeoutException e) {
                throw new ConnectException("no answer within " + connectTimeout.toMillis() / 1000.0 + " s");
            }
            if (status == 416) { // the range starts past the end: the part is no prefix of this file
                Files.deleteIfExists(part);
                throw new IOException("the partial download did not fit the file (HTTP 416); it was removed");
            }
            boolean resumed = have > 0 && status == HttpURLConnection.HTTP_PARTIAL
                    && String.valueOf(c.getHeaderField("Content-Range")).startsWith("bytes " + have + "-");
            if (status != HttpURLConnection.HTTP_OK && !resumed) throw new IOException("HTTP status " + status);
            long from = resumed ? have : 0;
            long length = c.getContentLengthLong();
            long total = length < 0 ? -1 : from + length;
            long bytes = from;
            try (InputStream in = c.getInputStream(); OutputStream out = resumed
                    ? Files.newOutputStream(part, StandardOpenOption.APPEND) : Files.newOutputStream(part)) {
                byte[] buf = new byte[1 << 16];
                listener.progress(new Progress(f.fileName(), index, count, bytes, total));
                for (int n; (n = in.read(buf)) != -1; ) {
                    if (Thread.currentThread().isInterrupted()) throw new Cancelled();
                    out.write(buf, 0, n);
                    bytes += n;
                    listener.progress(new Progress(f.fileName(), index, count, bytes, total));
                }
            } catch (SocketTimeoutException e) {
                throw new IOException("the transfer stalled: no data for " + readTimeout.toMillis() / 1000.0 + " s after "
                        + bytes + " bytes");
            }
            if (total >= 0 && bytes != total) {
                throw new IOException("transfer interrupted after " + bytes + " of " + total + " bytes");
            }
            String sha = f.digest().of(part);
            if (!f.sha256().equals(sha)) {
                Files.deleteIfExists(part);
                throw new IOException("SHA-256 mismatch: expected " + f.sha256() + ", got " + sha);
            }
            moveIntoPlace(part, target);
        } finally {
            c.disconnect();
        }
    }

    private static void moveIntoPlace(Path part, Path target) throws IOException {
        try {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** SHA-256 of a file's bytes as they are, as lower-case hex. */
    public static String sha256(Path file) throws IOException {
        MessageDigest sha = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) != -1; ) sha.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * SHA-256 of a file's uncompressed content (gunzipped when it starts with the gzip magic),
     * as lower-case hex; a file that is not valid gzip gets a hash that matches nothing.
     */
    public static String contentSha256(Path file) throws IOException {
        MessageDigest sha = sha256();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            try (InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) != -1; ) sha.update(buf, 0, n);
            } catch (ZipException | EOFException e) {
                return "corrupt gzip data (" + e.getMessage() + ")";
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}

package org.convscope.data;

import org.convscope.engine.Tensor;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * IDX files, the format MNIST and Fashion-MNIST ship in (LeCun, "THE MNIST DATABASE"): a big-endian
 * magic number {@code 0x0000TTDD} (TT = 0x08 for unsigned bytes, DD = number of dimensions), DD
 * big-endian int32 sizes, then the values row-major. Images are {@code 0x00000803} (N, rows, cols),
 * labels {@code 0x00000801} (N). A file may be gzipped; that is recognised from its first bytes,
 * whatever its name. Every problem is reported with the file's name.
 */
public final class Idx {
    public static final int IMAGES_MAGIC = 0x00000803;
    public static final int LABELS_MAGIC = 0x00000801;
    /** More images than this in one file is taken as a corrupt header rather than allocated. */
    private static final long MAX_VALUES = 1L << 30;

    private Idx() {
    }

    /** Images as (N, rows, cols, 1) with values {@code byte / 255} in 0..1. */
    public static Tensor readImages(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return readImages(in, file.toString());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new DatasetException(file + ": no such file");
        }
    }

    /** Labels as (N) class indices. */
    public static Tensor readLabels(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return readLabels(in, file.toString());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new DatasetException(file + ": no such file");
        }
    }

    /** As {@link #readImages(Path)} from a stream (raw or gzip); {@code source} names it in messages. */
    public static Tensor readImages(InputStream in, String source) throws IOException {
        Content c = read(in, source, IMAGES_MAGIC);
        float[] pixels = new float[c.values.length];
        for (int i = 0; i < pixels.length; i++) pixels[i] = (c.values[i] & 0xff) / 255f;
        return new Tensor(pixels, c.dims[0], c.dims[1], c.dims[2], 1); // (N, H, W, 1)
    }

    public static Tensor readLabels(InputStream in, String source) throws IOException {
        Content c = read(in, source, LABELS_MAGIC);
        float[] labels = new float[c.values.length];
        for (int i = 0; i < labels.length; i++) labels[i] = c.values[i] & 0xff;
        return new Tensor(labels, c.dims[0]); // (N)
    }

    private record Content(int[] dims, byte[] values) {
    }

    private static Content read(InputStream raw, String source, int expectedMagic) throws IOException {
        DataInputStream in = new DataInputStream(maybeGunzip(raw, source));
        int magic;
        try {
            magic = in.readInt();
        } catch (EOFException e) {
            throw new DatasetException(source + ": empty or truncated before the IDX header");
        }
        if (magic != expectedMagic) {
            String what = magic == IMAGES_MAGIC ? "an IDX images file" : magic == LABELS_MAGIC ? "an IDX labels file"
                    : "not an IDX file";
            throw new DatasetException(String.format("%s: wrong magic number 0x%08x (%s); expected 0x%08x for IDX %s",
                    source, magic, what, expectedMagic, expectedMagic == IMAGES_MAGIC ? "images" : "labels"));
        }
        int rank = expectedMagic & 0xff;
        int[] dims = new int[rank];
        long count = 1;
        try {
            for (int i = 0; i < rank; i++) {
                dims[i] = in.readInt();
                if (dims[i] < 0) throw new DatasetException(source + ": negative dimension " + dims[i] + " in the header");
                count *= dims[i]; // checked at each step: three int sizes multiplied could overflow a long
                if (count > MAX_VALUES) throw new DatasetException(source + ": the header claims " + Arrays.toString(dims) + " values, too many");
            }
        } catch (EOFException e) {
            throw new DatasetException(source + ": truncated inside the IDX header");
        }
        // read as the bytes arrive rather than into an array of the header's size: a 100-byte file claiming
        // a gigabyte is then refused without allocating one
        byte[] values = in.readNBytes((int) count);
        if (values.length < count) {
            throw new DatasetException(source + ": truncated: the header announces " + describe(dims) + " (" + count
                    + " bytes of data) but only " + values.length + " bytes follow");
        }
        if (in.read() != -1) {
            throw new DatasetException(source + ": longer than its header says (" + describe(dims)
                    + "); the file is corrupt or mislabelled");
        }
        return new Content(dims, values);
    }

    private static String describe(int[] dims) {
        return dims.length == 1 ? dims[0] + " labels" : dims[0] + " images of " + dims[1] + "×" + dims[2];
    }

    private static InputStream maybeGunzip(InputStream raw, String source) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        int b0 = in.read(), b1 = in.read();
        in.reset();
        if (b0 != 0x1f || b1 != 0x8b) return in;
        try {
            return gunzip(in, source);
        } catch (EOFException e) {
            throw new DatasetException(source + ": truncated inside the gzip header");
        } catch (java.util.zip.ZipException e) {
            throw new DatasetException(source + ": corrupt gzip header (" + e.getMessage() + ")");
        }
    }

    private static InputStream gunzip(InputStream in, String source) throws IOException {
        return new BufferedInputStream(new GZIPInputStream(in, 1 << 16) {
            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                try {
                    return super.read(buf, off, len);
                } catch (EOFException e) {
                    throw new DatasetException(source + ": truncated: the gzip stream ends early");
                } catch (java.util.zip.ZipException e) {
                    throw new DatasetException(source + ": corrupt gzip data (" + e.getMessage() + ")");
                }
            }
        }, 1 << 16);
    }

    // ---- writing -------------------------------------------------------------------------------

    /** Writes images (N, H, W, 1), values 0..1 rounded to bytes; gzipped when the name ends in .gz. Not modified. */
    public static void writeImages(Tensor images, Path file) throws IOException {
        if (images.rank() != 4 || images.dim(3) != 1) throw new IllegalArgumentException("IDX images are (N, H, W, 1), got " + images);
        byte[] bytes = new byte[images.size()];
        for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) Math.round(Math.max(0, Math.min(1, images.data[i])) * 255);
        write(file, IMAGES_MAGIC, new int[] {images.dim(0), images.dim(1), images.dim(2)}, bytes);
    }

    /** Writes labels (N), each 0..255; gzipped when the name ends in .gz. Not modified. */
    public static void writeLabels(Tensor labels, Path file) throws IOException {
        byte[] bytes = new byte[labels.size()];
        for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) (int) labels.data[i];
        write(file, LABELS_MAGIC, new int[] {labels.size()}, bytes);
    }

    private static void write(Path file, int magic, int[] dims, byte[] values) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
             OutputStream out = file.toString().endsWith(".gz") ? new GZIPOutputStream(raw, 1 << 16) : raw;
             java.io.DataOutputStream d = new java.io.DataOutputStream(new java.io.BufferedOutputStream(out, 1 << 16))) {
            d.writeInt(magic);
            for (int dim : dims) d.writeInt(dim);
            d.write(values);
        }
    }
}

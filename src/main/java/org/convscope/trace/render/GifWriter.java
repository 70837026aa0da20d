package org.convscope.trace.render;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Writes frames as an animated GIF that loops forever (the NETSCAPE2.0 extension), with ImageIO's
 * writer. Frames are indexed here first with their own exact colours (a frame has few: flat cells
 * plus antialiased text), which is ten times faster than letting the writer quantise them.
 */
public final class GifWriter {
    private GifWriter() {
    }

    /**
     * Writes {@code count} frames, each shown {@code delayMs}, the last one three times as long.
     * {@code frame.apply(i)} paints frame i; all frames must have the first one's size.
     */
    public static void write(Path out, int count, int delayMs, IntFunction<BufferedImage> frame) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersBySuffix("gif").next();
        Files.deleteIfExists(out);
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(Files.newOutputStream(out))) {
            writer.setOutput(stream);
            writer.prepareWriteSequence(null);
            for (int i = 0; i < count; i++) {
                BufferedImage img = indexed(frame.apply(i));
                int delay = i == count - 1 ? 3 * delayMs : delayMs;
                IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img),
                        writer.getDefaultWriteParam());
                configure(meta, delay, i == 0, (IndexColorModel) img.getColorModel());
                writer.writeToSequence(new IIOImage(img, null, meta), (ImageWriteParam) null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
    }

    /**
     * The image with a palette of its colours: exact when it has at most 256, else its 255 most
     * frequent ones with every other colour mapped to the nearest of them. {@code rgb} not modified.
     */
    static BufferedImage indexed(BufferedImage rgb) {
        int w = rgb.getWidth(), h = rgb.getHeight();
        int[] pixels = rgb.getType() == BufferedImage.TYPE_INT_RGB && rgb.getRaster().getDataBuffer() instanceof DataBufferInt ints
                && ints.getData().length == w * h ? ints.getData() : rgb.getRGB(0, 0, w, h, null, 0, w);
        Map<Integer, int[]> counts = new HashMap<>();
        int last = 0;
        int[] lastCount = null;
        for (int p : pixels) { // flat cells make long runs: look a colour up only when it changes
            if (lastCount == null || p != last) {
                last = p;
                lastCount = counts.computeIfAbsent(p & 0xFFFFFF, k -> new int[1]);
            }
            lastCount[0]++;
        }
        List<Integer> colours = new ArrayList<>(counts.keySet());
        colours.sort((a, b) -> Integer.compare(counts.get(b)[0], counts.get(a)[0]));
        int size = Math.min(256, colours.size());
        int[] palette = new int[size];
        Map<Integer, Integer> index = new HashMap<>();
        for (int i = 0; i < size; i++) {
            palette[i] = colours.get(i);
            index.put(palette[i], i);
        }
        for (int i = size; i < colours.size(); i++) index.put(colours.get(i), nearest(colours.get(i), palette));
        int tableSize = Math.max(2, Integer.highestOneBit(size - 1 + (size == 1 ? 1 : 0)) << 1); // GIF colour tables hold 2ⁿ entries
        if (Integer.bitCount(size) == 1 && size >= 2) tableSize = size;
        byte[] r = new byte[tableSize], g = new byte[tableSize], b = new byte[tableSize];
        for (int i = 0; i < size; i++) {
            r[i] = (byte) (palette[i] >> 16);
            g[i] = (byte) (palette[i] >> 8);
            b[i] = (byte) palette[i];
        }
        IndexColorModel model = new IndexColorModel(8, tableSize, r, g, b);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, model);
        byte[] dst = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        byte lastIndex = 0;
        for (int i = 0; i < pixels.length; i++) {
            if (i == 0 || pixels[i] != pixels[i - 1]) lastIndex = (byte) (int) index.get(pixels[i] & 0xFFFFFF);
            dst[i] = lastIndex;
        }
        return out;
    }

    private static int nearest(int c, int[] palette) {
        int best = 0;
        long bestD = Long.MAX_VALUE;
        for (int i = 0; i < palette.length; i++) {
            int dr = (c >> 16 & 255) - (palette[i] >> 16 & 255), dg = (c >> 8 & 255) - (palette[i] >> 8 & 255), db = (c & 255) - (palette[i] & 255);
            long d = (long) dr * dr + (long) dg * dg + (long) db * db;
            if (d < bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }

    /** Frame timing, the loop extension on the first frame, and the frame's own colour table (else every frame would use the first one's). */
    private static void configure(IIOMetadata meta, int delayMs, boolean first, IndexColorModel colours) throws IIOInvalidTreeException {
        String format = meta.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
        IIOMetadataNode table = child(root, "LocalColorTable");
        while (table.hasChildNodes()) table.removeChild(table.getFirstChild());
        table.setAttribute("sizeOfLocalColorTable", Integer.toString(colours.getMapSize()));
        table.setAttribute("sortFlag", "FALSE");
        for (int i = 0; i < colours.getMapSize(); i++) {
            IIOMetadataNode entry = new IIOMetadataNode("ColorTableEntry");
            entry.setAttribute("index", Integer.toString(i));
            entry.setAttribute("red", Integer.toString(colours.getRed(i)));
            entry.setAttribute("green", Integer.toString(colours.getGreen(i)));
            entry.setAttribute("blue", Integer.toString(colours.getBlue(i)));
            table.appendChild(entry);
        }
        IIOMetadataNode control = child(root, "GraphicControlExtension");
        control.setAttribute("disposalMethod", "none");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("delayTime", Integer.toString(Math.max(1, delayMs / 10)));
        control.setAttribute("transparentColorIndex", "0");
        if (first) {
            IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
            app.setAttribute("applicationID", "NETSCAPE");
            app.setAttribute("authenticationCode", "2.0");
            app.setUserObject(new byte[] {1, 0, 0}); // sub-block 1, loop count 0 = forever
            child(root, "ApplicationExtensions").appendChild(app);
        }
        meta.setFromTree(format, root);
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) return (IIOMetadataNode) root.item(i);
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }
}

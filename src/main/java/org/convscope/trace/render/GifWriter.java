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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntFunction;

/** Writes frames as an animated GIF that loops forever (the NETSCAPE2.0 extension), with ImageIO's writer. */
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
                BufferedImage img = frame.apply(i);
                int delay = i == count - 1 ? 3 * delayMs : delayMs;
                IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img),
                        writer.getDefaultWriteParam());
                configure(meta, delay, i == 0);
                writer.writeToSequence(new IIOImage(img, null, meta), (ImageWriteParam) null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
    }

    private static void configure(IIOMetadata meta, int delayMs, boolean first) throws IIOInvalidTreeException {
        String format = meta.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
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

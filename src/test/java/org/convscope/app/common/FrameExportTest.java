package org.convscope.app.common;

import org.convscope.app.pool.PoolingViewModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The views' export writes the same Java2D frames as the render command; no stage needed. */
class FrameExportTest {
    @TempDir
    Path dir;

    @Test
    void exportsTheCurrentFrameAndEveryStepAsGif() throws Exception {
        PoolingViewModel vm = new PoolingViewModel();
        vm.inputChoiceProperty().set(InputChoice.TOY_7); // 2×2 pools, stride 2: 9 steps
        vm.seek(4);
        Path png = dir.resolve("frame.png");
        FrameExport.writePng(vm.frameProperty().get(), png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1280, img.getWidth());

        Path gif = dir.resolve("all.gif");
        var trace = vm.traceProperty().get();
        int frames = FrameExport.writeGif(trace.stepCount(), i -> org.convscope.trace.render.Frames.pool(trace, i), gif);
        assertEquals(9, frames);
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            assertEquals(9, reader.getNumImages(true));
            // every frame keeps its own colours (a GIF whose frames all used the first one's palette once slipped through)
            BufferedImage decoded = reader.read(6);
            BufferedImage expected = org.convscope.trace.render.FrameRenderer.render(org.convscope.trace.render.Frames.pool(trace, 6));
            int same = 0;
            for (int y = 0; y < expected.getHeight(); y++) {
                for (int x = 0; x < expected.getWidth(); x++) if (decoded.getRGB(x, y) == expected.getRGB(x, y)) same++;
            }
            assertEquals(1.0, same / (double) (expected.getWidth() * expected.getHeight()), 0.01);
        }
    }
}

package org.convscope.app;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.io.File;

/** Pictures of views under test for a person to look at (never asserted): target/screenshots/NAME.png. */
public final class Screenshots {
    private Screenshots() {
    }

    /** Snapshots {@code node} on the FX thread once pending events have run. */
    public static void save(Node node, String name) {
        WaitForAsyncUtils.waitForFxEvents();
        try {
            var image = WaitForAsyncUtils.asyncFx(() -> node.snapshot(null, null)).get();
            File dir = new File("target/screenshots");
            dir.mkdirs();
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", new File(dir, name + ".png"));
        } catch (Exception e) {
            throw new IllegalStateException("could not write the screenshot " + name, e);
        }
    }
}

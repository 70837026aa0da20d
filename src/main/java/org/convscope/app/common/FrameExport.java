package org.convscope.app.common;

import javafx.concurrent.Task;
import javafx.scene.Node;
import javafx.stage.FileChooser;
import org.convscope.app.AppContext;
import org.convscope.trace.render.Frame;
import org.convscope.trace.render.FrameRenderer;
import org.convscope.trace.render.Frames;
import org.convscope.trace.render.GifWriter;

import javax.imageio.ImageIO;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.IntFunction;

/**
 * "Export PNG…" and "Export GIF…" of the step-through views: the same Java2D frames as the
 * {@code render} command. The GIF is written by a background task (frames are pure functions of an
 * immutable trace); the FX thread only picks the file, and the outcome goes to the status bar.
 */
public final class FrameExport {
    /** Milliseconds each GIF frame is shown. */
    public static final int GIF_DELAY_MS = 400;
    /** At most this many GIF frames; longer runs show evenly spaced steps. */
    public static final int GIF_MAX_FRAMES = 200;

    private FrameExport() {
    }

    /** Writes one frame as PNG. */
    public static void writePng(Frame frame, Path file) throws IOException {
        if (!ImageIO.write(FrameRenderer.render(frame), "png", file.toFile())) throw new IOException("no PNG writer");
    }

    /** Writes the frames of {@code count} steps (at most {@link #GIF_MAX_FRAMES}) as a looping GIF. Safe off the FX thread when {@code frames} is. */
    public static int writeGif(int count, IntFunction<Frame> frames, Path file) throws IOException {
        int[] steps = Frames.sampledSteps(count, GIF_MAX_FRAMES);
        GifWriter.write(file, steps.length, GIF_DELAY_MS, i -> FrameRenderer.render(frames.apply(steps[i])));
        return steps.length;
    }

    public static void png(Node owner, String name, Frame frame, AppContext context) {
        File file = choose(owner, "PNG image", name + ".png");
        if (file == null || frame == null) return;
        try {
            writePng(frame, file.toPath());
            context.inform("Saved the frame to " + file);
        } catch (IOException | RuntimeException e) {
            context.warn("Could not save the frame: " + e.getMessage());
        }
    }

    public static void gif(Node owner, String name, int count, IntFunction<Frame> frames, AppContext context) {
        File file = choose(owner, "animated GIF", name + ".gif");
        if (file == null) return;
        Task<Integer> task = new Task<>() {
            @Override
            protected Integer call() throws IOException {
                return writeGif(count, frames, file.toPath());
            }
        };
        task.setOnSucceeded(e -> context.inform("Saved " + task.getValue() + " frames to " + file));
        task.setOnFailed(e -> context.warn("Could not save the GIF: " + task.getException().getMessage()));
        context.inform("Writing " + Math.min(count, GIF_MAX_FRAMES) + " frames to " + file + "…");
        Thread t = new Thread(task, "gif-export");
        t.setDaemon(true);
        t.start();
    }

    private static File choose(Node owner, String description, String fileName) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export " + description);
        chooser.setInitialFileName(fileName);
        String ext = fileName.substring(fileName.lastIndexOf('.'));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, "*" + ext));
        return chooser.showSaveDialog(owner.getScene().getWindow());
    }
}

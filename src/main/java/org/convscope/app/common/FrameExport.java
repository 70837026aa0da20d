package org.convscope.app.common;

import javafx.concurrent.Task;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.FileChooser;
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
 * immutable trace); the FX thread only picks the file and shows the outcome in {@code status}.
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

    public static void png(Node owner, String name, Frame frame, Label status) {
        File file = choose(owner, "PNG image", name + ".png");
        if (file == null || frame == null) return;
        try {
            writePng(frame, file.toPath());
            status.setText("Saved " + file.getName());
        } catch (IOException | RuntimeException e) {
            status.setText("Could not save: " + e.getMessage());
        }
    }

    public static void gif(Node owner, String name, int count, IntFunction<Frame> frames, Label status) {
        File file = choose(owner, "animated GIF", name + ".gif");
        if (file == null) return;
        Task<Integer> task = new Task<>() {
            @Override
            protected Integer call() throws IOException {
                return writeGif(count, frames, file.toPath());
            }
        };
        task.setOnSucceeded(e -> status.setText("Saved " + file.getName() + " (" + task.getValue() + " frames)"));
        task.setOnFailed(e -> status.setText("Could not save: " + task.getException().getMessage()));
        status.setText("Writing " + Math.min(count, GIF_MAX_FRAMES) + " frames…");
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

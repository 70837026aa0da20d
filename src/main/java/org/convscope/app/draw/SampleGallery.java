package org.convscope.app.draw;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import org.convscope.app.common.Tips;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.Group;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.concurrent.Task;
import org.convscope.app.common.AfterFirstFrame;
import org.convscope.app.common.Background;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A strip of thumbnails of the sample images ({@code samples/images/} in the working folder);
 * clicking one opens it. The buttons are made after the gallery's first frame, their thumbnails loaded in the
 * background (JavaFX's own background loading).
 */
public final class SampleGallery extends HBox {
    /** Where the samples are looked for, relative to the working folder (the project when run with Maven). */
    public static final Path FOLDER = Path.of("samples", "images");

    /** Pictures of each class shown from a picture folder: a few, so the bundled samples stay in view. */
    static final int PER_CLASS = 2, FOLDER_MAX = 12;
    private final HBox folderStrip = new HBox();
    private final Consumer<Path> open;
    private Path shownFolder;

    public SampleGallery(Path folder, Consumer<Path> open) {
        this.open = open;
        getStyleClass().add("sample-gallery");
        Label title = new Label("Samples");
        title.getStyleClass().add("caption");
        HBox strip = new HBox();
        strip.getStyleClass().add("sample-strip");
        strip.setAlignment(Pos.CENTER_LEFT);
        folderStrip.getStyleClass().add("sample-strip");
        folderStrip.setAlignment(Pos.CENTER_LEFT);
        strip.getChildren().add(folderStrip);
        // the thirty-odd buttons (skins, CSS, thumbnails decoding) would share the two cores with the app's first
        // frames, which nobody waits for the samples in: they join the strip on the frame after the gallery's first
        new AfterFirstFrame(Runnable::run, this).execute(() -> fill(strip, folder));
        title.setRotate(-90); // a vertical title leaves the height to the pad
        Group turned = new Group(title);
        ScrollPane scroll = new ScrollPane(strip);
        HBox.setHgrow(scroll, Priority.ALWAYS);
        scroll.getStyleClass().add("edge-to-edge");
        scroll.setFitToHeight(true);
        scroll.setVbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        getChildren().addAll(turned, scroll);
    }

    private void fill(HBox strip, Path folder) {
        List<Path> files = list(folder);
        for (Path file : files) {
            String name = file.getFileName().toString();
            String stem = name.substring(0, name.lastIndexOf('.'));
            strip.getChildren().add(button(file, "sample-" + stem, name, "Sample picture " + stem.replace('-', ' ')));
        }
        if (files.isEmpty()) strip.getChildren().add(new Label("No sample images found in " + folder.toAbsolutePath()));
    }

    private Button button(Path file, String id, String tooltip, String accessibleName) {
        ImageView thumb = new ImageView(new Image(file.toUri().toString(), 64, 64, true, true, true));
        Button b = new Button(null, thumb);
        b.getStyleClass().add("sample-button");
        b.setId(id.replaceAll("[^A-Za-z0-9_-]", "_")); // no dot or space: ids are CSS selectors
        Tips.install(b, tooltip);
        b.setAccessibleText(accessibleName);
        b.setOnAction(e -> open.accept(file));
        return b;
    }

    /** A picture of a picture folder's class, as the strip shows it. */
    public record FolderSample(Path file, String className) {
    }

    /**
     * {@value #PER_CLASS} pictures of each class of a picture folder (one sub-folder per class, or inside its
     * {@code train/}), at most {@value #FOLDER_MAX}, by class then name; empty when it holds no class folder with
     * pictures or went away. Reads the folder: call it off the FX thread.
     */
    public static List<FolderSample> folderSamples(Path root) {
        Path base = Files.isDirectory(root.resolve("train")) ? root.resolve("train") : root;
        List<Path> classes;
        try (Stream<Path> s = Files.list(base)) {
            classes = s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
        List<FolderSample> out = new ArrayList<>();
        for (Path cls : classes) {
            for (Path file : list(cls).stream().limit(PER_CLASS).toList()) {
                if (out.size() == FOLDER_MAX) return out;
                out.add(new FolderSample(file, cls.getFileName().toString()));
            }
        }
        return out;
    }

    /**
     * Shows, before the bundled samples, a few pictures of each class of a picture folder ({@link #folderSamples}, listed
     * in the background), each with its class's name under it; null removes them.
     */
    public void showFolder(Path root) {
        folderStrip.getChildren().clear();
        shownFolder = root;
        if (root == null) return;
        Task<List<FolderSample>> listing = Background.task(() -> folderSamples(root));
        listing.setOnSucceeded(e -> {
            if (root != shownFolder) return; // another folder was asked for meanwhile
            for (FolderSample sample : listing.getValue()) {
                String c = sample.className(), name = sample.file().getFileName().toString();
                Button b = button(sample.file(), "folder-sample-" + c + "-" + name, c + "/" + name,
                        "Picture " + name + " of class " + c + " from " + root.getFileName());
                Label caption = new Label(c);
                caption.getStyleClass().add("sample-class");
                caption.setMaxWidth(64); // as wide as the thumbnail: a long class name ends in an ellipsis
                b.setGraphic(new VBox(b.getGraphic(), caption));
                folderStrip.getChildren().add(b);
            }
        });
        Background.run(listing);
    }

    /** The PNG, JPEG, BMP and GIF files in {@code folder}, by name; empty when there is no such folder. */
    static List<Path> list(Path folder) {
        if (!Files.isDirectory(folder)) return List.of();
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(png|jpe?g|bmp|gif)"))
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}

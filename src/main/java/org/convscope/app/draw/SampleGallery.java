package org.convscope.app.draw;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.Group;
import javafx.scene.layout.Priority;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A strip of thumbnails of the sample images ({@code samples/images/} in the working folder);
 * clicking one opens it. Thumbnails load in the background (JavaFX's own background loading).
 */
public final class SampleGallery extends HBox {
    /** Where the samples are looked for, relative to the working folder (the project when run with Maven). */
    public static final Path FOLDER = Path.of("samples", "images");

    /** Pictures of each class shown from a picture folder: a few, so the bundled samples stay in view. */
    static final int PER_CLASS = 2, FOLDER_MAX = 12;
    private final HBox folderStrip = new HBox();
    private final Consumer<Path> open;

    public SampleGallery(Path folder, Consumer<Path> open) {
        this.open = open;
        getStyleClass().add("sample-gallery");
        Label title = new Label("Samples");
        title.getStyleClass().add("caption");
        HBox strip = new HBox();
        strip.getStyleClass().add("sample-strip");
        strip.setAlignment(Pos.CENTER_LEFT);
        List<Path> files = list(folder);
        for (Path file : files) {
            String name = file.getFileName().toString();
            String stem = name.substring(0, name.lastIndexOf('.'));
            strip.getChildren().add(button(file, "sample-" + stem, name, "Sample picture " + stem.replace('-', ' ')));
        }
        if (files.isEmpty()) strip.getChildren().add(new Label("No sample images found in " + folder.toAbsolutePath()));
        folderStrip.getStyleClass().add("sample-strip");
        folderStrip.setAlignment(Pos.CENTER_LEFT);
        strip.getChildren().add(0, folderStrip);
        title.setRotate(-90); // a vertical title leaves the height to the pad
        Group turned = new Group(title);
        ScrollPane scroll = new ScrollPane(strip);
        HBox.setHgrow(scroll, Priority.ALWAYS);
        scroll.getStyleClass().add("edge-to-edge");
        scroll.setFitToHeight(true);
        scroll.setVbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        getChildren().addAll(turned, scroll);
    }

    private Button button(Path file, String id, String tooltip, String accessibleName) {
        ImageView thumb = new ImageView(new Image(file.toUri().toString(), 64, 64, true, true, true));
        Button b = new Button(null, thumb);
        b.getStyleClass().add("sample-button");
        b.setId(id.replaceAll("[^A-Za-z0-9_-]", "_")); // no dot or space: ids are CSS selectors
        b.setTooltip(new Tooltip(tooltip));
        b.setAccessibleText(accessibleName);
        b.setOnAction(e -> open.accept(file));
        return b;
    }

    /**
     * Shows, before the bundled samples, {@value #PER_CLASS} pictures of each class of a picture folder (one
     * sub-folder per class, or inside its {@code train/}), at most {@value #FOLDER_MAX}; null removes them.
     */
    public void showFolder(Path root) {
        folderStrip.getChildren().clear();
        if (root == null) return;
        Path base = Files.isDirectory(root.resolve("train")) ? root.resolve("train") : root;
        List<Path> classes;
        try (Stream<Path> s = Files.list(base)) {
            classes = s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            return; // the folder went away since it was read: nothing to show
        }
        for (Path cls : classes) {
            for (Path file : list(cls).stream().limit(PER_CLASS).toList()) {
                if (folderStrip.getChildren().size() == FOLDER_MAX) return;
                String c = cls.getFileName().toString(), name = file.getFileName().toString();
                folderStrip.getChildren().add(button(file, "folder-sample-" + c + "-" + name, c + "/" + name,
                        "Picture " + name + " of class " + c + " from " + root.getFileName()));
            }
        }
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

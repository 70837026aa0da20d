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

    public SampleGallery(Path folder, Consumer<Path> open) {
        getStyleClass().add("sample-gallery");
        Label title = new Label("Samples");
        title.getStyleClass().add("caption");
        HBox strip = new HBox();
        strip.getStyleClass().add("sample-strip");
        strip.setAlignment(Pos.CENTER_LEFT);
        List<Path> files = list(folder);
        for (Path file : files) {
            ImageView thumb = new ImageView(new Image(file.toUri().toString(), 64, 64, true, true, true));
            Button b = new Button(null, thumb);
            b.getStyleClass().add("sample-button");
            String name = file.getFileName().toString();
            b.setId("sample-" + name.substring(0, name.lastIndexOf('.'))); // no dot: ids are CSS selectors
            b.setTooltip(new Tooltip(name));
            b.setAccessibleText("Sample picture " + name.substring(0, name.lastIndexOf('.')).replace('-', ' '));
            b.setOnAction(e -> open.accept(file));
            strip.getChildren().add(b);
        }
        if (files.isEmpty()) strip.getChildren().add(new Label("No sample images found in " + folder.toAbsolutePath()));
        title.setRotate(-90); // a vertical title leaves the height to the pad
        Group turned = new Group(title);
        ScrollPane scroll = new ScrollPane(strip);
        HBox.setHgrow(scroll, Priority.ALWAYS);
        scroll.getStyleClass().add("edge-to-edge");
        scroll.setFitToHeight(true);
        scroll.setVbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        getChildren().addAll(turned, scroll);
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

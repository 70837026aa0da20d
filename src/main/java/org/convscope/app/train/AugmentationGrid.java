package org.convscope.app.train;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import org.convscope.app.common.Tips;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.convscope.engine.Tensor;

/**
 * What augmentation does to the data: a few training images (left column) and versions of each moved by the
 * current augmentation settings, as the network gets them in training. Follows
 * {@link TrainViewModel#augmentationGridProperty()}, which refreshes when the settings change and every epoch.
 */
final class AugmentationGrid extends VBox {
    /** Side of one image on screen, in pixels: a 28×28 digit at 2×, readable on a projector. */
    static final double CELL = 52;
    /** Extra space between the originals and their augmented versions. */
    private static final double GAP_AFTER_ORIGINAL = 10;
    private final GridPane grid = new GridPane();

    AugmentationGrid(TrainViewModel vm) {
        super(6);
        setId("augmentation-grid");
        getStyleClass().add("augmentation-grid");
        grid.setHgap(4);
        grid.setVgap(4);
        grid.setId("augmentation-images");
        Label title = new Label("What the network gets, a new draw every batch:");
        title.setWrapText(true);
        title.getStyleClass().add("hint");
        Button again = new Button("New draws");
        again.setId("augmentation-redraw");
        Tips.install(again, "Move the same images again, at random, as the next batches will");
        again.setOnAction(e -> vm.refreshAugmentationGrid());
        again.setMinWidth(Region.USE_PREF_SIZE); // the title wraps, the button stays whole
        title.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(title, Priority.ALWAYS);
        HBox top = new HBox(8, title, again);
        top.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(top, grid);
        vm.augmentationGridProperty().addListener((o, a, images) -> show(images));
        show(vm.augmentationGridProperty().get());
    }

    private void show(Tensor images) {
        grid.getChildren().clear();
        if (images == null) return;
        int cols = TrainViewModel.AUGMENTATION_VARIANTS + 1;
        Label original = new Label("original");
        Label augmented = new Label("augmented");
        original.getStyleClass().add("hint");
        augmented.getStyleClass().add("hint");
        grid.add(original, 0, 0);
        grid.add(augmented, 1, 0, cols - 1, 1);
        GridPane.setMargin(augmented, new Insets(0, 0, 0, GAP_AFTER_ORIGINAL));
        for (int i = 0; i < images.batch(); i++) {
            ImageView view = new ImageView(Thumbnails.of(images, i));
            view.setFitWidth(CELL);
            view.setFitHeight(CELL);
            view.setSmooth(false);
            view.getStyleClass().add(i % cols == 0 ? "augmentation-original" : "augmentation-variant");
            grid.add(view, i % cols, 1 + i / cols);
            if (i % cols == 1) GridPane.setMargin(view, new Insets(0, 0, 0, GAP_AFTER_ORIGINAL));
        }
    }
}

package org.convscope.app.common;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;

/** A colour bar with its value range: "title  lo [gradient] hi". */
public final class ColorLegend extends HBox {
    private static final int STEPS = 256;
    private static final int BAR_HEIGHT = 14;
    private final ObjectProperty<ColorMap> colorMap = new SimpleObjectProperty<>(this, "colorMap", ColorMap.VIRIDIS);
    private final Label title = new Label();
    private final Label low = new Label();
    private final Label high = new Label();
    private final WritableImage bar = new WritableImage(STEPS, BAR_HEIGHT);

    public ColorLegend() {
        getStyleClass().add("color-legend");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(8);
        title.getStyleClass().add("legend-title");
        low.getStyleClass().add("legend-low");
        high.getStyleClass().add("legend-high");
        getChildren().addAll(title, low, new ImageView(bar), high);
        colorMap.addListener((obs, old, m) -> paint());
        accessibleTextProperty().bind(javafx.beans.binding.Bindings.concat("Colour scale ", title.textProperty(), " from ",
                low.textProperty(), " to ", high.textProperty()));
        paint();
    }

    private void paint() {
        int[] row = new int[STEPS];
        for (int i = 0; i < STEPS; i++) row[i] = colorMap.get().argb(i / (STEPS - 1.0));
        bar.getPixelWriter().setPixels(0, 0, STEPS, BAR_HEIGHT, PixelFormat.getIntArgbInstance(), row, 0, 0);
    }

    public ObjectProperty<ColorMap> colorMapProperty() {
        return colorMap;
    }

    public StringProperty titleProperty() {
        return title.textProperty();
    }

    /** Shows the range's ends, e.g. {@code 0} and {@code 2.31}. */
    public void setRange(double lo, double hi) {
        low.setText(format(lo));
        high.setText(format(hi));
    }

    public String lowText() {
        return low.getText();
    }

    public String highText() {
        return high.getText();
    }

    static String format(double v) {
        return v == 0 ? "0" : String.format("%.3g", v);
    }
}

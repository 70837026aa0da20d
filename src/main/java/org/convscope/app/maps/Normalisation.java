package org.convscope.app.maps;

/** How feature-map values are scaled to colours. */
public enum Normalisation {
    /** Each map from its own minimum to maximum: shows the pattern inside every map. */
    PER_MAP("Per map"),
    /** All maps of a layer on one scale: shows which maps respond strongly. */
    PER_LAYER("Per layer");

    public final String label;

    Normalisation(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}

package org.convscope.engine;

/**
 * Shared shape rule of {@link GlobalAveragePooling2D} and {@link GlobalMaxPooling2D}: one value per channel
 * over the whole map, (N, H, W, C) → (N, C), Keras' {@code keepdims=False}.
 */
public abstract class GlobalPooling2D extends Layer {
    protected int[] xShape; // (N, H, W, C) of the last forward pass

    @Override
    public final Shape outputShape(Shape in) {
        requireRank(in, 3, className(), "it pools a feature map, so put it before Flatten or Dense");
        return Shape.of(in.last());
    }

    @Override
    public LayerConfig config() {
        return new LayerConfig();
    }
}

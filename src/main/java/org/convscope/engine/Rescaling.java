package org.convscope.engine;

/**
 * Keras' {@code Rescaling(scale, offset)}: {@code y = scale·x + offset}, element-wise, no parameters.
 * Backward: {@code dx = scale·dy}. Keras models put it first to turn 0–255 pixels into 0–1 or −1…1.
 */
public final class Rescaling extends Layer {
    private final float scale;
    private final float offset;

    public Rescaling(float scale, float offset) {
        if (!Float.isFinite(scale) || !Float.isFinite(offset)) {
            throw new IllegalArgumentException("Rescaling needs a finite scale and offset, got " + scale + " and " + offset);
        }
        this.scale = scale;
        this.offset = offset;
    }

    @Override
    public String className() {
        return "Rescaling";
    }

    @Override
    public Shape outputShape(Shape in) {
        return in;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        Tensor y = Tensor.zeros(x.shape()); // (N, ...)
        for (int i = 0; i < y.data.length; i++) y.data[i] = scale * x.data[i] + offset;
        return y;
    }

    @Override
    public Tensor backward(Tensor dOut) {
        Tensor dx = Tensor.zeros(dOut.shape()); // (N, ...)
        for (int i = 0; i < dx.data.length; i++) dx.data[i] = scale * dOut.data[i];
        return dx;
    }

    public float scale() {
        return scale;
    }

    public float offset() {
        return offset;
    }

    @Override
    public LayerConfig config() {
        return new LayerConfig().put("scale", scale).put("offset", offset);
    }
}

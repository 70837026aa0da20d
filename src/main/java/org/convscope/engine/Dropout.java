package org.convscope.engine;

/**
 * Inverted dropout (Srivastava et al. 2014): in training each value is zeroed with probability
 * {@code rate} and the survivors are scaled by {@code 1 / (1 − rate)}, so inference is the identity.
 */
public final class Dropout extends Layer {
    private final float rate;
    private Rng rng;
    private float[] mask; // (N, ...) 0 or 1/(1 − rate); null when the last pass was inference

    public Dropout(float rate) {
        if (!(rate >= 0 && rate < 1)) throw new IllegalArgumentException("Dropout rate must be in [0, 1), got " + rate);
        this.rate = rate;
    }

    @Override
    public String className() {
        return "Dropout";
    }

    @Override
    public Shape outputShape(Shape in) {
        return in;
    }

    @Override
    protected void initialize(Shape in, Rng rng) {
        this.rng = rng.split();
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        if (!training || rate == 0) {
            mask = null;
            return x;
        }
        float keep = 1f / (1 - rate);
        mask = new float[x.size()];
        Tensor y = Tensor.zeros(x.shape());
        for (int i = 0; i < mask.length; i++) {
            mask[i] = rng.uniform(0, 1) >= rate ? keep : 0f;
            y.data[i] = x.data[i] * mask[i];
        }
        return y;
    }

    @Override
    public Tensor backward(Tensor dOut) {
        if (mask == null) return dOut;
        Tensor dx = Tensor.zeros(dOut.shape());
        for (int i = 0; i < mask.length; i++) dx.data[i] = dOut.data[i] * mask[i];
        return dx;
    }

    @Override
    boolean trainsImageByImage() {
        return rate == 0;
    }

    public float rate() {
        return rate;
    }

    @Override
    public LayerConfig config() {
        return new LayerConfig().put("rate", rate);
    }
}

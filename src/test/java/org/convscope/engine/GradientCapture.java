package org.convscope.engine;

/**
 * An optimizer that leaves every weight as it is, so a test can run {@link Model#trainStep}
 * and then read the gradients it computed from the params.
 */
final class GradientCapture extends Optimizer {
    GradientCapture() {
        super(1);
    }

    @Override
    public String name() {
        return "gradient_capture";
    }

    @Override
    protected float[][] newState(int size) {
        return new float[0][];
    }

    @Override
    protected void update(float[] w, float[] g, float[][] state, float lr, long t) {
    }
}

package org.convscope.trace;

import org.convscope.engine.Activation;

/** The names the equations print for activations: the textbook's, not Keras' identifiers. */
public final class ActivationNames {
    private ActivationNames() {
    }

    public static String of(Activation a) {
        return switch (a) {
            case LINEAR -> "linear";
            case RELU -> "ReLU";
            case LEAKY_RELU -> "LeakyReLU";
            case ELU -> "ELU";
            case SELU -> "SELU";
            case SIGMOID -> "sigmoid";
            case TANH -> "tanh";
            case SOFTMAX -> "softmax";
        };
    }

    /** f(z) for one value. */
    static float apply(Activation a, float z) {
        return a.forward(new org.convscope.engine.Tensor(new float[] {z}, 1)).data[0];
    }
}

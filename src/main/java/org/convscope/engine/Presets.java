package org.convscope.engine;

import java.util.List;

/**
 * The seed architectures from the classic Keras CNN tutorials, built here in Keras' own order.
 * The same models are kept as config files in {@code samples/models/} (a test keeps them equal).
 */
public final class Presets {
    private Presets() {
    }

    public static final List<String> NAMES = List.of("seed-000", "seed-001", "seed-002", "seed-004", "lenet5");

    /** A fresh, unbuilt model of the named preset, layer for layer the tutorial's Keras model. */
    public static Model create(String name) {
        Model m = switch (name) {
            case "seed-000" -> new Model(Shape.of(100, 100, 1))
                    .add(new Conv2D(64, 3, Activation.RELU))
                    .add(new MaxPooling2D(2, Padding.VALID))
                    .add(new Conv2D(64, 3, Activation.RELU))
                    .add(new MaxPooling2D(2, Padding.VALID))
                    .add(new Flatten())
                    .add(new Dense(10, Activation.SOFTMAX));
            case "seed-001" -> new Model(Shape.of(28, 28, 1))
                    .add(new Conv2D(32, 3, Activation.RELU))
                    .add(new MaxPooling2D(2, Padding.VALID))
                    .add(new Conv2D(64, 3, Activation.RELU))
                    .add(new MaxPooling2D(2, Padding.SAME))
                    .add(new Flatten())
                    .add(new Dense(64, Activation.RELU))
                    .add(new Dense(10, Activation.SOFTMAX));
            case "seed-002" -> new Model(Shape.of(28, 28, 1))
                    .add(new Conv2D(32, 3, Activation.RELU))
                    .add(new MaxPooling2D(2, Padding.VALID))
                    .add(new Conv2D(64, 3, Activation.RELU))
                    .add(new MaxPooling2D(2, Padding.VALID))
                    .add(new Conv2D(64, 3, Activation.RELU))
                    .add(new Flatten())
                    .add(new Dense(64, Activation.RELU))
                    .add(new Dense(10, Activation.SOFTMAX));
            case "seed-004" -> new Model(Shape.of(32, 32, 3))
                    .add(new Conv2D(6, 3, 3, 1, 1, Padding.SAME, 1, 1, Activation.LINEAR, true))
                    .add(new ActivationLayer(Activation.RELU))
                    .add(new Conv2D(16, 3, Activation.LINEAR))
                    .add(new ActivationLayer(Activation.RELU))
                    .add(new MaxPooling2D(2, Padding.VALID))
                    .add(new Flatten())
                    .add(new Dense(10, Activation.LINEAR))
                    .add(new ActivationLayer(Activation.SOFTMAX)); // the tutorial's own Activation('softmax') row
            // LeCun et al. 1998 as Keras tutorials write it for 28×28 MNIST: 'same' first conv keeps 28×28.
            case "lenet5" -> new Model(Shape.of(28, 28, 1))
                    .add(new Conv2D(6, 5, 5, 1, 1, Padding.SAME, 1, 1, Activation.TANH, true))
                    .add(new AveragePooling2D(2, Padding.VALID))
                    .add(new Conv2D(16, 5, Activation.TANH))
                    .add(new AveragePooling2D(2, Padding.VALID))
                    .add(new Flatten())
                    .add(new Dense(120, Activation.TANH))
                    .add(new Dense(84, Activation.TANH))
                    .add(new Dense(10, Activation.SOFTMAX));
            default -> throw new IllegalArgumentException("unknown model preset '" + name + "' (known: " + String.join(", ", NAMES) + ")");
        };
        return m; // named "sequential", as Keras names a Sequential model
    }
}

package org.convscope.engine;

import java.util.List;

/**
 * The seed architectures from the classic Keras CNN tutorials, built here in Keras' own order, and small
 * models of the three families the tutorials name (VGG, ResNet, Inception) for 28×28 digits.
 * The same models are kept as config files in {@code samples/models/} (a test keeps them equal).
 */
public final class Presets {
    private Presets() {
    }

    public static final List<String> NAMES = List.of("seed-000", "seed-001", "seed-002", "seed-004", "lenet5",
            "vgg-small", "resnet-small", "inception-small");
    /** The presets that are plain stacks of layers (Keras' Sequential), which the architecture editor edits row by row. */
    public static final List<String> SEQUENTIAL_NAMES = List.of("seed-000", "seed-001", "seed-002", "seed-004", "lenet5", "vgg-small");

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
            // VGG (Simonyan & Zisserman 2014) in small: blocks of two 3×3 'same' convolutions, then 2×2 pooling.
            case "vgg-small" -> new Model(Shape.of(28, 28, 1))
                    .add(new Conv2D(16, 3, 3, 1, 1, Padding.SAME, 1, 1, Activation.RELU, true))
                    .add(new Conv2D(16, 3, 3, 1, 1, Padding.SAME, 1, 1, Activation.RELU, true))
                    .add(new MaxPooling2D(2, Padding.VALID))
                    .add(new Conv2D(32, 3, 3, 1, 1, Padding.SAME, 1, 1, Activation.RELU, true))
                    .add(new Conv2D(32, 3, 3, 1, 1, Padding.SAME, 1, 1, Activation.RELU, true))
                    .add(new MaxPooling2D(2, Padding.VALID))
                    .add(new Flatten())
                    .add(new Dense(64, Activation.RELU))
                    .add(new Dense(10, Activation.SOFTMAX));
            case "resnet-small" -> resnetSmall();
            case "inception-small" -> inceptionSmall();
            default -> throw new IllegalArgumentException("unknown model preset '" + name + "' (known: " + String.join(", ", NAMES) + ")");
        };
        return m; // named "sequential" (a stack) or "model" (a graph), as Keras names them
    }

    /**
     * ResNet (He et al. 2016) in small for 28×28×1: a 3×3 stem of 16 filters, then three residual blocks
     * (conv–BN–ReLU–conv–BN, added to the shortcut, then ReLU): 16 filters with the identity as shortcut at
     * 28×28, then 32 and 64 filters with stride 2 (14×14, 7×7) and a 1×1 stride-2 projection (with BN) as
     * shortcut, since the shapes change; global average pooling and Dense(10). Convolutions before BN have no
     * bias, which BN's β would cancel.
     */
    private static Model resnetSmall() {
        Model m = new Model(Shape.of(28, 28, 1));
        String x = convBn(m, m.inputName(), 16, 3, 1);
        x = relu(m, x);
        x = residualBlock(m, x, 16, 1, false);
        x = residualBlock(m, x, 32, 2, true);
        x = residualBlock(m, x, 64, 2, true);
        m.add(new GlobalAveragePooling2D(), null, x);
        return m.add(new Dense(10, Activation.SOFTMAX));
    }

    /**
     * Appends one residual block on layer {@code x} (or {@link Model#inputName()}) of {@code m} (modified): its
     * output is ReLU(BN(conv3×3(ReLU(BN(conv3×3(x))))) + shortcut), the first convolution with {@code stride}; the
     * shortcut is {@code x} itself (identity) or, with {@code projection}, BN(conv1×1(x)) with {@code filters} and
     * {@code stride}, which gives it the block's shape. Returns the name of the block's last layer (its ReLU).
     * @throws IllegalArgumentException when {@code x} is not a feature map, or an identity shortcut's shape is not
     *         the block's (the message names both shapes and the projection that would match); nothing of the
     *         shortcut and the Add is added then
     */
    public static String residualBlock(Model m, String x, int filters, int stride, boolean projection) {
        String y = relu(m, convBn(m, x, filters, 3, stride));
        y = convBn(m, y, filters, 3, 1);
        Shape carried = m.outputShapeOf(x), block = m.outputShapeOf(y);
        if (!projection && !carried.equals(block)) {
            throw new IllegalArgumentException("the identity shortcut carries " + carried + " but the block's convolutions give "
                    + block + ", so the two cannot be added: a 1×1 projection shortcut (Conv2D " + filters
                    + " 1×1, strides " + stride + ") gives the shortcut the block's shape");
        }
        String shortcut = projection ? convBn(m, x, filters, 1, stride) : x;
        m.add(new Add(), null, y, shortcut);
        return relu(m, last(m));
    }

    /** A k×k 'same' convolution without bias and its BatchNormalization on {@code from}; returns the BN's name. */
    private static String convBn(Model m, String from, int filters, int k, int stride) {
        m.add(new Conv2D(filters, k, k, stride, stride, Padding.SAME, 1, 1, Activation.LINEAR, false), null, from);
        m.add(new BatchNormalization(0.9f, 1e-3f)); // Keras' 0.99 lags far behind in a few hundred steps (test accuracy 11 % after 5 epochs of the bundled data, 95 % with batch statistics)
        return last(m);
    }

    private static String relu(Model m, String from) {
        m.add(ActivationLayer.relu(), null, from);
        return last(m);
    }

    /**
     * GoogLeNet's Inception block (Szegedy et al. 2015) in small for 28×28×1: a 3×3 stem of 16 filters and 2×2
     * pooling (14×14), an Inception block of four branches joined along the channels (1×1; 1×1 then 3×3;
     * 1×1 then 5×5; 3×3 max pooling then 1×1) with 8 + 16 + 8 + 8 = 40 channels, 2×2 pooling (7×7), a second
     * block of 16 + 32 + 16 + 16 = 80, global average pooling and Dense(10). The 1×1 convolutions before the
     * 3×3 and 5×5 ones shrink the channels they read, as in the paper.
     */
    private static Model inceptionSmall() {
        Model m = new Model(Shape.of(28, 28, 1))
                .add(new Conv2D(16, 3, 3, 1, 1, Padding.SAME, 1, 1, Activation.RELU, true))
                .add(new MaxPooling2D(2, Padding.VALID));
        String x = inceptionBlock(m, last(m), 8, 8, 16, 4, 8, 8);
        m.add(new MaxPooling2D(2, Padding.VALID), null, x);
        x = inceptionBlock(m, last(m), 16, 16, 32, 8, 16, 16);
        m.add(new GlobalAveragePooling2D(), null, x);
        return m.add(new Dense(10, Activation.SOFTMAX));
    }

    /** Four branches on {@code x}, concatenated: 1×1 (a), 1×1 (b1) then 3×3 (b), 1×1 (c1) then 5×5 (c), pool then 1×1 (d). */
    private static String inceptionBlock(Model m, String x, int a, int b1, int b, int c1, int c, int d) {
        String one = conv(m, x, a, 1);
        String three = conv(m, conv(m, x, b1, 1), b, 3);
        String five = conv(m, conv(m, x, c1, 1), c, 5);
        m.add(new MaxPooling2D(3, 3, 1, 1, Padding.SAME), null, x);
        String pool = conv(m, last(m), d, 1);
        m.add(new Concatenate(), null, one, three, five, pool);
        return last(m);
    }

    /** A k×k 'same' ReLU convolution on {@code from}; returns its name. */
    private static String conv(Model m, String from, int filters, int k) {
        m.add(new Conv2D(filters, k, k, 1, 1, Padding.SAME, 1, 1, Activation.RELU, true), null, from);
        return last(m);
    }

    private static String last(Model m) {
        return m.layers().get(m.layers().size() - 1).name();
    }
}

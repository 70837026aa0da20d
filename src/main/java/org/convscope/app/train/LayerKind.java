package org.convscope.app.train;

import java.util.List;

/**
 * A layer type the architecture editor offers, with the Keras arguments it lets the user edit.
 * Values are edited as text ("3", "3,5", "same") and turned into a Keras-style config by
 * {@link LayerSpec#config()}. {@link #RESIDUAL_BLOCK} is the one row that stands for several layers
 * joined as a graph (see {@link org.convscope.engine.Presets#residualBlock}).
 */
public enum LayerKind {
    CONV2D("Conv2D", List.of(Arg.integer("filters"), Arg.pair("kernel_size"), Arg.pair("strides"),
            Arg.choice("padding", Arg.PADDINGS), Arg.choice("activation", Arg.ACTIVATIONS))),
    MAX_POOLING2D("MaxPooling2D", List.of(Arg.pair("pool_size"), Arg.pair("strides"), Arg.choice("padding", Arg.PADDINGS))),
    AVERAGE_POOLING2D("AveragePooling2D", List.of(Arg.pair("pool_size"), Arg.pair("strides"), Arg.choice("padding", Arg.PADDINGS))),
    FLATTEN("Flatten", List.of()),
    DENSE("Dense", List.of(Arg.integer("units"), Arg.choice("activation", Arg.ACTIVATIONS))),
    DROPOUT("Dropout", List.of(Arg.decimal("rate"))),
    BATCH_NORMALIZATION("BatchNormalization", List.of()),
    ACTIVATION("Activation", List.of(Arg.choice("activation", Arg.ACTIVATIONS))),
    RELU("ReLU", List.of()),
    LEAKY_RELU("LeakyReLU", List.of(Arg.decimal("alpha"))),
    SOFTMAX("Softmax", List.of()),
    RESCALING("Rescaling", List.of(Arg.decimal("scale"), Arg.decimal("offset"))),
    GLOBAL_AVERAGE_POOLING2D("GlobalAveragePooling2D", List.of()),
    /** Not a Keras class: conv–BN–ReLU–conv–BN added to a shortcut, then ReLU, as ResNet's blocks (and resnet-small's). */
    RESIDUAL_BLOCK("Residual block", List.of(Arg.integer("filters"), Arg.integer("strides"), Arg.choice("shortcut", Arg.SHORTCUTS)));

    /** Keras' class name; for {@link #RESIDUAL_BLOCK}, which no one Keras class is, the name the editor shows. */
    public final String className;
    /** The editable arguments, in Keras' order. */
    public final List<Arg> args;

    LayerKind(String className, List<Arg> args) {
        this.className = className;
        this.args = args;
    }

    public static LayerKind of(String className) {
        for (LayerKind k : values()) if (k.className.equals(className)) return k;
        throw new IllegalArgumentException("the editor does not know layer type '" + className + "'");
    }

    @Override
    public String toString() {
        return className;
    }

    /** One editable argument: its Keras key, how its text is read, and the allowed words for a choice. */
    public record Arg(String key, Type type, List<String> choices) {
        static final List<String> PADDINGS = List.of("valid", "same");
        /** A residual block's shortcut: the block's input itself, or a 1×1 convolution (with BN) that reshapes it. */
        static final List<String> SHORTCUTS = List.of("identity", "projection");
        static final List<String> ACTIVATIONS = List.of("relu", "linear", "tanh", "sigmoid", "elu", "selu", "leaky_relu", "softmax");

        public enum Type { INTEGER, PAIR, DECIMAL, CHOICE }

        static Arg integer(String key) {
            return new Arg(key, Type.INTEGER, List.of());
        }

        static Arg pair(String key) {
            return new Arg(key, Type.PAIR, List.of());
        }

        static Arg decimal(String key) {
            return new Arg(key, Type.DECIMAL, List.of());
        }

        static Arg choice(String key, List<String> choices) {
            return new Arg(key, Type.CHOICE, choices);
        }
    }
}

package org.convscope.engine;

import java.util.List;

/** Creates layers from their Keras class name and config (the inverse of {@link Layer#config()}). */
public final class Layers {
    private Layers() {
    }

    /** Every layer class the engine has, by Keras' name. */
    public static final List<String> CLASS_NAMES = List.of("Conv2D", "MaxPooling2D", "AveragePooling2D",
            "Dense", "Flatten", "Dropout", "BatchNormalization", "Activation", "ReLU", "LeakyReLU", "Softmax", "Rescaling",
            "Add", "Concatenate", "GlobalAveragePooling2D", "GlobalMaxPooling2D", "ZeroPadding2D", "DepthwiseConv2D", "SeparableConv2D");

    public static Layer fromConfig(String className, LayerConfig cfg) {
        return switch (className) {
            case "Conv2D" -> Conv2D.fromConfig(cfg);
            case "MaxPooling2D" -> MaxPooling2D.fromConfig(cfg);
            case "AveragePooling2D" -> AveragePooling2D.fromConfig(cfg);
            case "Dense" -> Dense.fromConfig(cfg);
            case "Flatten" -> new Flatten();
            case "Dropout" -> new Dropout(cfg.getFloat("rate", 0.5f));
            case "BatchNormalization" -> new BatchNormalization(cfg.getFloat("momentum", 0.99f), cfg.getFloat("epsilon", 1e-3f));
            case "Activation" -> new ActivationLayer(Activation.fromKeras(cfg.getString("activation", "linear")));
            case "ReLU" -> ActivationLayer.relu();
            case "Softmax" -> ActivationLayer.softmax();
            case "LeakyReLU" -> new LeakyReLU(cfg.getFloat("alpha", 0.3f));
            case "Rescaling" -> new Rescaling(cfg.getFloat("scale", 1f), cfg.getFloat("offset", 0f));
            case "Add" -> new Add();
            case "Concatenate" -> {
                int axis = cfg.getInt("axis", -1);
                if (axis != -1 && axis != 3) throw new IllegalArgumentException("Concatenate joins along the channels (axis -1), not axis " + axis);
                yield new Concatenate();
            }
            case "GlobalAveragePooling2D" -> new GlobalAveragePooling2D();
            case "GlobalMaxPooling2D" -> new GlobalMaxPooling2D();
            case "ZeroPadding2D" -> ZeroPadding2D.fromConfig(cfg);
            case "DepthwiseConv2D" -> DepthwiseConv2D.fromConfig(cfg);
            case "SeparableConv2D" -> SeparableConv2D.fromConfig(cfg);
            default -> throw new IllegalArgumentException("unknown layer type '" + className + "' (known: " + String.join(", ", CLASS_NAMES) + ")");
        };
    }

    /** Keras' default layer names: {@code MaxPooling2D → max_pooling2d}. */
    public static String snakeCase(String className) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < className.length(); i++) {
            char ch = className.charAt(i);
            char before = i > 0 ? className.charAt(i - 1) : 'A';
            if (Character.isUpperCase(ch) && Character.isLowerCase(before)) sb.append('_');
            sb.append(Character.toLowerCase(ch));
        }
        return sb.toString();
    }
}

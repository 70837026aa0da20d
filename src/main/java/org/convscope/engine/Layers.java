package org.convscope.engine;

/** Creates layers from their Keras class name and config (the inverse of {@link Layer#config()}). */
public final class Layers {
    private Layers() {
    }

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
            default -> throw new IllegalArgumentException("unknown layer type '" + className
                    + "' (known: Conv2D, MaxPooling2D, AveragePooling2D, Dense, Flatten, Dropout, BatchNormalization, Activation)");
        };
    }

    /** Keras' default layer names: {@code MaxPooling2D → max_pooling2d}. */
    static String snakeCase(String className) {
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

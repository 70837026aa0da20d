package org.convscope.trace;

/**
 * The image-processing kernels a lesson starts from. At 3×3 they are the textbook tables; at other
 * sizes the same idea is built from binomial rows (Gaussian, Sobel) or from identity and box blur
 * (sharpen {@code 2·I − box}, Laplacian {@code ones − k²·I}).
 */
public enum KernelPreset {
    IDENTITY("identity"),
    VERTICAL_EDGE("vertical edge"),
    HORIZONTAL_EDGE("horizontal edge"),
    SOBEL_X("Sobel x"),
    SOBEL_Y("Sobel y"),
    SHARPEN("sharpen"),
    BOX_BLUR("box blur"),
    GAUSSIAN("Gaussian"),
    LAPLACIAN("Laplacian");

    public final String label;

    KernelPreset(String label) {
        this.label = label;
    }

    /** The preset whose label or enum name is {@code name} (case and spaces/dashes ignored). */
    public static KernelPreset parse(String name) {
        String key = name.toLowerCase().replaceAll("[\\s_-]", "");
        for (KernelPreset p : values()) {
            if (p.label.toLowerCase().replaceAll("\\s", "").equals(key)) return p;
        }
        StringBuilder known = new StringBuilder();
        for (KernelPreset p : values()) known.append(known.length() == 0 ? "" : ", ").append(p.label.replace(' ', '-'));
        throw new IllegalArgumentException("unknown kernel '" + name + "' (known: " + known + ")");
    }

    /** The {@code k×k} kernel, the same in each of {@code channels} channels: (k, k, channels). */
    public Grid kernel(int k, int channels) {
        float[][] w = weights(k);
        float[] d = new float[k * k * channels];
        for (int u = 0; u < k; u++) {
            for (int v = 0; v < k; v++) {
                for (int c = 0; c < channels; c++) d[(u * k + v) * channels + c] = w[u][v];
            }
        }
        return new Grid(k, k, channels, d);
    }

    private float[][] weights(int k) {
        if (k < 1) throw new IllegalArgumentException("kernel size must be ≥ 1");
        if (k == 3) {
            switch (this) {
                case SHARPEN -> { return new float[][] {{0, -1, 0}, {-1, 5, -1}, {0, -1, 0}}; }
                case LAPLACIAN -> { return new float[][] {{0, 1, 0}, {1, -4, 1}, {0, 1, 0}}; }
                default -> { }
            }
        }
        float[][] w = new float[k][k];
        int mid = (k - 1) / 2;
        float[] smooth = binomial(k);
        float[] diff = derivative(k);
        for (int u = 0; u < k; u++) {
            for (int v = 0; v < k; v++) {
                float identity = u == mid && v == mid ? 1 : 0;
                float box = 1f / (k * k);
                w[u][v] = switch (this) {
                    case IDENTITY -> identity;
                    case VERTICAL_EDGE -> Math.signum(diff[v]);
                    case HORIZONTAL_EDGE -> Math.signum(diff[u]);
                    case SOBEL_X -> smooth[u] * diff[v];
                    case SOBEL_Y -> diff[u] * smooth[v];
                    case SHARPEN -> 2 * identity - box;
                    case BOX_BLUR -> box;
                    case GAUSSIAN -> smooth[u] * smooth[v] / (float) Math.pow(4, k - 1);
                    case LAPLACIAN -> 1 - k * k * identity;
                };
            }
        }
        return w;
    }

    /** Row k of Pascal's triangle: 1 2 1 for k = 3. */
    private static float[] binomial(int k) {
        float[] row = new float[k];
        row[0] = 1;
        for (int n = 1; n < k; n++) {
            for (int i = n; i > 0; i--) row[i] += row[i - 1];
        }
        return row;
    }

    /** A smoothed difference, right minus left: −1 0 1 for k = 3 (0 for k = 1). */
    private static float[] derivative(int k) {
        float[] d = new float[k];
        if (k == 1) return d;
        float[] b = binomial(k - 1);
        for (int i = 0; i < k - 1; i++) {
            d[i] -= b[i];
            d[i + 1] += b[i];
        }
        return d;
    }
}

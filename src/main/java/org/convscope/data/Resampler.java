package org.convscope.data;

/**
 * Antialiased image resizing, separable: each output pixel is the mean of the input (seen as
 * constant over each pixel's square) over a window of {@code max(1, in/out)} input pixels
 * centred on it. Shrinking, that is exact area averaging (every input pixel counts by how much
 * of it the output pixel covers); enlarging, a window of one pixel gives linear interpolation
 * between pixel centres. One rule, no aliasing either way.
 */
final class Resampler {
    private Resampler() {
    }

    /**
     * @param src {@code (H, W, C)} row-major, not modified
     * @return {@code (outH, outW, C)}
     */
    static float[] resize(float[] src, int width, int height, int channels, int outWidth, int outHeight) {
        if (outWidth < 1 || outHeight < 1) throw new IllegalArgumentException("cannot resize to " + outWidth + "×" + outHeight);
        Weights wx = Weights.of(width, outWidth), wy = Weights.of(height, outHeight);
        float[] rows = new float[height * outWidth * channels]; // (H, outW, C): rows resized first
        for (int y = 0; y < height; y++) {
            for (int o = 0; o < outWidth; o++) {
                for (int k = 0; k < wx.count[o]; k++) {
                    int i = wx.first[o] + k;
                    float w = wx.weight[o][k];
                    for (int c = 0; c < channels; c++) {
                        rows[(y * outWidth + o) * channels + c] += w * src[(y * width + i) * channels + c];
                    }
                }
            }
        }
        float[] out = new float[outHeight * outWidth * channels]; // (outH, outW, C)
        for (int o = 0; o < outHeight; o++) {
            for (int k = 0; k < wy.count[o]; k++) {
                int i = wy.first[o] + k;
                float w = wy.weight[o][k];
                int from = i * outWidth * channels, to = o * outWidth * channels;
                for (int j = 0; j < outWidth * channels; j++) out[to + j] += w * rows[from + j];
            }
        }
        return out;
    }

    /** For each output index: the first input index and the normalized weights of the inputs it covers. */
    private record Weights(int[] first, int[] count, float[][] weight) {
        static Weights of(int in, int out) {
            double scale = (double) in / out;
            double half = Math.max(1, scale) / 2;
            int[] first = new int[out], count = new int[out];
            float[][] weight = new float[out][];
            for (int o = 0; o < out; o++) {
                double centre = (o + 0.5) * scale;
                double lo = Math.max(0, centre - half), hi = Math.min(in, centre + half);
                int a = (int) Math.floor(lo), b = Math.min(in - 1, (int) Math.ceil(hi) - 1);
                first[o] = a;
                count[o] = b - a + 1;
                weight[o] = new float[count[o]];
                for (int i = a; i <= b; i++) {
                    double overlap = Math.min(hi, i + 1) - Math.max(lo, i);
                    weight[o][i - a] = (float) (Math.max(0, overlap) / (hi - lo));
                }
            }
            return new Weights(first, count, weight);
        }
    }
}

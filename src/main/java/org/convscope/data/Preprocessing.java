package org.convscope.data;

import org.convscope.engine.Model;
import org.convscope.engine.Shape;
import org.convscope.engine.Tensor;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Turns a picture into a model input the way the training data was made, so that a digit drawn
 * on paper looks to the network like an MNIST digit.
 * <p>
 * MNIST (LeCun et al.): the digit is size-normalised to fit a 20×20 box keeping its aspect ratio,
 * antialiased, then placed in a 28×28 field so that its centre of mass falls on the centre
 * (pixel 14, 14; measured on MNIST's test set: mean 13.99, 14.01, spread ±0.5 from whole-pixel
 * shifts). Fashion-MNIST (Xiao et al.): the item is trimmed, its longer side resized to 28 and the
 * result centred; intensities negated so the item is bright on black.
 * <p>
 * Every step is kept in a {@link Centred} record so the app can show it. The drawing pad's ink
 * and image files go through the same {@link #centre(GreyImage, Recipe)}.
 */
public final class Preprocessing {
    /** A picture whose brightest and darkest pixels differ by less than this holds no ink. */
    static final float MIN_CONTRAST = 0.05f;

    private Preprocessing() {
    }

    /**
     * How to fit the ink into the model's input: a {@code size × size} field, the ink's longer side
     * scaled to {@code box}, then centred by centre of mass ({@code byMass}) or by its bounding box.
     * In pictures, ink weaker than {@code noiseFloor} of the picture's contrast counts as paper (grain,
     * shadows of a photographed sheet). Digits are solid strokes and tolerate a floor of 0.1 (on MNIST
     * digits re-drawn as pictures, 95 % of predictions stay the same, 95.5 % without a floor); clothing
     * has faint parts that a floor would erase, so Fashion-MNIST's recipe keeps all of it.
     */
    public record Recipe(int size, int box, boolean byMass, float noiseFloor) {
        public static final Recipe MNIST = new Recipe(28, 20, true, 0.1f);
        public static final Recipe FASHION_MNIST = new Recipe(28, 28, false, 0f);

        public Recipe {
            if (box < 1 || box > size) throw new IllegalArgumentException("box " + box + " must be within 1.." + size);
            if (!(noiseFloor >= 0 && noiseFloor < 1)) throw new IllegalArgumentException("noise floor " + noiseFloor + " must be in [0, 1)");
        }
    }

    /**
     * The steps of {@link #centre}: each image is what the step produced.
     * @param grey       the picture's brightness 0 (black) .. 1 (white); null when the input was ink already
     * @param inverted   true when the picture was dark ink on light paper and was inverted
     * @param ink        ink 0..1 (paper 0), same size as the picture
     * @param inkBox     the ink's bounding box in {@code ink}; null when there is no ink (blank)
     * @param scaled     the cropped ink with its longer side scaled to {@code recipe.box()}; null when blank
     * @param scaledMass the centre of mass {x, y} of {@code scaled}, in its pixels; null when blank
     * @param left       column of the field where {@code scaled}'s left edge was placed
     * @param top        row of the field where {@code scaled}'s top edge was placed
     * @param field      the {@code size × size} result (0..1)
     * @param mass       the centre of mass {x, y} of {@code field}; null when blank
     * @param tensor     {@code field} as a model input (1, size, size, 1)
     */
    public record Centred(GreyImage grey, boolean inverted, GreyImage ink, GreyImage.Box inkBox,
                          GreyImage scaled, double[] scaledMass, int left, int top,
                          GreyImage field, double[] mass, Tensor tensor) {
        public boolean blank() {
            return inkBox == null;
        }
    }

    // ---- pictures ------------------------------------------------------------------------------

    /**
     * Brightness {@code 0.299 R + 0.587 G + 0.114 B} in 0..1 (ITU-R BT.601, as ImageIO and PIL
     * convert to grey); transparent pixels are seen over white paper. Image not modified.
     */
    public static GreyImage grey(BufferedImage image) {
        int w = image.getWidth(), h = image.getHeight();
        float[] out = new float[w * h];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int argb = row[x];
                float a = (argb >>> 24) / 255f;
                float lum = (0.299f * ((argb >> 16) & 0xff) + 0.587f * ((argb >> 8) & 0xff) + 0.114f * (argb & 0xff)) / 255f;
                out[y * w + x] = a * lum + (1 - a);
            }
        }
        return new GreyImage(w, h, out);
    }

    /**
     * Ink of a picture: the paper's brightness is the median of the border pixels; light paper means
     * dark ink, so the picture is inverted. Contrast is stretched so paper is 0 and the strongest ink 1,
     * then ink below {@code noiseFloor} is dropped and the rest stretched again to 0..1.
     * @return the ink, and whether the picture was inverted
     */
    static Ink ink(GreyImage grey, float noiseFloor) {
        float paper = borderMedian(grey);
        boolean lightPaper = paper > 0.5f;
        float extreme = paper;
        for (float v : grey.values()) extreme = lightPaper ? Math.min(extreme, v) : Math.max(extreme, v);
        float range = Math.abs(paper - extreme);
        float[] ink = new float[grey.values().length];
        if (range >= MIN_CONTRAST) {
            for (int i = 0; i < ink.length; i++) {
                float contrast = (lightPaper ? paper - grey.values()[i] : grey.values()[i] - paper) / range;
                ink[i] = clamp01((contrast - noiseFloor) / (1 - noiseFloor));
            }
        }
        return new Ink(new GreyImage(grey.width(), grey.height(), ink), lightPaper);
    }

    record Ink(GreyImage image, boolean inverted) {
    }

    private static float borderMedian(GreyImage g) {
        int w = g.width(), h = g.height();
        float[] border = new float[h == 1 || w == 1 ? w * h : 2 * w + 2 * (h - 2)];
        int n = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (y == 0 || y == h - 1 || x == 0 || x == w - 1) border[n++] = g.get(x, y);
            }
        }
        java.util.Arrays.sort(border);
        return border[n / 2];
    }

    /** MNIST-style digit from a picture file: {@link #grey}, ink (inverting light paper), then {@link #centre}. */
    public static Centred mnist(BufferedImage image) {
        return fromPicture(image, Recipe.MNIST);
    }

    /** Fashion-MNIST-style item from a photo: grey, negated on light backgrounds, longer side to 28, centred. */
    public static Centred fashionMnist(BufferedImage image) {
        return fromPicture(image, Recipe.FASHION_MNIST);
    }

    public static Centred fromPicture(BufferedImage image, Recipe recipe) {
        GreyImage grey = grey(image);
        Ink ink = ink(grey, recipe.noiseFloor());
        Centred c = centre(ink.image(), recipe);
        return new Centred(grey, ink.inverted(), c.ink(), c.inkBox(), c.scaled(), c.scaledMass(), c.left(), c.top(),
                c.field(), c.mass(), c.tensor());
    }

    /**
     * The drawing pad's entry: ink values 0..1, bright ink on a dark pad, row-major {@code height × width}.
     * Values are clamped to 0..1 and NaN counts as no ink. Not modified.
     */
    public static Centred mnistFromInk(float[] ink, int width, int height) {
        float[] clean = new float[ink.length];
        for (int i = 0; i < ink.length; i++) clean[i] = Float.isNaN(ink[i]) ? 0 : clamp01(ink[i]);
        return centre(new GreyImage(width, height, clean), Recipe.MNIST);
    }

    /**
     * Crops {@code ink} to its bounding box, scales the longer side to {@code recipe.box()} keeping the
     * aspect ratio (antialiased), and places it in a {@code recipe.size()} field: by whole-pixel shift
     * putting its centre of mass nearest the field's centre (MNIST), or centring its box. The ink stays
     * inside the field. A blank pad gives an all-zero field. {@code ink} not modified.
     */
    public static Centred centre(GreyImage ink, Recipe recipe) {
        int size = recipe.size();
        GreyImage field = GreyImage.blank(size, size);
        GreyImage.Box box = ink.boundingBox(0f);
        if (box == null) {
            return new Centred(null, false, ink, null, null, null, 0, 0, field, null, tensor(field));
        }
        double scale = (double) recipe.box() / box.longerSide();
        int sw = Math.max(1, (int) Math.round(box.width() * scale));
        int sh = Math.max(1, (int) Math.round(box.height() * scale));
        GreyImage scaled = ink.crop(box).resized(sw, sh);
        double[] scaledMass = scaled.centreOfMass();
        int left, top;
        if (recipe.byMass() && scaledMass != null) {
            double centre = size / 2.0; // 14 for MNIST, in pixel indices as MNIST's own centres measure
            left = (int) Math.round(centre - scaledMass[0]);
            top = (int) Math.round(centre - scaledMass[1]);
        } else {
            left = (size - sw) / 2;
            top = (size - sh) / 2;
        }
        left = Math.max(0, Math.min(size - sw, left));
        top = Math.max(0, Math.min(size - sh, top));
        for (int y = 0; y < sh; y++) {
            System.arraycopy(scaled.values(), y * sw, field.values(), (top + y) * size + left, sw);
        }
        for (int i = 0; i < field.values().length; i++) field.values()[i] = clamp01(field.values()[i]);
        return new Centred(null, false, ink, box, scaled, scaledMass, left, top, field, field.centreOfMass(), tensor(field));
    }

    private static Tensor tensor(GreyImage field) {
        return new Tensor(field.values().clone(), 1, field.height(), field.width(), 1); // (1, H, W, 1)
    }

    // ---- other models --------------------------------------------------------------------------

    /** The picture resized (antialiased, aspect not kept) to {@code height × width}, RGB 0..1: (1, H, W, 3). */
    public static Tensor rgb(BufferedImage image, int height, int width) {
        return new Tensor(Resampler.resize(rgbValues(image), image.getWidth(), image.getHeight(), 3, width, height),
                1, height, width, 3);
    }

    /** The picture's R, G, B in 0..1, transparent pixels seen over white: (H, W, 3) row-major. Image not modified. */
    static float[] rgbValues(BufferedImage image) {
        int w = image.getWidth(), h = image.getHeight();
        float[] src = new float[w * h * 3]; // (h, w, 3)
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int argb = row[x], i = (y * w + x) * 3;
                float a = (argb >>> 24) / 255f;
                src[i] = a * ((argb >> 16) & 0xff) / 255f + (1 - a);
                src[i + 1] = a * ((argb >> 8) & 0xff) / 255f + (1 - a);
                src[i + 2] = a * (argb & 0xff) / 255f + (1 - a);
            }
        }
        return src;
    }

    /** The picture's brightness resized (antialiased, aspect not kept) to {@code height × width}: (1, H, W, 1). */
    public static Tensor greyResized(BufferedImage image, int height, int width) {
        GreyImage g = grey(image).resized(width, height);
        return new Tensor(g.values(), 1, height, width, 1);
    }

    /**
     * The input a model with this input shape and these classes expects for a picture, in its default
     * {@link InputStyle} ({@link InputStyle#defaultFor}).
     * @param inputShape the model's (H, W, C), C = 1 or 3
     */
    public static Tensor forModel(BufferedImage image, Shape inputShape, List<String> classNames) {
        if (inputShape.rank() != 3) throw new IllegalArgumentException("not an image model: its input shape is " + inputShape);
        int c = inputShape.dim(2);
        if (c != 1 && c != 3) throw new IllegalArgumentException("images have 1 or 3 channels but the model expects " + c);
        return InputStyle.defaultFor(inputShape, classNames).picture(image, inputShape);
    }

    /** The input {@code model} expects for a picture, in the model's own {@link InputStyle#of style}. */
    public static Tensor forModel(BufferedImage image, Model model) {
        Shape in = model.inputShape();
        if (in.rank() != 3 || (in.dim(2) != 1 && in.dim(2) != 3)) {
            throw new IllegalArgumentException("not an image model: its input shape is " + in.toKeras());
        }
        return InputStyle.of(model).picture(image, in);
    }

    private static float clamp01(float v) {
        return v < 0 ? 0 : Math.min(1, v);
    }
}

package org.convscope.data;

import org.convscope.engine.Model;
import org.convscope.engine.Shape;
import org.convscope.engine.Tensor;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * How a drawing or a picture becomes a model's input: the look of the data the model was trained on.
 * A per-model setting, saved in the model file ({@link Model#preprocessing()}) as {@link #spec()}.
 * <ul>
 *   <li>{@link Polarity}: bright ink on black (MNIST), dark ink on white, or the picture as it is (photos);</li>
 *   <li>{@link Centring}: the ink cropped, scaled so its longer side is {@code box} of the input's side,
 *       and placed by centre of mass (MNIST) or by its bounding box (Fashion-MNIST); or {@link Centring#NONE}:
 *       the whole picture, centre-cropped to the input's aspect and resized ({@link ImageFolder#FIT}).</li>
 * </ul>
 * Defaults ({@link #defaultFor}): MNIST-style for one-channel models whose classes are the digits 0–9 or
 * any 28×28 grey model, at any input size; Fashion-MNIST-style for Fashion-MNIST's classes; the picture
 * as it is for every other model (colour models always). Centring needs a square input and one channel;
 * otherwise the whole picture is used, in the chosen polarity.
 */
public record InputStyle(Polarity polarity, Centring centring, float box) {
    public enum Polarity { LIGHT_ON_DARK, DARK_ON_LIGHT, AS_IS }

    public enum Centring { MASS, BOX, NONE }

    public static final InputStyle MNIST = new InputStyle(Polarity.LIGHT_ON_DARK, Centring.MASS, 20f / 28);
    public static final InputStyle FASHION_MNIST = new InputStyle(Polarity.LIGHT_ON_DARK, Centring.BOX, 1f);
    public static final InputStyle PICTURE = new InputStyle(Polarity.AS_IS, Centring.NONE, 1f);
    private static final List<String> DIGITS = KnownDataset.MNIST.classNames();

    public InputStyle {
        if (!(box > 0 && box <= 1)) throw new IllegalArgumentException("box " + box + " must be in (0, 1]");
    }

    /** The style a model's file names, else its {@link #defaultFor default}. */
    public static InputStyle of(Model model) {
        return model.preprocessing() != null ? parse(model.preprocessing()) : defaultFor(model.inputShape(), model.classNames());
    }

    public static InputStyle defaultFor(Shape input, List<String> classNames) {
        if (input.rank() != 3 || input.dim(2) != 1) return PICTURE;
        if (classNames.equals(KnownDataset.FASHION_MNIST.classNames())) return FASHION_MNIST;
        if (classNames.equals(DIGITS) || input.equals(Shape.of(28, 28, 1))) return MNIST;
        return PICTURE;
    }

    /**
     * Reads {@code mnist}, {@code fashion-mnist}, {@code picture}, or
     * {@code polarity=light-on-dark|dark-on-light|as-is,centring=mass|box|none,box=0.714}.
     * @throws IllegalArgumentException naming what is wrong
     */
    public static InputStyle parse(String spec) {
        switch (spec.strip().toLowerCase(Locale.ROOT)) {
            case "mnist": return MNIST;
            case "fashion-mnist": return FASHION_MNIST;
            case "picture": return PICTURE;
            default: break;
        }
        Polarity polarity = Polarity.AS_IS;
        Centring centring = Centring.NONE;
        float box = 1;
        for (String part : spec.split(",")) {
            String[] kv = part.strip().split("=", 2);
            if (kv.length != 2) throw new IllegalArgumentException("preprocessing '" + spec + "': '" + part + "' is not key=value");
            String v = kv[1].strip().toUpperCase(Locale.ROOT).replace('-', '_');
            try {
                switch (kv[0].strip().toLowerCase(Locale.ROOT)) {
                    case "polarity" -> polarity = Polarity.valueOf(v);
                    case "centring" -> centring = Centring.valueOf(v);
                    case "box" -> box = Float.parseFloat(v);
                    default -> throw new IllegalArgumentException("preprocessing '" + spec + "': unknown key '" + kv[0] + "'");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("preprocessing '" + spec + "': box '" + kv[1] + "' is not a number", e);
            } catch (IllegalArgumentException e) {
                if (e.getMessage() != null && e.getMessage().startsWith("preprocessing")) throw e;
                throw new IllegalArgumentException("preprocessing '" + spec + "': '" + kv[1] + "' is not a " + kv[0].strip(), e);
            }
        }
        return new InputStyle(polarity, centring, box);
    }

    /** The short form {@link #parse} reads back. */
    public String spec() {
        if (equals(MNIST)) return "mnist";
        if (equals(FASHION_MNIST)) return "fashion-mnist";
        if (equals(PICTURE)) return "picture";
        return String.format(Locale.ROOT, "polarity=%s,centring=%s,box=%s", name(polarity), name(centring), box);
    }

    /** In words, for the Draw view and the CLI. */
    public String describe() {
        String ink = switch (polarity) {
            case LIGHT_ON_DARK -> "bright ink on black";
            case DARK_ON_LIGHT -> "dark ink on white";
            case AS_IS -> "the picture as it is";
        };
        return switch (centring) {
            case NONE -> ink + ", " + ImageFolder.FIT;
            case MASS -> String.format(Locale.ROOT, "%s, the ink scaled to %.0f %% of the side and centred by its centre of mass", ink, 100 * box);
            case BOX -> String.format(Locale.ROOT, "%s, the ink scaled to %.0f %% of the side and centred by its box", ink, 100 * box);
        };
    }

    private static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** True when this style centres the ink for {@code input}: one channel, square, centring not NONE. */
    public boolean centres(Shape input) {
        return centring != Centring.NONE && input.dim(2) == 1 && input.dim(0) == input.dim(1);
    }

    /** The centring recipe for a square input of side {@code size}. */
    public Preprocessing.Recipe recipe(int size) {
        int b = Math.max(1, Math.min(size, Math.round(box * size)));
        return new Preprocessing.Recipe(size, b, centring == Centring.MASS, centring == Centring.MASS ? 0.1f : 0f);
    }

    /**
     * A picture as this model's input (1, H, W, C). Image not modified.
     * @param input the model's (H, W, C), C = 1 or 3
     */
    public Tensor picture(BufferedImage image, Shape input) {
        if (centres(input)) return inverted(Preprocessing.fromPicture(image, recipe(input.dim(0))).tensor());
        float[] out = new float[input.size()];
        if (polarity == Polarity.AS_IS || input.dim(2) == 3) {
            ImageFolder.fit(image, input, out, 0);
        } else { // the picture's ink (light paper inverted), then the polarity the model wants
            GreyImage ink = Preprocessing.ink(Preprocessing.grey(image), 0).image();
            ImageFolder.fitGrey(ink, input, out, 0);
            if (polarity == Polarity.DARK_ON_LIGHT) invert(out);
        }
        return new Tensor(out, input.withBatch(1));
    }

    /**
     * The drawing pad's ink (0 paper .. 1 full ink, row-major {@code height × width}) as this model's input
     * (1, H, W, C): centred when {@link #centres}, else the whole pad resized, as bright ink on black
     * ({@link Polarity#LIGHT_ON_DARK}) or dark ink on white paper. Not modified.
     */
    public Tensor pad(float[] ink, int width, int height, Shape input) {
        float[] clean = new float[ink.length];
        for (int i = 0; i < ink.length; i++) clean[i] = Float.isNaN(ink[i]) ? 0 : Math.max(0, Math.min(1, ink[i]));
        GreyImage g = new GreyImage(width, height, clean);
        if (centres(input)) return inverted(Preprocessing.centre(g, recipe(input.dim(0))).tensor());
        float[] grey = new float[input.dim(0) * input.dim(1)];
        ImageFolder.fitGrey(g, Shape.of(input.dim(0), input.dim(1), 1), grey, 0);
        if (polarity != Polarity.LIGHT_ON_DARK) invert(grey);
        int c = input.dim(2);
        float[] out = new float[grey.length * c]; // (H, W, C): grey in every channel
        for (int i = 0; i < grey.length; i++) for (int k = 0; k < c; k++) out[i * c + k] = grey[i];
        return new Tensor(out, input.withBatch(1));
    }

    /** The centred field in this polarity: as it is for bright-on-dark, negated for dark-on-light. Modified. */
    private Tensor inverted(Tensor field) {
        if (polarity == Polarity.DARK_ON_LIGHT) invert(field.data);
        return field;
    }

    private static void invert(float[] v) {
        for (int i = 0; i < v.length; i++) v[i] = 1 - v[i];
    }
}

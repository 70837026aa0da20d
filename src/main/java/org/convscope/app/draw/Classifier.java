package org.convscope.app.draw;

import org.convscope.data.GreyImage;
import org.convscope.data.InputStyle;
import org.convscope.data.Preprocessing;
import org.convscope.engine.Model;
import org.convscope.engine.Shape;
import org.convscope.engine.Tensor;

import java.awt.image.BufferedImage;

/**
 * Makes the model's input from the pad's ink or a picture and runs the model. Runs on one worker
 * thread: it keeps its own copy of the model, since a model instance serves one thread at a time.
 */
public final class Classifier {
    private Model original;
    private Model copy;

    /**
     * Why {@code model} cannot classify pictures, or null when it can: the input must be an image
     * (H, W, 1) or (H, W, 3) and the output one probability per class.
     */
    public static String unsupported(Model model) {
        Shape in = model.inputShape(), out = model.outputShape();
        if (in.rank() != 3 || (in.last() != 1 && in.last() != 3)) {
            return "The model '" + model.name() + "' expects input " + in.toKeras()
                    + ", which is not a grey or colour image; the Draw view needs (H, W, 1) or (H, W, 3).";
        }
        if (out.rank() != 1 || out.dim(0) < 2) {
            return "The model '" + model.name() + "' gives output " + out.toKeras()
                    + ", not one probability per class, so it cannot classify.";
        }
        if (model.classNames().size() != out.dim(0)) {
            return "The model '" + model.name() + "' names " + model.classNames().size() + " classes but gives "
                    + out.dim(0) + " outputs; its file is inconsistent.";
        }
        return null;
    }

    /** Classifies the pad's ink ({@link Sketch#SIZE}², 0..1) in the model's own {@link InputStyle}. Not modified. */
    public Classification classify(Model model, float[] ink) {
        Shape in = model.inputShape();
        InputStyle style = InputStyle.of(model);
        Preprocessing.Centred steps = style.centres(in)
                ? Preprocessing.centre(new GreyImage(Sketch.SIZE, Sketch.SIZE, ink), style.recipe(in.dim(0))) : null;
        Tensor input = style.pad(ink, Sketch.SIZE, Sketch.SIZE, in);
        boolean blank = true;
        for (float v : ink) if (v > 0) blank = false;
        if (blank) return new Classification(model, steps, input, null, null);
        return new Classification(model, steps, input, run(model, input), null);
    }

    /** Classifies a picture in the model's own {@link InputStyle}: centring steps when it centres, else the whole picture fitted. */
    Classification classify(Model model, BufferedImage picture) {
        Shape in = model.inputShape();
        InputStyle style = InputStyle.of(model);
        String note = in.last() == 1 && isColour(picture)
                ? "A colour picture: this model takes grey input, so it sees the grey version." : null;
        Tensor input = style.picture(picture, in);
        if (style.centres(in)) {
            Preprocessing.Centred steps = Preprocessing.fromPicture(picture, style.recipe(in.dim(0)));
            if (steps.blank()) {
                return new Classification(model, steps, input, null, "The picture holds no ink: it is one flat colour.");
            }
            return new Classification(model, steps, input, run(model, input), note);
        }
        return new Classification(model, null, input, run(model, input), note);
    }

    private float[] run(Model model, Tensor input) {
        if (model != original) {
            original = model;
            copy = model.copy();
        }
        return copy.predict(input).data; // (1, K) → K probabilities
    }

    /** True when some pixel's red, green and blue differ noticeably (looked at on a sparse grid). */
    static boolean isColour(BufferedImage picture) {
        if (picture.getColorModel().getNumColorComponents() < 3) return false;
        int stepX = Math.max(1, picture.getWidth() / 64), stepY = Math.max(1, picture.getHeight() / 64);
        for (int y = 0; y < picture.getHeight(); y += stepY) {
            for (int x = 0; x < picture.getWidth(); x += stepX) {
                int rgb = picture.getRGB(x, y);
                int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
                if (Math.abs(r - g) > 12 || Math.abs(g - b) > 12 || Math.abs(r - b) > 12) return true;
            }
        }
        return false;
    }
}

package org.convscope.app.draw;

import org.convscope.data.GreyImage;
import org.convscope.data.KnownDataset;
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

    /** Classifies the pad's ink ({@link Sketch#SIZE}², 0..1). Not modified. */
    public Classification classify(Model model, float[] ink) {
        Shape in = model.inputShape();
        Preprocessing.Centred steps = null;
        Tensor input;
        if (isDigitShaped(in)) {
            steps = Preprocessing.centre(new GreyImage(Sketch.SIZE, Sketch.SIZE, ink), recipe(model));
            if (steps.blank()) return new Classification(model, steps, steps.tensor(), null, null);
            input = steps.tensor();
        } else {
            boolean blank = true;
            for (float v : ink) if (v > 0) blank = false;
            input = Preprocessing.forModel(paper(ink), in, model.classNames());
            if (blank) return new Classification(model, null, input, null, null);
        }
        return new Classification(model, steps, input, run(model, input), null);
    }

    /** Classifies a picture: MNIST-style steps for 28×28 grey models, a plain resize for the others. */
    Classification classify(Model model, BufferedImage picture) {
        Shape in = model.inputShape();
        String note = in.last() == 1 && isColour(picture)
                ? "A colour picture: this model takes grey input, so it sees the grey version." : null;
        if (isDigitShaped(in)) {
            Preprocessing.Centred steps = Preprocessing.fromPicture(picture, recipe(model));
            if (steps.blank()) {
                return new Classification(model, steps, steps.tensor(), null, "The picture holds no ink: it is one flat colour.");
            }
            return new Classification(model, steps, steps.tensor(), run(model, steps.tensor()), note);
        }
        Tensor input = Preprocessing.forModel(picture, in, model.classNames());
        return new Classification(model, null, input, run(model, input), note);
    }

    private float[] run(Model model, Tensor input) {
        if (model != original) {
            original = model;
            copy = model.copy();
        }
        return copy.predict(input).data; // (1, K) → K probabilities
    }

    private static boolean isDigitShaped(Shape in) {
        return in.dim(0) == 28 && in.dim(1) == 28 && in.last() == 1;
    }

    private static Preprocessing.Recipe recipe(Model model) {
        return model.classNames().equals(KnownDataset.FASHION_MNIST.classNames())
                ? Preprocessing.Recipe.FASHION_MNIST : Preprocessing.Recipe.MNIST;
    }

    /** The ink as dark strokes on white paper, for models that take pictures of other sizes. */
    private static BufferedImage paper(float[] ink) {
        BufferedImage img = new BufferedImage(Sketch.SIZE, Sketch.SIZE, BufferedImage.TYPE_BYTE_GRAY);
        byte[] px = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < ink.length; i++) px[i] = (byte) Math.round(255 * (1 - ink[i]));
        return img;
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

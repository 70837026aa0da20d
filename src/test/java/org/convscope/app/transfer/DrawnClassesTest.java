package org.convscope.app.transfer;

import org.convscope.app.draw.Classifier;
import org.convscope.app.draw.Sketch;
import org.convscope.data.Pretrained;
import org.convscope.engine.Layer;
import org.convscope.engine.Model;
import org.convscope.engine.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DrawnClassesTest {
    private static Model pretrained;

    @BeforeAll
    static void loadBase() throws IOException {
        pretrained = Pretrained.load(Pretrained.MNIST_CNN);
    }

    /** {@code n} drawings of {@code shape}, each (1, 28, 28, 1) as the Draw view would feed them to the model. */
    static List<Tensor> drawings(ShapeStrokes strokes, ShapeStrokes.Shape shape, int n) {
        Sketch sketch = new Sketch();
        Classifier classifier = new Classifier();
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            strokes.draw(sketch, shape);
            out.add(classifier.classify(pretrained, sketch.ink()).input());
        }
        return out;
    }

    @Test
    void tenDrawingsOfCirclesAndCrossesTeachAHeadThatRecognisesNewDrawings() {
        ShapeStrokes train = new ShapeStrokes(1), heldOut = new ShapeStrokes(2);
        List<List<Tensor>> examples = List.of(drawings(train, ShapeStrokes.Shape.CIRCLE, 10),
                drawings(train, ShapeStrokes.Shape.CROSS, 10));
        DrawnClasses.Result r = DrawnClasses.train(pretrained, List.of(" circle", "cross "), examples,
                DrawnClasses.Settings.defaults(), () -> false);
        Model model = r.model();

        int right = 0, total = 0;
        for (ShapeStrokes.Shape shape : ShapeStrokes.Shape.values()) {
            for (Tensor x : drawings(heldOut, shape, 60)) {
                float[] p = model.predict(x).data;
                if (Model.argmax(p, 0, p.length) == shape.ordinal()) right++;
                total++;
            }
        }
        double accuracy = (double) right / total;
        System.out.printf("circles vs crosses: %.1f %% of %d held-out drawings, trained on %d images in %.2f s%n",
                100 * accuracy, total, r.images(), r.seconds());
        assertTrue(accuracy >= 0.9, "held-out accuracy " + accuracy);
        assertEquals(List.of("circle", "cross"), model.classNames());
        assertEquals(20 * 16, r.images());
        // the base is the pretrained one, frozen; the head is new
        int base = TransferComparison.baseLayers(pretrained);
        for (int i = 0; i < base; i++) {
            Layer l = model.layers().get(i);
            assertTrue(!l.isTrainable(), l.name() + " is frozen");
            for (int j = 0; j < l.params().size(); j++) {
                assertArrayEquals(pretrained.layers().get(i).params().get(j).value.data, l.params().get(j).value.data);
            }
        }
        assertTrue(model.layers().get(base).isTrainable());
        assertEquals(org.convscope.engine.Shape.of(2), model.outputShape());
    }

    @Test
    void refusesTooFewClassesOrDrawingsWithAMessage() {
        assertEquals("Name between 2 and 6 classes.", DrawnClasses.problem(List.of("a"), List.of(10)));
        assertEquals("Class 2 has no name.", DrawnClasses.problem(List.of("a", " "), List.of(10, 10)));
        assertEquals("Two classes are named 'a'.", DrawnClasses.problem(List.of("a", "a "), List.of(10, 10)));
        assertEquals("Draw at least 2 examples of b (10 is better).", DrawnClasses.problem(List.of("a", "b"), List.of(10, 1)));
        assertNull(DrawnClasses.problem(List.of("a", "b"), List.of(2, 2)));
        var e = assertThrows(IllegalArgumentException.class,
                () -> DrawnClasses.train(pretrained, List.of("a", "b"), List.of(List.of(), List.of()), DrawnClasses.Settings.defaults(), () -> false));
        assertEquals("Draw at least 2 examples of a (10 is better).", e.getMessage());
    }

    @Test
    void stopsWhenAsked() {
        ShapeStrokes s = new ShapeStrokes(3);
        var examples = List.of(drawings(s, ShapeStrokes.Shape.CIRCLE, 2), drawings(s, ShapeStrokes.Shape.CROSS, 2));
        assertNull(DrawnClasses.train(pretrained, List.of("o", "x"), examples, DrawnClasses.Settings.defaults(), () -> true));
    }
}

package org.convscope.app.maps;

import org.convscope.engine.Presets;
import org.convscope.engine.Model;
import org.convscope.engine.Tensor;

/** A seeded model and a digit-like input drawn with the benchmark's pen, shared by the maps tests. */
final class MapsTestData {
    private MapsTestData() {
    }

    static Model seed001() {
        return Presets.create("seed-001").build(7);
    }

    /** A whole "7" stroke, (1, 28, 28, 1). */
    static Tensor seven(Model model) {
        StrokeSimulator pen = new StrokeSimulator(model.inputShape(), 40);
        Tensor x = null;
        for (int i = 0; i < 40; i++) x = pen.next();
        return x;
    }
}

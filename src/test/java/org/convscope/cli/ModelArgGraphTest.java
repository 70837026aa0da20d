package org.convscope.cli;

import org.convscope.engine.Model;
import org.convscope.engine.Presets;
import org.convscope.engine.Shape;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A graph preset trained on a picture folder gets an output layer for the folder's classes, its connections kept. */
class ModelArgGraphTest {
    @Test
    void aGraphPresetGetsADenseForTheDatasClasses() {
        StringWriter notes = new StringWriter();
        Model preset = Presets.create("resnet-small").build(1);
        Model fitted = ModelArg.fitPresetToClasses("resnet-small", preset, 6, 1, new PrintWriter(notes, true));
        assertEquals(Shape.of(6), fitted.outputShape());
        assertEquals(preset.layers().size(), fitted.layers().size());
        for (var l : preset.layers()) assertEquals(preset.inputsOf(l.name()), fitted.inputsOf(l.name()), l.name());
        assertEquals(78_426 - 650 + 64 * 6 + 6, fitted.summary().totalParams()); // Dense(10) → Dense(6)
        assertTrue(notes.toString().contains("built with Dense(6)"), notes.toString());
    }
}

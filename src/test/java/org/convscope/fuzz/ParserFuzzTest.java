package org.convscope.fuzz;

import org.convscope.data.DatasetException;
import org.convscope.data.Idx;
import org.convscope.data.ImageFiles;
import org.convscope.data.ImageFormatException;
import org.convscope.engine.ModelFormatException;
import org.convscope.engine.ModelIO;
import org.convscope.engine.keras.InputRange;
import org.convscope.engine.keras.KerasFiles;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import org.convscope.lesson.LessonFormatException;
import org.convscope.lesson.Lessons;
import java.nio.charset.StandardCharsets;

/**
 * Every file parser against seeded mutants of its corpus (see {@link FuzzHarness}): a corrupt file is
 * refused with the parser's own exception and a message, never another exception, an out-of-memory
 * error or a hang. The case counts keep the whole class to a few seconds in {@code mvn verify}.
 */
class ParserFuzzTest {
    @Test
    void idxImages() {
        FuzzHarness.check("idx-images", 3000, b -> Idx.readImages(new ByteArrayInputStream(b), "fuzz.idx"),
                DatasetException.class);
    }

    @Test
    void idxLabels() {
        FuzzHarness.check("idx-labels", 2000, b -> Idx.readLabels(new ByteArrayInputStream(b), "fuzz.idx"),
                DatasetException.class);
    }

    @Test
    void images() {
        FuzzHarness.check("images", 1500, b -> ImageFiles.read(new ByteArrayInputStream(b), "fuzz.png"),
                ImageFormatException.class);
    }

    @Test
    void modelFiles() {
        FuzzHarness.check("model-file", 1500, b -> ModelIO.load(new ByteArrayInputStream(b), "fuzz.convscope"),
                ModelFormatException.class);
    }

    @Test
    void modelConfigs() {
        FuzzHarness.check("model-config", 1500,
                b -> ModelIO.readConfig(new String(b, StandardCharsets.UTF_8), "fuzz.json", 1), ModelFormatException.class);
    }

    @Test
    void kerasFiles() {
        FuzzHarness.check("keras", 600, FuzzHarness.viaFile(".keras", f -> KerasFiles.read(f, InputRange.ZERO_TO_ONE)),
                ModelFormatException.class);
    }

    @Test
    void lessonFiles() {
        FuzzHarness.check("lesson-json", 1000, b -> Lessons.parse(b, "fuzz.json"), LessonFormatException.class);
    }
}

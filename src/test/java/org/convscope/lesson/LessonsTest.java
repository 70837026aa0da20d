package org.convscope.lesson;

import org.convscope.data.Assets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LessonsTest {

    private static Lesson parse(String json) throws LessonFormatException {
        return Lessons.parse(json.getBytes(StandardCharsets.UTF_8), "test.json");
    }

    /** Parses {@code json}, which must be refused, and returns why. */
    private static LessonFormatException refused(String json) {
        return assertThrows(LessonFormatException.class, () -> parse(json));
    }

    /** A one-step lesson whose action is {@code action}, on line 4 of the text. */
    private static String withAction(String action) {
        return "{\n  \"title\": \"T\",\n  \"steps\": [{\"title\": \"S\", \"text\": \"Words.\",\n"
                + "    \"action\": " + action + "}]\n}";
    }

    @Test
    void readsEveryFieldOfAStep() throws Exception {
        Lesson lesson = parse("""
                {"title": "Stride", "summary": "What stride does.",
                 "steps": [
                   {"title": "Stride 2", "text": "It jumps.",
                    "action": {"view": "convolution", "input": "toy-5", "kernel": "Sobel x", "kernelSize": 3, "stride": 2,
                               "padding": 1, "dilation": 1, "outputCell": [1, 2], "highlight": [-1, 0]},
                    "expect": {"output": "3×3", "steps": 9, "equation": "= 4"},
                    "tryIt": {"condition": "change-stride", "task": "Set stride 3."}}
                 ]}""");
        assertEquals("Stride", lesson.title());
        assertEquals("What stride does.", lesson.summary());
        LessonStep step = lesson.steps().get(0);
        assertEquals(3, step.line());
        LessonAction a = step.action();
        assertEquals(LessonAction.View.CONVOLUTION, a.view());
        assertEquals("toy-5", a.input());
        assertEquals("Sobel x", a.kernel());
        assertEquals(2, a.stride());
        assertEquals("1", a.padding());
        assertEquals(new LessonAction.Cell(1, 2), a.outputCell());
        assertEquals(new LessonAction.Cell(-1, 0), a.highlight());
        assertNull(a.step());
        assertNull(a.pooling());
        assertEquals("3×3", step.expect().get(Expectation.OUTPUT));
        assertEquals("9", step.expect().get(Expectation.STEPS));
        assertEquals(new TryIt(TryIt.Condition.CHANGE_STRIDE, "Set stride 3."), step.tryIt());
    }

    @Test
    void everyShippedLessonLoadsInTheIndexOrder() throws Exception {
        List<Lesson> lessons = Lessons.shipped(Assets.folderOnly(Path.of("assets")));
        assertEquals(List.of("Pixels and a filter", "Stride and padding", "Pooling", "A whole CNN", "Training", "Transfer learning",
                        "Why did it say 7?", "Skip connections"),
                lessons.stream().map(Lesson::title).toList());
        for (Lesson l : lessons) {
            for (LessonStep s : l.steps()) {
                long sentences = s.text().split("[.!?](\\s|$)").length;
                assertTrue(sentences >= 2 && sentences <= 3, l.title() + " / " + s.title() + " has " + sentences + " sentences");
            }
        }
    }

    @Test
    void aSyntaxErrorGivesGsonsLineAndReason() {
        LessonFormatException e = refused("{\n  \"title\": \"T\"\n  \"steps\": []\n}");
        assertEquals(3, e.line());
        assertTrue(e.reason().startsWith("not valid JSON: "), e.reason());
        assertTrue(e.getMessage().startsWith("test.json, line 3: "), e.getMessage());
    }

    @Test
    void aWrongValueIsReportedAtItsLine() {
        LessonFormatException e = refused(withAction("{\"view\": \"convolution\",\n \"stride\": \"two\"}"));
        assertEquals(5, e.line());
        assertEquals("\"stride\" must be a whole number from 1 to 4, not \"two\"", e.reason());
        assertEquals("\"stride\" must be a whole number from 1 to 4, not 9",
                refused(withAction("{\"view\": \"convolution\", \"stride\": 9}")).reason());
        assertEquals("\"stride\" must be a whole number from 1 to 4, not 1.5",
                refused(withAction("{\"view\": \"convolution\", \"stride\": 1.5}")).reason());
    }

    @Test
    void unknownAndMisplacedKeysAreRefused() {
        LessonFormatException typo = refused(withAction("{\"view\": \"pooling\", \"strid\": 2}"));
        assertEquals(4, typo.line());
        assertTrue(typo.reason().startsWith("unknown key \"strid\" in an action (the pooling view takes input, pooling"), typo.reason());
        assertEquals("\"kernel\" does not apply to the pooling view (it takes input, pooling, poolSize, stride, padding, step, "
                + "outputCell, highlight)", refused(withAction("{\"view\": \"pooling\", \"kernel\": \"sharpen\"}")).reason());
        assertEquals("unknown key \"colour\" in a lesson (known: steps, summary, title)",
                refused("{\"title\": \"T\", \"colour\": 1, \"steps\": []}").reason());
    }

    @Test
    void choicesNameTheAllowedValues() {
        assertEquals("\"view\" must be one of draw, maps, convolution, pooling, train, transfer, fool, not \"conv\"",
                refused(withAction("{\"view\": \"conv\"}")).reason());
        assertEquals("\"kernel\": unknown kernel 'edgy' (known: identity, vertical-edge, horizontal-edge, Sobel-x, Sobel-y, "
                + "sharpen, box-blur, Gaussian, Laplacian), or learned", refused(withAction("{\"view\": \"convolution\", \"kernel\": \"edgy\"}")).reason());
        assertEquals("\"padding\" of pooling is \"valid\" or \"same\"", refused(withAction("{\"view\": \"pooling\", \"padding\": 1}")).reason());
        assertEquals("\"outputCell\" must be [row, column], two whole numbers from 0",
                refused(withAction("{\"view\": \"convolution\", \"outputCell\": [1]}")).reason());
        assertEquals("give \"step\" or \"outputCell\", not both",
                refused(withAction("{\"view\": \"convolution\", \"step\": 2, \"outputCell\": [0, 1]}")).reason());
    }

    @Test
    void missingPartsAreNamed() {
        assertEquals("\"steps\" is missing", refused("{\"title\": \"T\"}").reason());
        assertEquals("a lesson needs at least one step", refused("{\"title\": \"T\", \"steps\": []}").reason());
        assertEquals("\"title\" is empty", refused("{\"title\": \" \", \"steps\": []}").reason());
        assertEquals("\"text\" is missing", refused("{\"title\": \"T\", \"steps\": [{\"title\": \"S\", \"action\": {\"view\": \"draw\"}}]}").reason());
        assertEquals("\"task\" is missing", refused("{\"title\": \"T\", \"steps\": [{\"title\": \"S\", \"text\": \"W.\", "
                + "\"action\": {\"view\": \"draw\"}, \"tryIt\": {\"condition\": \"draw\"}}]}").reason());
        assertEquals("the lesson must be an object { … }", refused("[1, 2]").reason());
    }

    @Test
    void expectationsAndConditionsAreChecked() {
        assertTrue(refused("{\"title\": \"T\", \"steps\": [{\"title\": \"S\", \"text\": \"W.\", \"action\": {\"view\": \"draw\"}, "
                + "\"expect\": {\"accuracy\": 1}}]}").reason().startsWith("unknown key \"accuracy\" in \"expect\" (known: output, "));
        assertEquals("\"steps\" must be a whole number from 0 to 2147483647, not \"nine\"",
                refused("{\"title\": \"T\", \"steps\": [{\"title\": \"S\", \"text\": \"W.\", \"action\": {\"view\": \"draw\"}, "
                        + "\"expect\": {\"steps\": \"nine\"}}]}").reason());
        assertTrue(refused("{\"title\": \"T\", \"steps\": [{\"title\": \"S\", \"text\": \"W.\", \"action\": {\"view\": \"draw\"}, "
                + "\"tryIt\": {\"condition\": \"dance\", \"task\": \"x\"}}]}").reason().startsWith("\"condition\" must be one of draw, change-stride"));
    }

    @Test
    void duplicateKeysTrailingTextAndEncodingAreRefused() {
        LessonFormatException twice = refused("{\"title\": \"T\",\n\"title\": \"U\", \"steps\": []}");
        assertEquals(2, twice.line());
        assertEquals("\"title\" is given twice (first on line 1)", twice.reason());
        assertEquals("more text after the lesson's closing }", refused(withAction("{\"view\": \"draw\"}") + " {}").reason());
        assertEquals("the file ends too early: a closing } or ] is missing", refused("{\"title\": \"T\", \"steps\": [").reason());
        assertEquals("not UTF-8 text (save the file as UTF-8)", assertThrows(LessonFormatException.class,
                () -> Lessons.parse(new byte[] {'{', (byte) 0xC3, '}'}, "latin.json")).reason());
        assertEquals("empty.json: the file is empty", assertThrows(LessonFormatException.class,
                () -> Lessons.parse(new byte[0], "empty.json")).getMessage());
        assertTrue(refused("{\"title\": \"T\", // a comment\n \"steps\": []}").reason().contains("no comments"));
    }

    @Test
    void aTeachersFileIsReadAndAMissingOneNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mine.json");
        Files.writeString(file, "\uFEFF" + withAction("{\"view\": \"pooling\", \"pooling\": \"average\"}"));
        assertEquals("average", Lessons.read(file).steps().get(0).action().pooling());
        assertEquals("gone.json: no such file", assertThrows(LessonFormatException.class,
                () -> Lessons.read(dir.resolve("gone.json"))).getMessage());
    }

    @Test
    void expectationsCompareNumbersExactlyAndTextByContainment() {
        assertTrue(Expectation.OUTPUT.isMetBy("3×3", "3×3"));
        assertTrue(!Expectation.OUTPUT.isMetBy("3×3", "3×4"));
        assertTrue(Expectation.EQUATION.isMetBy("134x0 + 134x(-1)", "134×0 + 134×(−1) + 117×0 = 138"));
        assertTrue(!Expectation.EQUATION.isMetBy("= 139", "134×0 = 138"));
        assertTrue(!Expectation.STEPS.isMetBy("9", null));
    }
}

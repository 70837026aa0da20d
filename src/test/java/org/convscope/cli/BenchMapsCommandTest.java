package org.convscope.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchMapsCommandTest {

    private static String[] run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out), new PrintWriter(err));
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void printsTheStrokeToRepaintFiguresOfTheSeedModel() {
        String[] r = run("bench-maps", "--events", "4", "--warmup", "1");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("sequential, input 28×28×1, 7 layers"), r[1]);
        for (String row : new String[] {"forwardAll", "colour mapping (ARGB)", "stroke-to-repaint work"}) {
            assertTrue(r[1].lines().anyMatch(l -> l.startsWith(row) && l.matches(".*\\d+\\.\\d{3}\\s*$")), row + " in\n" + r[1]);
        }
    }

    @Test
    void theMapsClassesTheCommandRunsUseNoJavaFx() throws IOException {
        // bench-maps runs headless: what it measures must not pull in the toolkit
        Path maps = Path.of("src", "main", "java", "org", "convscope", "app", "maps");
        for (String name : List.of("NetworkActivations", "NetworkRasters", "MapRaster", "ValueRange", "Normalisation", "StrokeSimulator")) {
            assertFalse(Files.readString(maps.resolve(name + ".java")).contains("javafx."), name);
        }
        assertFalse(Files.readString(maps.resolveSibling(Path.of("common", "ColorMap.java"))).contains("javafx."), "ColorMap");
    }

    @Test
    void anUnknownModelIsOneClearLine() {
        String[] r = run("bench-maps", "--model", "no-such-model", "--events", "1");
        assertEquals("1", r[0]);
        assertTrue(r[2].startsWith("error: ") && r[2].contains("'no-such-model'"), r[2]);
        assertEquals(1, r[2].strip().lines().count(), r[2]);
        assertFalse(r[2].contains("\tat "), "no stack trace");
    }
}

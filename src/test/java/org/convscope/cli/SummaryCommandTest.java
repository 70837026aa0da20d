package org.convscope.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SummaryCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Cli.run(args, new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void summaryOfSeed001PrintsKerasRows() {
        assertEquals(0, run("summary", "--model", "seed-001"));
        String text = out.toString();
        String[][] rows = {
                {"(None, 26, 26, 32)", "320"}, {"(None, 13, 13, 32)", "0"}, {"(None, 11, 11, 64)", "18,496"},
                {"(None, 6, 6, 64)", "0"}, {"(None, 2304)", "0"}, {"(None, 64)", "147,520"}, {"(None, 10)", "650"}};
        for (String[] row : rows) {
            assertTrue(text.lines().anyMatch(l -> l.matches(".*" + java.util.regex.Pattern.quote(row[0]) + "\\s+" + row[1] + "\\s*")),
                    String.join(" ", row) + " in\n" + text);
        }
        assertTrue(text.lines().anyMatch("Total params: 166,986"::equals), text);
        assertEquals("", err.toString());
    }

    @Test
    void summaryOfAConfigFileWorksToo() {
        assertEquals(0, run("summary", "--model", "samples/models/lenet5.json"));
        assertTrue(out.toString().lines().anyMatch("Total params: 61,706"::equals), out.toString());
    }

    @Test
    void unknownModelFailsWithOneLine() {
        int code = run("summary", "--model", "seed-999");
        assertNotEquals(0, code);
        String message = err.toString().strip();
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.startsWith("error: ") && message.contains("'seed-999'"), message);
        assertTrue(message.contains("seed-001"), "lists the known models: " + message);
        assertEquals("", out.toString());
    }
}

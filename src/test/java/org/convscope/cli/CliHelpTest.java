package org.convscope.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every command's --help renders cleanly: picocli prints a warning to the console for a bad format string. */
class CliHelpTest {

    @Test
    void everyCommandsHelpRendersWithoutPicocliWarnings() {
        PrintStream console = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            for (String command : new CommandLine(new Cli()).getSubcommands().keySet()) {
                StringWriter out = new StringWriter(), err = new StringWriter();
                assertEquals(0, Cli.run(new String[] {command, "--help"}, new PrintWriter(out), new PrintWriter(err)), command);
                assertTrue(out.toString().startsWith("Usage: convscope " + command), out.toString());
                assertFalse(out.toString().contains("%n"), command + " help shows a raw format string:\n" + out);
            }
        } finally {
            System.setErr(console);
        }
        assertEquals("", warnings.toString(StandardCharsets.UTF_8));
    }
}

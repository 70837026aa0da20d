package org.convscope.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransferCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Cli.run(args, new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void printsEachWaysAccuracyPerEpochAndASummaryPerSeed() {
        assertEquals(0, run("transfer", "--images", "100", "--epochs", "1", "--seeds", "1,2"), err.toString());
        List<String> lines = out.toString().lines().toList();
        assertEquals(2, lines.stream().filter(l -> l.startsWith("Seed ")).count(), out.toString());
        assertEquals(2, lines.stream().filter(l -> l.matches("1\\s+\\d+\\.\\d% +\\d+\\.\\d% +\\d+\\.\\d%")).count(), out.toString());
        assertTrue(lines.stream().anyMatch(l -> l.matches("mean +from scratch \\d+\\.\\d% +feature extraction \\d+\\.\\d% +fine-tuning \\d+\\.\\d%")),
                out.toString());
    }

    @Test
    void refusesASampleThatDoesNotSplitIntoTheClasses() {
        assertEquals(1, run("transfer", "--images", "55"));
        assertTrue(err.toString().startsWith("error: the training count 55 must be a positive multiple of the 10 classes"), err.toString());
    }
}

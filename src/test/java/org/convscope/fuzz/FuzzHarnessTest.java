package org.convscope.fuzz;

import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The harness itself: it must report what a parser does wrong and accept what it does right. */
class FuzzHarnessTest {
    /** A parser that lets the JSON library's exception escape on malformed input: the kind of bug the fuzzer exists for. */
    private static void fragile(byte[] b) throws IOException {
        if (b.length == 0) throw new IOException("empty");
        JsonParser.parseString(new String(b, StandardCharsets.UTF_8));
    }

    @Test
    void reportsAnUnexpectedExceptionAndSavesTheInput() throws IOException {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> FuzzHarness.check("model-config", 200, FuzzHarnessTest::fragile, IOException.class));
        assertTrue(e.getMessage().contains("JsonSyntaxException"), e.getMessage());
        String saved = e.getMessage().replaceAll("(?s).*?saved as ([^)]*)\\).*", "$1");
        byte[] input = Files.readAllBytes(Path.of(saved));
        assertThrows(JsonSyntaxException.class, () -> fragile(input), "the saved input is the one that failed");
    }

    @Test
    void reportsACleanRefusalWithoutAMessage() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> FuzzHarness.check("idx-labels", 10, b -> { throw new IOException(); }, IOException.class));
        assertTrue(e.getMessage().contains("without a message"), e.getMessage());
    }

    @Test
    void acceptsDeclaredRefusalsWithAMessage() {
        assertDoesNotThrow(() -> FuzzHarness.check("idx-labels", 300, b -> {
            if (b.length % 2 == 0) throw new IOException("even length " + b.length);
        }, IOException.class));
    }

    @Test
    void mutantsAreTheSameForTheSameSeedAndDifferFromTheInput() {
        byte[] input = "{\"filters\": 64, \"kernel_size\": [3, 3], \"name\": \"conv\"}".getBytes();
        List<byte[]> seeds = List.of(input);
        Mutations a = new Mutations(42), b = new Mutations(42);
        List<byte[]> changed = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            byte[] ma = a.mutate(input, seeds), mb = b.mutate(input, seeds);
            assertArrayEquals(ma, mb);
            if (!Arrays.equals(ma, input)) changed.add(ma);
        }
        assertTrue(changed.size() > 90, "most mutants differ from their seed: " + changed.size());
    }
}

package org.convscope;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layering rule: the engine, data, trace and command-line packages run headless, without JavaFX,
 * and the engine without AWT too (images come in as tensors). Scans the sources for imports and
 * fully qualified uses.
 */
class ArchitectureTest {
    private static final Path SOURCES = Path.of("src", "main", "java", "org", "convscope");

    private static List<String> violations(String pkg, Pattern forbidden) throws IOException {
        Path dir = SOURCES.resolve(pkg);
        List<String> found = new ArrayList<>();
        if (!Files.isDirectory(dir)) return found;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (forbidden.matcher(lines.get(i)).find()) found.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        }
        return found;
    }

    /** A use of package {@code root} in code: an import or a qualified name (not inside a word). */
    private static Pattern uses(String root) {
        return Pattern.compile("(?<![\\w.])" + Pattern.quote(root) + "\\.");
    }

    @Test
    void headlessPackagesDoNotUseJavaFx() throws IOException {
        assertTrue(Files.isDirectory(SOURCES.resolve("engine")), "run from the project folder");
        List<String> found = new ArrayList<>();
        for (String pkg : List.of("engine", "data", "trace", "cli", "lesson")) found.addAll(violations(pkg, uses("javafx")));
        assertTrue(found.isEmpty(), "JavaFX used outside the app:\n" + String.join("\n", found));
    }

    @Test
    void engineDoesNotUseAwt() throws IOException {
        List<String> found = violations("engine", uses("java.awt"));
        assertTrue(found.isEmpty(), "AWT used in the engine:\n" + String.join("\n", found));
    }

    @Test
    void ruleSpotsAnImport() {
        assertTrue(uses("javafx").matcher("import javafx.scene.Node;").find());
        assertTrue(uses("java.awt").matcher("var img = new java.awt.image.BufferedImage(1, 1, 1);").find());
        assertTrue(!uses("javafx").matcher("import org.convscope.myjavafx.Thing;").find());
    }
}

package org.convscope.trace;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The step models and the command line must run where JavaFX is absent. */
class TraceImportsNoJavafxTest {

    @Test
    void traceAndCliSourcesImportNoJavafx() throws IOException {
        List<String> offenders;
        try (Stream<Path> files = Stream.concat(
                Files.walk(Path.of("src/main/java/org/convscope/trace")),
                Files.walk(Path.of("src/main/java/org/convscope/cli")))) {
            offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> {
                        try {
                            return Files.readString(p).contains("import javafx");
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .map(Path::toString).toList();
        }
        assertEquals(List.of(), offenders);
    }
}

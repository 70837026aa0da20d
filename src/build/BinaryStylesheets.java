import javafx.css.Stylesheet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Build step (mvn process-classes): writes next to every {@code X.css} under the given folder its binary form
 * {@code X.bss}, which JavaFX loads instead of parsing the CSS whenever it finds one beside the stylesheet asked for.
 * Run as a single-file program: {@code java -cp <JavaFX jars> src/build/BinaryStylesheets.java target/classes}.
 */
public final class BinaryStylesheets {
    public static void main(String[] args) throws IOException {
        List<Path> sheets;
        try (Stream<Path> files = Files.walk(Path.of(args[0]))) {
            sheets = files.filter(f -> f.toString().endsWith(".css")).collect(Collectors.toList());
        }
        for (Path css : sheets) {
            String name = css.getFileName().toString();
            Path bss = css.resolveSibling(name.substring(0, name.length() - ".css".length()) + ".bss");
            Stylesheet.convertToBinary(css.toFile(), bss.toFile());
        }
        System.out.println("BinaryStylesheets: " + sheets.size() + " stylesheets under " + args[0]);
    }
}

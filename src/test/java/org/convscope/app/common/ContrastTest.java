package org.convscope.app.common;

import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Text contrast of the app's colours, computed from the stylesheets themselves (AtlantaFX Primer's
 * palette under the app's own overrides) in the light, dark and both high-contrast themes: every pair
 * of text and background colour the views use must reach WCAG 2.1 AA for normal text, 4.5 : 1.
 */
class ContrastTest {
    private static final Pattern BLOCK = Pattern.compile("(?m)^(\\.root[^{,]*)\\{([^}]*)}");
    private static final Pattern DECL = Pattern.compile("(-[\\w-]+)\\s*:\\s*([^;]+);");

    /** Text colour on background colour, as the stylesheets name them. */
    private static final List<String[]> PAIRS = List.of(
            new String[] {"-color-fg-default", "-color-bg-default"},
            new String[] {"-color-fg-default", "-color-bg-subtle"},   // the side bar, the lesson panel, cards
            new String[] {"-color-fg-muted", "-color-bg-default"},     // captions, notes
            new String[] {"-color-fg-muted", "-color-bg-subtle"},      // the lesson's title and position
            new String[] {"-color-danger-fg", "-color-bg-default"},    // problems, a lesson's mismatch
            new String[] {"-color-danger-fg", "-color-bg-subtle"},
            new String[] {"-color-accent-fg", "-color-bg-default"},
            new String[] {"-color-success-fg", "-color-bg-default"},
            new String[] {"-cs-ink", "-cs-paper"});                    // the ink on the drawing pad

    @Test
    void everyTextColourReachesWcagAaInEveryTheme() throws IOException {
        List<String> failures = new ArrayList<>();
        for (boolean dark : new boolean[] {false, true}) {
            for (boolean contrast : new boolean[] {false, true}) {
                Map<String, String> vars = palette(dark, contrast);
                for (String[] p : PAIRS) {
                    double ratio = ratio(resolve(vars, p[0]), resolve(vars, p[1]));
                    if (ratio < 4.5) {
                        failures.add(String.format("%s%s: %s on %s is %.2f : 1", dark ? "dark" : "light",
                                contrast ? " high contrast" : "", p[0], p[1], ratio));
                    }
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void theRatioIsWcags() {
        assertEquals(21, ratio(Color.BLACK, Color.WHITE), 1e-9);
        assertEquals(1, ratio(Color.web("#777777"), Color.web("#777777")), 1e-9);
        assertEquals(4.48, ratio(Color.web("#777777"), Color.WHITE), 0.01); // the classic grey that just fails AA
    }

    /** The variables of {@code .root} in the theme, then the app's {@code .root}, {@code .root.dark}, … in cascade order. */
    private static Map<String, String> palette(boolean dark, boolean contrast) throws IOException {
        Map<String, String> vars = new HashMap<>();
        String theme = read("/atlantafx/base/theme/primer-" + (dark ? "dark" : "light") + ".css");
        String app = read("/org/convscope/app/common/app.css");
        declare(vars, theme, ".root");
        declare(vars, app, ".root");
        if (dark) declare(vars, app, ".root.dark");
        if (contrast) declare(vars, app, ".root.high-contrast");
        if (dark && contrast) declare(vars, app, ".root.dark.high-contrast");
        return vars;
    }

    private static void declare(Map<String, String> vars, String css, String selector) {
        Matcher b = BLOCK.matcher(css);
        while (b.find()) {
            if (!b.group(1).strip().equals(selector)) continue;
            Matcher d = DECL.matcher(b.group(2));
            while (d.find()) vars.put(d.group(1), d.group(2).strip());
        }
    }

    private static Color resolve(Map<String, String> vars, String name) {
        String v = name;
        for (int i = 0; i < 10 && v.startsWith("-"); i++) {
            String next = vars.get(v);
            if (next == null) throw new AssertionError("the stylesheets do not define " + v);
            v = next;
        }
        return Color.web(v);
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = ContrastTest.class.getResourceAsStream(resource)) {
            if (in == null) throw new AssertionError(resource + " is not on the classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** WCAG 2.1: (L1 + 0.05) / (L2 + 0.05) of the relative luminances, lighter over darker. */
    static double ratio(Color a, Color b) {
        double la = luminance(a), lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(Color c) {
        return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
    }

    private static double linear(double s) {
        return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    }
}

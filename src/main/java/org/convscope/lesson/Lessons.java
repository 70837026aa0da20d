package org.convscope.lesson;

import org.convscope.data.Assets;
import org.convscope.engine.Presets;
import org.convscope.trace.KernelPreset;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.convscope.lesson.JsonTree.Arr;
import org.convscope.lesson.JsonTree.Node;
import org.convscope.lesson.JsonTree.Obj;
import org.convscope.lesson.JsonTree.Value;

/**
 * Reads lesson files and checks them against the lesson format ({@code assets/lessons/README.md}):
 * every key known and in its place, every value of its type and range, so that a lesson that loads
 * can be run. A file that does not fit is refused with its line and the reason.
 */
public final class Lessons {
    /** The shipped lessons' folder under {@code assets/}, and the file listing them in order. */
    public static final String FOLDER = "lessons/";
    public static final String INDEX = FOLDER + "index.txt";
    /** Lesson files larger than this are refused unread (a lesson is a few kB). */
    public static final long MAX_BYTES = 1 << 20;

    private static final Set<String> LESSON_KEYS = Set.of("title", "summary", "steps");
    private static final Set<String> STEP_KEYS = Set.of("title", "text", "action", "expect", "tryIt");
    private static final Set<String> TRY_KEYS = Set.of("condition", "task");

    private final String source;

    private Lessons(String source) {
        this.source = source;
    }

    /** The lessons shipped in {@code assets/lessons/}, in the order of its {@code index.txt}. */
    public static List<Lesson> shipped(Assets assets) throws LessonFormatException {
        List<Lesson> lessons = new ArrayList<>();
        for (String name : shippedNames(assets)) {
            try (InputStream in = assets.open(FOLDER + name)) {
                if (in == null) throw new LessonFormatException(assets.describe(INDEX), 0, "lists " + name + ", which is missing");
                lessons.add(parse(in.readNBytes((int) MAX_BYTES + 1), assets.source(FOLDER + name)));
            } catch (IOException e) {
                throw new LessonFormatException(assets.source(FOLDER + name), 0, "could not be read: " + e.getMessage());
            }
        }
        return lessons;
    }

    /** The file names {@code index.txt} lists (one a line; blank lines and {@code #} comments skipped). */
    static List<String> shippedNames(Assets assets) throws LessonFormatException {
        try (InputStream in = assets.open(INDEX)) {
            if (in == null) throw new LessonFormatException(assets.describe(INDEX), 0, "the list of lessons is missing");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new LessonFormatException(assets.describe(INDEX), 0, "could not be read: " + e.getMessage());
        }
    }

    /** A teacher's own lesson file. */
    public static Lesson read(Path file) throws LessonFormatException {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        try {
            if (!Files.isRegularFile(file)) throw new LessonFormatException(name, 0, "no such file");
            if (Files.size(file) > MAX_BYTES) throw new LessonFormatException(name, 0, "larger than a lesson can be (1 MB)");
            return parse(Files.readAllBytes(file), name);
        } catch (IOException e) {
            throw new LessonFormatException(name, 0, "could not be read: " + e.getMessage());
        }
    }

    /** Parses and checks a lesson file's bytes (UTF-8). {@code source} names it in messages. */
    public static Lesson parse(byte[] bytes, String source) throws LessonFormatException {
        if (bytes.length > MAX_BYTES) throw new LessonFormatException(source, 0, "larger than a lesson can be (1 MB)");
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        String text;
        try {
            text = decoder.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new LessonFormatException(source, 0, "not UTF-8 text (save the file as UTF-8)");
        }
        if (text.startsWith("\uFEFF")) text = text.substring(1); // a byte-order mark some editors write
        if (text.isBlank()) throw new LessonFormatException(source, 0, "the file is empty");
        return parse(new java.io.StringReader(text), source);
    }

    /** Parses and checks a lesson from {@code text}. */
    public static Lesson parse(Reader text, String source) throws LessonFormatException {
        Node root = JsonTree.read(new BufferedReader(text), source);
        return new Lessons(source).lesson(root);
    }

    // ---- the format ----------------------------------------------------------------------------

    private Lesson lesson(Node root) throws LessonFormatException {
        Obj o = object(root, "the lesson");
        keys(o, LESSON_KEYS, "a lesson");
        String title = text(o, "title", true);
        String summary = o.members().containsKey("summary") ? text(o, "summary", true) : "";
        Node stepsNode = required(o, "steps");
        if (!(stepsNode instanceof Arr steps)) throw error(stepsNode.line(), "\"steps\" must be a list [ … ] of steps");
        if (steps.items().isEmpty()) throw error(steps.line(), "a lesson needs at least one step");
        List<LessonStep> list = new ArrayList<>();
        for (int i = 0; i < steps.items().size(); i++) list.add(step(steps.items().get(i), i + 1));
        return new Lesson(title, summary, list, source);
    }

    private LessonStep step(Node node, int number) throws LessonFormatException {
        Obj o = object(node, "step " + number);
        keys(o, STEP_KEYS, "a step");
        String title = text(o, "title", true);
        String body = text(o, "text", true);
        LessonAction action = action(object(required(o, "action"), "the \"action\" of step " + number));
        Map<Expectation, String> expect = new EnumMap<>(Expectation.class);
        if (o.members().containsKey("expect")) expect = expect(object(o.members().get("expect"), "\"expect\""));
        TryIt tryIt = null;
        if (o.members().containsKey("tryIt")) {
            Obj t = object(o.members().get("tryIt"), "\"tryIt\"");
            keys(t, TRY_KEYS, "\"tryIt\"");
            String condition = choice(t, "condition", conditionKeys());
            TryIt.Condition c = null;
            for (TryIt.Condition k : TryIt.Condition.values()) if (k.key.equals(condition)) c = k;
            tryIt = new TryIt(c, text(t, "task", true));
        }
        return new LessonStep(title, body, action, expect, tryIt, o.line());
    }

    private static List<String> conditionKeys() {
        List<String> keys = new ArrayList<>();
        for (TryIt.Condition c : TryIt.Condition.values()) keys.add(c.key);
        return keys;
    }

    private LessonAction action(Obj o) throws LessonFormatException {
        String viewName = choice(o, "view", viewKeys());
        LessonAction.View view = null;
        for (LessonAction.View v : LessonAction.View.values()) if (v.key.equals(viewName)) view = v;
        Set<String> allowed = new LinkedHashSet<>(view.keys);
        allowed.add("view");
        for (String key : o.members().keySet()) {
            if (allowed.contains(key)) continue;
            boolean elsewhere = false;
            for (LessonAction.View v : LessonAction.View.values()) elsewhere |= v.keys.contains(key);
            throw error(o.keyLines().get(key), elsewhere
                    ? "\"" + key + "\" does not apply to the " + view.key + " view (it takes " + list(view.keys) + ")"
                    : "unknown key \"" + key + "\" in an action (the " + view.key + " view takes " + list(view.keys) + ")");
        }
        if (o.members().containsKey("step") && o.members().containsKey("outputCell")) {
            throw error(o.keyLines().get("outputCell"), "give \"step\" or \"outputCell\", not both");
        }
        boolean pooling = view == LessonAction.View.POOLING;
        String kernel = null;
        if (o.members().containsKey("kernel")) {
            kernel = text(o, "kernel", true);
            if (!kernel.equals("learned")) {
                try {
                    KernelPreset.parse(kernel);
                } catch (IllegalArgumentException e) {
                    throw error(o.keyLines().get("kernel"), "\"kernel\": " + e.getMessage() + ", or learned");
                }
            }
        }
        String padding = null;
        if (o.members().containsKey("padding")) {
            Node p = o.members().get("padding");
            if (p instanceof Value v && v.value() instanceof Double) {
                if (pooling) throw error(p.line(), "\"padding\" of pooling is \"valid\" or \"same\"");
                padding = String.valueOf(whole(o, "padding", 0, 4));
            } else {
                padding = choice(o, "padding", List.of("valid", "same"));
            }
        }
        return new LessonAction(view,
                o.members().containsKey("input") ? choice(o, "input", LessonAction.INPUTS) : null,
                kernel,
                optionalWhole(o, "kernelSize", 1, 7),
                optionalWhole(o, "stride", 1, pooling ? 5 : 4),
                padding,
                optionalWhole(o, "dilation", 1, 3),
                optionalWhole(o, "step", 1, 1_000_000),
                cell(o, "outputCell", 0),
                cell(o, "highlight", -4),
                o.members().containsKey("pooling") ? choice(o, "pooling", LessonAction.POOLINGS) : null,
                optionalWhole(o, "poolSize", 1, 5),
                o.members().containsKey("model") ? choice(o, "model", LessonAction.MODELS) : null,
                o.members().containsKey("layer") ? text(o, "layer", true) : null,
                optionalWhole(o, "filter", 0, 1023),
                o.members().containsKey("page") ? choice(o, "page", LessonAction.PAGES) : null,
                o.members().containsKey("clear") ? bool(o, "clear") : null,
                o.members().containsKey("preset") ? choice(o, "preset", Presets.NAMES) : null,
                optionalWhole(o, "epochs", 1, 100),
                o.members().containsKey("dropout") ? fraction(o, "dropout", 0, 0.9) : null,
                optionalWhole(o, "batchSize", 1, 4096),
                o.members().containsKey("seed") ? (long) whole(o, "seed", 0, Integer.MAX_VALUE) : null,
                o.members().containsKey("sample") ? text(o, "sample", true) : null,
                o.members().containsKey("explain") ? choice(o, "explain", LessonAction.EXPLANATIONS) : null,
                optionalWhole(o, "explainClass", 0, 999),
                o.members().containsKey("explanations") ? bool(o, "explanations") : null,
                o.members().containsKey("epsilon") ? fraction(o, "epsilon", 0, 0.5) : null);
    }

    private static List<String> viewKeys() {
        List<String> keys = new ArrayList<>();
        for (LessonAction.View v : LessonAction.View.values()) keys.add(v.key);
        return keys;
    }

    private Map<Expectation, String> expect(Obj o) throws LessonFormatException {
        Map<Expectation, String> out = new EnumMap<>(Expectation.class);
        for (String key : o.members().keySet()) {
            Expectation e = null;
            for (Expectation x : Expectation.values()) if (x.key.equals(key)) e = x;
            if (e == null) {
                List<String> known = new ArrayList<>();
                for (Expectation x : Expectation.values()) known.add(x.key);
                throw error(o.keyLines().get(key), "unknown key \"" + key + "\" in \"expect\" (known: " + list(known) + ")");
            }
            out.put(e, e.number ? String.valueOf(whole(o, key, 0, Integer.MAX_VALUE)) : text(o, key, true));
        }
        return out;
    }

    // ---- typed values --------------------------------------------------------------------------

    private Obj object(Node node, String what) throws LessonFormatException {
        if (node instanceof Obj o) return o;
        throw error(node.line(), what + " must be an object { … }");
    }

    private void keys(Obj o, Set<String> known, String what) throws LessonFormatException {
        for (String key : o.members().keySet()) {
            if (!known.contains(key)) {
                throw error(o.keyLines().get(key), "unknown key \"" + key + "\" in " + what + " (known: " + list(known.stream().sorted().toList()) + ")");
            }
        }
    }

    private Node required(Obj o, String key) throws LessonFormatException {
        Node n = o.members().get(key);
        if (n == null) throw error(o.line(), "\"" + key + "\" is missing");
        return n;
    }

    private String text(Obj o, String key, boolean nonBlank) throws LessonFormatException {
        Node n = required(o, key);
        if (!(n instanceof Value v) || !(v.value() instanceof String s)) throw error(n.line(), "\"" + key + "\" must be text in quotes");
        if (nonBlank && s.isBlank()) throw error(n.line(), "\"" + key + "\" is empty");
        return s.strip();
    }

    private String choice(Obj o, String key, List<String> allowed) throws LessonFormatException {
        Node n = required(o, key);
        String s = n instanceof Value v && v.value() instanceof String t ? t : null;
        if (s == null || !allowed.contains(s)) {
            throw error(n.line(), "\"" + key + "\" must be one of " + list(allowed) + ", not " + shown(n));
        }
        return s;
    }

    private boolean bool(Obj o, String key) throws LessonFormatException {
        Node n = required(o, key);
        if (n instanceof Value v && v.value() instanceof Boolean b) return b;
        throw error(n.line(), "\"" + key + "\" must be true or false, not " + shown(n));
    }

    private int whole(Obj o, String key, int min, int max) throws LessonFormatException {
        Node n = required(o, key);
        if (n instanceof Value v && v.value() instanceof Double d && d == Math.rint(d) && !v.text().contains(".")
                && !v.text().toLowerCase().contains("e") && d >= min && d <= max) {
            return (int) Math.round(d);
        }
        throw error(n.line(), "\"" + key + "\" must be a whole number from " + min + " to " + max + ", not " + shown(n));
    }

    private Integer optionalWhole(Obj o, String key, int min, int max) throws LessonFormatException {
        return o.members().containsKey(key) ? whole(o, key, min, max) : null;
    }

    private double fraction(Obj o, String key, double min, double max) throws LessonFormatException {
        Node n = required(o, key);
        if (n instanceof Value v && v.value() instanceof Double d && d >= min && d <= max) return d;
        throw error(n.line(), "\"" + key + "\" must be a number from " + min + " to " + max + ", not " + shown(n));
    }

    private LessonAction.Cell cell(Obj o, String key, int min) throws LessonFormatException {
        Node n = o.members().get(key);
        if (n == null) return null;
        if (n instanceof Arr a && a.items().size() == 2 && a.items().stream().allMatch(i -> i instanceof Value v
                && v.value() instanceof Double d && d == Math.rint(d) && d >= min && d <= 10_000)) {
            return new LessonAction.Cell((int) (double) (Double) ((Value) a.items().get(0)).value(),
                    (int) (double) (Double) ((Value) a.items().get(1)).value());
        }
        throw error(n.line(), "\"" + key + "\" must be [row, column], two whole numbers from " + min);
    }

    private static String shown(Node n) {
        if (n instanceof Value v) return v.value() instanceof String ? "\"" + v.text() + "\"" : v.text();
        return n instanceof Arr ? "a list" : "an object";
    }

    private static String list(java.util.Collection<String> names) {
        return names.isEmpty() ? "nothing else" : String.join(", ", names);
    }

    private LessonFormatException error(int line, String reason) {
        return new LessonFormatException(source, line, reason);
    }
}

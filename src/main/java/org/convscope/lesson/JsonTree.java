package org.convscope.lesson;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;

import java.io.EOFException;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON read into a tree whose every value knows its line, so that a lesson's validator can say
 * where a wrong value is. Gson's {@link JsonReader} reads the text (and reports syntax errors with
 * their position); its location string is the only public view of the line, hence the pattern.
 */
final class JsonTree {
    private static final Pattern LINE = Pattern.compile(" at line (\\d+) column \\d+");
    /** Deeper nesting than any lesson needs is refused before it can exhaust the stack. */
    private static final int MAX_DEPTH = 32;

    private JsonTree() {
    }

    /** A value and the line it starts on. */
    sealed interface Node permits Obj, Arr, Value {
        int line();
    }

    /** An object: members in file order, and the line of each key. */
    record Obj(Map<String, Node> members, Map<String, Integer> keyLines, int line) implements Node {
    }

    record Arr(List<Node> items, int line) implements Node {
    }

    /** A string, a number (as {@link Double}, with its text), a boolean, or null. */
    record Value(Object value, String text, int line) implements Node {
    }

    /** Reads one JSON value filling the whole text; syntax errors become a {@link LessonFormatException}. */
    static Node read(Reader text, String source) throws LessonFormatException {
        JsonReader reader = new JsonReader(text);
        try {
            Node root = value(reader, source, 0);
            int end = line(reader);
            boolean trailing;
            try {
                trailing = reader.peek() != JsonToken.END_DOCUMENT;
            } catch (MalformedJsonException e) { // strict Gson refuses a second value before saying what it is
                trailing = true;
            }
            if (trailing) throw new LessonFormatException(source, end, "more text after the lesson's closing }");
            return root;
        } catch (MalformedJsonException | IllegalStateException e) {
            throw syntax(source, e.getMessage());
        } catch (EOFException e) {
            throw new LessonFormatException(source, line(reader), "the file ends too early: a closing } or ] is missing");
        } catch (IOException e) {
            throw new LessonFormatException(source, 0, "could not be read: " + e.getMessage());
        }
    }

    private static Node value(JsonReader reader, String source, int depth) throws IOException, LessonFormatException {
        if (depth > MAX_DEPTH) throw new LessonFormatException(source, line(reader), "nested deeper than " + MAX_DEPTH + " levels");
        JsonToken token = reader.peek();
        int line = line(reader);
        switch (token) {
            case BEGIN_OBJECT -> {
                reader.beginObject();
                Map<String, Node> members = new LinkedHashMap<>();
                Map<String, Integer> keyLines = new LinkedHashMap<>();
                while (reader.hasNext()) {
                    reader.peek();
                    int keyLine = line(reader);
                    String name = reader.nextName();
                    if (members.containsKey(name)) {
                        throw new LessonFormatException(source, keyLine, "\"" + name + "\" is given twice (first on line "
                                + keyLines.get(name) + ")");
                    }
                    keyLines.put(name, keyLine);
                    members.put(name, value(reader, source, depth + 1));
                }
                reader.endObject();
                return new Obj(members, keyLines, line);
            }
            case BEGIN_ARRAY -> {
                reader.beginArray();
                List<Node> items = new ArrayList<>();
                while (reader.hasNext()) items.add(value(reader, source, depth + 1));
                reader.endArray();
                return new Arr(items, line);
            }
            case STRING -> {
                String s = reader.nextString();
                return new Value(s, s, line);
            }
            case NUMBER -> {
                String s = reader.nextString(); // the text as written, so 2.0 and 2 can be told apart
                return new Value(Double.parseDouble(s), s, line);
            }
            case BOOLEAN -> {
                boolean b = reader.nextBoolean();
                return new Value(b, String.valueOf(b), line);
            }
            case NULL -> {
                reader.nextNull();
                return new Value(null, "null", line);
            }
            default -> throw new LessonFormatException(source, line, "unexpected " + token);
        }
    }

    /** The reader's current line (the line of the token just peeked). */
    private static int line(JsonReader reader) {
        Matcher m = LINE.matcher(reader.toString());
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** Gson's "Unterminated object at line 3 column 5 path $.steps[0]\nSee https://…" as line 3 and the reason. */
    private static LessonFormatException syntax(String source, String message) {
        String text = message == null ? "not valid JSON" : message.lines().findFirst().orElse(message);
        Matcher m = LINE.matcher(text);
        int line = m.find() ? Integer.parseInt(m.group(1)) : 0;
        String reason = (m.find(0) ? text.substring(0, m.start()) : text).trim();
        if (reason.contains("setStrictness")) { // Gson's advice to a programmer, not to a teacher
            reason = "a value that is not JSON (text needs \"double quotes\"; no comments, no comma before } or ])";
        }
        return new LessonFormatException(source, line, "not valid JSON: " + lowerFirst(reason));
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}

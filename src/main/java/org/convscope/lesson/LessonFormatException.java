package org.convscope.lesson;

/**
 * A lesson file that cannot be used: where (the file and its line) and why, in words a teacher
 * can act on, e.g. {@code my-lesson.json, line 12: "stride" must be a whole number from 1 to 4, not "two"}.
 */
public final class LessonFormatException extends Exception {
    private final String source;
    private final int line;
    private final String reason;

    /** {@code line} is 1-based; 0 when the problem is not at one line (e.g. an empty file). */
    public LessonFormatException(String source, int line, String reason) {
        super(source + (line > 0 ? ", line " + line : "") + ": " + reason);
        this.source = source;
        this.line = line;
        this.reason = reason;
    }

    public String source() {
        return source;
    }

    /** The 1-based line of the problem, 0 when none applies. */
    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}

package org.convscope.lesson;

/**
 * What a step says the view shows once its action ran; a lesson's numbers are checked against the
 * engine's own through these (when the step is shown, and by the test that runs every shipped lesson).
 */
public enum Expectation {
    /** The output size of the convolution or pooling, e.g. {@code 3×3}. */
    OUTPUT("output", false),
    /** The input's size as the window sees it, padding included, e.g. {@code 6×6}. */
    PADDED_INPUT("paddedInput", false),
    /** How many steps (output cells) the trace has. */
    STEPS("steps", true),
    /** Text the current step's equation contains, e.g. {@code = 138}. */
    EQUATION("equation", false),
    /** Text the output-size formulas contain, e.g. {@code floor((5 + 2·1 − 3) / 2) + 1 = 3}. */
    FORMULA("formula", false),
    /** The parameter count of the model the view shows. */
    PARAMETERS("parameters", true),
    /** The name of the model the view shows (e.g. {@code seed-001}). */
    MODEL("model", false),
    /** The class the network answers (draw: for the input; fool: for the attacked input), e.g. {@code 7}. */
    PREDICTION("prediction", false),
    /** The class the "Why?" overlay explains (draw), e.g. {@code 7}. */
    EXPLAINED("explained", false),
    /** Text the selected layer's "Connected to" cell of the summary contains (maps), e.g. {@code re_lu}. */
    CONNECTED_TO("connectedTo", false);

    /** The key in lesson files. */
    public final String key;
    /** Whether the value is a whole number (else text). */
    public final boolean number;

    Expectation(String key, boolean number) {
        this.key = key;
        this.number = number;
    }

    /** Whether {@code shown} meets {@code expected}: numbers and sizes equal, text contained. */
    public boolean isMetBy(String expected, String shown) {
        if (shown == null) return false;
        return switch (this) {
            case EQUATION, FORMULA, CONNECTED_TO -> normalise(shown).contains(normalise(expected));
            default -> shown.equals(expected);
        };
    }

    /** Lesson files may write {@code x}, {@code *} and {@code -} for ×, · and −. */
    private static String normalise(String s) {
        return s.replace('−', '-').replace('·', '*').replace('×', '*').replace('x', '*').replaceAll("\\s+", " ");
    }
}

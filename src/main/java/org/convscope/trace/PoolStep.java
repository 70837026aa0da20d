package org.convscope.trace;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One output cell of pooling over one channel. {@code window} lists the window's cells row-major,
 * padding cells included but marked: as in TensorFlow they take no part (a max ignores them, an
 * average divides by the real cells only). For max pooling {@code winner} is the index in
 * {@code window} of the first largest real cell; for average it is −1.
 */
public record PoolStep(int index, int outRow, int outCol, PoolTrace.Kind kind, List<Cell> window, int winner,
                       float output) implements StepTrace.Step {

    /** Input cell {@code (row, col)} (a padding position when {@code padding}). */
    public record Cell(int row, int col, float value, boolean padding) {
    }

    /** The cells that count: the window without its padding. */
    public List<Cell> realCells() {
        return window.stream().filter(c -> !c.padding()).toList();
    }

    /** {@code max(1, 3, 2, 4) = 4} or {@code (1 + 3 + 2 + 4) / 4 = 2.5}. */
    public String equation() {
        List<Cell> real = realCells();
        String values = real.stream().map(c -> Numbers.format(c.value()))
                .collect(Collectors.joining(kind == PoolTrace.Kind.MAX ? ", " : " + "));
        return kind == PoolTrace.Kind.MAX
                ? "max(" + values + ") = " + Numbers.format(output)
                : "(" + values + ") / " + real.size() + " = " + Numbers.format(output);
    }
}

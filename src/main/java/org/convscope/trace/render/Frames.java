package org.convscope.trace.render;

import org.convscope.trace.ActivationNames;
import org.convscope.trace.ConvStep;
import org.convscope.trace.ConvTrace;
import org.convscope.trace.Geometry;
import org.convscope.trace.Grid;
import org.convscope.trace.Numbers;
import org.convscope.trace.PoolStep;
import org.convscope.trace.PoolTrace;

import java.util.ArrayList;
import java.util.List;

/** Builds the {@link Frame} of a step: a pure function of the trace and the step index. */
public final class Frames {
    private Frames() {
    }

    /** Input channels shown side by side; deeper stacks show the first channel only. */
    public static final int MAX_CHANNELS_SHOWN = 3;

    private static final String[] RGB = {"R", "G", "B"};

    public static String channelName(int channel, int channels) {
        return channels == 3 ? RGB[channel] : "channel " + channel;
    }

    /** Frame {@code step} of a convolution; {@code shownChannel} picks the channel shown for deep inputs. */
    public static Frame conv(ConvTrace trace, int step, int shownChannel) {
        Geometry g = trace.geometry();
        ConvStep s = trace.step(step);
        int channels = g.channels();
        List<GridPicture.Cell> window = new ArrayList<>();
        for (ConvStep.Term t : s.terms(0)) window.add(new GridPicture.Cell(t.row(), t.col()));
        float[] inRange = trace.input().range();
        List<GridPicture> inputs = new ArrayList<>();
        List<GridPicture> kernels = new ArrayList<>();
        float[] kRange = trace.kernel().range();
        float kMax = Math.max(Math.abs(kRange[0]), Math.abs(kRange[1]));
        for (int c : shownChannels(channels, shownChannel)) {
            String name = channels == 1 ? "input" : "input " + channelName(c, channels);
            inputs.add(new GridPicture(name + " " + g.inH() + "×" + g.inW(), trace.input().channel(c), inRange[0],
                    inRange[1], g.padTop(), g.padBottom(), g.padLeft(), g.padRight(), window, null, null,
                    g.inH() * g.inW(), g.droppedRows(), g.droppedCols(), true));
            kernels.add(GridPicture.plain(channels == 1 ? "kernel" : "kernel " + channelName(c, channels),
                    trace.kernel().channel(c), -kMax, kMax));
        }
        Grid out = trace.output();
        float[] oRange = out.range();
        GridPicture output = new GridPicture("output " + g.outH() + "×" + g.outW(), out, oRange[0], oRange[1],
                0, 0, 0, 0, List.of(), null, new GridPicture.Cell(s.outRow(), s.outCol()), step + 1, 0, 0, true);
        List<String> equation = new ArrayList<>();
        for (int c : shownChannels(channels, shownChannel)) {
            equation.add((channels == 1 ? "" : channelName(c, channels) + ": ") + s.channelEquation(c));
        }
        if (channels > MAX_CHANNELS_SHOWN) equation.add("… and " + (channels - 1) + " more channel sums");
        equation.add(channels > MAX_CHANNELS_SHOWN
                ? "Σ of " + channels + " channel sums + " + Numbers.factor(s.bias()) + " (bias) = " + Numbers.format(s.preActivation())
                : s.biasEquation());
        equation.add(s.activationEquation());
        String title = "Conv " + g.kernelH() + "×" + g.kernelW() + ", stride " + g.strideH() + ", dilation "
                + g.dilationH() + ", " + ActivationNames.of(trace.activation()) + " — output (" + s.outRow() + ", "
                + s.outCol() + "), step " + (step + 1) + " / " + trace.stepCount();
        return new Frame(title, inputs, kernels, output, equation, formulas(g));
    }

    /** Frame {@code step} of pooling over the trace's channel. */
    public static Frame pool(PoolTrace trace, int step) {
        Geometry g = trace.geometry();
        PoolStep s = trace.step(step);
        List<GridPicture.Cell> window = s.window().stream().map(c -> new GridPicture.Cell(c.row(), c.col())).toList();
        GridPicture.Cell winner = s.winner() < 0 ? null
                : new GridPicture.Cell(s.window().get(s.winner()).row(), s.window().get(s.winner()).col());
        Grid in = trace.input().channel(trace.channel());
        float[] inRange = in.range();
        GridPicture input = new GridPicture("input " + g.inH() + "×" + g.inW(), in, inRange[0], inRange[1],
                g.padTop(), g.padBottom(), g.padLeft(), g.padRight(), window, winner, null, g.inH() * g.inW(),
                g.droppedRows(), g.droppedCols(), false);
        Grid out = trace.output();
        GridPicture output = new GridPicture("output " + g.outH() + "×" + g.outW(), out, inRange[0], inRange[1],
                0, 0, 0, 0, List.of(), null, new GridPicture.Cell(s.outRow(), s.outCol()), step + 1, 0, 0, true);
        String title = (trace.kind() == PoolTrace.Kind.MAX ? "Max" : "Average") + " pooling " + g.kernelH() + "×"
                + g.kernelW() + ", stride " + g.strideH() + " — output (" + s.outRow() + ", " + s.outCol() + "), step "
                + (step + 1) + " / " + trace.stepCount();
        List<String> equation = s.realCells().size() < s.window().size()
                ? List.of("the window hangs over the padding: those cells take no part", s.equation())
                : List.of(s.equation());
        return new Frame(title, List.of(input), List.of(), output, equation, formulas(g));
    }

    /**
     * The steps a GIF of at most {@code max} frames shows: every step when there are few enough,
     * else evenly spaced ones, always the first and the last (a 784-step run would make a 40 MB GIF).
     */
    public static int[] sampledSteps(int count, int max) {
        if (max < 2) throw new IllegalArgumentException("a GIF needs at least 2 frames, got " + max);
        int n = Math.min(count, max);
        int[] steps = new int[n];
        for (int i = 0; i < n; i++) steps[i] = n == 1 ? 0 : (int) Math.round(i * (count - 1) / (double) (n - 1));
        return steps;
    }

    /** The output-size formulas, rows then columns. */
    public static List<String> formulas(Geometry g) {
        List<String> lines = new ArrayList<>();
        lines.add("rows:    " + g.rowFormula() + dropped(g.droppedRows(), "row"));
        lines.add("columns: " + g.colFormula() + dropped(g.droppedCols(), "column"));
        return lines;
    }

    private static String dropped(int n, String what) {
        return n == 0 ? "" : "   (the floor drops " + n + " " + what + (n > 1 ? "s" : "") + ")";
    }

    private static int[] shownChannels(int channels, int shown) {
        if (channels <= MAX_CHANNELS_SHOWN) {
            int[] all = new int[channels];
            for (int c = 0; c < channels; c++) all[c] = c;
            return all;
        }
        return new int[] {Math.max(0, Math.min(shown, channels - 1))};
    }
}

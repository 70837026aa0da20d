package org.convscope.cli;

import org.convscope.engine.Activation;
import org.convscope.trace.ConvTrace;
import org.convscope.trace.Grid;
import org.convscope.trace.KernelPreset;
import org.convscope.trace.PaddingSpec;
import org.convscope.trace.PoolTrace;
import org.convscope.trace.Samples;
import org.convscope.trace.render.Frame;
import org.convscope.trace.render.FrameRenderer;
import org.convscope.trace.render.Frames;
import org.convscope.trace.render.GifWriter;
import org.convscope.trace.render.ImageInput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;

/** {@code render}: one frame (PNG) or the whole step-through (animated GIF) of convolution or pooling, for slides. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Render a step of a convolution or pooling as PNG, or every step as an animated GIF.")
final class RenderCommand implements Callable<Integer> {

    @Option(names = "--view", required = true, description = "conv or pool")
    String view;

    @Option(names = "--input", description = "an image file, or a built-in: seed (the 138 patch), toy5, toy7, blobs32, rgb8, digit "
            + "(default: seed for conv, blobs32 for pool)")
    String input;

    @Option(names = "--image-mode", defaultValue = "GREY", description = "how an image file becomes cells: GREY, RGB, "
            + "or MNIST (a digit centred in 28×28) (default ${DEFAULT-VALUE})")
    ImageInput.Mode imageMode;

    @Option(names = "--max-side", defaultValue = "28", description = "shrink image files to at most this many cells a side (default ${DEFAULT-VALUE})")
    int maxSide;

    @Option(names = "--kernel", defaultValue = "sharpen", description = "identity, vertical-edge, horizontal-edge, sobel-x, sobel-y, "
            + "sharpen, box-blur, gaussian, laplacian (default ${DEFAULT-VALUE})")
    String kernel;

    @Option(names = "--size", defaultValue = "3", description = "kernel or pool size (default ${DEFAULT-VALUE}; pooling: 2)")
    Integer size;

    @Option(names = "--stride", description = "stride (default 1 for conv, the pool size for pool)")
    Integer stride;

    @Option(names = "--padding", defaultValue = "valid", description = "valid, same, or a number of zeros on every side (conv only)")
    String padding;

    @Option(names = "--dilation", defaultValue = "1", description = "dilation (conv only, default ${DEFAULT-VALUE})")
    int dilation;

    @Option(names = "--pool", defaultValue = "max", description = "max or avg (default ${DEFAULT-VALUE})")
    String pool;

    @Option(names = "--step", description = "the step to draw, 1-based (default 1)")
    Integer step;

    @Option(names = "--gif", description = "write every step as an animated GIF")
    boolean gif;

    @Option(names = "--delay", defaultValue = "500", description = "milliseconds per GIF frame (default ${DEFAULT-VALUE})")
    int delayMs;

    @Option(names = "--max-frames", defaultValue = "200", description = "at most this many GIF frames; longer runs show "
            + "evenly spaced steps (default ${DEFAULT-VALUE})")
    int maxFrames;

    @Option(names = "--out", required = true, description = "the PNG or GIF file to write")
    Path out;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (gif && step != null) throw new IllegalArgumentException("give either --step or --gif, not both");
        Path folder = out.toAbsolutePath().getParent();
        if (folder != null && !java.nio.file.Files.isDirectory(folder)) {
            throw new IllegalArgumentException("no folder " + folder + " to write " + out.getFileName() + " into");
        }
        IntFunction<Frame> frames;
        int count;
        switch (view) {
            case "conv" -> {
                Grid in = input(input == null ? "seed" : input);
                ConvTrace trace = new ConvTrace(in, KernelPreset.parse(kernel).kernel(size, in.channels()), 0,
                        Activation.RELU, stride == null ? 1 : stride, dilation, PaddingSpec.parse(padding));
                frames = i -> Frames.conv(trace, i, 0);
                count = trace.stepCount();
            }
            case "pool" -> {
                Grid in = input(input == null ? "blobs32" : input);
                int poolSize = spec.commandLine().getParseResult().hasMatchedOption("--size") ? size : 2;
                PoolTrace.Kind kind = switch (pool) {
                    case "max" -> PoolTrace.Kind.MAX;
                    case "avg", "average" -> PoolTrace.Kind.AVERAGE;
                    default -> throw new IllegalArgumentException("--pool must be max or avg, got '" + pool + "'");
                };
                PoolTrace trace = new PoolTrace(kind, in, 0, poolSize, stride == null ? poolSize : stride,
                        PaddingSpec.parse(padding));
                frames = i -> Frames.pool(trace, i);
                count = trace.stepCount();
            }
            default -> throw new IllegalArgumentException("--view must be conv or pool, got '" + view + "'");
        }
        if (gif) {
            if (delayMs < 10) throw new IllegalArgumentException("--delay must be at least 10 ms");
            int[] steps = Frames.sampledSteps(count, maxFrames);
            GifWriter.write(out, steps.length, delayMs, i -> FrameRenderer.render(frames.apply(steps[i])));
            spec.commandLine().getOut().println("wrote " + steps.length + " frames (" + (steps.length == count
                    ? "every step" : "of " + count + " steps") + ") to " + out);
        } else {
            int s = step == null ? 1 : step;
            if (s < 1 || s > count) throw new IllegalArgumentException("--step must be 1.." + count + ", got " + s);
            if (!ImageIO.write(FrameRenderer.render(frames.apply(s - 1)), "png", out.toFile())) {
                throw new IOException("no PNG writer");
            }
            spec.commandLine().getOut().println("wrote step " + s + " of " + count + " to " + out);
        }
        return 0;
    }

    private Grid input(String name) throws IOException {
        return switch (name) {
            case "seed" -> Samples.seedPatch();
            case "toy5" -> Samples.toy5();
            case "toy7" -> Samples.toy7();
            case "blobs32" -> Samples.blobs32();
            case "rgb8" -> Samples.rgb8();
            case "digit" -> Samples.digit();
            default -> ImageInput.read(Path.of(name), imageMode, maxSide);
        };
    }
}

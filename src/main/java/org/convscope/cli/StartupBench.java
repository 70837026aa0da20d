package org.convscope.cli;

import org.convscope.app.Launcher;
import org.convscope.app.StartupProbe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench --startup}: starts the app several times as a user would (a new process, no remembered
 * settings) and prints, as median and range over the runs, how long after the process was started the
 * window's first frame appeared and the pretrained model's first answer was on screen, and how long each
 * other view took to open for the first time. The app reports its milestones on standard output when
 * {@link StartupProbe#ENV} is set.
 */
final class StartupBench {
    private static final String PREFIX = StartupProbe.PREFIX;
    private static final long TIMEOUT_SECONDS = 120;

    private static final String WINDOW = "window shown", ANSWER = "Draw view answering (pretrained model)";

    private final PrintWriter out;
    private final List<String> command;

    /** Times {@code command}, which starts the app (see {@link #appCommand}). */
    StartupBench(PrintWriter out, List<String> command) {
        this.out = out;
        this.command = List.copyOf(command);
    }

    /**
     * The command that starts this app: the packaged launcher when running from the app image (its launcher sets
     * {@code jpackage.app-path} to itself, as jpackage's does), otherwise this JVM's java with its options and class path.
     */
    static List<String> appCommand(List<String> extraJavaOptions) {
        String image = System.getProperty("jpackage.app-path");
        if (image != null) {
            if (!extraJavaOptions.isEmpty()) throw new IllegalArgumentException("--java-option applies to an app started by java, not to the packaged launcher");
            return List.of(image);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // a profiler or debugger attached to the benchmark is not wanted in the app it measures
            if (!option.startsWith("-agentlib") && !option.startsWith("-javaagent") && !option.startsWith("-XX:StartFlightRecording")) cmd.add(option);
        }
        cmd.addAll(extraJavaOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Launcher.class.getName()));
        return cmd;
    }

    /** Says plainly that the app cannot be started here when there is no screen to open its window on. */
    static void requireDisplay() {
        if (System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
            throw new IllegalArgumentException("the start-up benchmark opens the app's window and needs a display: run it on a desktop or under xvfb-run");
        }
    }

    int run(int runs) throws IOException, InterruptedException {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        out.printf("ConvScope start-up, %d runs of: %s%n(load average %.2f before; times from starting the process; CPU time: of all its threads by then)%n",
                runs, String.join(" ", command), load);
        out.flush();
        Map<String, double[]> figures = new LinkedHashMap<>();
        for (int r = 0; r < runs; r++) {
            Map<String, Double> one = runOnce();
            for (Map.Entry<String, Double> e : one.entrySet()) {
                figures.computeIfAbsent(e.getKey(), k -> new double[runs])[r] = e.getValue();
            }
            out.printf("run %d: %s%n", r + 1, describe(one));
            out.flush();
        }
        out.println("median (range) over the runs:");
        for (Map.Entry<String, double[]> e : figures.entrySet()) {
            double[] v = e.getValue().clone();
            Arrays.sort(v);
            out.printf("  %-52s %7.0f ms  (%.0f–%.0f)%n", e.getKey(), median(v), v[0], v[v.length - 1]);
        }
        out.flush();
        return 0;
    }

    /** One start of the app: each milestone's name and its time in milliseconds. */
    private Map<String, Double> runOnce() throws IOException, InterruptedException {
        Path log = Files.createTempFile("convscope-startup", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(log.toFile());
        pb.environment().put(StartupProbe.ENV, "1");
        Map<String, Double> times = new LinkedHashMap<>();
        long start = System.nanoTime();
        Process p = pb.start();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                double ms = (System.nanoTime() - start) / 1e6;
                if (!line.startsWith(PREFIX)) continue;
                String event = line.substring(PREFIX.length());
                if (event.startsWith("window ")) {
                    times.put(WINDOW, ms);
                    times.put(WINDOW + ", CPU time", cpuOf(event));
                } else if (event.startsWith("prediction ")) {
                    times.put(ANSWER, ms);
                    times.put(ANSWER + ", CPU time", cpuOf(event));
                } else if (event.startsWith("view ")) {
                    String[] parts = event.split(" ", 4); // view MS CPU_MS TITLE
                    times.put("first opening: " + parts[3], Double.parseDouble(parts[1]));
                    times.put("first opening: " + parts[3] + ", CPU time", Double.parseDouble(parts[2]));
                } else if (event.equals("done")) break;
            }
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) p.destroyForcibly();
        } finally {
            if (p.isAlive()) p.destroyForcibly();
        }
        if (!times.containsKey(ANSWER)) {
            List<String> err = Files.readAllLines(log, StandardCharsets.UTF_8);
            Files.deleteIfExists(log);
            throw new IllegalStateException("the app did not report its first answer (exit code " + p.exitValue() + ")"
                    + (err.isEmpty() ? "" : "; it printed: " + String.join(" / ", err.subList(Math.max(0, err.size() - 5), err.size()))));
        }
        Files.deleteIfExists(log);
        return times;
    }

    /** The CPU milliseconds at the end of a probe line "EVENT CPU_MS". */
    private static double cpuOf(String event) {
        return Double.parseDouble(event.substring(event.lastIndexOf(' ') + 1));
    }

    private static String describe(Map<String, Double> times) {
        List<String> parts = new ArrayList<>();
        times.forEach((milestone, ms) -> parts.add(milestone.replace("first opening: ", "") + " " + Math.round(ms) + " ms"));
        return String.join(", ", parts);
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}

package org.convscope.fuzz;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A seeded mutation fuzzer for file parsers, run as a plain JUnit test. A parser passes when, for every
 * file of its corpus and for {@code cases} seeded mutants of them (see {@link Mutations}), it either
 * returns or throws one of its declared exceptions with a message: any other exception, an
 * {@link Error} (out of memory, stack overflow) or a case still running after {@link #HANG_SECONDS} is
 * a finding. Findings are written to {@code target/fuzz-findings/<corpus>/} so that, once fixed, they
 * can be kept in the corpus as regression cases.
 * <p>
 * The corpus is {@code src/test/resources/fuzz/<corpus>/}: valid seed files and every former finding.
 * A new parser plugs in with one line, e.g.
 * {@code FuzzHarness.check("lesson-json", 500, bytes -> Lessons.parse(bytes), LessonFormatException.class)}.
 * The same cases run on every build (the seed is the corpus name); {@code -Dfuzz.cases=N} runs N per
 * parser instead and {@code -Dfuzz.seed=S} explores other mutants.
 */
public final class FuzzHarness {
    /** A case running longer than this is reported as a hang (a parser that loops on a bad length field). */
    static final int HANG_SECONDS = 20;
    private static final int MAX_REPORTED = 5;

    /** Parses one input; any return is success. */
    @FunctionalInterface
    public interface Parser {
        void parse(byte[] input) throws Exception;
    }

    /** Parses a file: for parsers that only take a path (the input is written to a temporary file). */
    @FunctionalInterface
    public interface FileParser {
        void parse(Path file) throws Exception;
    }

    private FuzzHarness() {
    }

    /** Adapts a path-taking parser: each input is written to one reused temporary file named {@code *suffix}. */
    public static Parser viaFile(String suffix, FileParser parser) {
        Path file;
        try {
            file = Files.createTempFile("fuzz", suffix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        file.toFile().deleteOnExit();
        return bytes -> {
            Files.write(file, bytes);
            parser.parse(file);
        };
    }

    /**
     * Runs the corpus and {@code cases} mutants of it through {@code parser}; fails naming every finding.
     * @param expected the exceptions that count as a clean refusal (subclasses included)
     */
    @SafeVarargs
    public static void check(String corpus, int cases, Parser parser, Class<? extends Exception>... expected) {
        List<Path> files = corpusFiles(corpus);
        assertFalse(files.isEmpty(), "fuzz corpus " + corpus + " is empty");
        List<byte[]> seeds = new ArrayList<>();
        for (Path f : files) seeds.add(read(f));
        int n = Integer.getInteger("fuzz.cases", cases);
        long seed = Long.getLong("fuzz.seed", 0L) ^ corpus.hashCode();
        Mutations mutations = new Mutations(seed);
        List<String> findings = new ArrayList<>();
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-" + corpus);
            t.setDaemon(true);
            return t;
        });
        try {
            for (int i = 0; i < seeds.size() + n && findings.size() < MAX_REPORTED; i++) {
                byte[] input = i < seeds.size() ? seeds.get(i)
                        : mutations.mutate(seeds.get((i - seeds.size()) % seeds.size()), seeds);
                String label = i < seeds.size() ? "corpus file " + files.get(i).getFileName() : "mutant " + (i - seeds.size());
                String problem = run(worker, parser, input, expected);
                if (problem != null) {
                    findings.add(label + " (saved as " + save(corpus, input) + "): " + problem);
                    if (problem.startsWith("hang")) break; // the worker is stuck in it
                }
            }
        } finally {
            worker.shutdownNow();
        }
        if (!findings.isEmpty()) fail(corpus + ": " + findings.size() + " finding(s)\n" + String.join("\n", findings));
    }

    private static String run(ExecutorService worker, Parser parser, byte[] input, Class<? extends Exception>[] expected) {
        Future<?> done = worker.submit(() -> {
            parser.parse(input);
            return null;
        });
        try {
            done.get(HANG_SECONDS, TimeUnit.SECONDS);
            return null;
        } catch (TimeoutException e) {
            done.cancel(true);
            return "hang: still running after " + HANG_SECONDS + " s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (ExecutionException e) {
            Throwable thrown = e.getCause();
            for (Class<? extends Exception> ok : expected) {
                if (ok.isInstance(thrown)) {
                    return thrown.getMessage() == null || thrown.getMessage().isBlank()
                            ? "clean refusal without a message: " + thrown : null;
                }
            }
            StringWriter trace = new StringWriter();
            thrown.printStackTrace(new PrintWriter(trace));
            return trace.toString().lines().limit(8).reduce((a, b) -> a + "\n    " + b).orElse("");
        }
    }

    private static List<Path> corpusFiles(String corpus) {
        URL url = FuzzHarness.class.getResource("/fuzz/" + corpus);
        if (url == null) throw new IllegalArgumentException("no fuzz corpus at src/test/resources/fuzz/" + corpus);
        try (Stream<Path> s = Files.list(Paths.get(url.toURI()))) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] read(Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path save(String corpus, byte[] input) {
        try {
            Path dir = Files.createDirectories(Paths.get("target", "fuzz-findings", corpus));
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(input);
            Path file = dir.resolve(HexFormat.of().formatHex(digest, 0, 8) + ".bin");
            Files.write(file, input);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

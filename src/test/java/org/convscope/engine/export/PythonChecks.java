package org.convscope.engine.export;

import org.convscope.engine.Tensor;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs the checks in {@code scripts/} with Debian's Python ({@code /usr/bin/python3} with python3-h5py,
 * python3-numpy, python3-onnx), which read the exported files without ConvScope.
 * <p>
 * Where those are missing: under CI (the {@code CI} variable set; {@code .ci/run} installs them) the
 * test fails and says what to install; on a developer's machine it is aborted with the same message
 * (JUnit reports it as skipped, with the reason), since {@code mvn verify} must pass on a fresh clone
 * with only a JDK and Maven.
 */
final class PythonChecks {
    static final Path PYTHON = Path.of("/usr/bin/python3");

    private PythonChecks() {
    }

    /** Makes sure Python can import {@code modules}, or fails (CI) / aborts (elsewhere) saying what to install. */
    static void require(String... modules) throws IOException, InterruptedException {
        String missing = null;
        if (!Files.isExecutable(PYTHON)) {
            missing = PYTHON + " is not there";
        } else {
            Result r = run(List.of(PYTHON.toString(), "-c", "import " + String.join(", ", modules)));
            if (r.exitCode != 0) missing = PYTHON + " cannot import " + String.join(", ", modules) + ": " + r.output.strip();
        }
        if (missing == null) return;
        String message = missing + "; install Debian's python3-h5py python3-numpy python3-onnx (apt-get install -y "
                + "python3-h5py python3-onnx) to run the checks of exported files that need no ConvScope";
        if (System.getenv("CI") != null) fail("CI must run this check: " + message);
        Assumptions.abort(message);
    }

    record Result(int exitCode, String output) {
    }

    /** Runs a script of scripts/ with arguments; its output (stdout and stderr) and exit code. */
    static Result script(String name, Object... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), Path.of("scripts", name).toString()));
        for (Object a : args) cmd.add(a.toString());
        return run(cmd);
    }

    /** Asserts the script passed, showing its output when it did not. */
    static String assertPasses(String name, Object... args) throws IOException, InterruptedException {
        Result r = script(name, args);
        assertEquals(0, r.exitCode, () -> name + " " + Arrays.stream(args).map(Object::toString).collect(Collectors.joining(" ")) + ":\n" + r.output);
        return r.output;
    }

    private static Result run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", cmd) + " did not finish in 120 s");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** Writes t as NumPy's .npy (float32, little-endian, C order) for the scripts to read. */
    static void writeNpy(Tensor t, Path file) throws IOException {
        String shape = Arrays.stream(t.shape()).mapToObj(Integer::toString).collect(Collectors.joining(", ", "(", t.rank() == 1 ? ",)" : ")"));
        StringBuilder header = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }");
        while ((10 + header.length() + 1) % 64 != 0) header.append(' ');
        header.append('\n');
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 4 * t.data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) header.length()).put(header.toString().getBytes(StandardCharsets.US_ASCII));
        for (float v : t.data) b.putFloat(v);
        Files.write(file, b.array());
    }
}

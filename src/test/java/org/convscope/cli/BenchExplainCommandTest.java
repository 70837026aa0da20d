package org.convscope.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchExplainCommandTest {

    @Test
    void printsAMedianAndP95ForEveryMethod() {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Cli.run(new String[] {"bench-explain", "--runs", "3", "--warmup", "0"}, new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, code, err.toString());
        String said = out.toString();
        assertTrue(said.startsWith("ConvScope bench-explain: mnist-cnn (28×28×1)"), said);
        for (String row : new String[] {"inference", "saliency", "gradient × input", "Grad-CAM (conv2d_1)", "occlusion 6×6 stride 2",
                "FGSM, 1 step", "iterated FGSM", "activation maximization"}) {
            assertTrue(said.lines().anyMatch(l -> l.startsWith(row) && l.matches(".*median +\\d+\\.\\d{3} ms +p95 +\\d+\\.\\d{3} ms$")), row + " in\n" + said);
        }
    }
}

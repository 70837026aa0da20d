package org.convscope.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StartupBenchTest {
    private static List<String> fakeApp(String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), FakeStartingApp.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    @Test
    void printsEveryRunAndTheMedianOfEachMilestone() throws Exception {
        StringWriter text = new StringWriter();
        assertEquals(0, new StartupBench(new PrintWriter(text), fakeApp()).run(3));
        String out = text.toString();
        assertEquals(3, out.lines().filter(l -> l.startsWith("run ")).count(), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("run 2: window shown \\d+ ms, window shown, CPU time 400 ms, "
                + "Draw view answering \\(pretrained model\\) \\d+ ms, Draw view answering \\(pretrained model\\), CPU time 650 ms, "
                + "Inside the network 120 ms, Inside the network, CPU time 90 ms, Pooling 30 ms, Pooling, CPU time 25 ms")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches(" +first opening: Inside the network +120 ms +\\(120–120\\)")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches(" +first opening: Inside the network, CPU time +90 ms +\\(90–90\\)")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches(" +window shown, CPU time +400 ms +\\(400–400\\)")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches(" +window shown +\\d+ ms +\\(\\d+–\\d+\\)")), out);
    }

    @Test
    void anAppThatNeverAnswersIsReportedWithWhatItPrinted() {
        StringWriter text = new StringWriter();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new StartupBench(new PrintWriter(text), fakeApp("fail")).run(2));
        assertTrue(e.getMessage().contains("exit code 1") && e.getMessage().contains("Unable to open the display"), e.getMessage());
    }

    @Test
    void theAppIsStartedByThisJavaWithTheLauncherClass() {
        List<String> cmd = StartupBench.appCommand(List.of("-Xshare:auto"));
        assertEquals("org.convscope.app.Launcher", cmd.get(cmd.size() - 1));
        assertTrue(cmd.contains("-Xshare:auto"));
        assertEquals(System.getProperty("java.class.path"), cmd.get(cmd.size() - 2));
    }
}

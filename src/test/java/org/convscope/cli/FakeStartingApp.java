package org.convscope.cli;

import org.convscope.app.StartupProbe;

/**
 * Stands in for the app in {@link StartupBenchTest}: prints the probe's lines as the app would, only when the
 * benchmark asked for them; with the argument {@code fail} it complains on standard error and quits instead.
 */
public final class FakeStartingApp {
    private FakeStartingApp() {
    }

    public static void main(String[] args) {
        if (System.getenv(StartupProbe.ENV) == null) System.exit(3);
        if (args.length > 0 && args[0].equals("fail")) {
            System.err.println("Unable to open the display");
            System.exit(1);
        }
        for (String event : new String[]{"window 400.0", "prediction 650.0", "view 120.0 90.0 Inside the network", "view 30.0 25.0 Pooling", "done"}) {
            System.out.println(StartupProbe.PREFIX + event);
        }
    }
}

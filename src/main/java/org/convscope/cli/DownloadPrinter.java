package org.convscope.cli;

import org.convscope.data.Downloader;

import java.io.PrintWriter;
import java.util.Locale;

/** Prints a download's progress: a live bar on a terminal, else a line per file. */
final class DownloadPrinter implements Downloader.Listener {
    private final PrintWriter out;
    private final boolean terminal;
    private long lastPrint;

    DownloadPrinter(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void progress(Downloader.Progress p) {
        boolean done = p.totalBytes() > 0 && p.bytes() == p.totalBytes();
        String line = String.format(Locale.ROOT, "%s %s %.1f/%s MB", p.file(), ProgressBar.bar(p.percent() / 100, 30),
                p.bytes() / 1e6, p.totalBytes() > 0 ? String.format(Locale.ROOT, "%.1f", p.totalBytes() / 1e6) : "?");
        if (terminal) {
            long now = System.nanoTime();
            if (!done && now - lastPrint < 100_000_000L) return;
            lastPrint = now;
            out.print("\r" + line + (done ? "\n" : ""));
            out.flush();
        } else if (done) {
            out.println(line);
        }
    }
}

package dev.sgplab.cli;

import java.io.PrintWriter;
import java.util.function.IntConsumer;

/**
 * Progress of long work on stderr: a line rewritten in place on a terminal, a line per tenth
 * otherwise (so logs stay short). Thread-safe: replications report from several threads.
 */
final class Progress implements IntConsumer {
    private final PrintWriter err;
    private final String label;
    private final int total;
    private final boolean terminal;
    private int lastTenth = -1;
    private long lastDraw;

    Progress(PrintWriter err, String label, int total) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.terminal = System.console() != null;
    }

    @Override
    public synchronized void accept(int done) {
        if (terminal) {
            long now = System.nanoTime();
            if (done == total || now - lastDraw > 100_000_000L) {
                lastDraw = now;
                err.printf("\r%s: %d/%d", label, done, total);
                if (done == total) {
                    err.println();
                }
                err.flush();
            }
            return;
        }
        int tenth = (int) (10L * done / total);
        if (tenth != lastTenth && (tenth > lastTenth)) {
            lastTenth = tenth;
            err.printf("%s: %d/%d%n", label, done, total);
            err.flush();
        }
    }
}

package dev.sgplab.cli;

import java.io.PrintWriter;
import java.util.function.IntConsumer;

/**
 * Progress of long work on stderr: a progress bar on a terminal, a line per tenth otherwise (so
 * logs stay short). Thread-safe: replications report from several threads.
 */
final class Progress implements IntConsumer, AutoCloseable {
    private final PrintWriter err;
    private final String label;
    private final int total;
    private final boolean terminal;
    private int lastTenth = -1;
    private me.tongfei.progressbar.ProgressBar bar;

    Progress(PrintWriter err, String label, int total) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.terminal = System.console() != null;
    }

    @Override
    public synchronized void accept(int done) {
        if (terminal) {
            if (bar == null) {
                bar = new me.tongfei.progressbar.ProgressBarBuilder().setTaskName(label).setInitialMax(total)
                        .setStyle(me.tongfei.progressbar.ProgressBarStyle.ASCII).build();
            }
            bar.stepTo(done);
            if (done == total) {
                close();
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

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}

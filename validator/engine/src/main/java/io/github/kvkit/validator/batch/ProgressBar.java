package io.github.kvkit.validator.batch;

import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Progress as one bar redrawn in place on a terminal, every second and at every graded submission:
 * {@code [██████░░░░░░░░] 7/20 graded, 3 not passed, about 1m20s left}.
 */
public final class ProgressBar implements BatchProgress {

    private static final int WIDTH = 24;

    private final PrintWriter err;
    private final ProgressCount count = new ProgressCount();
    private ScheduledExecutorService ticker;
    private int lastLength;

    public ProgressBar(PrintWriter err) {
        this.err = err;
    }

    /** Whether stderr is probably a terminal that can redraw a line: the JVM has a console and TERM is not dumb. */
    public static boolean suits() {
        return System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    @Override
    public void started(int toGrade, int unchanged) {
        count.start(toGrade);
        if (unchanged > 0) {
            err.println(unchanged + " submission" + (unchanged == 1 ? "" : "s") + " unchanged since the last run");
        }
        draw();
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kvkit-progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::draw, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void graded(Grade grade) {
        count.add(grade);
        draw();
    }

    @Override
    public void finished() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        draw();
        synchronized (this) {
            err.println();
            err.flush();
        }
    }

    private synchronized void draw() {
        int total = Math.max(1, count.total());
        int filled = (int) ((long) WIDTH * count.done() / total);
        String line = "[" + "█".repeat(filled) + "░".repeat(WIDTH - filled) + "] " + count.line();
        // pad over the end of a longer earlier line, then return to the line's start
        err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        lastLength = line.length();
        err.flush();
    }
}

package io.github.kvkit.validator.batch;

import java.time.Duration;

/**
 * Where a batch stands: graded of total, how many did not pass so far, and the time left at the pace so far (wall
 * time per graded submission, so it accounts for the submissions graded at once).
 */
final class ProgressCount {

    private final long start = System.nanoTime();
    private int total;
    private int done;
    private int notPassed;

    synchronized void start(int toGrade) {
        total = toGrade;
    }

    synchronized void add(Grade grade) {
        done++;
        if (grade.status() != GradeStatus.PASSED) {
            notPassed++;
        }
    }

    synchronized int done() {
        return done;
    }

    synchronized int total() {
        return total;
    }

    /** {@code 7/20 graded, 3 not passed, about 1m20s left}. */
    synchronized String line() {
        return done + "/" + total + " graded, " + notPassed + " not passed, " + timeLeft();
    }

    private String timeLeft() {
        if (done == total) {
            return "done in " + duration(Duration.ofNanos(System.nanoTime() - start));
        }
        if (done == 0) {
            return "time left not known yet";
        }
        long perSubmission = (System.nanoTime() - start) / done;
        return "about " + duration(Duration.ofNanos(perSubmission * (total - done))) + " left";
    }

    /** {@code 45s}, {@code 3m05s}, {@code 1h02m}. */
    static String duration(Duration d) {
        long s = Math.max(0, Math.round(d.toMillis() / 1000.0));
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(java.util.Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(java.util.Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
    }
}

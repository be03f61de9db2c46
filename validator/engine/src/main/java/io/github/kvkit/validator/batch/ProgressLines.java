package io.github.kvkit.validator.batch;

import java.io.PrintWriter;

/**
 * Progress as plain lines, one per graded submission, for a log or a CI job where redrawing a bar would only add
 * noise: {@code [ 7/20] alice: 45.5 / 70 failed; 3 not passed, about 1m20s left}.
 */
public final class ProgressLines implements BatchProgress {

    private final PrintWriter err;
    private final ProgressCount count = new ProgressCount();

    public ProgressLines(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void started(int toGrade, int unchanged) {
        count.start(toGrade);
        err.println("grading " + toGrade + " submission" + (toGrade == 1 ? "" : "s")
                + (unchanged > 0 ? " (" + unchanged + " unchanged since the last run)" : ""));
        err.flush();
    }

    @Override
    public synchronized void graded(Grade grade) {
        count.add(grade);
        String width = String.valueOf(count.total());
        err.println("[" + " ".repeat(width.length() - String.valueOf(count.done()).length()) + count.done() + "/"
                + width + "] " + grade.student() + ": " + Points.shown(grade.score()) + " / "
                + Points.shown(grade.maxScore()) + " " + grade.status().id() + "; " + count.line());
        err.flush();
    }

    @Override
    public void finished() {
        err.flush();
    }
}

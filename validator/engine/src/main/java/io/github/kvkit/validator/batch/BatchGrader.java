package io.github.kvkit.validator.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Grades a class: every submission whose fingerprint changed since the gradebook the run starts from (or that has no
 * row, or whose reports are gone, or on which kvkit failed last time), {@code jobs} at a time, each in its own child
 * JVM; the others keep their row.
 */
public final class BatchGrader {

    private final StudentGrader grader;
    private final BatchRules rules;
    private final StudentReports reports;
    private final int jobs;
    private final BatchProgress progress;

    /**
     * What a batch did.
     *
     * @param gradebook the class's gradebook
     * @param graded    how many submissions were graded in this run
     * @param unchanged how many kept their row from the last run
     */
    public record Result(Gradebook gradebook, int graded, int unchanged) {
    }

    public BatchGrader(StudentGrader grader, BatchRules rules, StudentReports reports, int jobs, BatchProgress progress) {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs " + jobs + ": expected at least 1");
        }
        this.grader = grader;
        this.rules = rules;
        this.reports = reports;
        this.jobs = jobs;
        this.progress = progress;
    }

    /** Grades {@code submissions} on {@code cases}, keeping the rows of {@code previous} that still hold. */
    public Result grade(List<Submission> submissions, List<Gradebook.CaseColumn> cases, Optional<Gradebook> previous) {
        List<Grade> grades = new ArrayList<>();
        List<Callable<Grade>> work = new ArrayList<>();
        Map<String, Grade> before = previous.map(Gradebook::byStudent).orElse(Map.of());
        for (Submission s : submissions) {
            String fingerprint = rules.fingerprint(s);
            Optional<Grade> kept = Optional.ofNullable(before.get(s.student()))
                    .filter(g -> !fingerprint.isEmpty() && g.fingerprint().equals(fingerprint))
                    .filter(g -> g.status() != GradeStatus.INTERNAL_ERROR && reports.complete(s.student()));
            if (kept.isPresent()) {
                grades.add(kept.get());
            } else {
                work.add(() -> {
                    Grade g = grader.grade(s, fingerprint);
                    progress.graded(g);
                    return g;
                });
            }
        }
        int unchanged = grades.size();
        progress.started(work.size(), unchanged);
        grades.addAll(run(work));
        progress.finished();
        return new Result(new Gradebook(rules.digest(), cases, grades), work.size(), unchanged);
    }

    private List<Grade> run(List<Callable<Grade>> work) {
        if (work.isEmpty()) {
            return List.of();
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, work.size()), r -> {
            Thread t = new Thread(r, "kvkit-grade-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Grade> out = new ArrayList<>();
            for (Future<Grade> f : pool.invokeAll(work)) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while grading the class", e);
        } catch (ExecutionException e) {
            // StudentGrader turns every failure of a submission into a row: this is kvkit's own bug
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}

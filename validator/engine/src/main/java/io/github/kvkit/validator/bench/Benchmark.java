package io.github.kvkit.validator.bench;

import io.github.kvkit.validator.plan.CasePlan;
import io.github.kvkit.validator.run.RunRecord;

import java.util.List;

/** What a track measures for {@code kvkit bench}: plans to run on the candidate, and the figures from their runs. */
public interface Benchmark {

    /** What is measured, in one line (sizes, data type). */
    String description();

    /** The plans to run on the candidate, in order, each as one case in its child JVM. */
    List<CasePlan> plans();

    /** The figures from the run of each plan, in the order of {@link #plans()}; a run may have stopped early. */
    BenchFigures figures(List<RunRecord> runs);
}

package io.github.kvkit.validator.track;

import io.github.kvkit.harness.TrackHarness;
import io.github.kvkit.validator.bench.Benchmark;
import io.github.kvkit.validator.cases.CaseFileException;
import io.github.kvkit.validator.cases.CaseFormat;
import io.github.kvkit.validator.cases.TestCase;
import io.github.kvkit.validator.observe.Observer;
import io.github.kvkit.validator.plan.CasePlan;
import io.github.kvkit.validator.result.CaseResult;
import io.github.kvkit.validator.run.RunRecord;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One challenge the engine grades: its contract, the body of its case files ({@link CaseFormat}), how a case becomes calls, the
 * reference's results and the checks that judge a run. The engine keeps everything else (the case envelope,
 * compiling, loading, running in a child JVM under limits, scoring, reports). Tracks are found with
 * {@link java.util.ServiceLoader} ({@link Tracks}); {@code docs/tracks.md} says how to add one.
 *
 * <p>The plan and expected results a track returns are its own types; the engine hands them back to the same
 * track unchanged.
 */
public interface Track extends CaseFormat {

    /** The track's side of the candidate's JVM; also its contract. */
    TrackHarness harness();

    /** The case's calls, with the arrays they pass; depends on nothing but the case. */
    CasePlan plan(TestCase tc);

    /** Whether this build has the reference, so cases without frozen results can be graded. */
    boolean hasReference();

    /** What the candidate's results must match: the case's frozen results, or the reference's on the plan. */
    Object expected(CasePlan plan);

    /**
     * How the expected results the reference computes are kept on disk between runs, or empty when this track's are
     * computed in every run. Frozen results are never kept: they are read from the case.
     */
    default Optional<CachedExpected> cachedExpected() {
        return Optional.empty();
    }

    /** Judges a run of the plan on the candidate against the expected results. */
    CaseResult judge(CasePlan plan, RunRecord run, Object expected);

    /**
     * Writes {@code tc} fully materialised to {@code target}: every array inline and the reference's results
     * frozen, so it grades without the reference. Returns the case as read back.
     *
     * @throws UnsupportedOperationException when the track cannot (its cases then always need its reference)
     */
    default TestCase materialize(TestCase tc, Path target) throws IOException, CaseFileException {
        throw new UnsupportedOperationException("track " + id() + " cannot freeze its cases; they need its reference");
    }

    /** What {@code kvkit bench} measures on a candidate of this track, or empty when the track has no benchmark. */
    default Optional<Benchmark> benchmark() {
        return Optional.empty();
    }

    /**
     * What {@code kvkit diagnose} sees in a run of this track beyond the checks' verdicts, or empty when the track
     * offers only those (diagnose then matches failed checks alone).
     */
    default Optional<Observer> observer() {
        return Optional.empty();
    }
}

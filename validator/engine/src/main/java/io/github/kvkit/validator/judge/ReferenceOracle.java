package io.github.kvkit.validator.judge;

import io.github.kvkit.validator.cases.TestCase;
import io.github.kvkit.validator.plan.CasePlan;
import io.github.kvkit.validator.track.CachedExpected;
import io.github.kvkit.validator.track.Track;
import io.github.kvkit.validator.track.Tracks;

import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * The expected results of a case, from its track: frozen in the case, or computed by the track's reference on
 * the very values the candidate gets, or read back from an {@link ExpectedCache} that kept them from an earlier run.
 */
public final class ReferenceOracle {

    /**
     * A case's expected results and the reference's CPU time on them, which sets the case's time limit. Read from a
     * cache, the time is the one measured when the results were computed, so the limit is what it would have been.
     *
     * @param results       the results, in the track's own form
     * @param referenceTime the CPU time the reference took; near zero for frozen results
     */
    public record Expected(Object results, Duration referenceTime) {
    }

    /** Each case's expected results once asked for, or null when this oracle does not remember them. */
    private final Map<TestCase, Future<Expected>> remembered;
    private final ExpectedCache cache;

    private ReferenceOracle(Map<TestCase, Future<Expected>> remembered, ExpectedCache cache) {
        this.remembered = remembered;
        this.cache = cache;
    }

    /** An oracle that asks the track every time. */
    public static ReferenceOracle create() {
        return new ReferenceOracle(null, ExpectedCache.none());
    }

    /**
     * This oracle, remembering each case's expected results in memory: a case's plan is the same every time it is
     * made, so grading many candidates on the same loaded cases, one after the other or at once, computes each case
     * once. A case asked for while another thread computes it waits for that result.
     */
    public ReferenceOracle remembering() {
        return new ReferenceOracle(Collections.synchronizedMap(new IdentityHashMap<>()), cache);
    }

    /** This oracle, reading computed results from {@code cache} and keeping those it computes there. */
    public ReferenceOracle withCache(ExpectedCache cache) {
        return new ReferenceOracle(remembered == null ? null : Collections.synchronizedMap(new IdentityHashMap<>()), cache);
    }

    /** Whether this case can be graded: it has frozen expected results or its track's reference is here. */
    public boolean canGrade(TestCase tc) {
        return tc.body().frozen() || track(tc).hasReference();
    }

    /** The expected results of the plan and the reference's time on them. */
    public Expected expected(CasePlan plan) {
        if (remembered == null) {
            return fromCacheOrComputed(plan);
        }
        FutureTask<Expected> mine = new FutureTask<>(() -> fromCacheOrComputed(plan));
        Future<Expected> task = remembered.computeIfAbsent(plan.testCase(), tc -> mine);
        if (task == mine) {
            mine.run();
        }
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the expected results of "
                    + plan.testCase().name(), e);
        } catch (ExecutionException e) {
            remembered.remove(plan.testCase(), task);   // a later caller tries again
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private Expected fromCacheOrComputed(CasePlan plan) {
        Track track = track(plan.testCase());
        Optional<CachedExpected> codec = plan.testCase().body().frozen() || cache.folder().isEmpty()
                ? Optional.empty() : track.cachedExpected();
        if (codec.isEmpty()) {
            return computed(track, plan);
        }
        ExpectedCacheKey key;
        try {
            key = ExpectedCacheKey.of(track, plan, codec.get());
        } catch (IOException e) {
            return computed(track, plan);   // what the results depend on cannot be read whole: no entry is safe
        }
        Optional<Expected> kept = cache.read(key, codec.get());
        if (kept.isPresent()) {
            return kept.get();
        }
        Expected fresh = computed(track, plan);
        cache.write(key, codec.get(), fresh);
        return fresh;
    }

    private static Expected computed(Track track, CasePlan plan) {
        ReferenceClock clock = ReferenceClock.start();
        Object results = track.expected(plan);
        return new Expected(results, clock.elapsed());
    }

    private static Track track(TestCase tc) {
        return Tracks.installed().byId(tc.track())
                .orElseThrow(() -> new IllegalStateException("no track " + tc.track() + " for " + tc.source()));
    }
}

package io.github.kvkit.harness;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * A track's side of the candidate's JVM: how its candidate class is constructed and probed, and how a case's
 * calls are made on it. The child JVM finds it by the class name the validator sends, so the engine needs no
 * list of tracks; an implementation has a public no-argument constructor.
 */
public interface TrackHarness {

    /** The interface a candidate implements, its public constructor's parameters, and the probe's arguments. */
    Contract contract();

    /**
     * One class of each package a candidate may see besides ND4J: the contract's, and any the track ships for
     * candidates. The reference and the validator are never among them. The harness's own package is on the
     * child's class path but not the compiler's.
     */
    default List<Class<?>> candidateApi() {
        return List.of(contract().type());
    }

    /**
     * The harnesses on this class path, found once with {@link ServiceLoader}
     * ({@code META-INF/services/io.github.kvkit.harness.TrackHarness}): what decides which packages a candidate sees.
     */
    static List<TrackHarness> installed() {
        return Installed.ALL;
    }

    /**
     * A fresh executor for one case of {@code candidate}.
     *
     * @param candidateClasses binary names of the candidate's classes, to find the first stack frame in the
     *                         candidate's own code when it throws
     */
    CaseExecutor newCase(Class<?> candidate, Set<String> candidateClasses);

    /** Holds {@link #installed()}. */
    final class Installed {
        private static final List<TrackHarness> ALL = load();

        private Installed() {
        }

        private static List<TrackHarness> load() {
            List<TrackHarness> found = new ArrayList<>();
            ServiceLoader.load(TrackHarness.class, TrackHarness.class.getClassLoader()).forEach(found::add);
            found.sort(Comparator.comparing(h -> h.getClass().getName()));
            return List.copyOf(found);
        }
    }

    /** Makes one case's calls in order on one candidate and records what each did. */
    interface CaseExecutor {

        /** Told every call up front, before the first runs. */
        void prepare(List<Call> calls);

        /** Makes one call; never throws for anything the candidate does but Errors it cannot survive. */
        CallOutcome execute(Call call);

        /** What the last {@link #execute} call caught, or null (the child looks for an OutOfMemoryError in it). */
        Throwable lastThrown();

        /**
         * How long the candidate's own method took in the last {@link #execute} call, in nanoseconds (not the
         * harness's work around it: building arguments, copying results), or -1 when it was not measured. A
         * benchmark ({@code kvkit bench}) reads it; the verdict never does.
         */
        default long lastCallNanos() {
            return -1;
        }
    }
}

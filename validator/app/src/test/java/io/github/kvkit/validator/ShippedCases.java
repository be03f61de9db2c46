package io.github.kvkit.validator;

import io.github.kvkit.validator.cases.CaseLoader;
import io.github.kvkit.validator.cases.TestCase;
import io.github.kvkit.validator.judge.ReferenceOracle;
import io.github.kvkit.validator.track.Track;
import io.github.kvkit.validator.track.Tracks;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** The shipped test cases, loaded once per test JVM. */
public final class ShippedCases {

    /** The kv-attention track, as the validator finds it. */
    public static final Track KV = Tracks.installed().byId("kv-attention").orElseThrow();

    public static final Lazy<List<TestCase>> ALL = new Lazy<>(() -> loader()
            .loadAll(List.of(Path.of("test-cases/kv-attention/visible"), Path.of("test-cases/kv-attention/hidden"))));

    public static final Lazy<List<TestCase>> QUICK = new Lazy<>(() -> ALL.get().stream()
            .filter(c -> !c.category().equals("stress")).toList());

    /** One oracle for the in-process runs of a test JVM: each shipped case's expected results are computed once. */
    public static final ReferenceOracle ORACLE = ReferenceOracle.create().remembering();

    private ShippedCases() {
    }

    /** A loader of kv-attention cases. */
    public static CaseLoader loader() {
        return new CaseLoader(Tracks.installed().all(), KV);
    }

    /** A value computed on first use. */
    public static final class Lazy<T> {
        private final Callable<T> compute;
        private T value;

        public Lazy(Callable<T> compute) {
            this.compute = compute;
        }

        public synchronized T get() throws Exception {
            if (value == null) {
                value = compute.call();
            }
            return value;
        }
    }
}

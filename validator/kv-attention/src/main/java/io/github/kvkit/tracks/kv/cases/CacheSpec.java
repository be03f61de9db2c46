package io.github.kvkit.tracks.kv.cases;

import io.github.kvkit.validator.cases.ArraySpec;

/** Which cache a forward call is given. */
public sealed interface CacheSpec {

    /** {@code null}: no cache. */
    record None() implements CacheSpec {
    }

    /** An empty cache, {@code [B, 0, D]} keys and values: must give the same results as no cache. */
    record Empty() implements CacheSpec {
    }

    /** The cache returned by the latest forward step that succeeded (none before the first). */
    record Carry() implements CacheSpec {
    }

    /** The cache returned by the named earlier step (for forks: two continuations of one prefix). */
    record FromStep(String stepName) implements CacheSpec {
    }

    /** Explicit arrays; either may be {@code null} to pass null. */
    record Explicit(ArraySpec key, ArraySpec value) implements CacheSpec {
    }
}

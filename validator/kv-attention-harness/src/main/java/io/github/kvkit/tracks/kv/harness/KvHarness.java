package io.github.kvkit.tracks.kv.harness;

import io.github.kvkit.api.CachedAttention;
import io.github.kvkit.data.SeededArrays;
import io.github.kvkit.harness.Contract;
import io.github.kvkit.harness.Instantiation;
import io.github.kvkit.harness.TrackHarness;

import java.lang.reflect.Constructor;
import java.util.List;
import java.util.Set;

/** The kv-attention track in the candidate's JVM: a {@link CachedAttention} built with {@code (dModel, numHeads, maxCacheLen)}. */
public final class KvHarness implements TrackHarness {

    /** The contract of {@code docs/tracks/kv-attention.md}; the probe builds {@code new C(16, 4, 32)}. */
    public static final Contract CONTRACT = new Contract(CachedAttention.class, List.of(int.class, int.class, int.class),
            List.of(16, 4, 32), List.of("dModel", "numHeads", "maxCacheLen"));

    @Override
    public Contract contract() {
        return CONTRACT;
    }

    /** The contract, and the seeded arrays a candidate's own tests may use. */
    @Override
    public List<Class<?>> candidateApi() {
        return List.of(CachedAttention.class, SeededArrays.class);
    }

    @Override
    public CaseExecutor newCase(Class<?> candidate, Set<String> candidateClasses) {
        Constructor<? extends CachedAttention> constructor;
        try {
            constructor = candidate.asSubclass(CachedAttention.class).getConstructor(CONTRACT.parameterArray());
        } catch (NoSuchMethodException | ClassCastException e) {
            throw new IllegalStateException("not a kv-attention candidate: " + candidate.getName(), e);
        }
        return new KvCallExecutor((d, h, max) -> Instantiation.construct(constructor, d, h, max), candidateClasses);
    }
}

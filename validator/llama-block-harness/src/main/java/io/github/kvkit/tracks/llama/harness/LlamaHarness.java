package io.github.kvkit.tracks.llama.harness;

import io.github.kvkit.harness.Contract;
import io.github.kvkit.harness.Instantiation;
import io.github.kvkit.harness.TrackHarness;
import io.github.kvkit.llama.BlockConfig;
import io.github.kvkit.llama.LlamaAttentionBlock;

import java.lang.reflect.Constructor;
import java.util.List;
import java.util.Set;

/** The llama-block track in the candidate's JVM: a {@link LlamaAttentionBlock} built with a {@link BlockConfig}. */
public final class LlamaHarness implements TrackHarness {

    /** The configuration the probe builds a candidate with: grouped-query attention, 2 query heads per kv head. */
    public static final BlockConfig PROBE = new BlockConfig(16, 4, 2, 32, 10000.0, 1e-5);

    /** The contract of {@code docs/tracks/llama-block.md}; the probe builds {@code new C(PROBE)}. */
    public static final Contract CONTRACT = new Contract(LlamaAttentionBlock.class, List.of(BlockConfig.class),
            List.of(PROBE), List.of("config"));

    @Override
    public Contract contract() {
        return CONTRACT;
    }

    @Override
    public CaseExecutor newCase(Class<?> candidate, Set<String> candidateClasses) {
        Constructor<? extends LlamaAttentionBlock> constructor;
        try {
            constructor = candidate.asSubclass(LlamaAttentionBlock.class).getConstructor(CONTRACT.parameterArray());
        } catch (NoSuchMethodException | ClassCastException e) {
            throw new IllegalStateException("not a llama-block candidate: " + candidate.getName(), e);
        }
        return new LlamaCallExecutor(config -> Instantiation.construct(constructor, config), candidateClasses);
    }
}

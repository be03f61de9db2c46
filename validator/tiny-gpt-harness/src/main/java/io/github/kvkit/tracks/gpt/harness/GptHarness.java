package io.github.kvkit.tracks.gpt.harness;

import io.github.kvkit.gpt.GptConfig;
import io.github.kvkit.gpt.TinyLanguageModel;
import io.github.kvkit.harness.Contract;
import io.github.kvkit.harness.Instantiation;
import io.github.kvkit.harness.TrackHarness;

import java.lang.reflect.Constructor;
import java.util.List;
import java.util.Set;

/** The tiny-gpt track in the candidate's JVM: a {@link TinyLanguageModel} built with {@code (GptConfig config)}. */
public final class GptHarness implements TrackHarness {

    /** The probe's model: the smallest shipped case's sizes. */
    public static final GptConfig PROBE = new GptConfig(16, 8, 16, 2, 1, 1e-2, 0.1, 1);

    /** The contract of {@code docs/tracks/tiny-gpt.md}. */
    public static final Contract CONTRACT = new Contract(TinyLanguageModel.class, List.of(GptConfig.class),
            List.of(PROBE), List.of("config"));

    @Override
    public Contract contract() {
        return CONTRACT;
    }

    /** The contract's package: the interface, the config and the cache. */
    @Override
    public List<Class<?>> candidateApi() {
        return List.of(TinyLanguageModel.class);
    }

    @Override
    public CaseExecutor newCase(Class<?> candidate, Set<String> candidateClasses) {
        Constructor<? extends TinyLanguageModel> constructor;
        try {
            constructor = candidate.asSubclass(TinyLanguageModel.class).getConstructor(GptConfig.class);
        } catch (NoSuchMethodException | ClassCastException e) {
            throw new IllegalStateException("not a tiny-gpt candidate: " + candidate.getName(), e);
        }
        return new GptExecutor(config -> Instantiation.construct(constructor, config), candidateClasses);
    }
}

package io.github.kvkit.tracks.llama;

import io.github.kvkit.validator.ShippedCases;
import io.github.kvkit.validator.cases.CaseLoader;
import io.github.kvkit.validator.cases.TestCase;
import io.github.kvkit.validator.track.Track;
import io.github.kvkit.validator.track.Tracks;

import java.nio.file.Path;
import java.util.List;

/** llama-block's shipped test cases, loaded once per test JVM; it has no stress cases. */
public final class LlamaCases {

    /** The llama-block track, as the validator finds it. */
    public static final Track LLAMA = Tracks.installed().byId(LlamaTrack.ID).orElseThrow();

    public static final ShippedCases.Lazy<List<TestCase>> VISIBLE = new ShippedCases.Lazy<>(() -> loader()
            .loadAll(List.of(Path.of("test-cases/llama-block/visible"))));

    public static final ShippedCases.Lazy<List<TestCase>> ALL = new ShippedCases.Lazy<>(() -> loader()
            .loadAll(List.of(Path.of("test-cases/llama-block/visible"), Path.of("test-cases/llama-block/hidden"))));

    private LlamaCases() {
    }

    /** A loader of llama-block cases. */
    public static CaseLoader loader() {
        return new CaseLoader(Tracks.installed().all(), LLAMA);
    }
}

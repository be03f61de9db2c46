package io.github.kvkit.challenge;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** llama-block's catalog, solution and challenge agree to the character ({@link CatalogTests}). */
class LlamaCatalogTest extends CatalogTests {

    @Override
    ChallengeTrack track() {
        return ChallengeTrack.LLAMA;
    }

    /** Issue 12 names ten mistakes the challenge must hold; each is a category of its own. */
    @Test
    void theBugsCoverTheMistakesOfTheBrief() {
        Set<String> categories = new HashSet<>();
        catalog().bugs().forEach(b -> categories.add(b.category()));

        assertThat(categories).containsAll(List.of("rmsnorm", "rope-rotation", "rope-values", "rope-position",
                "gqa-mapping", "cache-layout", "cache-write", "nd4j-in-place", "attention-span", "residual"));
    }
}

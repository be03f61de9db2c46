package io.github.kvkit.challenge;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** kv-attention's catalog, solution and challenge agree to the character ({@link CatalogTests}). */
class ChallengeCatalogTest extends CatalogTests {

    @Override
    ChallengeTrack track() {
        return ChallengeTrack.KV;
    }

    @Test
    void theBugsCoverTheCategoriesOfTheBrief() {
        Set<String> categories = new HashSet<>();
        catalog().bugs().forEach(b -> categories.add(b.category()));

        assertTrue(categories.containsAll(List.of("scaling", "softmax-axis", "transpose", "head-split", "head-merge",
                "cache-append", "cache-update", "mask-offset", "mask-boundary", "capacity", "inference-randomness",
                "nd4j-in-place", "nd4j-view-aliasing")), categories.toString());
        assertTrue(catalog().bugs().stream().filter(Catalog.Bug::nd4jSpecific).count() >= 3);
    }
}

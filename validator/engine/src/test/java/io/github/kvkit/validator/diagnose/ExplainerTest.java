package io.github.kvkit.validator.diagnose;

import io.github.kvkit.validator.observe.Sign;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExplainerTest {

    private static DiagnosePack.PackedBug bug(String id, String... keys) {
        return new DiagnosePack.PackedBug(id, "", "", "", "", "", "", List.of(keys));
    }

    private static List<Sign> seen(String... keys) {
        return java.util.Arrays.stream(keys).map(k -> new Sign(k, "saw " + k)).toList();
    }

    private final Explainer explainer = new Explainer(List.of(
            bug("B1", "check:reference@a", "mask@a"),
            bug("B2", "check:reference@a", "scaled@a", "scaled@b"),
            bug("B3", "inputs-changed@b")));

    @Test
    void namesTheOneBugWhoseFingerprintIsWhatWasSeen() {
        var explanation = explainer.explain(seen("check:reference@a", "scaled@a", "scaled@b"));

        assertThat(explanation.bugs()).extracting(Explainer.Named::id).containsExactly("B2");
        assertThat(explanation.unexplained()).isEmpty();
    }

    @Test
    void namesEveryBugOfAUnionOfFingerprints() {
        var explanation = explainer.explain(seen("check:reference@a", "mask@a", "inputs-changed@b"));

        assertThat(explanation.bugs()).extracting(Explainer.Named::id).containsExactlyInAnyOrder("B1", "B3");
    }

    @Test
    void aSignNoBugShowsIsUnexplained() {
        var explanation = explainer.explain(seen("heads-equal@c"));

        assertThat(explanation.bugs()).isEmpty();
        assertThat(explanation.unexplained()).extracting(Sign::key).containsExactly("heads-equal@c");
    }

    @Test
    void nothingSeenNamesNothing() {
        assertThat(explainer.explain(List.of()).bugs()).isEmpty();
    }

    @Test
    void aBugWithADistinctiveSignIsNamedWithHighConfidence() {
        var named = explainer.explain(seen("inputs-changed@b")).bugs();

        assertThat(named).hasSize(1);
        assertThat(named.get(0).confidence()).isBetween(0.1, 1.0);
        assertThat(named.get(0).explains()).extracting(Sign::key).containsExactly("inputs-changed@b");
    }

    @Test
    void twinFingerprintsNameOneBugWithNoConfidence() {
        Explainer twins = new Explainer(List.of(bug("B1", "x@a"), bug("B2", "x@a")));

        var named = twins.explain(seen("x@a")).bugs();

        assertThat(named).hasSize(1);
        assertThat(named.get(0).confidence()).isZero();
    }
}

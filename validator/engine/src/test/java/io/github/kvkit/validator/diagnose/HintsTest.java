package io.github.kvkit.validator.diagnose;

import io.github.kvkit.validator.observe.Sign;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HintsTest {

    private static final DiagnosePack.PackedBug BUG = new DiagnosePack.PackedBug("B07", "forward(INDArray, INDArray)",
            "where the mask's offset is set", "int offset = cachedLen;", "int offset = totalLen - queryLen;",
            "Mask offset is the cache length", "The queries are the last positions.", List.of("k@a"));

    private static final List<Sign> SEEN = List.of(new Sign("check:causal_mask@a", "check causal_mask fails on case a"),
            new Sign("output-deviates@a/chunk", "in case a, step chunk, the output differs"));

    private static final String SOURCE = "class A {\n  void forward(INDArray q, INDArray k) {\n    int offset = cachedLen;\n  }\n}\n";

    @Test
    void levelOneSaysOnlyWhatWasSeenTheTracksOwnSignsFirst() {
        List<Hint> hints = Hints.of(BUG, SEEN, SOURCE, 1);

        assertThat(hints).extracting(Hint::level).containsExactly(1);
        assertThat(hints.get(0).text()).startsWith("What the validator saw: in case a, step chunk")
                .contains("causal_mask").doesNotContain("totalLen");
    }

    @Test
    void levelTwoPointsAtTheLineOfTheStudentsFile() {
        List<Hint> hints = Hints.of(BUG, SEEN, SOURCE, 2);

        assertThat(hints.get(1).text()).isEqualTo("Where: method forward, where the mask's offset is set: line 3 of "
                + "your file, `int offset = cachedLen;`.");
    }

    @Test
    void levelTwoFallsBackToTheMethodWhenTheStudentRewroteTheLine() {
        String rewritten = SOURCE.replace("int offset = cachedLen;", "int shift = cached;");

        assertThat(Hints.of(BUG, SEEN, rewritten, 2).get(1).text()).endsWith("(declared at line 2 of your file).");
    }

    @Test
    void levelThreeGivesTheFixAndWhy() {
        assertThat(Hints.of(BUG, SEEN, SOURCE, 3).get(2).text()).contains("replace `int offset = cachedLen;` with "
                + "`int offset = totalLen - queryLen;`").contains("Why: The queries are the last positions.");
    }
}

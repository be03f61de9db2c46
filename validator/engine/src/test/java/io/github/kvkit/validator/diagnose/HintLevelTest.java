package io.github.kvkit.validator.diagnose;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HintLevelTest {

    @TempDir
    Path dir;

    private static DiagnosePack pack(int maxHint, int unlockAfter) {
        return new DiagnosePack(DiagnosePack.FORMAT, "t", List.of(), maxHint, unlockAfter, List.of(), List.of());
    }

    @Test
    void theLevelAskedForIsGivenWithinTheCap() {
        assertThat(HintLevel.of(pack(3, 0), 2, dir.resolve("A.java"))).isEqualTo(new HintLevel.Given(2, ""));
    }

    @Test
    void aKitCapsTheLevelAndSaysSo() {
        HintLevel.Given given = HintLevel.of(pack(2, 0), 3, dir.resolve("A.java"));

        assertThat(given.level()).isEqualTo(2);
        assertThat(given.note()).contains("level 2 at most");
    }

    @Test
    void theCapLiftsAfterTheKitsNumberOfAttemptsOnTheSameFile() {
        Path file = dir.resolve("A.java");
        HintLevel.of(pack(1, 3), 3, file);
        HintLevel.of(pack(1, 3), 3, file);

        assertThat(HintLevel.of(pack(1, 3), 3, file).level()).isEqualTo(3);
        assertThat(HintLevel.of(pack(1, 3), 3, dir.resolve("B.java")).level()).isEqualTo(1);
    }

    @Test
    void aKitPackWithoutUnlockHoldsNoFix() {
        DiagnosePack full = new DiagnosePack(DiagnosePack.FORMAT, "t", List.of(), 3, 0, List.of(
                new DiagnosePack.PackedBug("B1", "f()", "here", "bad();", "good();", "Title", "Why.", List.of("k"))), List.of());

        DiagnosePack.PackedBug kept = full.forKit(2, 0).bugs().get(0);

        assertThat(kept.fixed()).isNull();
        assertThat(kept.title()).isNull();
        assertThat(kept.why()).isNull();
        assertThat(kept.buggy()).isEqualTo("bad();");
        assertThat(kept.fingerprint()).containsExactly("k");
    }
}

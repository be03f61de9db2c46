package io.github.kvkit.tracks.llama;

import io.github.kvkit.tracks.llama.harness.CacheSource;
import io.github.kvkit.tracks.llama.harness.LlamaCall;
import io.github.kvkit.tracks.llama.plan.LlamaPlan;
import io.github.kvkit.tracks.llama.plan.LlamaPlanner;
import io.github.kvkit.tracks.llama.plan.LlamaRole;
import io.github.kvkit.validator.cases.CaseFileException;
import io.github.kvkit.validator.cases.CaseLoader;
import io.github.kvkit.validator.cases.TestCase;
import io.github.kvkit.validator.track.Tracks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A llama-block case as calls: the steps on one cache, and the calls the black-box checks add. */
class LlamaPlannerTest {

    private static final String CASE = """
            {"schemaVersion": 1, "name": "sequence", "track": "llama-block", "category": "core", "points": 1,
             "visibility": "hidden", "dtype": "float64", "seed": 5,
             "config": {"dModel": 8, "numHeads": 2, "numKvHeads": 1, "maxSeqLen": 10},
             "steps": [%s]}
            """;

    @TempDir
    Path dir;

    private TestCase load(String steps) throws IOException, CaseFileException {
        LlamaTrack track = new LlamaTrack();
        return new CaseLoader(Tracks.installed().all(), track).load(Files.writeString(dir.resolve("case.json"),
                CASE.formatted(steps)));
    }

    private static List<LlamaRole.Kind> kinds(LlamaPlan plan) {
        return plan.roles().stream().map(LlamaRole::kind).toList();
    }

    @Test
    void aSequenceIsReplayedInOneCallAndOneTokenAtATimeAsFarAsItsLastCallOfSeveralTokens() throws Exception {
        LlamaPlan plan = LlamaPlanner.plan(load("""
                {"op": "forward", "name": "prompt", "batch": 1, "tokens": 3, "cache": "new", "pos": 2},
                {"op": "forward", "name": "decode", "tokens": 1, "repeat": 2}"""));

        assertThat(kinds(plan)).containsExactly(LlamaRole.Kind.CONSTRUCT, LlamaRole.Kind.LOAD_WEIGHTS,
                LlamaRole.Kind.STEP, LlamaRole.Kind.PERTURBED, LlamaRole.Kind.STEP, LlamaRole.Kind.STEP,
                LlamaRole.Kind.PREFILL, LlamaRole.Kind.ONE_BY_ONE, LlamaRole.Kind.ONE_BY_ONE, LlamaRole.Kind.ONE_BY_ONE);
        assertThat(plan.roles().stream().filter(r -> r.kind() == LlamaRole.Kind.STEP).map(LlamaRole::pos))
                .containsExactly(2, 5, 6);
        assertThat(plan.roles().get(6).tokens()).isEqualTo(5);
        assertThat(plan.roles().get(9).pos()).isEqualTo(4);
    }

    @Test
    void theStepsShareOneCacheAndEveryReplayHasItsOwn() throws Exception {
        LlamaPlan plan = LlamaPlanner.plan(load("""
                {"op": "forward", "name": "prompt", "batch": 1, "tokens": 2, "cache": "new"},
                {"op": "forward", "name": "decode", "tokens": 1}"""));

        CacheSource first = ((LlamaCall.Forward) plan.llamaCalls().get(2)).cache();
        CacheSource perturbed = ((LlamaCall.Forward) plan.llamaCalls().get(3)).cache();
        CacheSource second = ((LlamaCall.Forward) plan.llamaCalls().get(4)).cache();
        CacheSource prefill = ((LlamaCall.Forward) plan.llamaCalls().get(5)).cache();
        assertThat(((CacheSource.Arrays) second).key()).isSameAs(((CacheSource.Arrays) first).key())
                .isSameAs(plan.sequences().get(0).initialKey());
        assertThat(perturbed).isEqualTo(new CacheSource.Before(2));
        assertThat(((CacheSource.Arrays) prefill).key()).isNotSameAs(((CacheSource.Arrays) first).key())
                .isEqualTo(((CacheSource.Arrays) first).key());
    }

    @Test
    void aStepPastTheCachesLastPositionIsRefusedWithItsPosition() {
        assertThatThrownBy(() -> load("""
                {"op": "forward", "name": "prompt", "batch": 1, "tokens": 4, "cache": "new", "pos": 8}"""))
                .isInstanceOf(CaseFileException.class)
                .hasMessageContaining("$.steps[0]").hasMessageContaining("position 11, past the cache's last position 9");
    }

    @Test
    void aConfigurationTheSpecRefusesIsRefusedAsACaseFile() {
        assertThatThrownBy(() -> new CaseLoader(Tracks.installed().all(), new LlamaTrack()).load(Files.writeString(
                dir.resolve("bad.json"), CASE.formatted("{\"op\": \"forward\", \"batch\": 1, \"tokens\": 1}")
                        .replace("\"numKvHeads\": 1", "\"numKvHeads\": 3"))))
                .isInstanceOf(CaseFileException.class).hasMessageContaining("not divisible by numKvHeads 3");
    }
}

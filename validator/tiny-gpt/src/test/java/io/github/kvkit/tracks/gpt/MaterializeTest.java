package io.github.kvkit.tracks.gpt;

import io.github.kvkit.harness.CallOutcome;
import io.github.kvkit.validator.cases.CaseLoader;
import io.github.kvkit.validator.cases.TestCase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A frozen case carries the reference's outcomes exactly, and grades from them. */
class MaterializeTest {

    @TempDir
    Path dir;

    @Test
    void aFrozenCaseHoldsTheReferencesOutcomeOfEveryCall() throws Exception {
        GptTrack track = new GptTrack();
        TestCase tc = new CaseLoader(List.of(track), track).load(
                Path.of("test-cases/tiny-gpt/hidden/edge_01_full_block_and_refusals.json"));
        List<CallOutcome> computed = track.expected(track.plan(tc));

        TestCase frozen = track.materialize(tc, dir.resolve("frozen.json"));
        List<CallOutcome> read = track.expected(track.plan(frozen));

        assertThat(frozen.body().frozen()).isTrue();
        assertThat(read).hasSameSizeAs(computed);
        for (int i = 0; i < read.size(); i++) {
            assertThat(read.get(i).getClass()).isEqualTo(computed.get(i).getClass());
            if (computed.get(i) instanceof CallOutcome.Returned want) {
                CallOutcome.Returned got = (CallOutcome.Returned) read.get(i);
                assertThat(got.arrays().keySet()).isEqualTo(want.arrays().keySet());
                want.arrays().forEach((name, t) -> assertThat(got.array(name).values()).isEqualTo(t.values()));
            }
        }
    }
}

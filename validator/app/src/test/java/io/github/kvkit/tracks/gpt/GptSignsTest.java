package io.github.kvkit.tracks.gpt;

import io.github.kvkit.validator.ShippedCases;
import io.github.kvkit.validator.cases.CaseLoader;
import io.github.kvkit.validator.cases.TestCase;
import io.github.kvkit.validator.diagnose.BugCatalog;
import io.github.kvkit.validator.diagnose.FingerprintMaker;
import io.github.kvkit.validator.observe.Sign;
import io.github.kvkit.validator.track.Track;
import io.github.kvkit.validator.track.Tracks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * tiny-gpt's signs for {@code kvkit diagnose}, on its diagnostic cases: the reference shows none, and a catalogued
 * bug applied to it shows the sign that names it.
 */
class GptSignsTest {

    private static final Track GPT = Tracks.installed().byId(GptTrack.ID).orElseThrow();

    private static final ShippedCases.Lazy<List<TestCase>> DIAGNOSE = new ShippedCases.Lazy<>(() ->
            new CaseLoader(Tracks.installed().all(), GPT).loadAll(List.of(Path.of("test-cases/tiny-gpt/diagnose"))));

    private static List<Sign> signs(String... bugs) throws Exception {
        BugCatalog catalog = BugCatalog.load(BugCatalog.defaultFile(GptTrack.ID));
        String reference = Files.readString(Path.of(catalog.solution()), StandardCharsets.UTF_8);
        List<BugCatalog.Bug> chosen = catalog.bugs().stream().filter(b -> List.of(bugs).contains(b.id())).toList();
        assertThat(chosen).hasSize(bugs.length);
        return FingerprintMaker.inProcess(GPT, DIAGNOSE.get(), ShippedCases.ORACLE).observe(catalog.apply(reference, chosen));
    }

    @Test
    void theReferenceShowsNoSign() throws Exception {
        assertThat(signs()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "B01, loss-target-not-shifted@diagnose_two_chunks/loss",
        "B05, loss-sign-flipped@diagnose_two_chunks/loss",
        "B06, decay-through-moments@diagnose_two_chunks/train:first-step",
        "B07, cache-keeps-only-newest@diagnose_two_chunks/cached",
    })
    void aBugShowsTheSignThatNamesIt(String bug, String key) throws Exception {
        List<Sign> signs = signs(bug);

        assertThat(signs).extracting(Sign::key).contains(key);
        assertThat(signs).allSatisfy(s -> assertThat(s.text()).doesNotContain("\n"));
    }
}

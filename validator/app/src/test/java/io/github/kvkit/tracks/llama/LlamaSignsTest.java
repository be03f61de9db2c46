package io.github.kvkit.tracks.llama;

import io.github.kvkit.validator.ShippedCases;
import io.github.kvkit.validator.cases.TestCase;
import io.github.kvkit.validator.diagnose.BugCatalog;
import io.github.kvkit.validator.diagnose.FingerprintMaker;
import io.github.kvkit.validator.observe.Sign;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * llama-block's signs for {@code kvkit diagnose}, on its diagnostic cases: the reference shows none, and a catalogued
 * bug applied to it shows the sign that names it.
 */
class LlamaSignsTest {

    private static final ShippedCases.Lazy<List<TestCase>> DIAGNOSE = new ShippedCases.Lazy<>(() -> LlamaCases.loader()
            .loadAll(List.of(Path.of("test-cases/llama-block/diagnose"))));

    private static List<Sign> signs(String... bugs) throws Exception {
        BugCatalog catalog = BugCatalog.load(BugCatalog.defaultFile(LlamaTrack.ID));
        String reference = Files.readString(Path.of(catalog.solution()), StandardCharsets.UTF_8);
        List<BugCatalog.Bug> chosen = catalog.bugs().stream().filter(b -> List.of(bugs).contains(b.id())).toList();
        assertThat(chosen).hasSize(bugs.length);
        return FingerprintMaker.inProcess(LlamaCases.LLAMA, DIAGNOSE.get(), ShippedCases.ORACLE)
                .observe(catalog.apply(reference, chosen));
    }

    @Test
    void theReferenceShowsNoSign() throws Exception {
        assertThat(signs()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "B01, scores-scaled-up@diagnose_no_rotation/prefill",
        "B02, head-reads-another-kv-head@diagnose_grouped_heads/prefill",
        "B07, cache-not-written@diagnose_one_head/decode#1",
        "B12, keys-rotated-backwards@diagnose_one_head/prefill",
    })
    void aBugShowsTheSignThatNamesIt(String bug, String key) throws Exception {
        List<Sign> signs = signs(bug);

        assertThat(signs).extracting(Sign::key).contains(key);
        assertThat(signs).allSatisfy(s -> assertThat(s.text()).doesNotContain("\n"));
    }
}

package io.github.kvkit.validator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kvkit.validator.ShippedCases;
import io.github.kvkit.validator.Validation;
import io.github.kvkit.validator.cases.CaseLoader;
import io.github.kvkit.validator.diagnose.BugCatalog;
import io.github.kvkit.validator.diagnose.DiagnosePacks;
import io.github.kvkit.validator.track.Track;
import io.github.kvkit.validator.track.Tracks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kvkit diagnose} end to end on kv-attention: the reference with one catalogued bug, graded in its child JVM.
 * The fingerprints are taken once for the class, inside the test's JVM, where diagnose finds them.
 */
class DiagnoseTest {

    @TempDir
    static Path cache;

    @TempDir
    Path dir;

    private static BugCatalog catalog;
    private static String reference;
    private static Track track;
    private static java.util.List<io.github.kvkit.validator.cases.TestCase> cases;
    private static io.github.kvkit.validator.diagnose.DiagnosePack pack;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void takeFingerprints() throws Exception {
        track = Tracks.installed().byId("kv-attention").orElseThrow();
        cases = new CaseLoader(Tracks.installed().all(), track).loadAll(List.of(
                Path.of("test-cases/kv-attention/visible"), Path.of("test-cases/kv-attention/diagnose")));
        Path catalogFile = BugCatalog.defaultFile("kv-attention");
        catalog = BugCatalog.load(catalogFile);
        reference = Files.readString(Path.of(catalog.solution()));
        pack = DiagnosePacks.obtain(track, cases, catalogFile, DiagnosePacks.defaultFolder(cache.resolve("expected")),
                Validation.inProcess(ShippedCases.ORACLE), line -> { });
    }

    private int run(String... args) {
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.stream.Stream.of("--expected-cache", cache.resolve("expected").toString())).toArray(String[]::new);
        return Cli.create(new PrintWriter(out, true), new PrintWriter(err, true)).execute(all);
    }

    /** The reference with bug {@code id} applied, as the student's file. */
    private Path withBug(String id) throws Exception {
        Path file = dir.resolve("KVCachedMultiHeadAttention.java");
        Files.writeString(file, catalog.apply(reference, List.of(catalog.bugs().stream()
                .filter(b -> b.id().equals(id)).findFirst().orElseThrow())));
        return file;
    }

    @Test
    void theReferenceHasNothingToDiagnose() throws Exception {
        Path file = dir.resolve("KVCachedMultiHeadAttention.java");
        Files.writeString(file, reference);

        int code = run("diagnose", "--file", file.toString());

        assertThat(code).isEqualTo(ExitCode.PASSED);
        assertThat(out.toString()).contains("Every case passed: nothing to diagnose.");
    }

    @Test
    void aBugLeftInIsNamedInTheJsonWithItsHints() throws Exception {
        Path json = dir.resolve("d.json");

        int code = run("diagnose", "--file", withBug("B08").toString(), "--hint", "2", "--json", json.toString());

        assertThat(code).isEqualTo(ExitCode.TESTS_FAILED);
        JsonNode bugs = new ObjectMapper().readTree(json.toFile()).get("bugs");
        assertThat(bugs).hasSize(1);
        assertThat(bugs.get(0).get("id").asText()).isEqualTo("B08");
        assertThat(bugs.get(0).get("confidence").asDouble()).isGreaterThan(0.5);
        assertThat(bugs.get(0).get("hints").get(1).asText()).contains("line ").contains("exp.sum(true, 2)");
        assertThat(out.toString()).contains("B08  confidence").contains("sum to 1 over the query axis");
    }

    @Test
    void aFixThatRaisesTheScoreIsAppliedAfterABackup() throws Exception {
        Path file = withBug("B08");
        String buggy = Files.readString(file);

        int code = run("diagnose", "--file", file.toString(), "--hint", "3", "--try-fixes", "--apply");

        assertThat(code).isEqualTo(ExitCode.TESTS_FAILED);
        assertThat(out.toString()).contains("B08 (line ").contains("suggested").contains("Applied the fix of B08");
        assertThat(Files.readString(file)).isEqualTo(reference);
        assertThat(Files.readString(dir.resolve("KVCachedMultiHeadAttention.java.bak"))).isEqualTo(buggy);
    }

    @Test
    void tryingFixesNeverChangesTheFileWithoutApply() throws Exception {
        Path file = withBug("B13");
        String buggy = Files.readString(file);

        run("diagnose", "--file", file.toString(), "--hint", "3", "--try-fixes");

        assertThat(Files.readString(file)).isEqualTo(buggy);
        assertThat(dir.resolve("KVCachedMultiHeadAttention.java.bak")).doesNotExist();
    }

    @Test
    void thePageIsWrittenAndNamed() throws Exception {
        Path page = dir.resolve("d.html");

        run("diagnose", "--file", withBug("B02").toString(), "--html", page.toString());

        assertThat(Files.readString(page)).contains("<svg").contains("B02");
        assertThat(out.toString()).contains(page.toString());
    }

    @Test
    void mostBugsOfSeededSubsetsAreNamedAndFewAreNamedWrongly() throws Exception {
        var maker = io.github.kvkit.validator.diagnose.FingerprintMaker.inProcess(track, cases, ShippedCases.ORACLE);
        var explainer = io.github.kvkit.validator.diagnose.Explainer.of(pack);
        java.util.Random rng = new java.util.Random(7);
        int rightly = 0;
        int wrongly = 0;
        int present = 0;
        for (int n = 0; n < 20; n++) {
            List<BugCatalog.Bug> chosen = new java.util.ArrayList<>(catalog.bugs());
            java.util.Collections.shuffle(chosen, rng);
            chosen = chosen.subList(0, 1 + rng.nextInt(3)).stream()
                    .sorted(java.util.Comparator.comparing(catalog.bugs()::indexOf)).toList();
            var named = explainer.explain(maker.observe(catalog.apply(reference, chosen))).bugs().stream()
                    .map(io.github.kvkit.validator.diagnose.Explainer.Named::id).toList();
            var truth = chosen.stream().map(BugCatalog.Bug::id).toList();
            present += truth.size();
            rightly += (int) named.stream().filter(truth::contains).count();
            wrongly += (int) named.stream().filter(id -> !truth.contains(id)).count();
        }

        assertThat(rightly / (double) (rightly + wrongly)).as("precision").isGreaterThanOrEqualTo(0.9);
        assertThat(rightly / (double) present).as("recall").isGreaterThanOrEqualTo(0.7);
    }

    @Test
    void aHintLevelAboveThreeIsAUsageError() {
        int code = run("diagnose", "--file", "challenge/kv-attention/KVCachedMultiHeadAttention.java", "--hint", "4");

        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("'4' is not a hint level; expected 1");
    }

    @Test
    void withoutACatalogDiagnoseSaysWhatItNeedsAndTheJsonSaysSoToo() throws Exception {
        Path json = dir.resolve("d.json");

        int code = run("diagnose", "--file", withBug("B02").toString(), "--catalog", dir.resolve("none.json").toString(),
                "--json", json.toString());

        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString().strip()).startsWith("error: no bug catalog for track kv-attention: ")
                .contains("none.json");
        JsonNode written = new ObjectMapper().readTree(json.toFile());
        assertThat(written.get("error").asText()).startsWith("no bug catalog");
        assertThat(written.get("bugs")).isEmpty();
    }

    @Test
    void aFileThatDoesNotCompileIsNotDiagnosed() throws Exception {
        Path file = dir.resolve("KVCachedMultiHeadAttention.java");
        Files.writeString(file, "public class KVCachedMultiHeadAttention { int x = ; }");

        int code = run("diagnose", "--file", file.toString());

        assertThat(code).isEqualTo(ExitCode.CANDIDATE_BROKEN);
        assertThat(out.toString()).contains("COMPILE ERROR");
    }
}

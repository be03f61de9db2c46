package io.github.kvkit.validator.batch;

import io.github.kvkit.validator.ShippedCases;
import io.github.kvkit.validator.cases.TestCase;
import io.github.kvkit.validator.run.RunLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What makes a run grade a student again: their files, the cases' content, the limits, the sandbox mode. */
class BatchRulesTest {

    private static final Path CASE = Path.of("test-cases/kv-attention/visible/01_prefill_then_decode.json");

    @TempDir
    Path dir;

    private BatchRules rules(Path caseFile, RunLimits limits, String sandbox) throws Exception {
        List<TestCase> cases = List.of(ShippedCases.loader().load(caseFile));
        return BatchRules.of(ShippedCases.KV, cases, limits, sandbox);
    }

    @Test
    void theSameCasesLimitsAndSandboxGiveTheSameRules() throws Exception {
        assertThat(rules(CASE, RunLimits.DEFAULTS, "auto")).isEqualTo(rules(CASE, RunLimits.DEFAULTS, "auto"));
    }

    @Test
    void aCaseFileEditedOrOtherLimitsOrSandboxGiveOtherRules() throws Exception {
        Path edited = Files.writeString(dir.resolve(CASE.getFileName()),
                Files.readString(CASE).replace("A batch of two prompts", "Two prompts"));
        BatchRules shipped = rules(CASE, RunLimits.DEFAULTS, "auto");

        assertThat(rules(edited, RunLimits.DEFAULTS, "auto")).isNotEqualTo(shipped);
        assertThat(rules(CASE, RunLimits.DEFAULTS.withHeap(512 * RunLimits.MIB), "auto")).isNotEqualTo(shipped);
        assertThat(rules(CASE, RunLimits.DEFAULTS, "on")).isNotEqualTo(shipped);
    }

    @Test
    void aSubmissionsFingerprintChangesWithItsContentOnly() throws Exception {
        BatchRules rules = rules(CASE, RunLimits.DEFAULTS, "auto");
        Path file = Files.writeString(Files.createDirectory(dir.resolve("alice")).resolve("A.java"), "class A {}");
        Submission alice = new Submission("alice", dir.resolve("alice"), List.of(file));
        String before = rules.fingerprint(alice);

        String same = rules.fingerprint(alice);
        Files.writeString(file, "class A { }");

        assertThat(same).isEqualTo(before);
        assertThat(rules.fingerprint(alice)).isNotEqualTo(before);
    }
}

package io.github.kvkit.validator.kit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kvkit.validator.cli.Cli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kv-attention student kit as a student meets it: exported once into a temporary folder, built there by Maven
 * from nothing but what it holds, graded, and searched for anything of the reference or of the hidden cases.
 *
 * <p>Maven runs offline: ND4J and the plugins come from the local repository this JVM's own class path comes from,
 * kvkit's jars from the kit's {@code repository/}. Those are at the kit's own version, so the repository's full jars
 * (with the reference) in the same local repository cannot stand in for them; they are deleted from it afterwards.
 */
class StudentKitTest {

    private static final String CHALLENGE = Leaks.CHALLENGE;
    private static final Path CORRECT = Path.of("validator/app/src/test/resources/candidates/valid/LoopAttention.java");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    private static Path kit;
    private static Maven maven;
    private static Maven.Result firstCommand;

    @BeforeAll
    static void exportTheKitAndGradeTheChallengeWithTheFirstCommand() throws Exception {
        kit = work.resolve("kv-attention-kit");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.create(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute("kit", "student", "--track", "kv-attention", "-o", kit.toString(), "--hints", "2");
        assertThat(code).as(out + "\n" + err).isZero();

        maven = new Maven(LocalRepository.path());
        firstCommand = maven.run(kit, "-q", "exec:java",
                "-Dexec.args=--file " + CHALLENGE + " --json target/challenge.json --color never");
    }

    @AfterAll
    static void forgetTheKitsArtifacts() throws IOException {
        LocalRepository.forget(kit.resolve("repository"));
    }

    @Test
    void theFirstCommandGradesTheChallengeLow() throws IOException {
        assertThat(firstCommand.exitCode()).as(firstCommand.output()).isEqualTo(1);

        JsonNode report = JSON.readTree(kit.resolve("target/challenge.json").toFile());
        assertThat(report.get("outcome").asText()).isEqualTo("ran");
        assertThat(report.get("tests")).hasSize(2);
        assertThat(report.get("score").asDouble()).isLessThan(report.get("max_score").asDouble() / 2);
    }

    @Test
    void theKitsTestsGiveACorrectCandidateFullMarks() throws Exception {
        Maven.Result run = maven.run(kit, "-q", "test", "-Dkvkit.file=" + CORRECT.toAbsolutePath());

        assertThat(run.exitCode()).as(run.output()).isZero();
        JsonNode report = JSON.readTree(kit.resolve("target/kvkit/visible-cases.json").toFile());
        assertThat(report.get("tests")).hasSize(2).allSatisfy(t -> assertThat(t.get("status").asText()).isEqualTo("passed"));
        assertThat(report.get("score").asDouble()).isPositive().isEqualTo(report.get("max_score").asDouble());
    }

    @Test
    void diagnoseNamesABugInTheKitWithHintsUpToTheKitsLevel() throws Exception {
        Maven.Result run = maven.run(kit, "-q", "exec:java",
                "-Dexec.args=diagnose --file " + CHALLENGE + " --hint 3 --json target/diagnosis.json");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("hints of level 3 are not given in this kit: level 2 at most");
        JsonNode bugs = JSON.readTree(kit.resolve("target/diagnosis.json").toFile()).get("bugs");
        assertThat(bugs).isNotEmpty().allSatisfy(b -> {
            assertThat(b.get("hints")).hasSize(2);
            assertThat(b.has("title")).isFalse();
        });
        JsonNode pack = JSON.readTree(kit.resolve("diagnose/kv-attention.json").toFile());
        assertThat(pack.get("bugs")).allSatisfy(b -> assertThat(b.get("fixed").isNull()).isTrue());
    }

    @Test
    void theVisibleCasesAreThereWithTheirExpectedResults() throws IOException {
        Path cases = kit.resolve("test-cases/kv-attention/visible");

        assertThat(Leaks.caseFiles(cases)).isEqualTo(Leaks.caseFiles(Path.of("test-cases/kv-attention/visible")));
        for (String name : Leaks.caseFiles(cases)) {
            assertThat(JSON.readTree(cases.resolve(name).toFile()).get("expected")).as(name).isNotEmpty();
        }
        assertThat(kit.resolve("test-cases/kv-attention/hidden")).doesNotExist();
        assertThat(kit.resolve("solution")).doesNotExist();
        assertThat(kit.resolve("docs/instructor")).doesNotExist();
    }

    @Test
    void theZipHoldsTheFolder() throws IOException {
        String top = "kv-attention-kit.zip!/kv-attention-kit/";
        Set<String> inZip = Unpacked.files(work, p -> p.toString().equals("kv-attention-kit.zip")).stream()
                .map(Unpacked.Item::name).filter(n -> n.startsWith(top) && !n.endsWith("/"))
                .map(n -> n.substring(top.length())).filter(n -> !n.contains("!/")).collect(Collectors.toSet());
        Set<String> inFolder = Unpacked.files(kit, StudentKitTest::shipped).stream().map(Unpacked.Item::name)
                .filter(n -> !n.contains("!/")).collect(Collectors.toSet());

        assertThat(inZip).isEqualTo(inFolder).contains("README.md", "pom.xml", CHALLENGE);
    }

    @Test
    void noFileOfTheKitHoldsTheReference() throws IOException {
        assertThat(Leaks.hits(kitAndZip(), Leaks.ofTheReference())).isEmpty();
    }

    @Test
    void noFileOfTheKitNamesAHiddenCase() throws IOException {
        List<String> needles = Leaks.ofTheHiddenCases();

        assertThat(needles).hasSizeGreaterThan(10);
        assertThat(Leaks.hits(kitAndZip(), needles)).isEmpty();
    }

    /** Every file of the kit and of its zip, archives unpacked. */
    private static List<Unpacked.Item> kitAndZip() throws IOException {
        List<Unpacked.Item> files = new ArrayList<>(Unpacked.files(kit, StudentKitTest::shipped));
        files.addAll(Unpacked.files(work, p -> p.toString().equals("kv-attention-kit.zip")));
        return files;
    }

    /** The kit's own files, not what the Maven runs of this test wrote into target/. */
    private static boolean shipped(Path relative) {
        return !relative.startsWith("target");
    }
}

package io.github.kvkit.validator.kit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.kvkit.validator.cli.Cli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kv-attention GitHub Classroom template as a student's repository meets GitHub Actions: written once, its
 * workflow read as GitHub reads it, and its grading step's script run in a copy of the repository as the runner
 * does ({@code bash -eo pipefail}, {@code GITHUB_OUTPUT} a file), with Maven offline on this JVM's local repository.
 * The step's {@code result} output is what the reporter action decodes and sends GitHub Classroom.
 */
class ClassroomKitTest {

    private static final Path CORRECT = Path.of("validator/app/src/test/resources/candidates/valid/LoopAttention.java");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    private static Path kit;
    private static Path bin;
    private static JsonNode workflow;
    private static JsonNode gradingStep;

    @BeforeAll
    static void writeTheTemplateAndReadItsWorkflow() throws Exception {
        kit = work.resolve("kv-attention-classroom");
        StringWriter out = new StringWriter();
        int code = Cli.create(new PrintWriter(out, true), new PrintWriter(out, true))
                .execute("kit", "classroom", "--track", "kv-attention", "-o", kit.toString());
        assertThat(code).as(out.toString()).isZero();

        workflow = new YAMLMapper().readTree(kit.resolve(".github/workflows/classroom.yml").toFile());
        gradingStep = step("visible");
        bin = work.resolve("bin");
        StandIns.offlineMaven(bin, LocalRepository.path());
    }

    @AfterAll
    static void forgetTheKitsArtifacts() throws IOException {
        LocalRepository.forget(kit.resolve("repository"));
    }

    @Test
    void theWorkflowRunsOnEveryPushAsTheJobClassroomReadsPointsFrom() {
        assertThat(workflow.get("name").asText()).isEqualTo("Autograding Tests");
        assertThat(workflow.get("on")).extracting(JsonNode::asText).contains("push");
        assertThat(workflow.at("/permissions/checks").asText()).isEqualTo("write");
        assertThat(workflow.at("/jobs/run-autograding-tests/runs-on").asText()).isEqualTo("ubuntu-latest");
        assertThat(step(null, "actions/setup-java@v4").at("/with/java-version").asText()).isEqualTo("17");
    }

    @Test
    void theReporterReadsTheGradingStepsResult() {
        JsonNode reporter = step(null, "classroom-resources/autograding-grading-reporter@v1");

        assertThat(reporter.at("/with/runners").asText()).isEqualTo("visible");
        assertThat(reporter.at("/env/VISIBLE_RESULTS").asText()).isEqualTo("${{ steps.visible.outputs.result }}");
        assertThat(gradingStep.get("shell").asText()).isEqualTo("bash");
    }

    @Test
    void theChallengeEarnsFewPoints() throws Exception {
        JsonNode result = runTheGradingStep(null);

        assertThat(result.get("status").asText()).isEqualTo("fail");
        assertThat(result.get("max_score").asDouble()).isEqualTo(10);
        assertThat(points(result)).isLessThan(5);
    }

    @Test
    void aCorrectCandidateEarnsEveryPoint() throws Exception {
        JsonNode result = runTheGradingStep(CORRECT);

        assertThat(result.get("status").asText()).isEqualTo("pass");
        assertThat(result.get("tests")).hasSize(2).allSatisfy(t -> assertThat(t.get("status").asText()).isEqualTo("pass"));
        assertThat(points(result)).isEqualTo(result.get("max_score").asDouble()).isEqualTo(10);
    }

    @Test
    void theRepositoryHoldsNoHiddenCaseAndNoReference() throws IOException {
        List<Unpacked.Item> files = Unpacked.files(kit, p -> true);

        assertThat(kit.resolve("test-cases/kv-attention/hidden")).doesNotExist();
        assertThat(Leaks.hits(files, Leaks.ofTheHiddenCases())).isEmpty();
        assertThat(Leaks.hits(files, Leaks.ofTheReference())).isEmpty();
    }

    @Test
    void theReadmeTellsStudentsTheirPushesAreGraded() throws IOException {
        assertThat(Files.readString(kit.resolve("README.md"), StandardCharsets.UTF_8))
                .contains("## Grading on GitHub", ".github/workflows/classroom.yml");
    }

    /**
     * Runs the grading step's script in a fresh copy of the repository, with {@code candidate} in place of the
     * challenge unless it is null, and decodes the {@code result} it gave the reporter.
     */
    private static JsonNode runTheGradingStep(Path candidate) throws Exception {
        Path repository = Files.createTempDirectory(work, "student-");
        Files.delete(repository);
        TestFolders.copy(kit, repository);
        if (candidate != null) {
            Files.copy(candidate, repository.resolve(Leaks.CHALLENGE), StandardCopyOption.REPLACE_EXISTING);
        }
        Path script = work.resolve(repository.getFileName() + ".sh");
        Files.writeString(script, gradingStep.get("run").asText(), StandardCharsets.UTF_8);
        Path output = work.resolve(repository.getFileName() + ".output");
        Files.createFile(output);

        // How GitHub Actions runs a step with "shell: bash".
        Command.Result run = Command.run(repository, Map.of("GITHUB_OUTPUT", output.toString(), "PATH",
                StandIns.path(bin)), List.of("bash", "--noprofile", "--norc", "-eo", "pipefail", script.toString()));

        assertThat(run.exitCode()).as(run.output()).isZero();
        String line = Files.readAllLines(output).stream().filter(l -> l.startsWith("result=")).findFirst().orElseThrow();
        return JSON.readTree(Base64.getDecoder().decode(line.substring("result=".length())));
    }

    /** What the reporter sends GitHub Classroom: the sum of the tests' scores. */
    private static double points(JsonNode result) {
        double sum = 0;
        for (JsonNode test : result.get("tests")) {
            sum += test.get("score").asDouble();
        }
        return sum;
    }

    /** The job's step with {@code id}. */
    private static JsonNode step(String id) {
        return step(id, null);
    }

    /** The job's step with {@code id}, or that {@code uses} the action, whichever is given. */
    private static JsonNode step(String id, String uses) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode s : workflow.at("/jobs/run-autograding-tests/steps")) {
            if (id != null ? id.equals(s.path("id").asText()) : uses.equals(s.path("uses").asText())) {
                found.add(s);
            }
        }
        assertThat(found).as("the step " + (id != null ? id : uses)).hasSize(1);
        return found.get(0);
    }
}

package io.github.kvkit.validator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kvkit.validator.LoopEdits;
import io.github.kvkit.validator.run.TestSandboxes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import javax.xml.parsers.DocumentBuilderFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line as a user meets it: exit codes, messages, and report files. */
class CliTest {

    private static final String REFERENCE = "solution/kv-attention/KVCachedMultiHeadAttention.java";
    private static final String CANDIDATES = "validator/app/src/test/resources/candidates/";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private String breaker(String name) throws Exception {
        return LoopEdits.write(name, dir).toString();
    }

    private int run(String... args) {
        return Cli.create(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    private String[] withReports(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 8);
        System.arraycopy(new String[] {"--json", dir.resolve("r.json").toString(), "--junit",
                dir.resolve("r.xml").toString(), "--gradescope", dir.resolve("results.json").toString(),
                "--color", "never"}, 0, all, args.length, 8);
        return all;
    }

    /** The console report without its "Time:" line, the one thing that differs between two runs. */
    private static String withoutTime(String report) {
        return report.replaceAll("(?m)^Time: .*$", "");
    }

    private JsonNode json(String name) throws Exception {
        return JSON.readTree(dir.resolve(name).toFile());
    }

    @Test
    void helpListsTheOptionsAndTheExitCodes() {
        int code = run("--help");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("--file", "--tests", "--json", "--junit", "--gradescope", "Exit codes");
    }

    @Test
    void helpListsTheVerbsAndValidateHelpTheSameOptions() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("validate", "materialize");
        out.getBuffer().setLength(0);

        assertThat(run("validate", "--help")).isZero();
        assertThat(out.toString()).startsWith("Usage: kvkit validate ")
                .contains("--file", "--tests", "--json", "--color", "--time-floor", "--heap", "Exit codes");
    }

    @Test
    void versionNamesTheTool() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("kvkit ");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertThat(run("--fiel", REFERENCE)).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("--fiel");
    }

    @Test
    void withoutAFileItSaysWhatIsMissing() {
        assertThat(run()).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("missing --file");
    }

    @Test
    void aMissingCandidateIsAUsageErrorAndTheReportIsStillWritten() throws Exception {
        int code = run(withReports("--file", dir.resolve("Nope.java").toString()));

        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("Nope.java").contains("no such file");
        assertThat(json("r.json").get("outcome").asText()).isEqualTo("setup_error");
        assertThat(json("results.json").get("score").asDouble()).isZero();
    }

    @Test
    void aBadTestCaseFileGivesOneLineNamingTheFileAndTheField() throws Exception {
        Path cases = Files.createDirectories(dir.resolve("cases"));
        Files.writeString(cases.resolve("bad.json"), """
                {"schemaVersion": 1, "name": "bad", "category": "core", "points": 1, "visibility": "hidden",
                 "dtype": "float64", "config": {"dModel": 8, "numHeads": 2, "maxCacheLen": 8},
                 "steps": [{"op": "forward", "batch": 0, "queryLen": 1}]}
                """);

        int code = run(withReports("--file", REFERENCE, "--tests", cases.toString()));

        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).contains("bad.json").contains("$.steps[0].batch");
        assertThat(Files.exists(dir.resolve("r.xml"))).isTrue();
    }

    @Test
    void aCaseEntryThatIsNotAFileIsRefusedByNameWithExitTwo() throws Exception {
        Path cases = Files.createDirectories(dir.resolve("cases"));
        Path folder = Files.createDirectory(cases.resolve("x.json"));

        int code = run(withReports("--file", REFERENCE, "--tests", cases.toString()));

        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString().strip().lines()).containsExactly("error: " + folder + ": a directory, not a regular file; "
                + "expected a test case in a regular file (or a symbolic link to one)");
        assertThat(json("r.json").get("outcome").asText()).isEqualTo("setup_error");
    }

    @Test
    void theReferencePassesTheVisibleCasesWithExitZero() {
        int code = run("--file", REFERENCE, "--color", "never");

        assertThat(code).isEqualTo(ExitCode.PASSED);
        assertThat(out.toString()).contains("Score: 10 / 10");
    }

    @Test
    void aFailingCandidateExitsOneAndEveryReportParses() throws Exception {
        int code = run(withReports("--file", breaker("ScalesByModelWidth")));

        assertThat(code).isEqualTo(ExitCode.TESTS_FAILED);
        JsonNode report = json("r.json");
        assertThat(report.get("score").asDouble()).isLessThan(report.get("max_score").asDouble());
        assertThat(report.get("tests")).hasSize(2);
        assertThat(report.get("tests").get(0).get("status").asText()).isEqualTo("failed");
        assertThat(json("results.json").get("tests")).hasSize(2);
        Document junit = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve("r.xml").toFile());
        assertThat(Integer.parseInt(junit.getDocumentElement().getAttribute("failures"))).isPositive();
    }

    @Test
    void aCompileErrorExitsThreeWithTheCompilerMessageAndZeroScores() throws Exception {
        int code = run(withReports("--file", CANDIDATES + "compile-error/Broken.java"));

        assertThat(code).isEqualTo(ExitCode.CANDIDATE_BROKEN);
        assertThat(out.toString()).contains("Broken.java:");
        assertThat(json("r.json").get("outcome").asText()).isEqualTo("compile_error");
        assertThat(json("r.json").get("tests")).hasSize(2);
        assertThat(json("results.json").get("score").asDouble()).isZero();
    }

    @Test
    void aContractViolationExitsThree() {
        int code = run("--file", CANDIDATES + "contract/NoSizeConstructor.java", "--color", "never");

        assertThat(code).isEqualTo(ExitCode.CANDIDATE_BROKEN);
        assertThat(out.toString()).contains("(int dModel, int numHeads, int maxCacheLen)");
    }

    @Test
    void hiddenCaseDetailsAppearOnlyWithVerbose() throws Exception {
        String args = "--file " + breaker("ScalesByModelWidth") + " --tests test-cases/kv-attention/hidden/core_04_single_head_fork.json --color never";

        run(args.split(" "));
        String quiet = out.toString();
        out.getBuffer().setLength(0);
        run((args + " --verbose").split(" "));

        assertThat(quiet).contains("core_single_head_fork").doesNotContain("max abs error");
        assertThat(out.toString()).contains("max abs error");
    }

    @Test
    void theValidateVerbGradesExactlyAsTheBareCommand() {
        String[] args = {"--file", REFERENCE, "--tests", "test-cases/kv-attention/visible/01_prefill_then_decode.json",
                "--color", "never"};
        int bare = run(args);
        String bareOut = withoutTime(out.toString());
        out.getBuffer().setLength(0);

        String[] verb = new String[args.length + 1];
        verb[0] = "validate";
        System.arraycopy(args, 0, verb, 1, args.length);
        int validate = run(verb);

        assertThat(bare).isEqualTo(ExitCode.PASSED);
        assertThat(validate).isEqualTo(bare);
        assertThat(withoutTime(out.toString())).isEqualTo(bareOut).contains("Score: 5 / 5");
    }

    @Test
    void theValidateVerbSaysWhatIsMissingAsTheBareCommandDoes() {
        assertThat(run("validate")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString().strip()).isEqualTo("error: missing --file; expected the path of the candidate's .java file");
    }

    @Test
    void aBadColourIsOneLineNamingTheValueAndTheChoicesAndTheReportsAfterItAreStillWritten() throws Exception {
        int code = run("--file", REFERENCE, "--color", "purple", "--json", dir.resolve("r.json").toString(),
                "--gradescope", dir.resolve("results.json").toString());

        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString().strip().lines()).containsExactly("error: --color purple; expected auto, always or never");
        assertThat(json("r.json").get("outcome").asText()).isEqualTo("setup_error");
        assertThat(json("r.json").get("message").asText()).isEqualTo("--color purple; expected auto, always or never");
        assertThat(json("results.json").get("score").asDouble()).isZero();
    }

    @Test
    void timingsListEveryPhaseOnStderrAndChangeNothingElse() {
        int code = run("--file", REFERENCE, "--color", "never", "--timings");

        assertThat(code).isEqualTo(ExitCode.PASSED);
        assertThat(out.toString()).contains("Score: 10 / 10").doesNotContain("Timings");
        assertThat(err.toString()).contains("Timings (wall time, ms")
                .contains("load 2 cases", "choose the sandbox", "compile the candidate", "start a child JVM",
                        "probe", "run visible_prefill_then_decode", "judge visible_prefill_then_decode",
                        "verdict written");
    }

    @Test
    void aBadSandboxModeIsOneLineNamingTheValueAndTheChoices() {
        int code = run("--file", REFERENCE, "--sandbox", "maybe");

        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString().strip().lines())
                .containsExactly("error: --sandbox maybe; expected auto, on, off, bubblewrap or setpriv");
    }

    @Test
    void theJsonReportSaysWhichModeAndMechanismGradedIt() throws Exception {
        run("--file", REFERENCE, "--json", dir.resolve("auto.json").toString());
        run("--file", REFERENCE, "--sandbox", "OFF", "--json", dir.resolve("off.json").toString());

        assertThat(json("auto.json").get("sandbox").get("mode").asText()).isEqualTo("auto");
        assertThat(json("auto.json").get("sandbox").get("mechanism").asText())
                .isEqualTo(TestSandboxes.AUTO.sandbox().mechanism());
        assertThat(json("off.json").get("sandbox").get("mode").asText()).isEqualTo("off");
        assertThat(json("off.json").get("sandbox").get("mechanism").asText()).isEqualTo("none");
    }

    @Test
    void theSetprivFallbackRefusesToGradeCasesOtherUsersCanRead() throws Exception {
        Path open = Files.createDirectory(dir.resolve("cases"));
        Files.copy(Path.of("test-cases/kv-attention/visible/01_prefill_then_decode.json"), open.resolve("case.json"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));

        int code = run("--file", REFERENCE, "--sandbox", "setpriv", "--tests", open.toString(),
                "--json", dir.resolve("r.json").toString());

        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString().strip().lines()).singleElement().asString().startsWith("error: --sandbox setpriv: ")
                .satisfiesAnyOf(line -> assertThat(line).contains(open + " can be read by other users"),
                        line -> assertThat(line).contains("it needs the validator to run as root"));
        assertThat(json("r.json").get("sandbox").get("mode").asText()).isEqualTo("setpriv");
        assertThat(json("r.json").get("outcome").asText()).isEqualTo("setup_error");
    }

    @Test
    void theColourIsReadInAnyCase() {
        assertThat(run("validate", "--color", "NEVER", "--file", dir.resolve("Nope.java").toString()))
                .isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).doesNotContain("--color").contains("Nope.java");
    }

    @Test
    void aMalformedLimitIsOneLineNamingTheOptionTheValueAndWhatWasExpected() {
        String[][] cases = {
                {"--time-floor", "10x", "'10x' is not a duration; expected e.g. 10s, 500ms or 10m"},
                {"--time-total", "soon", "'soon' is not a duration; expected e.g. 10s, 500ms or 10m"},
                {"--time-factor", "1e3", "'1e3' is not a factor; expected a number >= 0, e.g. 200"},
                {"--heap", "1.5g", "'1.5g' is not a size; expected e.g. 512m, 1g or 64k"},
                {"--off-heap", "lots", "'lots' is not a size; expected e.g. 512m, 1g or 64k"},
                {"--output-limit", "-1m", "'-1m' is not a size; expected e.g. 512m, 1g or 64k"}};
        for (String[] c : cases) {
            err.getBuffer().setLength(0);
            for (String verb : new String[] {"", "validate"}) {
                String[] args = verb.isEmpty() ? new String[] {"--file", REFERENCE, c[0], c[1]}
                        : new String[] {verb, "--file", REFERENCE, c[0], c[1]};
                assertThat(run(args)).as(c[0]).isEqualTo(ExitCode.USAGE);
            }
            String line = "error: " + c[0] + " " + c[2];
            assertThat(err.toString().strip().lines()).containsExactly(line, line);
        }
    }

    @Test
    void aLimitOutOfRangeNamesTheOptionAndTheReportIsStillWritten() throws Exception {
        int code = run(withReports("--file", REFERENCE, "--heap", "1m"));

        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString().strip().lines()).containsExactly("error: --heap 1m is too small for the heap; "
                + "expected at least 16m");
        assertThat(json("r.json").get("outcome").asText()).isEqualTo("setup_error");
    }

    @Test
    void materializeFreezesACaseThatGradesTheSame() throws Exception {
        Path frozen = dir.resolve("frozen.json");

        int code = run("materialize", "test-cases/kv-attention/visible/01_prefill_then_decode.json", "-o", frozen.toString());

        assertThat(code).isZero();
        JsonNode node = JSON.readTree(frozen.toFile());
        assertThat(node.get("expected")).hasSize(4);
        assertThat(node.get("weights").get("wq").get("values")).hasSize(16 * 16);
        assertThat(run("--file", REFERENCE, "--tests", frozen.toString())).isZero();
        assertThat(run("--file", breaker("ScalesByModelWidth"), "--tests", frozen.toString()))
                .isEqualTo(ExitCode.TESTS_FAILED);
    }
}

package io.github.kvkit.validator.kit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kvkit.validator.cli.Cli;
import io.github.kvkit.validator.sandbox.SandboxMode;
import io.github.kvkit.validator.sandbox.SandboxUnavailable;
import io.github.kvkit.validator.sandbox.Sandboxes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kv-attention Gradescope autograder as Gradescope runs it: written once, unzipped into a stand-in for
 * {@code /autograder} in a temporary folder ({@code KVKIT_AUTOGRADER_ROOT}), set up by its {@code setup.sh} (with an
 * {@code apt-get} that only records what it is asked for, and Maven offline on this JVM's local repository), then
 * {@code run_autograder} on one submission after another. Every results.json is checked against Gradescope's
 * published format ({@link GradescopeResults}). {@code KVKIT_SANDBOX} picks the sandbox's mechanism where a test
 * needs one; Gradescope's runs take {@code on}.
 */
class GradescopeAutograderTest {

    private static final Path CANDIDATES = Path.of("validator/app/src/test/resources/candidates");
    private static final Path REFERENCE = Path.of("solution/kv-attention/KVCachedMultiHeadAttention.java");
    private static final Path HIDDEN = Path.of("test-cases/kv-attention/hidden");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    private static Path zip;
    private static Path root;
    private static Path bin;
    private static Command.Result setup;

    @BeforeAll
    static void writeUnzipAndSetUp() throws Exception {
        // Others pass through it, as through /autograder: the setpriv fallback's user reads its copies of the libraries.
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        zip = work.resolve("kv-attention-autograder.zip");
        StringWriter out = new StringWriter();
        int code = Cli.create(new PrintWriter(out, true), new PrintWriter(out, true))
                .execute("kit", "gradescope", "--track", "kv-attention", "-o", zip.toString());
        assertThat(code).as(out.toString()).isZero();

        root = work.resolve("autograder");
        unzip(zip, root.resolve("source"));
        // As Gradescope does when it builds the image.
        Files.copy(root.resolve("source/run_autograder"), root.resolve("run_autograder"));
        bin = work.resolve("bin");
        StandIns.aptGet(bin, work.resolve("apt-get.log"));
        StandIns.offlineMaven(bin, null);
        setup = Command.run(root.resolve("source"), environment("on", bin), List.of("bash", "setup.sh"));
    }

    @AfterAll
    static void forgetTheAutogradersArtifacts() throws IOException {
        LocalRepository.forget(root.resolve("source/kit/repository"));
    }

    @Test
    void theZipHoldsGradescopesScriptsAtItsRootExecutableAndTheCases() throws IOException {
        Map<String, Set<PosixFilePermission>> entries = zipEntries(zip);

        assertThat(entries.get("setup.sh")).contains(PosixFilePermission.OWNER_EXECUTE);
        assertThat(entries.get("run_autograder")).contains(PosixFilePermission.OWNER_EXECUTE);
        assertThat(entries.get("grade")).contains(PosixFilePermission.OWNER_EXECUTE);
        for (String hidden : Leaks.caseFiles(HIDDEN)) {
            assertThat(entries).containsKey("kit/test-cases/kv-attention/hidden/" + hidden);
        }
    }

    @Test
    void setupInstallsAJdkMavenAndBubblewrapWithAptAndGradesTheChallengeAsACheck() throws IOException {
        assertThat(setup.exitCode()).as(setup.output()).isZero();
        assertThat(Files.readString(work.resolve("apt-get.log")))
                .contains("install").contains("openjdk-17-jdk-headless", "maven", "bubblewrap", "util-linux");

        JsonNode check = JSON.readTree(root.resolve("kvkit/setup-check.json").toFile());
        GradescopeResults.assertValid(check);
        assertThat(check.get("tests")).hasSize(2);
        assertThat(check.get("score").asDouble()).isLessThan(5);
    }

    @Test
    void afterSetupTheCasesAndTheReferenceAreRootsAlone() throws Exception {
        assertThat(setup.exitCode()).as(setup.output()).isZero();

        assertThat(othersMay(root.resolve("source"))).isEmpty();
        Path trackJars = LocalRepository.path().resolve("io/github/kvkit/kvkit-kv-attention");
        assertThat(othersMay(trackJars)).isEmpty();
        assertThat(othersMay(root.resolve("results"))).doesNotContain(PosixFilePermission.OTHERS_WRITE);
    }

    @Test
    void aSubmissionIsGradedOnVisibleAndHiddenCasesUnderTheSetprivFallback() throws Exception {
        requireSandbox(SandboxMode.SETPRIV);
        String reference = Files.readString(REFERENCE, StandardCharsets.UTF_8);
        String noMask = reference.replace("        if (useCausalMask) {\n", "        if (false) {\n");
        assertThat(noMask).isNotEqualTo(reference);

        JsonNode results = grade("setpriv", Map.of("KVCachedMultiHeadAttention.java", noMask));

        GradescopeResults.assertValid(results);
        assertThat(results.get("tests")).hasSize(14);
        assertThat(results.get("score").asDouble()).isBetween(1.0, 69.0);
        assertThat(results.get("output").asText()).contains("Sandbox: setpriv");
        List<String> hidden = Leaks.ofTheHiddenCases();
        for (JsonNode test : results.get("tests")) {
            String expected = hidden.contains(test.get("name").asText()) ? "after_published" : "visible";
            assertThat(test.get("visibility").asText()).as(test.get("name").asText()).isEqualTo(expected);
        }
    }

    @Test
    void aSubmissionThatEndsItsJvmIsAContractErrorUnderBubblewrap() throws Exception {
        requireSandbox(SandboxMode.BUBBLEWRAP);

        JsonNode results = grade("bubblewrap", files(CANDIDATES.resolve("hostile/ExitsInConstructor.java")));

        GradescopeResults.assertValid(results);
        assertThat(results.get("tests")).hasSize(14).allSatisfy(t -> assertThat(t.get("score").asDouble()).isZero());
        assertThat(results.get("output").asText()).contains("Contract error", "System.exit(0)", "Sandbox: bubblewrap");
    }

    @Test
    void aSubmissionThatDoesNotCompileGetsTheCompilersMessage() throws Exception {
        JsonNode results = grade("on", files(CANDIDATES.resolve("compile-error/Broken.java")));

        GradescopeResults.assertValid(results);
        assertThat(results.get("score").asDouble()).isZero();
        assertThat(results.get("tests")).hasSize(14);
        assertThat(results.get("output").asText()).contains("Compile error", "Broken.java:12");
    }

    @Test
    void aSubmissionWithoutAJavaFileIsToldSo() throws Exception {
        JsonNode results = grade("on", Map.of("notes.txt", "my answer is in my head"));

        GradescopeResults.assertValid(results);
        assertThat(results.get("score").asDouble()).isZero();
        assertThat(results.get("output").asText()).startsWith("No .java file in your submission");
    }

    @Test
    void aSubmissionWithSeveralJavaFilesIsToldWhichButAMacsMetadataIsNoSource() throws Exception {
        Map<String, String> files = files(CANDIDATES.resolve("valid/LoopAttention.java"),
                CANDIDATES.resolve("compile-error/Broken.java"));
        files.put("__MACOSX/._LoopAttention.java", "metadata");

        JsonNode results = grade("on", files);

        GradescopeResults.assertValid(results);
        assertThat(results.get("output").asText())
                .isEqualTo("Your submission has 2 .java files (Broken.java, LoopAttention.java); submit exactly one: "
                        + "your KVCachedMultiHeadAttention.java.");
    }

    @Test
    void resultsAreWrittenWhenTheValidatorIsKilled() throws Exception {
        Path killing = work.resolve("killing-bin");
        StandIns.killedJava(killing);

        JsonNode results = grade(environment("on", killing), files(CANDIDATES.resolve("valid/LoopAttention.java")));

        GradescopeResults.assertValid(results);
        assertThat(results.get("score").asDouble()).isZero();
        assertThat(results.get("output").asText()).contains("stopped before it could grade", "exit code 137");
    }

    /** Runs {@code run_autograder} on a submission of {@code files} (name to content) and reads its results.json. */
    private static JsonNode grade(String sandbox, Map<String, String> files) throws Exception {
        return grade(environment(sandbox, bin), files);
    }

    private static JsonNode grade(Map<String, String> environment, Map<String, String> files) throws Exception {
        Path submission = root.resolve("submission");
        TestFolders.delete(submission);
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path file = submission.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, f.getValue(), StandardCharsets.UTF_8);
        }
        Command.Result run = Command.run(root, environment, List.of(root.resolve("run_autograder").toString()));
        assertThat(run.exitCode()).as(run.output()).isZero();
        Path results = root.resolve("results/results.json");
        assertThat(results).as(run.output()).exists();
        return JSON.readTree(results.toFile());
    }

    private static Map<String, String> environment(String sandbox, Path tools) {
        return Map.of("KVKIT_AUTOGRADER_ROOT", root.toString(),
                "KVKIT_MAVEN_REPO", LocalRepository.path().toString(),
                "KVKIT_SANDBOX", sandbox,
                "PATH", StandIns.path(tools));
    }

    /** Each file under its own name, with its content; a map the caller may add to. */
    private static Map<String, String> files(Path... sources) throws IOException {
        Map<String, String> files = new HashMap<>();
        for (Path source : sources) {
            files.put(source.getFileName().toString(), Files.readString(source, StandardCharsets.UTF_8));
        }
        return files;
    }

    /** What other users may do with {@code path} and everything under it. */
    private static Set<PosixFilePermission> othersMay(Path path) throws IOException {
        Set<PosixFilePermission> others = PosixFilePermissions.fromString("------rwx");
        List<PosixFilePermission> found = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.toList()) {
                Files.getPosixFilePermissions(p).stream().filter(others::contains).forEach(found::add);
            }
        }
        return Set.copyOf(found);
    }

    private static void requireSandbox(SandboxMode mode) {
        try {
            Sandboxes.choose(mode, List::of, new Sandboxes.Protected(List.of(), List.of()));
        } catch (SandboxUnavailable e) {
            System.err.println("SKIPPED: a Gradescope autograder test needs " + mode + ": " + e.getMessage());
            Assumptions.abort(e.getMessage());
        }
    }

    /** Unzips {@code zip} into {@code folder} as unzip(1) does, with the Unix permissions the zip records. */
    private static void unzip(Path zip, Path folder) throws IOException {
        Map<String, Set<PosixFilePermission>> entries = zipEntries(zip);
        try (FileSystem fs = zipFileSystem(zip)) {
            for (Map.Entry<String, Set<PosixFilePermission>> e : entries.entrySet()) {
                Path target = folder.resolve(e.getKey());
                if (e.getKey().endsWith("/")) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(fs.getPath(e.getKey()), target);
                }
                Files.setPosixFilePermissions(target, e.getValue());
            }
        }
    }

    /** Every entry of {@code zip} (a folder's name ends in {@code /}) with its Unix permissions, in order. */
    private static Map<String, Set<PosixFilePermission>> zipEntries(Path zip) throws IOException {
        Map<String, Set<PosixFilePermission>> out = new TreeMap<>();
        try (FileSystem fs = zipFileSystem(zip); Stream<Path> walk = Files.walk(fs.getPath("/"))) {
            for (Path entry : walk.toList()) {
                if (entry.toString().equals("/")) {
                    continue;
                }
                String name = entry.toString().substring(1) + (Files.isDirectory(entry) ? "/" : "");
                out.put(name, Files.getPosixFilePermissions(entry));
            }
        }
        return out;
    }

    private static FileSystem zipFileSystem(Path zip) throws IOException {
        return FileSystems.newFileSystem(zip, Map.of("enablePosixFileAttributes", "true"));
    }
}

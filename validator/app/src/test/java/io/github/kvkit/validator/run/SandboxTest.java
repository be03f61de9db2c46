package io.github.kvkit.validator.run;

import io.github.kvkit.validator.SandboxEscapes;
import io.github.kvkit.validator.ShippedCases;
import io.github.kvkit.validator.cases.TestCase;
import io.github.kvkit.validator.sandbox.Sandboxes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static io.github.kvkit.validator.run.ChildJvmRunnerTest.LIMITS;
import static io.github.kvkit.validator.run.ChildJvmRunnerTest.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hostile candidates that try to get out of their child JVM ({@link SandboxEscapes}), in each sandbox: they get
 * what they earn and leave no trace. Each prints what each attempt got; a test fails on any
 * {@code ESCAPE succeeded}, and checks the machine too (files, processes, connections). Tests of a mechanism are
 * skipped, with a message, where it cannot run ({@link TestSandboxes}).
 */
class SandboxTest {

    private static final Path HIDDEN = Path.of("test-cases/kv-attention/hidden").toAbsolutePath();
    private static List<TestCase> cases;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadCases() throws Exception {
        cases = ShippedCases.loader().loadAll(List.of(ChildJvmRunnerTest.ISOLATION_CASES));
    }

    /** Where the reference is on this machine: its build folder, the installed jars, whatever holds its class. */
    private static List<String> referenceLocations() throws Exception {
        Class<?> reference = Class.forName("io.github.kvkit.attention.KVCachedMultiHeadAttention");
        return List.of(Path.of(reference.getProtectionDomain().getCodeSource().getLocation().toURI()).toString(),
                Path.of(System.getProperty("user.home"), ".m2", "repository", "io", "github", "kvkit").toString(),
                Path.of("validator/kv-attention/target/classes").toAbsolutePath().toString());
    }

    @Test
    void withoutASandboxACandidateCanHandItsCallsToTheInstalledReference() throws Exception {
        Path candidate = SandboxEscapes.usesInstalledReference(referenceLocations(), dir);

        ChildJvmRunnerTest.Run run = validate(candidate, cases, LIMITS, Sandboxes.off());

        assertThat(run.output()).contains("ESCAPE succeeded");
        assertThat(run.test("isolation_trigger").passed()).isTrue();
    }

    @Test
    void underBubblewrapTheReferenceCannotBeLoadedFromTheInstalledJarsOrTheBuildFolder() throws Exception {
        Path candidate = SandboxEscapes.usesInstalledReference(referenceLocations(), dir);

        ChildJvmRunnerTest.Run run = validate(candidate, cases, LIMITS, TestSandboxes.bubblewrap());

        assertThat(run.output()).contains("ESCAPE blocked").doesNotContain("ESCAPE succeeded");
        assertThat(run.test("isolation_trigger").score()).isZero();
    }

    @Test
    void underBubblewrapNoHiddenCaseFileCanBeRead() throws Exception {
        Path candidate = SandboxEscapes.write("ReadsHiddenCases", HIDDEN.toString(), dir);

        ChildJvmRunnerTest.Run run = validate(candidate, cases, LIMITS, TestSandboxes.bubblewrap());

        assertThat(run.output()).contains("ESCAPE blocked").doesNotContain("ESCAPE succeeded");
        try (var hidden = Files.list(HIDDEN)) {
            for (Path f : hidden.toList()) {
                assertThat(run.output()).doesNotContain(f.getFileName().toString());
            }
        }
        assertThat(run.report.allPassed()).isTrue();
    }

    @Test
    void underBubblewrapADetachedProcessDiesWithTheChildAndNeverWritesItsMarker() throws Exception {
        Path open = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path marker = open.resolve("marker");
        Path candidate = SandboxEscapes.write("StartsDetachedProcess", marker.toString(), dir);

        ChildJvmRunnerTest.Run run = validate(candidate, cases, LIMITS, TestSandboxes.bubblewrap());

        assertThat(run.output()).contains("ESCAPE started");
        assertThat(processesMentioning(marker.toString())).isEmpty();
        Thread.sleep(4000);     // past the process's 3 s sleep
        assertThat(marker).doesNotExist();
        assertThat(run.report.allPassed()).isTrue();
    }

    @Test
    void underBubblewrapNoFileOfTheProjectChanges() throws Exception {
        Path project = Files.createDirectory(dir.resolve("project"));
        Files.writeString(project.resolve("canary.txt"), "still here");
        Path candidate = SandboxEscapes.write("ChangesProjectFiles", project.toString(), dir);
        List<Path> before = listing(Path.of("").toAbsolutePath());

        ChildJvmRunnerTest.Run run = validate(candidate, cases, LIMITS, TestSandboxes.bubblewrap());

        assertThat(run.output()).contains("ESCAPE blocked").doesNotContain("WROTE into " + project + "\n")
                .doesNotContain("WROTE into " + Path.of("").toAbsolutePath() + "\n").doesNotContain("DELETED");
        assertThat(listing(project)).containsExactly(project.resolve("canary.txt"));
        assertThat(listing(Path.of("").toAbsolutePath())).isEqualTo(before);
    }

    @Test
    void underBubblewrapAConnectionToAListenerOnTheGradersLoopbackFails() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path candidate = SandboxEscapes.write("ConnectsToLocalhost", String.valueOf(listener.getLocalPort()), dir);

            ChildJvmRunnerTest.Run run = validate(candidate, cases, LIMITS, TestSandboxes.bubblewrap());

            assertThat(run.output()).contains("ESCAPE blocked").doesNotContain("ESCAPE succeeded");
            listener.setSoTimeout(1);
            assertThatThrownBy(listener::accept).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void underBubblewrapProcShowsOnlyTheSandboxsOwnProcesses() throws Exception {
        Path candidate = SandboxEscapes.write("ListsProcesses", "", dir);

        ChildJvmRunnerTest.Run run = validate(candidate, cases, LIMITS, TestSandboxes.bubblewrap());

        List<String> seen = run.output().lines().filter(l -> l.startsWith("PROCESS ")).toList();
        assertThat(seen).isNotEmpty().hasSizeLessThanOrEqualTo(2)
                .allSatisfy(p -> assertThat(p).containsAnyOf("bwrap", "io.github.kvkit.harness.child.ChildMain"));
    }

    @Test
    void underTheSetprivFallbackACorrectCandidateScoresFullMarksAndItsLeftoversAreKilled() throws Exception {
        Sandboxes.Choice setpriv = TestSandboxes.setpriv();
        Path open = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path marker = open.resolve("marker");
        Path candidate = SandboxEscapes.write("StartsDetachedProcess", marker.toString(), dir);

        ChildJvmRunnerTest.Run run = validate(candidate, cases, LIMITS, setpriv);

        assertThat(run.output()).contains("ESCAPE started");
        assertThat(run.report.allPassed()).isTrue();
        assertThat(processesMentioning(marker.toString())).isEmpty();
        Thread.sleep(4000);
        assertThat(marker).doesNotExist();
    }

    @Test
    void underTheSetprivFallbackAFolderOthersCannotEnterStaysUnreadable() throws Exception {
        Sandboxes.Choice setpriv = TestSandboxes.setpriv();
        Path secret = Files.createDirectory(dir.resolve("secret"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Files.writeString(secret.resolve("hidden_case.json"), "{}");
        Path candidate = SandboxEscapes.write("ReadsHiddenCases", secret.toString(), dir);

        ChildJvmRunnerTest.Run run = validate(candidate, cases, LIMITS, setpriv);

        assertThat(run.output()).contains("ESCAPE blocked: " + secret).doesNotContain("hidden_case.json");
    }

    /** The processes whose command line holds {@code text}, but this JVM. */
    private static List<String> processesMentioning(String text) {
        List<String> found = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(p -> p.info().commandLine()
                .filter(c -> c.contains(text) && p.pid() != ProcessHandle.current().pid()).ifPresent(found::add));
        return found;
    }

    private static List<Path> listing(Path folder) throws Exception {
        try (var files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }
}

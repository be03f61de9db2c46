package io.github.kvkit.validator.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kvkit kit student} refused: one line on stderr naming the option, the value and what was expected, exit
 * code 2, no stack trace, and nothing left behind. {@code kit.StudentKitTest} writes and builds a kit.
 */
class StudentKitCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Cli.create(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    private int student(String track, Path output) {
        return run("kit", "student", "--track", track, "-o", output.toString());
    }

    private String[] errorLines() {
        return err.toString().strip().lines().toArray(String[]::new);
    }

    private boolean nothingWrittenIn(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.noneMatch(p -> p.getFileName().toString().contains(".partial-")
                    || p.getFileName().toString().endsWith(".zip"));
        }
    }

    @Test
    void helpListsTheKitVerbAndItsRole() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("kit");
        out.getBuffer().setLength(0);

        assertThat(run("kit", "student", "--help")).isZero();
        assertThat(out.toString()).startsWith("Usage: kvkit kit student ").contains("--track", "--output", "Exit codes");
    }

    @Test
    void kitWithoutARoleSaysWhatIsMissing() {
        assertThat(run("kit")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("Missing required subcommand").doesNotContain("\tat ");
    }

    @Test
    void anUnknownTrackNamesTheOptionTheValueAndTheInstalledTracks() {
        assertThat(student("nope", dir.resolve("kit"))).isEqualTo(ExitCode.USAGE);

        assertThat(errorLines()).singleElement().asString()
                .startsWith("error: --track nope: not a track of this validator; expected one of: ")
                .contains("kv-attention");
    }

    @Test
    void anOutputFolderWithFilesInItIsRefused() throws IOException {
        Path full = Files.createDirectories(dir.resolve("full"));
        Files.writeString(full.resolve("notes.txt"), "mine");

        assertThat(student("kv-attention", full)).isEqualTo(ExitCode.USAGE);

        assertThat(errorLines()).containsExactly("error: --output " + full + ": not empty; expected a new or empty folder");
        assertThat(Files.readString(full.resolve("notes.txt"))).isEqualTo("mine");
    }

    @Test
    void anOutputThatIsAFileIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("kit"), "mine");

        assertThat(student("kv-attention", file)).isEqualTo(ExitCode.USAGE);

        assertThat(errorLines()).containsExactly("error: --output " + file + ": a file, not a folder; expected a new or "
                + "empty folder");
    }

    @Test
    void aZipAlreadyNextToTheOutputIsRefused() throws IOException {
        Files.writeString(dir.resolve("kit.zip"), "an older kit");

        assertThat(student("kv-attention", dir.resolve("kit"))).isEqualTo(ExitCode.USAGE);

        assertThat(errorLines()).singleElement().asString().startsWith("error: --output " + dir.resolve("kit") + ": ")
                .contains(dir.resolve("kit") + ".zip already exists; expected");
        assertThat(Files.readString(dir.resolve("kit.zip"))).isEqualTo("an older kit");
    }

    @Test
    void anOutputThatCannotBeCreatedIsRefusedWithTheReason() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "mine");

        assertThat(student("kv-attention", file.resolve("kit"))).isEqualTo(ExitCode.USAGE);

        assertThat(errorLines()).containsExactly("error: --output " + file.resolve("kit") + ": cannot be written ("
                + file + " is a file); expected a folder kvkit can create");
    }

    @Test
    void aTrackWithoutAChallengeFolderIsRefusedByNameAndLeavesNothingBehind() throws IOException {
        assertThat(student("softmax-example", dir.resolve("kit"))).isEqualTo(ExitCode.USAGE);

        assertThat(errorLines()).singleElement().asString()
                .startsWith("error: challenge/softmax-example: no such folder in ")
                .endsWith("; expected kvkit kit to run from the root of a kvkit repository");
        assertThat(dir.resolve("kit")).doesNotExist();
        assertThat(nothingWrittenIn(dir)).isTrue();
    }
}

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
 * {@code kvkit kit gradescope} and {@code kvkit kit classroom} refused: one line on stderr naming the option, the
 * value and what was expected, exit code 2, no stack trace, nothing left behind. The kit tests ({@code kit.*Test})
 * write and use the kits.
 */
class KitCommandsTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Cli.create(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    private String[] errorLines() {
        return err.toString().strip().lines().toArray(String[]::new);
    }

    private boolean nothingWrittenIn(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.noneMatch(p -> p.getFileName().toString().contains(".partial-"));
        }
    }

    @Test
    void helpListsBothVerbs() {
        assertThat(run("kit", "--help")).isZero();

        assertThat(out.toString()).contains("gradescope", "classroom");
    }

    @Test
    void gradescopeRefusesAnUnknownTrackInOneLine() {
        assertThat(run("kit", "gradescope", "--track", "nope", "-o", dir.resolve("a.zip").toString()))
                .isEqualTo(ExitCode.USAGE);

        assertThat(errorLines()).singleElement().asString()
                .startsWith("error: --track nope: not a track of this validator; expected one of: ")
                .contains("kv-attention");
    }

    @Test
    void gradescopeRefusesAnOutputThatIsNotAZipName() {
        Path output = dir.resolve("autograder");

        assertThat(run("kit", "gradescope", "--track", "kv-attention", "-o", output.toString())).isEqualTo(ExitCode.USAGE);

        assertThat(errorLines()).containsExactly("error: --output " + output + ": not a .zip file name; expected a new "
                + ".zip file");
    }

    @Test
    void gradescopeNeverOverwritesAZip() throws IOException {
        Path zip = Files.writeString(dir.resolve("autograder.zip"), "an older autograder");

        assertThat(run("kit", "gradescope", "--track", "kv-attention", "-o", zip.toString())).isEqualTo(ExitCode.USAGE);

        assertThat(errorLines()).containsExactly("error: --output " + zip + ": already exists; expected a new .zip file");
        assertThat(Files.readString(zip)).isEqualTo("an older autograder");
    }

    @Test
    void gradescopeRefusesAZipItCannotCreateAndLeavesNothingBehind() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "mine");
        Path zip = file.resolve("autograder.zip");

        assertThat(run("kit", "gradescope", "--track", "kv-attention", "-o", zip.toString())).isEqualTo(ExitCode.USAGE);

        assertThat(errorLines()).containsExactly("error: --output " + zip + ": cannot be written (" + file
                + " is a file); expected a .zip file kvkit can create");
        assertThat(nothingWrittenIn(dir)).isTrue();
    }

    @Test
    void classroomRefusesAnUnknownTrackInOneLine() {
        assertThat(run("kit", "classroom", "--track", "nope", "-o", dir.resolve("kit").toString()))
                .isEqualTo(ExitCode.USAGE);

        assertThat(errorLines()).singleElement().asString()
                .startsWith("error: --track nope: not a track of this validator; expected one of: ");
    }

    @Test
    void classroomRefusesAFolderWithFilesInIt() throws IOException {
        Path full = Files.createDirectories(dir.resolve("full"));
        Files.writeString(full.resolve("notes.txt"), "mine");

        assertThat(run("kit", "classroom", "--track", "kv-attention", "-o", full.toString())).isEqualTo(ExitCode.USAGE);

        assertThat(errorLines()).containsExactly("error: --output " + full + ": not empty; expected a new or empty folder");
        assertThat(err.toString()).doesNotContain("\tat ");
    }
}

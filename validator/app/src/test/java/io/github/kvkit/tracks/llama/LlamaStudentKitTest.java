package io.github.kvkit.tracks.llama;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kvkit.validator.ShippedCases;
import io.github.kvkit.validator.Validation;
import io.github.kvkit.validator.cli.Cli;
import io.github.kvkit.validator.result.ValidationReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kvkit kit student --track llama-block} with no code of the track's own: the kit holds the challenge, the
 * spec and the visible cases frozen with the reference's results, which grade a correct candidate with full marks;
 * none of its jars holds a class of the reference, and none of its files names a hidden case. (Building a kit with
 * Maven is the first track's {@code StudentKitTest}; the kit code does not depend on the track.)
 */
class LlamaStudentKitTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    private static Path kit;

    @BeforeAll
    static void exportTheKit() {
        kit = work.resolve("llama-block-kit");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = Cli.create(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute("kit", "student", "--track", "llama-block", "-o", kit.toString());

        assertThat(code).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("the llama-block student kit").contains("2 visible cases frozen");
    }

    @Test
    void theKitHoldsTheChallengeTheSpecTheGuideAndTheTracksJars() {
        assertThat(kit.resolve("challenge/llama-block/LlamaAttention.java")).hasSameTextualContentAs(
                Path.of("challenge/llama-block/LlamaAttention.java"));
        assertThat(kit.resolve("docs/tracks/llama-block.md")).exists();
        assertThat(kit.resolve("docs/student-guide.md")).exists();
        assertThat(kit.resolve("repository/io/github/kvkit/kvkit-llama-block")).isDirectory();
        assertThat(kit.resolve("repository/io/github/kvkit/kvkit-llama-block-api")).isDirectory();
        assertThat(kit.resolve("repository/io/github/kvkit/kvkit-kv-attention")).doesNotExist();
        assertThat(kit.resolve("solution")).doesNotExist();
        assertThat(kit.resolve("test-cases/llama-block/hidden")).doesNotExist();
    }

    @Test
    void theFrozenVisibleCasesGiveACorrectBlockFullMarks() throws Exception {
        Path cases = kit.resolve("test-cases/llama-block/visible");
        ValidationReport report = Validation.inProcess(ShippedCases.ORACLE).validate(
                Path.of("validator/app/src/test/resources/candidates/llama/valid/LoopLlamaBlock.java"),
                LlamaCases.loader().loadAll(List.of(cases)), c -> { });

        assertThat(report.tests()).hasSize(2).allSatisfy(t -> assertThat(t.passed()).as(t.name()).isTrue());
        try (Stream<Path> files = Files.list(cases)) {
            for (Path file : files.toList()) {
                assertThat(JSON.readTree(file.toFile()).get("expected")).as(file.toString()).isNotEmpty();
            }
        }
    }

    @Test
    void noJarOfTheKitHoldsAClassOfTheReference() throws IOException {
        List<String> entries = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(kit)) {
            for (Path jar : walk.filter(p -> p.toString().endsWith(".jar")).toList()) {
                try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(jar))) {
                    for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                        entries.add(e.getName());
                    }
                }
            }
        }

        assertThat(entries).contains("io/github/kvkit/tracks/llama/LlamaTrack.class",
                "io/github/kvkit/llama/BlockConfig.class").noneMatch(n -> n.startsWith("io/github/kvkit/llamablock/"));
    }

    @Test
    void noTextFileOfTheKitNamesAHiddenCase() throws IOException {
        List<String> hidden = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("test-cases/llama-block/hidden"))) {
            for (Path file : files.toList()) {
                hidden.add(JSON.readTree(file.toFile()).get("name").asText());
            }
        }
        List<String> hits = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(kit)) {
            for (Path file : walk.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".jar")).toList()) {
                String text = read(file);
                hidden.stream().filter(text::contains).forEach(name -> hits.add(file + ": " + name));
            }
        }

        assertThat(hidden).hasSize(10);
        assertThat(hits).isEmpty();
    }

    private static String read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}

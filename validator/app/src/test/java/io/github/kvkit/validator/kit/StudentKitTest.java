package io.github.kvkit.validator.kit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kvkit.validator.cli.Cli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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

    private static final String CHALLENGE = "challenge/kv-attention/KVCachedMultiHeadAttention.java";
    private static final Path CORRECT = Path.of("validator/app/src/test/resources/candidates/valid/LoopAttention.java");
    private static final Path REFERENCE = Path.of("solution/kv-attention/KVCachedMultiHeadAttention.java");
    private static final String REFERENCE_CLASS = "io/github/kvkit/attention/KVCachedMultiHeadAttention";
    private static final Path HIDDEN = Path.of("test-cases/kv-attention/hidden");
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
                .execute("kit", "student", "--track", "kv-attention", "-o", kit.toString());
        assertThat(code).as(out + "\n" + err).isZero();

        maven = new Maven(localRepository());
        firstCommand = maven.run(kit, "-q", "exec:java",
                "-Dexec.args=--file " + CHALLENGE + " --json target/challenge.json --color never");
    }

    @AfterAll
    static void forgetTheKitsArtifacts() throws IOException {
        Path group = kit.resolve("repository/io/github/kvkit");
        try (Stream<Path> versions = Files.list(group).flatMap(StudentKitTest::list)) {
            for (Path version : versions.toList()) {
                delete(localRepository().resolve("io/github/kvkit").resolve(group.relativize(version)));
            }
        }
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
    void theVisibleCasesAreThereWithTheirExpectedResults() throws IOException {
        Path cases = kit.resolve("test-cases/kv-attention/visible");

        assertThat(names(cases)).isEqualTo(names(Path.of("test-cases/kv-attention/visible")));
        for (String name : names(cases)) {
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
        String source = Files.readString(REFERENCE, StandardCharsets.UTF_8);
        Set<String> challenge = Files.readAllLines(Path.of(CHALLENGE)).stream().map(String::strip)
                .collect(Collectors.toSet());
        List<String> needles = new ArrayList<>(List.of(REFERENCE_CLASS, source.strip()));
        // The lines only the reference has: a copy of its fixes, whole or in part.
        source.lines().map(String::strip).filter(l -> l.length() >= 30 && !challenge.contains(l)).forEach(needles::add);

        assertThat(hits(needles)).isEmpty();
    }

    @Test
    void noFileOfTheKitNamesAHiddenCase() throws IOException {
        List<String> needles = new ArrayList<>();
        for (String file : names(HIDDEN)) {
            needles.add(file.replaceFirst("\\.json$", ""));
            needles.add(JSON.readTree(HIDDEN.resolve(file).toFile()).get("name").asText());
        }

        assertThat(needles).hasSizeGreaterThan(10);
        assertThat(hits(needles)).isEmpty();
    }

    /** "file: needle" for every needle in the name or the bytes of a file of the kit or its zip, archives unpacked. */
    private static List<String> hits(List<String> needles) throws IOException {
        List<Unpacked.Item> files = new ArrayList<>(Unpacked.files(kit, StudentKitTest::shipped));
        files.addAll(Unpacked.files(work, p -> p.toString().equals("kv-attention-kit.zip")));
        List<String> out = new ArrayList<>();
        for (Unpacked.Item file : files) {
            // Bytes as Latin-1 characters, so that a needle is found in a class file or a jar as well as in text.
            String content = new String(file.bytes(), StandardCharsets.ISO_8859_1);
            for (String needle : needles) {
                String bytes = new String(needle.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
                if (file.name().contains(needle) || content.contains(bytes)) {
                    out.add(file.name() + ": " + needle);
                }
            }
        }
        return out;
    }

    /** The kit's own files, not what the Maven runs of this test wrote into target/. */
    private static boolean shipped(Path relative) {
        return !relative.startsWith("target");
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json") && !n.equals("schema.json"))
                    .sorted().toList();
        }
    }

    /** The local Maven repository this JVM's ND4J jar lies in. */
    private static Path localRepository() {
        try {
            Path jar = Path.of(Nd4j.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // REPOSITORY/org/nd4j/nd4j-api/VERSION/nd4j-api-VERSION.jar
            Path repository = jar.getParent().getParent().getParent().getParent().getParent();
            assertThat(repository.resolve("org/nd4j/nd4j-api")).isDirectory();
            return repository;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Stream<Path> list(Path folder) {
        try {
            return Files.list(folder).toList().stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

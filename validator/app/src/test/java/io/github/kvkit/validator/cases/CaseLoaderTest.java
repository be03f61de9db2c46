package io.github.kvkit.validator.cases;

import io.github.kvkit.tracks.kv.cases.KvCaseBody;
import io.github.kvkit.tracks.kv.cases.Step;
import io.github.kvkit.validator.ShippedCases;
import io.github.kvkit.validator.result.Visibility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class CaseLoaderTest {

    private static final String VALID = """
            {"schemaVersion": 1, "name": "tiny", "category": "core", "points": 2, "visibility": "hidden",
             "dtype": "float32", "seed": 5, "config": {"dModel": 8, "numHeads": 2, "maxCacheLen": 8},
             "steps": [%s]}
            """;
    private static final String PREFILL = "{\"op\": \"forward\", \"name\": \"prefill\", \"batch\": 1, \"queryLen\": 3}";

    @TempDir
    Path dir;

    private final CaseLoader loader = ShippedCases.loader();

    private Path write(String name, String json) throws IOException {
        return Files.writeString(dir.resolve(name), json);
    }

    private String problemWith(String json) throws IOException {
        Path file = write("case.json", json);
        CaseFileException e = assertThrows(CaseFileException.class, () -> loader.load(file));
        assertThat(e.getMessage()).startsWith(file.toString()).doesNotContain("\n");
        return e.getMessage();
    }

    @Test
    void loadsAValidCaseWithDefaultsFilledIn() throws Exception {
        TestCase tc = loader.load(write("ok.json", VALID.formatted(PREFILL)));

        assertThat(tc.name()).isEqualTo("tiny");
        assertThat(tc.visibility()).isEqualTo(Visibility.HIDDEN);
        assertThat(tc.tolerance()).isEqualTo(ShippedCases.KV.defaultTolerance(Dtype.FLOAT32));
        Step.Forward step = (Step.Forward) KvCaseBody.of(tc).steps().get(0);
        assertThat(step.causal()).isTrue();
        assertThat(step.attentionSelf()).isTrue();
        assertThat(step.keyLen()).isEqualTo(3);
    }

    @Test
    void everyShippedCaseLoads() throws Exception {
        List<TestCase> cases = loader.loadAll(List.of(Path.of("test-cases/kv-attention/visible"), Path.of("test-cases/kv-attention/hidden")));

        assertThat(cases).hasSizeGreaterThanOrEqualTo(12);
        assertThat(cases.stream().filter(c -> c.visibility() == Visibility.VISIBLE)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void shippedCategoriesWeighTenTwentyFiveTwentyFiveTen() throws Exception {
        List<TestCase> cases = loader.loadAll(List.of(Path.of("test-cases/kv-attention/visible"), Path.of("test-cases/kv-attention/hidden")));

        assertThat(points(cases, "visible")).isEqualTo(10.0);
        assertThat(points(cases, "core")).isEqualTo(25.0);
        assertThat(points(cases, "edge")).isEqualTo(25.0);
        assertThat(points(cases, "stress")).isEqualTo(10.0);
    }

    private static double points(List<TestCase> cases, String category) {
        return cases.stream().filter(c -> c.category().equals(category)).mapToDouble(TestCase::points).sum();
    }

    @Test
    void invalidJsonNamesTheLineAndColumn() throws Exception {
        String message = problemWith("{\"schemaVersion\": 1,\n \"name\": \"x\",,}");

        assertThat(message).contains("line 2, column").contains("not valid JSON");
    }

    @Test
    void duplicateKeysAreRefused() throws Exception {
        assertThat(problemWith("{\"name\": \"a\", \"name\": \"b\"}")).contains("Duplicate field 'name'");
    }

    @Test
    void aMissingFieldIsNamed() throws Exception {
        String json = VALID.formatted(PREFILL).replace("\"points\": 2,", "");

        assertThat(problemWith(json)).contains("points");
    }

    @Test
    void aWrongTypeNamesTheFieldPath() throws Exception {
        String json = VALID.formatted(PREFILL.replace("\"batch\": 1", "\"batch\": \"one\""));

        assertThat(problemWith(json)).contains("$.steps[0].batch").contains("integer");
    }

    @Test
    void anUnknownFieldIsRefused() throws Exception {
        String json = VALID.formatted(PREFILL.replace("\"batch\": 1", "\"batch\": 1, \"bacth\": 2"));

        assertThat(problemWith(json)).contains("bacth");
    }

    @Test
    void headsThatDoNotDivideTheModelAreRefused() throws Exception {
        String json = VALID.formatted(PREFILL).replace("\"numHeads\": 2", "\"numHeads\": 3");

        assertThat(problemWith(json)).contains("$.config").contains("not divisible");
    }

    @Test
    void aForwardStepThatWouldOverflowTheCacheIsRefused() throws Exception {
        String json = VALID.formatted(PREFILL + ", {\"op\": \"forward\", \"batch\": 1, \"queryLen\": 1, \"repeat\": 6}");

        assertThat(problemWith(json)).contains("$.steps[1]").contains("maxCacheLen 8").contains("reject step");
    }

    @Test
    void aCacheReferenceToAnUnknownStepIsRefused() throws Exception {
        String json = VALID.formatted(PREFILL + ", {\"op\": \"forward\", \"batch\": 1, \"queryLen\": 1, \"cache\": \"step:nope\"}");

        assertThat(problemWith(json)).contains("$.steps[1].cache").contains("step:nope");
    }

    @Test
    void anInlineArrayOfTheWrongShapeIsRefused() throws Exception {
        String inline = "{\"op\": \"forward\", \"batch\": 1, \"queryLen\": 1, \"query\": {\"shape\": [1, 1, 4], \"values\": [1, 2, 3, 4]}}";

        assertThat(problemWith(VALID.formatted(inline))).contains("$.steps[0].query.shape").contains("expected [1, 1, 8]");
    }

    @Test
    void anInlineArrayWithTooFewValuesIsRefused() throws Exception {
        String inline = "{\"op\": \"forward\", \"batch\": 1, \"queryLen\": 1, \"query\": {\"shape\": [1, 1, 8], \"values\": [1, 2]}}";

        assertThat(problemWith(VALID.formatted(inline))).contains("$.steps[0].query.values").contains("expected 8");
    }

    @Test
    void sizesThatWouldExhaustMemoryAreRefusedBeforeAnythingRuns() throws Exception {
        String json = VALID.formatted("{\"op\": \"forward\", \"batch\": 256, \"queryLen\": 4096}")
                .replace("\"dModel\": 8", "\"dModel\": 4096").replace("\"maxCacheLen\": 8", "\"maxCacheLen\": 4096");

        assertThat(problemWith(json)).contains("exhaust memory");
    }

    @Test
    void caseNamesMustBeUniqueAcrossDirectories() throws Exception {
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        Files.writeString(a.resolve("one.json"), VALID.formatted(PREFILL));
        Files.writeString(b.resolve("two.json"), VALID.formatted(PREFILL));

        CaseFileException e = assertThrows(CaseFileException.class, () -> loader.loadAll(List.of(a, b)));

        assertThat(e.getMessage()).contains("two.json").contains("already used");
    }

    @Test
    void aDirectoryWithoutCasesIsRefused() {
        CaseFileException e = assertThrows(CaseFileException.class, () -> loader.loadAll(List.of(dir)));

        assertThat(e.getMessage()).contains("no *.json test cases");
    }

    // ------------------------------------------------------------------- entries that are not files

    private CaseFileException refusedIn(Path cases) {
        CaseFileException e = assertThrows(CaseFileException.class, () -> loader.loadAll(List.of(cases)));
        assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("no *.json test cases");
        return e;
    }

    @Test
    void aDirectoryNamedLikeACaseIsRefusedByName() throws Exception {
        Files.writeString(dir.resolve("a.json"), VALID.formatted(PREFILL));
        Path folder = Files.createDirectory(dir.resolve("x.json"));

        assertThat(refusedIn(dir).getMessage()).startsWith(folder + ": a directory, not a regular file")
                .contains("expected a test case in a regular file");
    }

    @Test
    void aDirectoryHoldingOnlyAFolderNamedLikeACaseNamesThatFolder() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("x.json"));

        assertThat(refusedIn(dir).getMessage()).startsWith(folder + ": a directory");
    }

    // A hang guard, not a time measurement: opening a FIFO for reading would block until a writer came.
    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFifoIsRefusedByNameWithoutBeingOpened() throws Exception {
        Path fifo = dir.resolve("pipe.json");
        assumeTrue(mkfifo(fifo), "mkfifo is not available here: the FIFO test is skipped");

        assertThat(refusedIn(dir).getMessage()).startsWith(fifo + ": a FIFO (named pipe), not a regular file");
        CaseFileException direct = assertThrows(CaseFileException.class, () -> loader.loadAll(List.of(fifo)));
        assertThat(direct.getMessage()).startsWith(fifo + ": a FIFO");
        CaseFileException loaded = assertThrows(CaseFileException.class, () -> loader.load(fifo));
        assertThat(loaded.getMessage()).startsWith(fifo + ": a FIFO");
    }

    // The race the type check cannot close: a case file swapped for a FIFO between the check and the read.
    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aReadThatWouldBlockIsAbandonedWithAMessageThatNamesTheFile() throws Exception {
        Path fifo = dir.resolve("swapped.json");
        assumeTrue(mkfifo(fifo), "mkfifo is not available here: the FIFO test is skipped");

        CaseFileException e = assertThrows(CaseFileException.class,
                () -> CaseLoader.readWithin(fifo, java.time.Duration.ofMillis(200)));

        assertThat(e.getMessage()).startsWith(fifo + ": could not be read within 200 ms").contains("expected a test case");
    }

    /** Whether {@code mkfifo PATH} made a FIFO; false when there is no mkfifo. */
    private static boolean mkfifo(Path path) throws InterruptedException {
        try {
            Process p = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0 && Files.exists(path, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return false;
        }
    }

    // A hang guard too: reading /dev/zero never ends.
    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aLinkToADeviceIsRefusedByName() throws Exception {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "no /dev/zero here: the device test is skipped");
        Path link = createLinkOrSkip(dir.resolve("zero.json"), zero);

        assertThat(refusedIn(dir).getMessage())
                .startsWith(link + ": a symbolic link to /dev/zero, a character device; expected");
        CaseFileException direct = assertThrows(CaseFileException.class, () -> loader.loadAll(List.of(link)));
        assertThat(direct.getMessage()).startsWith(link + ": a symbolic link to /dev/zero");
    }

    @Test
    void aDanglingLinkIsRefusedByName() throws Exception {
        Path link = createLinkOrSkip(dir.resolve("gone.json"), dir.resolve("missing.json"));

        assertThat(refusedIn(dir).getMessage()).startsWith(link + ": a symbolic link to ")
                .contains("which does not exist");
        CaseFileException direct = assertThrows(CaseFileException.class, () -> loader.loadAll(List.of(link)));
        assertThat(direct.getMessage()).contains("which does not exist");
    }

    @Test
    void aLinkToARegularFileIsFollowed() throws Exception {
        Path real = Files.createDirectory(dir.resolve("elsewhere")).resolve("real.txt");
        Files.writeString(real, VALID.formatted(PREFILL));
        Path cases = Files.createDirectory(dir.resolve("cases"));
        createLinkOrSkip(cases.resolve("linked.json"), real);

        assertThat(loader.loadAll(List.of(cases))).extracting(TestCase::name).containsExactly("tiny");
    }

    @Test
    void aMissingLocationSaysSo() {
        Path nowhere = dir.resolve("nowhere");

        CaseFileException e = assertThrows(CaseFileException.class, () -> loader.loadAll(List.of(nowhere)));

        assertThat(e.getMessage()).startsWith(nowhere + ": no such file or directory");
    }

    private static Path createLinkOrSkip(Path link, Path target) throws IOException {
        try {
            return Files.createSymbolicLink(link, target);
        } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
            assumeTrue(false, "symbolic links cannot be made here (" + e + "): the test is skipped");
            return link;
        }
    }
}

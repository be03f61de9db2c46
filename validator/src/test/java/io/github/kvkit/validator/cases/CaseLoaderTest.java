package io.github.kvkit.validator.cases;

import io.github.kvkit.validator.result.Visibility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CaseLoaderTest {

    private static final String VALID = """
            {"schemaVersion": 1, "name": "tiny", "category": "core", "points": 2, "visibility": "hidden",
             "dtype": "float32", "seed": 5, "config": {"dModel": 8, "numHeads": 2, "maxCacheLen": 8},
             "steps": [%s]}
            """;
    private static final String PREFILL = "{\"op\": \"forward\", \"name\": \"prefill\", \"batch\": 1, \"queryLen\": 3}";

    @TempDir
    Path dir;

    private final CaseLoader loader = new CaseLoader();

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
        assertThat(tc.tolerance()).isEqualTo(Tolerance.defaultsFor(Dtype.FLOAT32));
        Step.Forward step = (Step.Forward) tc.steps().get(0);
        assertThat(step.causal()).isTrue();
        assertThat(step.attentionSelf()).isTrue();
        assertThat(step.keyLen()).isEqualTo(3);
    }

    @Test
    void everyShippedCaseLoads() throws Exception {
        List<TestCase> cases = loader.loadAll(List.of(Path.of("test-cases/visible"), Path.of("test-cases/hidden")));

        assertThat(cases).hasSizeGreaterThanOrEqualTo(12);
        assertThat(cases.stream().filter(c -> c.visibility() == Visibility.VISIBLE)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void shippedCategoriesWeighTenTwentyFiveTwentyFiveTen() throws Exception {
        List<TestCase> cases = loader.loadAll(List.of(Path.of("test-cases/visible"), Path.of("test-cases/hidden")));

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
}

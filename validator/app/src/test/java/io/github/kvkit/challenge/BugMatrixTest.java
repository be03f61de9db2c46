package io.github.kvkit.challenge;

import io.github.kvkit.validator.result.Outcome;
import io.github.kvkit.validator.result.ValidationReport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The catalog's claims, checked by the validator itself on the shipped cases: the reference earns full
 * marks, each bug alone and each decoy's tempting fix alone lose points on the checks the catalog names,
 * and the challenge as shipped scores low without upsetting the validator. The matrix is graded once
 * ({@link BugMatrix#get()}) and printed; {@code docs/instructor/kv-attention/bug-matrix.md} keeps a copy.
 */
class BugMatrixTest {

    static final Path MATRIX_DOC = Path.of("docs/instructor/kv-attention/bug-matrix.md");
    static final String SECTION = "bug matrix";

    private static final Catalog CATALOG = Catalog.load();
    private static BugMatrix matrix;

    @BeforeAll
    static void gradeEveryVariantOnce() {
        matrix = BugMatrix.get();
    }

    static Stream<String> bugIds() {
        return ChallengeCatalogTest.bugIds();
    }

    static Stream<String> decoyIds() {
        return ChallengeCatalogTest.decoyIds();
    }

    @Test
    void theReferenceWithItsDecoysScoresFullMarks() {
        ValidationReport report = matrix.row("reference").report();

        assertEquals(Outcome.RAN, report.outcome(), report.message());
        assertEquals("", BugMatrix.failures(report));
        assertEquals(matrix.maxScore(), report.score(), 1e-9);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bugIds")
    void eachBugAloneCompilesLosesPointsAndFailsEveryCheckTheCatalogNames(String id) {
        BugMatrix.Row row = matrix.row(id);
        Catalog.Bug bug = CATALOG.bug(id);

        assertEquals(Outcome.RAN, row.report().outcome(), row.report().message());
        assertTrue(row.report().score() < row.report().maxScore(), id + " scored full marks");
        assertTrue(row.failedChecks().containsAll(bug.caughtBy()),
                id + " should fail " + bug.caughtBy() + " but failed " + row.failedChecks());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decoyIds")
    void eachDecoysTemptingFixAloneCompilesLosesPointsAndFailsEveryCheckTheCatalogNames(String id) {
        BugMatrix.Row row = matrix.row(id);
        Catalog.Decoy decoy = CATALOG.decoy(id);

        assertEquals(Outcome.RAN, row.report().outcome(), row.report().message());
        assertTrue(row.report().score() < row.report().maxScore(), id + "'s tempting fix scored full marks");
        assertTrue(row.failedChecks().containsAll(decoy.caughtBy()),
                id + " should fail " + decoy.caughtBy() + " but failed " + row.failedChecks());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bugAndDecoyIds")
    void eachBugAloneAndEachTemptingFixScoresAboveEveryTrivialCandidate(String id) {
        BugMatrix.Row row = matrix.row(id);

        assertTrue(row.report().score() > matrix.bestTrivialScore(), id + " scores " + row.report().score()
                + ", no more than a candidate that computes nothing (" + matrix.bestTrivialScore() + ")");
    }

    static Stream<String> bugAndDecoyIds() {
        return Stream.concat(bugIds(), decoyIds());
    }

    @Test
    void theShippedChallengeRunsThroughTheValidatorAndFailsChecks() {
        BugMatrix.Row row = matrix.row("challenge");

        assertEquals(Outcome.RAN, row.report().outcome(), row.report().message());
        assertEquals(matrix.cases().size(), row.report().tests().size());
        assertFalse(row.failedChecks().isEmpty());
    }

    @Test
    void theShippedChallengeScoresBelowFortyPercent() {
        BugMatrix.Row row = matrix.row("challenge");

        assertTrue(row.fraction() < 0.40, "the challenge scores " + row.report().score() + " / " + row.report().maxScore());
    }

    @Test
    void theCommittedBugMatrixIsTheComputedOne() {
        Assumptions.assumeFalse(matrix.withStress(), "the committed matrix is graded without the stress cases");
        String fresh = matrix.table().strip();
        if (GeneratedSection.updateIfAsked(MATRIX_DOC, SECTION, fresh)) {
            return;
        }

        assertEquals(fresh, GeneratedSection.committed(MATRIX_DOC, SECTION),
                MATRIX_DOC + " is out of date; run the tests with -D" + GeneratedSection.UPDATE_PROPERTY
                        + "=true to regenerate it");
    }
}

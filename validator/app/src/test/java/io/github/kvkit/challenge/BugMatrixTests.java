package io.github.kvkit.challenge;

import io.github.kvkit.validator.result.Outcome;
import io.github.kvkit.validator.result.ValidationReport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A catalog's claims, checked by the validator itself on the track's shipped cases: the reference earns full marks,
 * each bug alone and each decoy's tempting fix alone lose points on the checks the catalog names, and the challenge
 * as shipped scores low without upsetting the validator. The matrix is graded once per track
 * ({@link BugMatrix#get}) and printed; {@code docs/instructor/TRACK/bug-matrix.md} keeps a copy. One subclass per
 * track.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BugMatrixTests {

    static final String SECTION = "bug matrix";

    private Catalog catalog;
    private BugMatrix matrix;

    /** The track whose matrix is checked. */
    abstract ChallengeTrack track();

    @BeforeAll
    void gradeEveryVariantOnce() {
        catalog = Catalog.load(track());
        matrix = BugMatrix.get(track());
    }

    Stream<String> bugIds() {
        return Catalog.load(track()).bugs().stream().map(Catalog.Bug::id);
    }

    Stream<String> decoyIds() {
        return Catalog.load(track()).decoys().stream().map(Catalog.Decoy::id);
    }

    Stream<String> bugAndDecoyIds() {
        return Stream.concat(bugIds(), decoyIds());
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
        Catalog.Bug bug = catalog.bug(id);

        assertEquals(Outcome.RAN, row.report().outcome(), row.report().message());
        assertTrue(row.report().score() < row.report().maxScore(), id + " scored full marks");
        assertTrue(row.failedChecks().containsAll(bug.caughtBy()),
                id + " should fail " + bug.caughtBy() + " but failed " + row.failedChecks());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decoyIds")
    void eachDecoysTemptingFixAloneCompilesLosesPointsAndFailsEveryCheckTheCatalogNames(String id) {
        BugMatrix.Row row = matrix.row(id);
        Catalog.Decoy decoy = catalog.decoy(id);

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
        if (GeneratedSection.updateIfAsked(track().bugMatrix(), SECTION, fresh)) {
            return;
        }

        assertEquals(fresh, GeneratedSection.committed(track().bugMatrix(), SECTION), track().bugMatrix()
                + " is out of date; run the tests with -D" + GeneratedSection.UPDATE_PROPERTY + "=true to regenerate it");
    }
}

package io.github.kvkit.challenge;

import io.github.kvkit.validator.result.Outcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tiny-gpt catalog's claims, checked by the validator on the shipped tiny-gpt cases
 * ({@code docs/instructor/tiny-gpt/}): the reference and a correct model written differently earn full marks,
 * each bug and each tempting fix alone loses points on the checks the catalog names and scores above a model that
 * computes nothing, and the challenge scores low without upsetting the validator.
 */
class GptBugMatrixTest {

    static final Path MATRIX_DOC = Path.of("docs/instructor/tiny-gpt/bug-matrix.md");
    static final Path ANSWER_KEY = Path.of("docs/instructor/tiny-gpt/answer-key.md");

    private static GptBugMatrix matrix;

    @BeforeAll
    static void gradeEveryVariantOnce() {
        matrix = GptBugMatrix.get();
    }

    @Test
    void theReferenceAndACorrectModelWrittenDifferentlyScoreFullMarks() {
        for (String id : new String[] {"reference", "written-differently"}) {
            var report = matrix.row(id).report();

            assertThat(report.outcome()).as(id).isEqualTo(Outcome.RAN);
            assertThat(BugMatrix.failures(report)).as(id).isEmpty();
            assertThat(report.score()).as(id).isEqualTo(report.maxScore());
        }
    }

    @Test
    void eachBugAndEachTemptingFixLosesPointsOnTheChecksTheCatalogNames() {
        for (Catalog.Bug b : matrix.catalog.bugs()) {
            GptBugMatrix.Row row = matrix.row(b.id());

            assertThat(row.report().outcome()).as(b.id()).isEqualTo(Outcome.RAN);
            assertThat(row.report().score()).as(b.id()).isLessThan(row.report().maxScore());
            assertThat(row.failedChecks()).as(b.id()).containsAll(b.caughtBy());
        }
        for (Catalog.Decoy d : matrix.catalog.decoys()) {
            GptBugMatrix.Row row = matrix.row(d.id());

            assertThat(row.report().score()).as(d.id()).isLessThan(row.report().maxScore());
            assertThat(row.failedChecks()).as(d.id()).containsAll(d.caughtBy());
        }
    }

    @Test
    void eachBugAndEachTemptingFixScoresAboveAModelThatComputesNothing() {
        double trivial = matrix.bestTrivialScore();

        assertThat(trivial).isLessThan(0.05 * matrix.row("reference").report().maxScore());
        for (GptBugMatrix.Row row : matrix.rows.values()) {
            if (row.kind() == GptBugMatrix.Kind.BUG || row.kind() == GptBugMatrix.Kind.DECOY_FIX) {
                assertThat(row.report().score()).as(row.id()).isGreaterThan(trivial);
            }
        }
    }

    @Test
    void aModelThatNeverTrainsEarnsNothingForTraining() {
        GptBugMatrix.Row row = matrix.row("never-trains");

        assertThat(row.failedChecks()).contains("adamw_step", "overfits");
        for (var c : row.report().tests()) {
            assertThat(c.checks()).filteredOn(r -> r.name().equals("adamw_step") || r.name().equals("overfits"))
                    .allSatisfy(r -> assertThat(r.credit()).as(c.name() + " " + r.name()).isZero());
        }
    }

    @Test
    void theShippedChallengeRunsAndScoresBelowFortyPercent() {
        GptBugMatrix.Row row = matrix.row("challenge");

        assertThat(row.report().outcome()).isEqualTo(Outcome.RAN);
        assertThat(row.report().tests()).hasSize(matrix.cases.size());
        assertThat(row.fraction()).isLessThan(0.40);
    }

    @Test
    void theChallengeIsTheSolutionWithEveryBugAndDecoyCommentApplied() {
        assertThat(matrix.catalog.challengeText()).isEqualTo(GptBugMatrix.challengeFromSolution(matrix.catalog));
    }

    @Test
    void theCommittedBugMatrixAndAnswerKeyAreTheComputedOnes() {
        String table = matrix.table().strip();
        String key = AnswerKey.render(matrix.catalog).strip();
        if (GeneratedSection.updateIfAsked(MATRIX_DOC, "bug matrix", table)
                & GeneratedSection.updateIfAsked(ANSWER_KEY, "answer key", key)) {
            return;
        }

        assertThat(GeneratedSection.committed(MATRIX_DOC, "bug matrix")).isEqualTo(table);
        assertThat(GeneratedSection.committed(ANSWER_KEY, "answer key")).isEqualTo(key);
    }
}

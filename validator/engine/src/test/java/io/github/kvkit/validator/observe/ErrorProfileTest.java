package io.github.kvkit.validator.observe;

import io.github.kvkit.harness.Tensor;
import io.github.kvkit.validator.cases.Tolerance;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorProfileTest {

    private static final Tolerance TOL = new Tolerance(0.5, 0.1, 0);

    /** {@code [2, 3, 2]} in 'c' order: batch, position, feature. */
    private static Tensor tensor(double... values) {
        return new Tensor(new long[] {2, 3, 2}, "DOUBLE", values);
    }

    private static final Tensor WANT = tensor(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);

    @Test
    void eachPositionGetsItsWorstErrorOverTheOtherDimensionsAndItsLimit() {
        Tensor got = tensor(1, 2, 3, 4, 5, 6, 7.5, 8, 9, 13, 11, 12);   // off at [1, 0, 0] and [1, 1, 1]

        ErrorProfile p = ErrorProfile.along("t", "position", got, WANT, TOL, 1);

        assertThat(p.error()).containsExactly(0.5, 3.0, 0.0);
        assertThat(p.limit()).containsExactly(0.5 + 0.1 * 8, 0.5 + 0.1 * 10, 0.5 + 0.1 * 12);
    }

    @Test
    void anotherDimensionGroupsTheSameValuesOtherwise() {
        Tensor got = tensor(1, 2, 3, 4, 5, 6, 7.5, 8, 9, 13, 11, 12);

        assertThat(ErrorProfile.along("t", "feature", got, WANT, TOL, 2).error()).containsExactly(0.5, 3.0);
    }

    @Test
    void aNonFiniteValueIsNaNAtItsPositionAndAMissingCandidateEverywhere() {
        Tensor got = tensor(1, 2, 3, Double.POSITIVE_INFINITY, 5, 6, 7, 8, 9, 10, 11, 12);

        assertThat(ErrorProfile.along("t", "position", got, WANT, TOL, 1).error()).containsExactly(0.0, Double.NaN, 0.0);
        assertThat(ErrorProfile.along("t", "position", null, WANT, TOL, 1).error())
                .containsExactly(Double.NaN, Double.NaN, Double.NaN);
    }
}

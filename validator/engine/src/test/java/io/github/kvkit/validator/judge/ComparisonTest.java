package io.github.kvkit.validator.judge;

import io.github.kvkit.harness.Tensor;
import io.github.kvkit.validator.cases.Tolerance;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ComparisonTest {

    private static Tensor tokens(double... ids) {
        return new Tensor(new long[] {ids.length}, "INT", ids);
    }

    @Test
    void exactToleranceAcceptsEqualValuesOnly() {
        assertThat(Comparison.of(tokens(3, 17, 4), tokens(3, 17, 4), Tolerance.EXACT).passed()).isTrue();
        assertThat(Comparison.of(tokens(3, 17, 4), tokens(3, 18, 4), Tolerance.EXACT).passed()).isFalse();
        assertThat(Comparison.of(tokens(1.0), tokens(Math.nextUp(1.0)), Tolerance.EXACT).passed()).isFalse();
    }
}

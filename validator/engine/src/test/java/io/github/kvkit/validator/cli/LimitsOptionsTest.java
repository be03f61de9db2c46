package io.github.kvkit.validator.cli;

import io.github.kvkit.validator.run.RunLimits;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The limit options as picocli parses them, and the RunLimits they make. */
class LimitsOptionsTest {

    private static LimitsOptions parse(String... args) {
        LimitsOptions options = new LimitsOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }

    @Test
    void withoutOptionsTheLimitsAreTheDefaults() {
        assertThat(parse().toRunLimits()).isEqualTo(RunLimits.DEFAULTS);
    }

    @Test
    void eachOptionSetsItsLimit() {
        RunLimits limits = parse("--time-floor", "500ms", "--time-factor", "1.5", "--time-total", "4m",
                "--heap", "512m", "--off-heap", "1g", "--output-limit", "64k").toRunLimits();

        assertThat(limits.caseFloor()).isEqualTo(Duration.ofMillis(500));
        assertThat(limits.caseFactor()).isEqualTo(1.5);
        assertThat(limits.total()).isEqualTo(Duration.ofMinutes(4));
        assertThat(limits.heapBytes()).isEqualTo(512 * RunLimits.MIB);
        assertThat(limits.offHeapBytes()).isEqualTo(RunLimits.GIB);
        assertThat(limits.outputLimitBytes()).isEqualTo(64 * RunLimits.KIB);
        assertThat(limits.outputKeepBytes()).isEqualTo(RunLimits.DEFAULTS.outputKeepBytes());
    }

    @Test
    void aMalformedValueIsRefusedWhileParsingWithKvkitsWording() {
        assertThatThrownBy(() -> parse("--time-factor", "-1"))
                .isInstanceOf(ParameterException.class)
                .cause().isInstanceOf(BadValueException.class)
                .hasMessage("'-1' is not a factor; expected a number >= 0, e.g. 200");
        assertThatThrownBy(() -> parse("--time-floor", "NaN"))
                .cause().isInstanceOf(BadValueException.class)
                .hasMessage("'NaN' is not a duration; expected e.g. 10s, 500ms or 10m");
    }

    @Test
    void aWellFormedValueOutOfRangeIsRefusedByRunLimitsNamingTheOption() {
        LimitsOptions zeroFloor = parse("--time-floor", "0");
        LimitsOptions tinyHeap = parse("--heap", "1m");

        assertThatThrownBy(zeroFloor::toRunLimits).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--time-floor 0 s is too short for the case time floor; expected more than 0");
        assertThatThrownBy(tinyHeap::toRunLimits).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--heap 1m is too small for the heap; expected at least 16m");
    }
}

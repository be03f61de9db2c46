package io.github.kvkit.validator.batch;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressTest {

    @Test
    void plainLinesSayWhoWasGradedHowManyAreDoneAndHowManyDidNotPass() {
        StringWriter err = new StringWriter();
        ProgressLines progress = new ProgressLines(new PrintWriter(err));

        progress.started(12, 3);
        progress.graded(Rows.ran("bob", 5, 2.5));
        progress.graded(Rows.ran("alice", 5, 5));
        progress.finished();

        assertThat(err.toString().lines()).hasSize(3);
        assertThat(err.toString().lines().toList().get(0)).isEqualTo("grading 12 submissions (3 unchanged since the last run)");
        assertThat(err.toString().lines().toList().get(1)).startsWith("[ 1/12] bob: 7.5 / 10 failed; 1/12 graded, 1 not passed, about ");
        assertThat(err.toString().lines().toList().get(2)).startsWith("[ 2/12] alice: 10 / 10 passed; 2/12 graded, 1 not passed, about ");
    }

    @Test
    void theLastLineSaysHowLongItTook() {
        StringWriter err = new StringWriter();
        ProgressLines progress = new ProgressLines(new PrintWriter(err));

        progress.started(1, 0);
        progress.graded(Rows.ran("bob", 5, 5));

        assertThat(err.toString()).contains("1/1 graded, 0 not passed, done in ");
    }

    @Test
    void durationsAreShortAndRounded() {
        assertThat(ProgressCount.duration(Duration.ofMillis(44_600))).isEqualTo("45s");
        assertThat(ProgressCount.duration(Duration.ofSeconds(185))).isEqualTo("3m05s");
        assertThat(ProgressCount.duration(Duration.ofMinutes(62))).isEqualTo("1h02m");
    }
}

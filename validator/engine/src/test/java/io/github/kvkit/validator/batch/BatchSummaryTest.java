package io.github.kvkit.validator.batch;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class BatchSummaryTest {

    private static String summary(Gradebook book, Optional<Gradebook> previous) {
        StringWriter out = new StringWriter();
        BatchSummary.write(book, previous, new PrintWriter(out));
        return out.toString();
    }

    @Test
    void theChecksAndCasesFailedMostOftenAreCountedOverTheCodeThatRan() {
        Gradebook book = Rows.book(Rows.ran("a", 5, 2, "reference", "causal_mask"), Rows.ran("b", 0, 2, "reference"),
                Rows.ran("c", 5, 5), Rows.notRun("d", GradeStatus.COMPILE_ERROR));

        CommonFailures failures = CommonFailures.of(book);

        assertThat(failures.ran()).isEqualTo(3);
        assertThat(failures.checks()).containsExactly(new CommonFailures.Count("reference", 2),
                new CommonFailures.Count("causal_mask", 1));
        assertThat(failures.cases()).containsExactly(new CommonFailures.Count("decode", 2),
                new CommonFailures.Count("prefill", 1));
        assertThat(summary(book, Optional.empty())).contains("Statuses: 1 passed, 2 failed, 1 compile_error")
                .contains("checks: reference (2), causal_mask (1)");
    }

    @Test
    void aRunAfterAnotherShowsTheScoresThatMovedBeforeAndAfter() {
        Gradebook before = Rows.book(Rows.ran("alice", 5, 0), Rows.ran("bob", 5, 5), Rows.ran("gone", 1, 1));
        Gradebook after = Rows.book(Rows.ran("alice", 5, 2.5), Rows.ran("bob", 5, 5), Rows.ran("new", 0, 0));

        String text = summary(after, Optional.of(before));

        assertThat(text).contains("Scores that moved since the last run:");
        assertThat(text.lines().filter(l -> l.startsWith("  ") && l.matches(".*(alice|bob|gone|new).*")))
                .containsExactly("  alice           5       7.5  +2.5", "  gone            2         -  gone",
                        "  new             -         0  new");
    }

    @Test
    void aRunWhereNothingMovedSaysSo() {
        Gradebook book = Rows.book(Rows.ran("alice", 5, 0));

        assertThat(summary(book, Optional.of(book))).contains("No score moved since the last run.");
    }
}

package io.github.kvkit.validator.batch;

import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the console shows at the end of a batch: the score distribution, how many rows have each status, the checks
 * and cases the class failed most often, and, on a run after an earlier one, the scores that moved.
 */
public final class BatchSummary {

    /** How many checks and cases the summary names. */
    static final int SHOWN = 5;

    private BatchSummary() {
    }

    /** Writes the summary of {@code book}; {@code previous} is the gradebook the run started from, if any. */
    public static void write(Gradebook book, Optional<Gradebook> previous, PrintWriter out) {
        TextHistogram.write(ScoreDistribution.of(book), out);
        out.println("Statuses: " + statuses(book));
        CommonFailures failures = CommonFailures.of(book);
        if (failures.ran() > 0) {
            out.println("Failed most often, of the " + failures.ran() + " submission" + (failures.ran() == 1 ? "" : "s")
                    + " whose code ran:");
            out.println("  checks: " + top(failures.checks()));
            out.println("  cases:  " + top(failures.cases()));
        }
        previous.ifPresent(before -> changes(ScoreChanges.between(before, book), out));
        out.flush();
    }

    private static String statuses(Gradebook book) {
        Map<GradeStatus, Integer> counts = new EnumMap<>(GradeStatus.class);
        book.grades().forEach(g -> counts.merge(g.status(), 1, Integer::sum));
        return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().id())
                .collect(Collectors.joining(", "));
    }

    private static String top(List<CommonFailures.Count> counts) {
        if (counts.isEmpty()) {
            return "none";
        }
        return counts.stream().limit(SHOWN).map(c -> c.name() + " (" + c.students() + ")")
                .collect(Collectors.joining(", "));
    }

    /** The before/after table of the scores that moved, or one line saying none did. */
    static void changes(ScoreChanges changes, PrintWriter out) {
        if (changes.changes().isEmpty()) {
            out.println("No score moved since the last run.");
            return;
        }
        out.println("Scores that moved since the last run:");
        int nameWidth = Math.max("student".length(),
                changes.changes().stream().mapToInt(c -> c.student().length()).max().orElse(0));
        String row = "  %-" + nameWidth + "s  %8s  %8s  %s";
        out.println(String.format(Locale.ROOT, row, "student", "before", "after", "").stripTrailing());
        for (ScoreChanges.Change c : changes.changes()) {
            String note = c.before().isEmpty() ? "new" : c.after().isEmpty() ? "gone" : signed(c.after().get() - c.before().get());
            out.println(String.format(Locale.ROOT, row, c.student(), c.before().map(Points::shown).orElse("-"),
                    c.after().map(Points::shown).orElse("-"), note).stripTrailing());
        }
    }

    private static String signed(double delta) {
        return (delta > 0 ? "+" : "") + Points.shown(delta);
    }
}

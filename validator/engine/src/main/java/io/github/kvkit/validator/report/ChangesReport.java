package io.github.kvkit.validator.report;

import io.github.kvkit.validator.result.CaseResult;
import io.github.kvkit.validator.result.CheckResult;
import io.github.kvkit.validator.result.Outcome;
import io.github.kvkit.validator.result.ValidationReport;
import io.github.kvkit.validator.result.Visibility;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What changed between two gradings of the same file ({@code kvkit watch}): the score then and now, and the checks
 * (and case statuses) that started or stopped passing. A grading that did not run (a compile or contract error)
 * is shown whole instead, since its message is what the student needs.
 */
public final class ChangesReport {

    private final ConsoleReport whole;

    public ChangesReport(boolean colors, boolean verbose) {
        this.whole = new ConsoleReport(colors, verbose);
    }

    /** Writes what changed from {@code before} to {@code now}; the whole report when either did not run. */
    public void write(ValidationReport before, ValidationReport now, PrintWriter out) {
        if (before == null || now.outcome() != Outcome.RAN || before.outcome() != Outcome.RAN) {
            whole.write(now, out);
            return;
        }
        out.println(Text.scoreLine(now.score(), now.maxScore()) + "   (was "
                + Text.scoreLine(before.score(), before.maxScore()).substring("Score: ".length()) + ")");
        Map<String, Boolean> then = passes(before);
        List<String> passing = new ArrayList<>();
        List<String> failing = new ArrayList<>();
        passes(now).forEach((what, passed) -> {
            Boolean was = then.get(what);
            if (was != null && !was.equals(passed)) {
                (passed ? passing : failing).add(what);
            }
        });
        if (passing.isEmpty() && failing.isEmpty()) {
            out.println("  no check changed");
        }
        passing.forEach(what -> out.println("  ✓ now passes: " + what));
        failing.forEach(what -> out.println("  ✗ now fails:  " + what));
        out.flush();
    }

    /**
     * "case / check" to whether it passed; a hidden case's checks are not named ({@code ConsoleReport}'s rule), so
     * a hidden case counts as one line.
     */
    private static Map<String, Boolean> passes(ValidationReport r) {
        Map<String, Boolean> all = new LinkedHashMap<>();
        for (CaseResult c : r.tests()) {
            String name = Text.printable(Text.orEmpty(c.name()));
            if (c.visibility() == Visibility.HIDDEN) {
                all.put(name + " (hidden)", c.passed());
                continue;
            }
            for (CheckResult k : c.checks()) {
                all.put(name + " / " + Text.printable(Text.orEmpty(k.name())), k.passed());
            }
        }
        return all;
    }
}

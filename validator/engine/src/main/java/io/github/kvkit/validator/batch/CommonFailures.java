package io.github.kvkit.validator.batch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a class got wrong: for each check and each case, how many students whose code ran failed it (a check counts
 * once per student however many cases it failed in). Submissions that did not compile are left out: they fail
 * everything alike and would say nothing about the rest.
 *
 * @param ran    how many students' code ran on the cases
 * @param checks the checks failed by at least one of them, most often first
 * @param cases  the cases failed by at least one of them, most often first
 */
public record CommonFailures(int ran, List<Count> checks, List<Count> cases) {

    /**
     * A check or case and how many students failed it.
     *
     * @param name     its name
     * @param students how many failed it
     */
    public record Count(String name, int students) {
    }

    public CommonFailures {
        checks = List.copyOf(checks);
        cases = List.copyOf(cases);
    }

    /** The failures counted over {@code book}'s rows whose code ran. */
    public static CommonFailures of(Gradebook book) {
        Map<String, Integer> checks = new TreeMap<>();
        Map<String, Integer> cases = new TreeMap<>();
        int ran = 0;
        for (Grade g : book.grades()) {
            if (!g.status().ran()) {
                continue;
            }
            ran++;
            g.failedChecks().forEach(c -> checks.merge(c, 1, Integer::sum));
            g.failedCases().forEach(c -> cases.merge(c, 1, Integer::sum));
        }
        return new CommonFailures(ran, ranked(checks), ranked(cases));
    }

    private static List<Count> ranked(Map<String, Integer> counts) {
        List<Count> out = new ArrayList<>();
        counts.forEach((name, n) -> out.add(new Count(name, n)));
        out.sort(Comparator.comparingInt(Count::students).reversed().thenComparing(Count::name));
        return out;
    }
}

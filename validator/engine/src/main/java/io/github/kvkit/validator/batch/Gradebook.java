package io.github.kvkit.validator.batch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A class's grades on one set of cases: what {@code grades.csv} and {@code gradebook.json} hold, and what the next run
 * and {@code --merge} start from.
 *
 * @param rules  what every student was graded by (the cases' content, the limits, the sandbox mode, the reference
 *               and kvkit's version), as a digest: gradebooks of one batch have the same
 * @param cases  the cases, in the order they run
 * @param grades one per student, by name
 */
public record Gradebook(String rules, List<CaseColumn> cases, List<Grade> grades) {

    /** A case of the gradebook: its column name and the points it is worth. */
    public record CaseColumn(String name, double points) {
    }

    public Gradebook {
        cases = List.copyOf(cases);
        grades = grades.stream().sorted(Comparator.comparing(Grade::student)).toList();
    }

    /** Every row by student name, for looking many up. */
    public Map<String, Grade> byStudent() {
        Map<String, Grade> rows = new LinkedHashMap<>();
        grades.forEach(g -> rows.put(g.student(), g));
        return rows;
    }

    /** The points of all cases. */
    public double maxScore() {
        return cases.stream().mapToDouble(CaseColumn::points).sum();
    }

    /**
     * The shards' gradebooks as one, each student once.
     *
     * @param books the gradebooks, each by the label that names it in messages (its folder)
     * @throws BatchException when they grade other cases or by other rules, or a student is in two of them
     */
    public static Gradebook merge(Map<String, Gradebook> books) throws BatchException {
        String firstLabel = null;
        Gradebook first = null;
        Map<String, String> seenIn = new LinkedHashMap<>();
        List<Grade> all = new ArrayList<>();
        for (Map.Entry<String, Gradebook> e : books.entrySet()) {
            Gradebook book = e.getValue();
            if (first == null) {
                firstLabel = e.getKey();
                first = book;
            } else if (!book.cases().equals(first.cases())) {
                throw new BatchException("--merge: " + e.getKey() + " grades the cases " + names(book) + " but "
                        + firstLabel + " grades " + names(first) + "; expected the shards of one batch (the same --tests)");
            } else if (!book.rules().equals(first.rules())) {
                throw new BatchException("--merge: " + e.getKey() + " was graded by other rules than " + firstLabel
                        + " (other case contents, limits, --sandbox mode, reference or kvkit version); expected the"
                        + " shards of one batch");
            }
            for (Grade g : book.grades()) {
                String earlier = seenIn.putIfAbsent(g.student(), e.getKey());
                if (earlier != null) {
                    throw new BatchException("--merge: " + g.student() + " is graded in both " + earlier + " and "
                            + e.getKey() + "; expected each student in one shard");
                }
                all.add(g);
            }
        }
        if (first == null) {
            throw new BatchException("--merge: no gradebook given; expected the output folders of the shards");
        }
        return new Gradebook(first.rules(), first.cases(), all);
    }

    private static String names(Gradebook book) {
        return book.cases().stream().map(CaseColumn::name).collect(Collectors.joining(", ", "[", "]"));
    }
}

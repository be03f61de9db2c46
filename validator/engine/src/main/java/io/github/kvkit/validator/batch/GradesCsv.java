package io.github.kvkit.validator.batch;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code grades.csv}: one row per student ({@code student, score, max, status}, then the points of each case, one
 * column per case), sorted by name, for a spreadsheet or a learning platform's import. RFC 4180: comma-separated,
 * {@code \r\n} line ends, fields quoted when they hold a comma, a quote or a line break. Points have at most four
 * decimals, as in the JSON report.
 */
public final class GradesCsv {

    /** The file's name in an output folder. */
    public static final String FILE = "grades.csv";

    private GradesCsv() {
    }

    /** The gradebook as CSV text. */
    public static String format(Gradebook book) {
        StringBuilder csv = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("student", "score", "max", "status"));
        book.cases().forEach(c -> header.add(c.name()));
        row(csv, header);
        for (Grade g : book.grades()) {
            List<String> fields = new ArrayList<>(List.of(g.student(), Points.kept(g.score()), Points.kept(g.maxScore()),
                    g.status().id()));
            for (Gradebook.CaseColumn c : book.cases()) {
                Double points = g.caseScores().get(c.name());
                fields.add(points == null ? "" : Points.kept(points));
            }
            row(csv, fields);
        }
        return csv.toString();
    }

    private static void row(StringBuilder csv, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(field(fields.get(i)));
        }
        csv.append("\r\n");
    }

    private static String field(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}

package io.github.kvkit.validator.batch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Gradebooks written out by hand, two cases of 5 points each, for the tests of what is made of them. */
final class Rows {

    static final List<Gradebook.CaseColumn> CASES = List.of(new Gradebook.CaseColumn("prefill", 5),
            new Gradebook.CaseColumn("decode", 5));

    private Rows() {
    }

    /** A student whose code ran and scored {@code prefill} and {@code decode}, failing {@code checks} where short. */
    static Grade ran(String student, double prefill, double decode, String... checks) {
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("prefill", prefill);
        scores.put("decode", decode);
        List<String> failed = scores.entrySet().stream().filter(e -> e.getValue() < 5).map(Map.Entry::getKey).sorted().toList();
        GradeStatus status = failed.isEmpty() ? GradeStatus.PASSED : GradeStatus.FAILED;
        return new Grade(student, student + "/A.java", status, prefill + decode, 10, "", "fp-" + student, scores, failed,
                List.of(checks));
    }

    /** A student whose submission never ran, with {@code status}. */
    static Grade notRun(String student, GradeStatus status) {
        return new Grade(student, "", status, 0, 10, student + "/ holds no .java file", "fp-" + student,
                Map.of("prefill", 0.0, "decode", 0.0), List.of(), List.of());
    }

    static Gradebook book(Grade... grades) {
        return new Gradebook("rules", CASES, List.of(grades));
    }
}

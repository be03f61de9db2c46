package io.github.kvkit.validator.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The scores that moved between two gradebooks of a class: a submission or the cases changed, a student joined or
 * left. Scores that stayed are left out.
 *
 * @param changes by student name
 */
public record ScoreChanges(List<Change> changes) {

    /**
     * One student's score before and after; empty on the side where the student had no row.
     *
     * @param student the student
     * @param before  the earlier score
     * @param after   the new score
     */
    public record Change(String student, Optional<Double> before, Optional<Double> after) {
    }

    public ScoreChanges {
        changes = List.copyOf(changes);
    }

    /** What moved from {@code before} to {@code after}. */
    public static ScoreChanges between(Gradebook before, Gradebook after) {
        Map<String, Grade> was = before.byStudent();
        Map<String, Grade> is = after.byStudent();
        TreeSet<String> students = new TreeSet<>(was.keySet());
        students.addAll(is.keySet());
        List<Change> changes = new ArrayList<>();
        for (String s : students) {
            Optional<Double> old = Optional.ofNullable(was.get(s)).map(Grade::score);
            Optional<Double> now = Optional.ofNullable(is.get(s)).map(Grade::score);
            if (!old.equals(now)) {
                changes.add(new Change(s, old, now));
            }
        }
        return new ScoreChanges(changes);
    }
}

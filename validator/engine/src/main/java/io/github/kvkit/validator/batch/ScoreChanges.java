package io.github.kvkit.validator.batch;

import java.util.ArrayList;
import java.util.List;
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
        TreeSet<String> students = new TreeSet<>();
        before.grades().forEach(g -> students.add(g.student()));
        after.grades().forEach(g -> students.add(g.student()));
        List<Change> changes = new ArrayList<>();
        for (String s : students) {
            Optional<Double> was = before.grade(s).map(Grade::score);
            Optional<Double> is = after.grade(s).map(Grade::score);
            if (!was.equals(is)) {
                changes.add(new Change(s, was, is));
            }
        }
        return new ScoreChanges(changes);
    }
}

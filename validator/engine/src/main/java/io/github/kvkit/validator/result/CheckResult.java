package io.github.kvkit.validator.result;

/**
 * The verdict of one named check on one test case, over all the steps it applies to.
 *
 * @param name    the check's name, e.g. {@code softmax_sum}
 * @param passed  whether it earned its full credit: it held on every step, with evidence that something was
 *                computed
 * @param message on failure, what was expected against what came back (first failing step); on
 *                success a short summary such as the largest error seen
 * @param weight  its share of the case's points, relative to the case's other checks
 * @param credit  the fraction of its weight it earned, from 0 to 1 (1 exactly when passed)
 */
public record CheckResult(String name, boolean passed, String message, double weight, double credit) {

    public CheckResult {
        if (!(weight > 0) || !(credit >= 0 && credit <= 1) || passed != (credit == 1)) {
            throw new IllegalArgumentException("check " + name + ": weight " + weight + ", credit " + credit
                    + ", passed " + passed + "; expected weight > 0, credit in [0, 1], passed exactly at credit 1");
        }
    }

    /** A check of weight {@code weight} that earned {@code credit} of it. */
    public static CheckResult of(String name, double weight, double credit, String message) {
        return new CheckResult(name, credit == 1, message, weight, credit);
    }

    public static CheckResult pass(String name, String message) {
        return of(name, 1, 1, message);
    }

    public static CheckResult fail(String name, String message) {
        return of(name, 1, 0, message);
    }
}

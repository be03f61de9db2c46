package io.github.kvkit.validator.result;

/**
 * The verdict of one named check on one test case, over all the steps it applies to.
 *
 * @param name    the check's name, e.g. {@code softmax_sum}
 * @param passed  whether it held on every step
 * @param message on failure, what was expected against what came back (first failing step); on
 *                success a short summary such as the largest error seen
 */
public record CheckResult(String name, boolean passed, String message) {

    public static CheckResult pass(String name, String message) {
        return new CheckResult(name, true, message);
    }

    public static CheckResult fail(String name, String message) {
        return new CheckResult(name, false, message);
    }
}

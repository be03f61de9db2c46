package io.github.kvkit.validator.result;

import java.util.Locale;

/** Whether the candidate got as far as running its test cases. */
public enum Outcome {
    /** It compiled and fulfils the contract; the cases ran. */
    RAN,
    /** It does not compile. */
    COMPILE_ERROR,
    /** It compiled but breaks the contract (no public class, wrong interface, no constructor, ...). */
    CONTRACT_ERROR,
    /** The validator could not start grading: a test-case file is invalid, or the options are wrong. */
    SETUP_ERROR;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}

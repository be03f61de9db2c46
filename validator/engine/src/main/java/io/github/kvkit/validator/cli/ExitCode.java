package io.github.kvkit.validator.cli;

/** The validator's exit codes, in one place; {@code docs/validator.md} documents them for graders. */
public final class ExitCode {

    /** Every test case passed. */
    public static final int PASSED = 0;
    /** The candidate ran and at least one test case did not pass. */
    public static final int TESTS_FAILED = 1;
    /** Bad usage (options, missing file), a bad test-case file, or no sandbox where one was required. */
    public static final int USAGE = 2;
    /** The candidate does not compile or breaks the contract. */
    public static final int CANDIDATE_BROKEN = 3;
    /**
     * {@code kvkit grade}: every submission has a row in the gradebook, whatever its score or status (a compile error,
     * a missing file); {@code kvkit grade --merge}: the gradebooks were merged.
     */
    public static final int GRADED = 0;
    /** The validator itself failed; please report it. */
    public static final int INTERNAL_ERROR = 4;

    private ExitCode() {
    }
}

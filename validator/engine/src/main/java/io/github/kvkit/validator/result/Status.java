package io.github.kvkit.validator.result;

import java.util.Locale;

/**
 * How one test case ended. {@link #PASSED} and {@link #FAILED} are verdicts on results the candidate
 * returned; every other value says the candidate never returned a usable result, and why.
 */
public enum Status {
    /** Every check passed. */
    PASSED,
    /** The candidate ran, and at least one check failed. */
    FAILED,
    /** The candidate threw where it should have returned, or returned something unusable (null, wrong type). */
    ERROR,
    /** The case ran past its time limit and was stopped. */
    TIMEOUT,
    /** The candidate exhausted the heap or the off-heap limit. */
    OUT_OF_MEMORY,
    /** The candidate recursed without end. */
    STACK_OVERFLOW,
    /** The candidate called {@code System.exit} or {@code Runtime.halt}. */
    EXIT_CALLED,
    /** The JVM running the candidate died without saying why (a native crash, a kill). */
    CRASHED,
    /** A static initializer of the candidate threw. */
    INIT_ERROR,
    /** The candidate printed more than the output limit. */
    OUTPUT_LIMIT,
    /** The case was not run: the candidate did not compile or does not fulfil the contract. */
    NOT_RUN;

    /** The name used in reports: lower case with underscores, e.g. {@code out_of_memory}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}

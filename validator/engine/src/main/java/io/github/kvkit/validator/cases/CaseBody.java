package io.github.kvkit.validator.cases;

/** A track's part of a case file: what its planner turns into calls. */
public interface CaseBody {

    /** Whether the case carries the reference's results frozen ({@code expected}), so it grades without the reference. */
    boolean frozen();

    /** What {@code kvkit materialize} says it wrote: "12 steps, 14 expected results". */
    String summary();
}

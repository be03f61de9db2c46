package io.github.kvkit.validator.batch;

/** Told how a batch goes, from the threads that grade; implementations show it. */
public interface BatchProgress {

    /**
     * The batch starts.
     *
     * @param toGrade   how many submissions will be graded
     * @param unchanged how many keep their grade from the last run
     */
    void started(int toGrade, int unchanged);

    /** A submission was graded. */
    void graded(Grade grade);

    /** Every submission was graded. */
    void finished();
}

package io.github.kvkit.validator.run;

import io.github.kvkit.validator.plan.CasePlan;

/** Makes a plan's calls on the candidate, somewhere: in this JVM or in a child JVM. */
public interface CandidateRunner extends AutoCloseable {

    /** Runs every call of the plan; never throws for anything the candidate does. */
    RunRecord run(CasePlan plan);

    @Override
    default void close() {
    }
}

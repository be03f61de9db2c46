package io.github.kvkit.validator.run;

import io.github.kvkit.validator.load.ContractViolation;
import io.github.kvkit.validator.load.LoadedCandidate;
import io.github.kvkit.validator.plan.CasePlan;

import java.time.Duration;

/** Makes a plan's calls on the candidate, somewhere: in this JVM or in a child JVM. */
public interface CandidateRunner extends AutoCloseable {

    /**
     * The contract checks that run the candidate's code, before any case: its static initializer and
     * {@code new C(16, 4, 32)} must not throw. By default in this JVM ({@link LoadedCandidate#probe()});
     * a runner that isolates the candidate does it where the candidate runs.
     *
     * @param fileLabel the candidate's file as messages name it (the path given to the loader)
     * @throws ContractViolation when they throw, or do not return in time
     */
    default void probe(LoadedCandidate candidate, String fileLabel) throws ContractViolation {
        candidate.probe();
    }

    /** Runs every call of the plan; never throws for anything the candidate does. */
    RunRecord run(CasePlan plan);

    /**
     * Runs every call of the plan, knowing how long the reference took on the same case in this run (a
     * runner with time limits scales them by it).
     */
    default RunRecord run(CasePlan plan, Duration referenceTime) {
        return run(plan);
    }

    @Override
    default void close() {
    }
}

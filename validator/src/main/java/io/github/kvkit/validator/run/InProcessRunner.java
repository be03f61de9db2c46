package io.github.kvkit.validator.run;

import io.github.kvkit.runner.Call;
import io.github.kvkit.runner.CallExecutor;
import io.github.kvkit.runner.CallOutcome;
import io.github.kvkit.validator.plan.CasePlan;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs the candidate inside the validator's own JVM: fast, and a debugger can stop in the candidate's
 * code, but nothing limits its time or memory and a {@code System.exit} ends the validator.
 */
public final class InProcessRunner implements CandidateRunner {

    private final CallExecutor.Factory factory;
    private final Set<String> candidateClasses;

    public InProcessRunner(CallExecutor.Factory factory, Set<String> candidateClasses) {
        this.factory = factory;
        this.candidateClasses = candidateClasses;
    }

    @Override
    public RunRecord run(CasePlan plan) {
        long start = System.nanoTime();
        CallExecutor executor = new CallExecutor(factory, candidateClasses);
        executor.prepare(plan.calls());
        List<CallOutcome> outcomes = new ArrayList<>();
        for (Call call : plan.calls()) {
            outcomes.add(executor.execute(call));
        }
        return new RunRecord(outcomes, null, "", (System.nanoTime() - start) / 1_000_000);
    }
}

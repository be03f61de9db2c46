package io.github.kvkit.validator.run;

import io.github.kvkit.harness.ArgumentGuard;
import io.github.kvkit.harness.Call;
import io.github.kvkit.harness.CallOutcome;
import io.github.kvkit.harness.TrackHarness;
import io.github.kvkit.validator.load.LoadedCandidate;
import io.github.kvkit.validator.plan.CasePlan;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs the candidate inside the validator's own JVM: fast, and a debugger can stop in the candidate's
 * code, but nothing limits its time or memory and a {@code System.exit} ends the validator.
 */
public final class InProcessRunner implements CandidateRunner {

    private final LoadedCandidate candidate;

    public InProcessRunner(LoadedCandidate candidate) {
        this.candidate = candidate;
    }

    @Override
    public RunRecord run(CasePlan plan) {
        long start = System.nanoTime();
        List<Long> nanos = new ArrayList<>();
        List<CallOutcome> outcomes = candidate.withCandidateLoader(() -> {
            TrackHarness.CaseExecutor executor = new ArgumentGuard(
                    candidate.harness().newCase(candidate.type(), candidate.classNames()));
            executor.prepare(plan.calls());
            List<CallOutcome> made = new ArrayList<>();
            for (Call call : plan.calls()) {
                made.add(executor.execute(call));
                nanos.add(executor.lastCallNanos());
            }
            return made;
        });
        return new RunRecord(outcomes, null, "", (System.nanoTime() - start) / 1_000_000, "", 0, nanos);
    }
}

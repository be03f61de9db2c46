package io.github.kvkit.validator.judge;

import io.github.kvkit.harness.CallOutcome;
import io.github.kvkit.validator.plan.CasePlan;
import io.github.kvkit.validator.run.RunRecord;

/** A case's plan and what its calls did: what every check reads. A track's checks may read a richer view. */
public interface CaseRun {

    CasePlan plan();

    RunRecord run();

    default CallOutcome outcome(int call) {
        return run().outcomes().get(call);
    }
}

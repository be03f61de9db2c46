package io.github.kvkit.example.softmax;

import io.github.kvkit.harness.CallOutcome;
import io.github.kvkit.harness.Tensor;
import io.github.kvkit.validator.judge.CaseRun;
import io.github.kvkit.validator.judge.Comparison;
import io.github.kvkit.validator.run.RunRecord;

import java.util.List;

/** What the example's checks read: the plan, the run, and the reference's outputs, one per softmax call. */
record SoftmaxRun(SoftmaxTrack.Plan plan, RunRecord run, List<Tensor> expected) implements CaseRun {

    /** The output call {@code i} (1-based among softmax calls) returned, or null. */
    Tensor output(int call) {
        return outcome(call) instanceof CallOutcome.Returned r ? r.array("output") : null;
    }

    int inputs() {
        return expected.size();
    }

    /** Null when some call matched the reference; code that returns a constant proves nothing. */
    String noEvidence() {
        for (int i = 1; i <= inputs(); i++) {
            Tensor got = output(i);
            if (got != null && Comparison.of(got, expected.get(i - 1), plan.testCase().tolerance()).passed()) {
                return null;
            }
        }
        return "no softmax call matched the reference";
    }
}

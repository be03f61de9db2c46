package io.github.kvkit.validator.plan;

import io.github.kvkit.api.AttentionWeights;
import io.github.kvkit.runner.Call;
import io.github.kvkit.validator.cases.TestCase;

import java.util.List;

/**
 * A case turned into concrete calls with concrete arrays: {@code calls.get(i)} is made for the reason
 * {@code roles.get(i)} says. Planning depends only on the case, never on what a candidate returns, so the
 * whole plan can be shipped to another JVM before anything runs.
 *
 * @param weights the weights loaded into the candidate, in the case's data type
 */
public record CasePlan(TestCase testCase, List<Call> calls, List<CallRole> roles, AttentionWeights weights) {

    public CasePlan {
        calls = List.copyOf(calls);
        roles = List.copyOf(roles);
    }
}

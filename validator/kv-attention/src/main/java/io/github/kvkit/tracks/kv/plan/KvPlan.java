package io.github.kvkit.tracks.kv.plan;

import io.github.kvkit.api.AttentionWeights;
import io.github.kvkit.harness.Call;
import io.github.kvkit.tracks.kv.harness.KvCall;
import io.github.kvkit.validator.cases.TestCase;
import io.github.kvkit.validator.plan.CasePlan;

import java.util.List;

/**
 * A kv-attention case as calls: {@code kvCalls().get(i)} is made for the reason {@code roles().get(i)} says.
 *
 * @param calls   the same calls in the engine's track-neutral form
 * @param weights the weights loaded into the candidate, in the case's data type
 */
public record KvPlan(TestCase testCase, List<KvCall> kvCalls, List<Call> calls, List<CallRole> roles,
                     AttentionWeights weights) implements CasePlan {

    public KvPlan {
        kvCalls = List.copyOf(kvCalls);
        calls = List.copyOf(calls);
        roles = List.copyOf(roles);
    }

    /** The plan of these typed calls. */
    public static KvPlan of(TestCase testCase, List<KvCall> kvCalls, List<CallRole> roles, AttentionWeights weights) {
        return new KvPlan(testCase, kvCalls, kvCalls.stream().map(KvCall::toCall).toList(), roles, weights);
    }

    @Override
    public String describe(int call) {
        CallRole role = roles.get(call);
        return switch (role.kind()) {
            case CONSTRUCT -> "the constructor";
            case LOAD_WEIGHTS -> "loadWeights";
            case STEP -> "forward step " + role.stepName();
            case EQUIVALENCE -> "forward step " + role.stepName() + " (uncached)";
            case PERTURBED -> "forward step " + role.stepName() + " (future tokens changed)";
            case REJECT -> "step " + role.stepName() + " (" + role.why() + ")";
        };
    }

    @Override
    public String label(int call) {
        CallRole role = roles.get(call);
        return role.stepName() + switch (role.kind()) {
            case EQUIVALENCE -> " (uncached)";
            case PERTURBED -> " (future tokens changed)";
            default -> "";
        };
    }

    /** {@code "the query array"}: a forward call's array arguments by the names of the spec. */
    @Override
    public String argumentName(int call, int arg) {
        if (kvCalls.get(call) instanceof KvCall.Forward) {
            String name = switch (arg) {
                case 0 -> "query";
                case 1 -> "key";
                case 2 -> "value";
                case 6 -> "cache.key";
                case 7 -> "cache.value";
                default -> null;
            };
            if (name != null) {
                return "the " + name + " array";
            }
        }
        return CasePlan.super.argumentName(call, arg);
    }

    @Override
    public boolean computes(int call) {
        return kvCalls.get(call) instanceof KvCall.Forward;
    }
}

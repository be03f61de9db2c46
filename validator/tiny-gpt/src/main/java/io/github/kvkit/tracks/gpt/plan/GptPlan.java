package io.github.kvkit.tracks.gpt.plan;

import io.github.kvkit.gpt.GptConfig;
import io.github.kvkit.harness.Call;
import io.github.kvkit.tracks.gpt.harness.GptCall;
import io.github.kvkit.validator.cases.TestCase;
import io.github.kvkit.validator.plan.CasePlan;

import java.util.List;

/**
 * A tiny-gpt case as calls: {@code calls().get(i)} is made for the reason {@code roles().get(i)} says.
 *
 * @param config       the model every call uses
 * @param tokens       the case's batch {@code [B][T]}
 * @param futureFrom   the first position whose token the FUTURE_CHANGED call changes
 * @param why          for each REJECT call, what is wrong with it (empty for the others)
 */
public record GptPlan(TestCase testCase, GptConfig config, List<Call> calls, List<Role> roles, int[][] tokens,
                      int futureFrom, List<String> why) implements CasePlan {

    public GptPlan {
        calls = List.copyOf(calls);
        roles = List.copyOf(roles);
        why = List.copyOf(why);
    }

    @Override
    public String describe(int call) {
        Role role = roles.get(call);
        return role == Role.REJECT ? "the call with " + why.get(call) : role.label();
    }

    @Override
    public String label(int call) {
        return describe(call) + " (call " + call + ")";
    }

    @Override
    public boolean computes(int call) {
        String m = calls.get(call).method();
        return !m.equals(GptCall.CONSTRUCT) && !m.equals(GptCall.LOAD);
    }

    /** The indices of the calls made for {@code role}, in order. */
    public List<Integer> callsFor(Role role) {
        return java.util.stream.IntStream.range(0, roles.size()).filter(i -> roles.get(i) == role).boxed().toList();
    }
}

package io.github.kvkit.tracks.llama.plan;

import io.github.kvkit.harness.Call;
import io.github.kvkit.llama.BlockWeights;
import io.github.kvkit.tracks.llama.cases.LlamaCaseBody;
import io.github.kvkit.tracks.llama.harness.LlamaCall;
import io.github.kvkit.validator.cases.TestCase;
import io.github.kvkit.validator.plan.CasePlan;

import java.util.List;

/**
 * A llama-block case as calls: {@code llamaCalls().get(i)} is made for the reason {@code roles().get(i)} says.
 *
 * @param calls     the same calls in the engine's track-neutral form
 * @param weights   the weights loaded into the candidate, in the case's data type
 * @param sequences the case's sequences of forward steps, each on its own cache
 */
public record LlamaPlan(TestCase testCase, List<LlamaCall> llamaCalls, List<Call> calls, List<LlamaRole> roles,
                        BlockWeights weights, List<Sequence> sequences) implements CasePlan {

    public LlamaPlan {
        llamaCalls = List.copyOf(llamaCalls);
        calls = List.copyOf(calls);
        roles = List.copyOf(roles);
        sequences = List.copyOf(sequences);
    }

    /** The plan of these typed calls. */
    public static LlamaPlan of(TestCase testCase, List<LlamaCall> llamaCalls, List<LlamaRole> roles, BlockWeights weights,
                               List<Sequence> sequences) {
        return new LlamaPlan(testCase, llamaCalls, llamaCalls.stream().map(LlamaCall::toCall).toList(), roles, weights,
                sequences);
    }

    @Override
    public String describe(int call) {
        LlamaRole role = roles.get(call);
        return switch (role.kind()) {
            case CONSTRUCT -> "the constructor";
            case LOAD_WEIGHTS -> "loadWeights";
            case STEP -> "forward step " + role.stepName() + " (" + positions(role) + ")";
            case PREFILL -> "forward of the sequence from step " + role.stepName() + " as one call (" + positions(role)
                    + ")";
            case ONE_BY_ONE -> "forward of the sequence from step " + role.stepName() + " one token at a time ("
                    + positions(role) + ")";
            case PERTURBED -> "forward " + label(role.stepCall()) + " again with its later tokens changed";
            case REJECT -> "step " + role.stepName() + " (" + role.why() + ")";
        };
    }

    @Override
    public String label(int call) {
        LlamaRole role = roles.get(call);
        return role.stepName() + switch (role.kind()) {
            case PREFILL -> " (as one call)";
            case ONE_BY_ONE -> " (token at position " + role.pos() + " alone)";
            case PERTURBED -> " (later tokens changed)";
            default -> "";
        };
    }

    /** {@code "the x array"}, {@code "the cache.key array"}, {@code "the wq array"}: arguments by the names of the spec. */
    @Override
    public String argumentName(int call, int arg) {
        LlamaCall c = llamaCalls.get(call);
        String name = null;
        if (c instanceof LlamaCall.Forward) {
            name = switch (arg) {
                case 0 -> "x";
                case 1 -> "cache.key";
                case 2 -> "cache.value";
                default -> null;
            };
        } else if (c instanceof LlamaCall.LoadWeights && arg < LlamaCaseBody.WEIGHT_NAMES.size()) {
            name = LlamaCaseBody.WEIGHT_NAMES.get(arg);
        }
        return name == null ? CasePlan.super.argumentName(call, arg) : "the " + name + " array";
    }

    @Override
    public boolean computes(int call) {
        return llamaCalls.get(call) instanceof LlamaCall.Forward;
    }

    /** {@code "positions 4..6"} or {@code "position 4"}: inclusive bounds. */
    public static String positions(LlamaRole role) {
        return role.tokens() == 1 ? "position " + role.pos()
                : "positions " + role.pos() + ".." + (role.pos() + role.tokens() - 1);
    }
}

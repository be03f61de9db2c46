package io.github.kvkit.tracks.gpt;

import io.github.kvkit.gpt.TinyLanguageModel;
import io.github.kvkit.harness.CallOutcome;
import io.github.kvkit.tracks.gpt.cases.GptCaseBody;
import io.github.kvkit.tracks.gpt.harness.GptExecutor;
import io.github.kvkit.tracks.gpt.plan.GptPlan;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the reference returns for each call of a plan: the same calls, made by the same executor, on
 * {@code io.github.kvkit.tinygpt.TinyGpt} from {@code solution/tiny-gpt/}. Calls that must be refused are not
 * made ({@link CallOutcome.NotRun} stands in for them).
 */
final class GptReference {

    /** Looked up by name, so a build without {@code solution/} still builds and says it has no reference. */
    static final String REFERENCE_CLASS = "io.github.kvkit.tinygpt.TinyGpt";

    private final Constructor<?> reference;

    private GptReference(Constructor<?> reference) {
        this.reference = reference;
    }

    static GptReference create() {
        try {
            Class<?> type = Class.forName(REFERENCE_CLASS, true, GptReference.class.getClassLoader());
            return new GptReference(type.getConstructor(io.github.kvkit.gpt.GptConfig.class));
        } catch (ReflectiveOperationException | LinkageError e) {
            return new GptReference(null);
        }
    }

    boolean hasReference() {
        return reference != null;
    }

    /** The case's frozen outcomes when it has them, else the reference's on the plan. */
    List<CallOutcome> expected(GptPlan plan) {
        List<CallOutcome> frozen = GptCaseBody.of(plan.testCase()).expected();
        if (frozen != null) {
            if (frozen.size() != plan.calls().size()) {
                throw new IllegalStateException(plan.testCase().source() + " freezes " + frozen.size()
                        + " outcomes for " + plan.calls().size() + " calls; materialize it again");
            }
            return frozen;
        }
        if (reference == null) {
            throw new IllegalStateException(plan.testCase().source() + " needs the reference, and this build has none");
        }
        GptExecutor executor = new GptExecutor(config -> {
            try {
                return (TinyLanguageModel) reference.newInstance(config);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }, Set.of());
        executor.prepare(plan.calls());
        List<CallOutcome> out = new ArrayList<>();
        for (var call : plan.calls()) {
            if (call.mustReject()) {
                out.add(new CallOutcome.NotRun("a refusal"));
                continue;
            }
            CallOutcome outcome = executor.execute(call);
            if (outcome instanceof CallOutcome.Threw || outcome instanceof CallOutcome.Unusable
                    || outcome instanceof CallOutcome.NotRun) {
                throw new IllegalStateException("the reference failed on " + plan.testCase().source() + ", "
                        + plan.describe(call.index()) + ": " + outcome);
            }
            out.add(outcome);
        }
        return out;
    }
}

package io.github.kvkit.tracks.llama.judge;

import io.github.kvkit.harness.Tensor;
import io.github.kvkit.tracks.llama.plan.Sequence;
import io.github.kvkit.validator.judge.Check;
import io.github.kvkit.validator.judge.Comparison;
import io.github.kvkit.validator.judge.Verdict;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code cache_equivalence}: a sequence's tokens give the same outputs fed as the case's steps feed them, as one call
 * ({@code PREFILL}) and one token at a time ({@code ONE_BY_ONE}, as far as its last step of several tokens), each route
 * on its own copy of the sequence's first cache. All sides are the candidate's, so none is "expected".
 */
public final class CacheEquivalenceCheck implements Check<LlamaRun> {

    @Override
    public String id() {
        return "cache_equivalence";
    }

    @Override
    public Verdict judge(LlamaRun r) {
        boolean applies = false;
        for (Sequence s : r.plan().sequences()) {
            if (s.prefill() < 0 && s.oneByOne().isEmpty()) {
                continue;
            }
            applies = true;
            String failure = sequence(r, s);
            if (failure != null) {
                return Verdict.fail(failure);
            }
        }
        return applies ? Verdict.pass("") : null;
    }

    private static String sequence(LlamaRun r, Sequence s) {
        String name = "the sequence from step " + s.name();
        Tensor steps = joined(r, s.steps());
        if (steps == null) {
            return name + ": " + firstFailure(r, s.steps());
        }
        if (s.prefill() >= 0) {
            if (r.result(s.prefill()) == null) {
                return name + ", all its tokens in one call, " + r.describe(s.prefill());
            }
            String failure = agree(r, name, "in one call", steps, r.result(s.prefill()).output(), s.start());
            if (failure != null) {
                return failure;
            }
        }
        if (!s.oneByOne().isEmpty()) {
            Tensor alone = joined(r, s.oneByOne());
            if (alone == null) {
                return name + ", one token at a time: " + firstFailure(r, s.oneByOne());
            }
            Tensor first = Positions.tokens(steps, 0, (int) alone.shape()[1]);
            return agree(r, name, "one token at a time", first == null ? steps : first, alone, s.start());
        }
        return null;
    }

    private static String agree(LlamaRun r, String name, String route, Tensor steps, Tensor other, int start) {
        Comparison cmp = Comparison.of(steps, other, r.tol());
        if (cmp.passed()) {
            return null;
        }
        String at = cmp.worst().length == 3 ? " (the token at position " + (start + cmp.worst()[1]) + ")" : "";
        return name + ": its tokens fed as the case's steps and " + route + " disagree" + at + ": "
                + cmp.describe("output", r.tol(), "by the steps", route);
    }

    /** The outputs of {@code calls} joined along the token axis, or null when one returned nothing or a wrong shape. */
    private static Tensor joined(LlamaRun r, List<Integer> calls) {
        List<Tensor> parts = new ArrayList<>();
        for (int i : calls) {
            if (r.result(i) == null || r.result(i).output().shape().length != 3) {
                return null;
            }
            parts.add(r.result(i).output());
        }
        long[] s = parts.get(0).shape();
        long tokens = 0;
        for (Tensor t : parts) {
            if (t.shape()[0] != s[0] || t.shape()[2] != s[2]) {
                return null;
            }
            tokens += t.shape()[1];
        }
        double[] out = new double[(int) (s[0] * tokens * s[2])];
        long offset = 0;
        for (Tensor t : parts) {
            long len = t.shape()[1];
            for (int b = 0; b < s[0]; b++) {
                System.arraycopy(t.values(), (int) (b * len * s[2]), out, (int) ((b * tokens + offset) * s[2]),
                        (int) (len * s[2]));
            }
            offset += len;
        }
        return new Tensor(new long[] {s[0], tokens, s[2]}, parts.get(0).dtype(), out);
    }

    private static String firstFailure(LlamaRun r, List<Integer> calls) {
        for (int i : calls) {
            if (r.result(i) == null) {
                return r.plan().describe(i) + " " + r.describe(i);
            }
            if (r.result(i).output().shape().length != 3) {
                return r.plan().describe(i) + " returned an output of shape " + r.result(i).output().shapeString();
            }
        }
        return "the outputs of its calls have shapes that do not join";
    }
}

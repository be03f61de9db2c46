package io.github.kvkit.tracks.llama.judge;

import io.github.kvkit.tracks.llama.cases.LlamaCaseBody;
import io.github.kvkit.validator.judge.Check;
import io.github.kvkit.validator.judge.Verdict;

import java.util.Arrays;

/** {@code shape}: every step's output is {@code [B, T, D]}, in x's data type. */
public final class ShapeCheck implements Check<LlamaRun> {

    @Override
    public String id() {
        return "shape";
    }

    @Override
    public Verdict judge(LlamaRun r) {
        long d = LlamaCaseBody.of(r.plan().testCase()).config().dModel();
        return r.overSteps(i -> {
            var x = r.forward(i).x();
            long[] want = {x.size(0), x.size(1), d};
            var got = r.result(i).output();
            if (!Arrays.equals(got.shape(), want)) {
                return r.step(i) + ": output has shape " + got.shapeString() + ", expected " + Arrays.toString(want);
            }
            if (!got.dtype().equals(x.dataType().name())) {
                return r.step(i) + ": output is " + got.dtype() + ", expected x's type " + x.dataType();
            }
            return null;
        });
    }
}

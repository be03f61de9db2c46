package io.github.kvkit.tracks.kv.judge;

import io.github.kvkit.tracks.kv.cases.KvCaseBody;
import io.github.kvkit.tracks.kv.harness.KvCall;
import io.github.kvkit.tracks.kv.harness.KvResult;
import io.github.kvkit.validator.judge.Check;
import io.github.kvkit.validator.judge.Verdict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** {@code shape}: output, cache and weights have the spec's shapes, and the output the query's data type. Every step. */
public final class ShapeCheck implements Check<KvRun> {

    @Override
    public String id() {
        return "shape";
    }

    @Override
    public Verdict judge(KvRun r) {
        KvCaseBody body = KvCaseBody.of(r.plan().testCase());
        return r.overSteps(i -> {
            KvResult got = r.result(i);
            KvCall.Forward call = r.forward(i);
            long batch = call.query().size(0);
            long queryLen = call.query().size(1);
            long lk = r.keys(i);
            long d = body.dModel();
            List<String> wrong = new ArrayList<>();
            expect(wrong, "output", got.output().shape(), batch, queryLen, d);
            expect(wrong, "cache.key", got.cacheKeyShape(), batch, lk, d);
            expect(wrong, "cache.value", got.cacheValueShape(), batch, lk, d);
            expect(wrong, "attentionWeights", got.attentionWeights().shape(), batch, body.numHeads(), queryLen, lk);
            if (!got.output().dtype().equals(call.query().dataType().name())) {
                wrong.add("output is " + got.output().dtype() + ", expected the query's type " + call.query().dataType());
            }
            return wrong.isEmpty() ? null : r.step(i) + ": " + String.join("; ", wrong);
        });
    }

    private static void expect(List<String> wrong, String what, long[] got, long... want) {
        if (!Arrays.equals(got, want)) {
            wrong.add(what + " has shape " + Arrays.toString(got) + ", expected " + Arrays.toString(want));
        }
    }
}

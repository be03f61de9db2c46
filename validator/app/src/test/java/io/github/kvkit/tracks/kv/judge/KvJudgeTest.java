package io.github.kvkit.tracks.kv.judge;

import io.github.kvkit.harness.CallOutcome;
import io.github.kvkit.harness.Tensor;
import io.github.kvkit.tracks.kv.KvAttentionTrack;
import io.github.kvkit.tracks.kv.harness.KvResult;
import io.github.kvkit.tracks.kv.plan.CallRole;
import io.github.kvkit.tracks.kv.plan.KvPlan;
import io.github.kvkit.tracks.kv.plan.KvPlanner;
import io.github.kvkit.validator.ShippedCases;
import io.github.kvkit.validator.cases.TestCase;
import io.github.kvkit.validator.result.CaseResult;
import io.github.kvkit.validator.result.CheckResult;
import io.github.kvkit.validator.run.RunRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The kv-attention judge on outcomes made up here, without a candidate. */
class KvJudgeTest {

    private static final String CASE = """
            {"schemaVersion": 1, "name": "one_step", "category": "core", "points": 1, "visibility": "hidden",
             "dtype": "float64", "seed": 3, "config": {"dModel": 8, "numHeads": 2, "maxCacheLen": 8},
             "steps": [{"op": "forward", "name": "prefill", "batch": 1, "queryLen": 3}]}
            """;

    @TempDir
    Path dir;

    /**
     * A report must not depend on the JVM it was made in: with every tensor non-finite, {@code finite} names the
     * output, then the weights, the cache key and the cache value, in that order (a {@code Map.of} used to pick
     * one of them at random per JVM).
     */
    @Test
    void theFiniteCheckNamesTheFirstNonFiniteTensorInAFixedOrder() throws Exception {
        TestCase tc = ShippedCases.loader().load(Files.writeString(dir.resolve("case.json"), CASE));
        KvPlan plan = KvPlanner.plan(tc);
        List<KvResult> expected = new KvAttentionTrack().expected(plan);
        List<CallOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < plan.calls().size(); i++) {
            CallRole role = plan.roles().get(i);
            if (role.kind() == CallRole.Kind.CONSTRUCT || role.kind() == CallRole.Kind.LOAD_WEIGHTS) {
                outcomes.add(new CallOutcome.Completed());
            } else {
                KvResult r = expected.get(plan.roles().get(role.stepCall()).reference());
                outcomes.add(new KvResult(nan(r.output()), nan(r.attentionWeights()), nan(r.cacheKey()),
                        nan(r.cacheValue()), r.cacheKeyShape(), r.cacheValueShape(), r.cacheTailOnly(),
                        r.cacheInDigests(), 0, 0, new long[2],
                        new long[0]).toOutcome());
            }
        }

        CaseResult result = KvJudge.judge(plan, new RunRecord(outcomes, null, "", 1), expected);

        CheckResult finite = result.checks().stream().filter(c -> c.name().equals("finite")).findFirst().orElseThrow();
        assertThat(finite.passed()).isFalse();
        assertThat(finite.message()).startsWith("step prefill: output at [0, 0, 0] is NaN");
    }

    private static Tensor nan(Tensor t) {
        double[] values = new double[t.values().length];
        Arrays.fill(values, Double.NaN);
        return new Tensor(t.shape(), t.dtype(), values);
    }
}

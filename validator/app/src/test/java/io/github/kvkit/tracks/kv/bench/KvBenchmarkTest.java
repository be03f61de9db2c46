package io.github.kvkit.tracks.kv.bench;

import io.github.kvkit.harness.CallOutcome;
import io.github.kvkit.tracks.kv.plan.CallRole;
import io.github.kvkit.tracks.kv.plan.KvPlan;
import io.github.kvkit.validator.bench.BenchFigures;
import io.github.kvkit.validator.plan.CasePlan;
import io.github.kvkit.validator.run.RunRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

import static org.assertj.core.api.Assertions.assertThat;

/** The kv-attention benchmark's figures come from the candidate's own call times, the right calls for each length. */
class KvBenchmarkTest {

    private final KvBenchmark benchmark = new KvBenchmark();

    /** A run of {@code plan} in which each step call took what {@code nanos} says, the other calls untimed. */
    private static RunRecord run(CasePlan plan, ToLongFunction<String> nanos) {
        List<CallOutcome> outcomes = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        for (CallRole role : ((KvPlan) plan).roles()) {
            outcomes.add(new CallOutcome.Completed());
            times.add(role.kind() == CallRole.Kind.STEP ? nanos.applyAsLong(role.stepName()) : -1L);
        }
        return new RunRecord(outcomes, null, "", 0, "", 0, times);
    }

    /** "decode#r" ends with r + 1 positions; "full_L#k" is a pass over L positions. */
    private static long positions(String step) {
        if (step.startsWith("decode#")) {
            return Long.parseLong(step.substring("decode#".length())) + 1;
        }
        return step.startsWith("full_") ? Long.parseLong(step.substring("full_".length(), step.indexOf('#'))) : 1;
    }

    @Test
    void eachLengthTakesTheMedianOfTheDecodeStepsEndingThereAndOfThePassesOverThatMany() {
        List<CasePlan> plans = benchmark.plans();
        // a cached step costs 1 µs per position, a pass over every position 100 µs per position
        RunRecord cached = run(plans.get(0), step -> positions(step) * 1_000);
        RunRecord recompute = run(plans.get(1), step -> positions(step) * 100_000);

        BenchFigures figures = benchmark.figures(List.of(cached, recompute));

        // the 8 steps ending at 1024 positions end at 1017 .. 1024: median 1020.5 µs
        assertThat(figures.rows()).hasSize(KvBenchmark.LENGTHS.length);
        assertThat(figures.rows().get(3)).containsExactly("1024", "1.021", "979.9", "102.400", "9.8", "100.3 x");
        assertThat(figures.rows().get(0)).startsWith("128", "0.125");
        assertThat(figures.series()).extracting(BenchFigures.Series::name).containsExactly("with the cache", "recomputing");
    }

    @Test
    void aRunThatStoppedEarlyLeavesItsFiguresEmptyAndSaysWhy() {
        List<CasePlan> plans = benchmark.plans();
        RunRecord cached = run(plans.get(0), step -> positions(step) <= 300 ? positions(step) * 1_000 : -1);
        RunRecord stopped = new RunRecord(cached.outcomes(), io.github.kvkit.validator.result.Status.TIMEOUT,
                "did not finish", 0, "", 0, cached.callNanos());

        BenchFigures figures = benchmark.figures(List.of(stopped, run(plans.get(1), step -> 1_000)));

        assertThat(figures.rows().get(1)).startsWith("256", "0.253");
        assertThat(figures.rows().get(3)).startsWith("1024", "-", "-");
        assertThat(figures.notes()).anySatisfy(n -> assertThat(n).contains("bench_cached stopped early: did not finish"));
    }
}

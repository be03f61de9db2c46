package io.github.kvkit.tracks.kv.bench;

import io.github.kvkit.tracks.kv.cases.CacheSpec;
import io.github.kvkit.tracks.kv.cases.KvCaseBody;
import io.github.kvkit.tracks.kv.cases.Step;
import io.github.kvkit.tracks.kv.plan.CallRole;
import io.github.kvkit.tracks.kv.plan.KvPlan;
import io.github.kvkit.tracks.kv.plan.KvPlanner;
import io.github.kvkit.validator.bench.BenchFigures;
import io.github.kvkit.validator.bench.Benchmark;
import io.github.kvkit.validator.cases.Dtype;
import io.github.kvkit.validator.cases.TestCase;
import io.github.kvkit.validator.cases.Tolerance;
import io.github.kvkit.validator.plan.CasePlan;
import io.github.kvkit.validator.result.Visibility;
import io.github.kvkit.validator.run.RunRecord;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the cache buys, measured on the candidate's own code: the time to produce one more token at a growing
 * number of positions, with the cache (one decode step) and without it (a forward pass over every position so
 * far, which is what generating a token costs when nothing is kept). dModel 512, 8 heads, float64, batch 1, as the
 * PyTorch figures in {@code docs/performance.md}. Each figure is the median of the candidate's own call times, as
 * its child JVM measured them around {@code forward}.
 */
public final class KvBenchmark implements Benchmark {

    /** The positions measured; the last fills the cache. */
    static final int[] LENGTHS = {128, 256, 512, 1024};
    static final int D_MODEL = 512;
    static final int HEADS = 8;
    /** Decode steps ending at a length whose times give its cached figure. */
    static final int CACHED_SAMPLES = 8;
    /** Forward passes over all positions per length. */
    static final int RECOMPUTE_SAMPLES = 5;

    private static final String PROMPT = "prompt";
    private static final String DECODE = "decode";
    private static final String FULL = "full_";

    @Override
    public String description() {
        return "dModel " + D_MODEL + ", " + HEADS + " heads, float64, batch 1; one more token at "
                + joined() + " positions, with the cache and by recomputing every position";
    }

    private List<CasePlan> plans;

    /** The two plans, made once: {@link #figures} reads their calls' roles. */
    @Override
    public synchronized List<CasePlan> plans() {
        if (plans == null) {
            plans = plan();
        }
        return plans;
    }

    private static List<CasePlan> plan() {
        int max = LENGTHS[LENGTHS.length - 1];
        List<Step> cached = List.of(
                forward(PROMPT, 1, new CacheSpec.None(), 1),
                forward(DECODE, 1, new CacheSpec.Carry(), max - 1));
        List<Step> recompute = new ArrayList<>();
        for (int length : LENGTHS) {
            recompute.add(forward(FULL + length, length, new CacheSpec.None(), RECOMPUTE_SAMPLES));
        }
        return List.of(KvPlanner.plan(benchCase("cached", "decoding with the cache up to " + max + " positions", cached)),
                KvPlanner.plan(benchCase("recompute", "recomputing all positions at " + joined(), recompute)));
    }

    @Override
    public BenchFigures figures(List<RunRecord> runs) {
        List<CasePlan> plans = plans();
        List<List<String>> rows = new ArrayList<>();
        List<double[]> cachedPoints = new ArrayList<>();
        List<double[]> recomputePoints = new ArrayList<>();
        for (int length : LENGTHS) {
            double cached = median(times((KvPlan) plans.get(0), runs.get(0),
                    name -> name.startsWith(DECODE + "#") && inWindow(stepNumber(name) + 1, length)));
            double recompute = median(times((KvPlan) plans.get(1), runs.get(1),
                    name -> name.startsWith(FULL + length + "#")));
            cachedPoints.add(new double[] {length, perSecond(cached)});
            recomputePoints.add(new double[] {length, perSecond(recompute)});
            rows.add(List.of(String.valueOf(length), millis(cached), rate(cached), millis(recompute), rate(recompute),
                    cached > 0 && recompute > 0 ? String.format(Locale.ROOT, "%.1f x", recompute / cached) : "-"));
        }
        List<String> notes = new ArrayList<>();
        notes.add("cached: the median of the " + CACHED_SAMPLES + " decode steps ending at that many positions; "
                + "recompute: the median of " + RECOMPUTE_SAMPLES + " forward passes over all of them");
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).stopped() != null) {
                notes.add(plans.get(i).testCase().name() + " stopped early: " + runs.get(i).reason());
            }
        }
        return new BenchFigures(List.of("positions", "cached ms/token", "cached tokens/s", "recompute ms/token",
                "recompute tokens/s", "speed-up"), rows, "positions", "tokens per second",
                List.of(new BenchFigures.Series("with the cache", cachedPoints),
                        new BenchFigures.Series("recomputing", recomputePoints)), notes);
    }

    /** The candidate's times, in nanoseconds, of the plan's forward steps whose names {@code which} accepts. */
    private static List<Long> times(KvPlan plan, RunRecord run, java.util.function.Predicate<String> which) {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < plan.roles().size() && i < run.callNanos().size(); i++) {
            CallRole role = plan.roles().get(i);
            long nanos = run.callNanos().get(i);
            if (role.kind() == CallRole.Kind.STEP && nanos >= 0 && which.test(role.stepName())) {
                times.add(nanos);
            }
        }
        return times;
    }

    /** Whether a decode step that ends with {@code positions} in the cache is one of those measured at {@code length}. */
    private static boolean inWindow(int positions, int length) {
        return positions > length - CACHED_SAMPLES && positions <= length;
    }

    /** "decode#17" -> 17: the prompt is one token, so decode step r ends with r + 1 positions. */
    private static int stepNumber(String name) {
        return Integer.parseInt(name.substring(name.indexOf('#') + 1));
    }

    /** The median in nanoseconds, or -1 when there is none. */
    private static double median(List<Long> times) {
        if (times.isEmpty()) {
            return -1;
        }
        List<Long> sorted = times.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    private static double perSecond(double nanos) {
        return nanos > 0 ? 1e9 / nanos : -1;
    }

    private static String millis(double nanos) {
        return nanos > 0 ? String.format(Locale.ROOT, "%.3f", nanos / 1e6) : "-";
    }

    private static String rate(double nanos) {
        return nanos > 0 ? String.format(Locale.ROOT, "%.1f", 1e9 / nanos) : "-";
    }

    private static String joined() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < LENGTHS.length; i++) {
            s.append(i == 0 ? "" : i == LENGTHS.length - 1 ? " and " : ", ").append(LENGTHS[i]);
        }
        return s.toString();
    }

    /** Self-attention over {@code length} new tokens, causal, {@code repeat} times in a row. */
    private static Step forward(String name, int length, CacheSpec cache, int repeat) {
        return new Step.Forward(name, 1, length, length, true, true, cache, repeat, 1.0, "c", null, null, null);
    }

    private static TestCase benchCase(String name, String description, List<Step> steps) {
        KvCaseBody body = new KvCaseBody(D_MODEL, HEADS, LENGTHS[LENGTHS.length - 1], 1.0, null, steps, null);
        return new TestCase(Path.of("bench"), "bench_" + name, description, "kv-attention", "bench", 0,
                Visibility.VISIBLE, Dtype.FLOAT64, 20261202L, Tolerance.EXACT, Set.of(), body);
    }
}

package io.github.kvkit.example.softmax;

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

/** The example track's benchmark: the candidate's softmax time on growing {@code [rows, 256]} inputs, 3 of each. */
final class SoftmaxBenchmark implements Benchmark {

    static final int[] ROWS = {16, 64, 256};
    static final int REPEAT = 3;

    private final SoftmaxTrack track;

    SoftmaxBenchmark(SoftmaxTrack track) {
        this.track = track;
    }

    @Override
    public String description() {
        return "softmax of [rows, 256] float64 inputs";
    }

    @Override
    public List<CasePlan> plans() {
        List<SoftmaxTrack.Input> inputs = new ArrayList<>();
        for (int rows : ROWS) {
            for (int r = 0; r < REPEAT; r++) {
                inputs.add(new SoftmaxTrack.Input(rows, 256, 1));
            }
        }
        TestCase tc = new TestCase(Path.of("bench"), "bench_softmax", "softmax of growing inputs", track.id(), "bench",
                0, Visibility.VISIBLE, Dtype.FLOAT64, 7, Tolerance.EXACT, Set.of(),
                new SoftmaxTrack.Body(inputs, List.of()));
        return List.of(track.plan(tc));
    }

    @Override
    public BenchFigures figures(List<RunRecord> runs) {
        List<List<String>> rows = new ArrayList<>();
        List<double[]> points = new ArrayList<>();
        List<Long> nanos = runs.get(0).callNanos();
        for (int i = 0; i < ROWS.length; i++) {
            List<Long> times = nanos.subList(1 + i * REPEAT, 1 + (i + 1) * REPEAT).stream().sorted().toList();
            long median = times.get(REPEAT / 2);
            double perSecond = median > 0 ? ROWS[i] * 1e9 / median : -1;
            rows.add(List.of(String.valueOf(ROWS[i]), String.format(Locale.ROOT, "%.3f", median / 1e6),
                    String.format(Locale.ROOT, "%.0f", perSecond)));
            points.add(new double[] {ROWS[i], perSecond});
        }
        return new BenchFigures(List.of("rows", "ms per call", "rows/s"), rows, "rows", "rows per second",
                List.of(new BenchFigures.Series("softmax", points)), List.of("the median of " + REPEAT + " calls"));
    }
}

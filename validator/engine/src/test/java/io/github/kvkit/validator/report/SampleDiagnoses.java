package io.github.kvkit.validator.report;

import io.github.kvkit.validator.diagnose.CaseView;
import io.github.kvkit.validator.diagnose.Diagnosis;
import io.github.kvkit.validator.diagnose.Hint;
import io.github.kvkit.validator.diagnose.NamedBug;
import io.github.kvkit.validator.observe.ErrorProfile;
import io.github.kvkit.validator.observe.Figure;
import io.github.kvkit.validator.observe.Heatmap;
import io.github.kvkit.validator.observe.Sign;

import java.util.List;

/** Diagnoses made up for the tests of the HTML page. */
final class SampleDiagnoses {

    private SampleDiagnoses() {
    }

    /** A run of one failing case with {@code figures}, and one passing case. */
    static Diagnosis withFigures(String source, List<Figure> figures) {
        Sign sign = Sign.of("weights-sum-over-queries", "01_prefill/prefill",
                "in case 01_prefill, step prefill, the weights sum to 1 over the query axis");
        NamedBug bug = new NamedBug("B07", "softmax over the wrong axis", 0.87, List.of(sign),
                List.of(new Hint(1, "The attention weights of each query do not sum to 1."),
                        new Hint(2, "Look at the softmax in forward."),
                        new Hint(3, "Take the softmax over the last axis (keys).")));
        return new Diagnosis("kv-attention", source, 4, 10, List.of(bug),
                List.of(Sign.of("output-deviates", "02_decode/decode#1", "the output of decode#1 deviates")),
                List.of(new CaseView("01_prefill", true, List.of(sign), figures),
                        new CaseView("02_passes", false, List.of(), List.of())),
                List.of());
    }

    /** A figure titled {@code title} with a heatmap per entry of {@code heatmaps} and one error profile. */
    static Figure figure(String title, Heatmap... heatmaps) {
        return new Figure(title, List.of(heatmaps), List.of(profile()));
    }

    /** A rows x cols heatmap: weights rising along each row; the candidate off by {@code offset}. */
    static Heatmap heatmap(String title, int rows, int cols, double offset) {
        double[] ref = new double[rows * cols];
        double[] cand = new double[rows * cols];
        for (int i = 0; i < ref.length; i++) {
            ref[i] = (double) (i % cols) / Math.max(1, cols - 1);
            cand[i] = ref[i] + offset * ((i / cols) % 2 == 0 ? 1 : -1);
        }
        return new Heatmap(title, "query", "key position", rows, cols, cand, ref);
    }

    /** Errors over 8 query positions, the last three over the limit. */
    static ErrorProfile profile() {
        return new ErrorProfile("output error per query position", "query position",
                new double[] {0, 1e-12, 3e-9, 1e-8, 2e-7, 0.01, 0.2, 1.5},
                new double[] {1e-6, 1e-6, 1e-6, 1e-6, 1e-6, 1e-6, 1e-6, 1e-6});
    }
}

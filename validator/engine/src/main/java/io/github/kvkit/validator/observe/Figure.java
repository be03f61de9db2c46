package io.github.kvkit.validator.observe;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * What one call of a case looked like: its matrices (e.g. the attention weights of each head) and its errors per
 * position. The HTML page of {@code kvkit diagnose --html} draws one figure per call of each failing case.
 *
 * @param title e.g. "step decode#2"
 */
public record Figure(String title, List<Heatmap> heatmaps, List<ErrorProfile> errors) {

    public Figure {
        heatmaps = List.copyOf(heatmaps);
        errors = List.copyOf(errors);
    }

    /**
     * The figures of a failing case's forward steps: one for every step that deviates, in call order, or for the
     * first step alone when none does (a case can fail without a deviating step, on a cache it should not have
     * changed, say), so that the page still shows what the candidate computed.
     *
     * @param calls    the case's calls, numbered from 0
     * @param isStep   whether a call is a forward step (the others load weights, construct, ...)
     * @param deviates whether a step's result is missing or beyond the case's tolerance
     * @param figure   the figure of a step
     */
    public static List<Figure> ofSteps(int calls, IntPredicate isStep, IntPredicate deviates, IntFunction<Figure> figure) {
        List<Figure> figures = new ArrayList<>();
        int first = -1;
        for (int i = 0; i < calls; i++) {
            if (!isStep.test(i)) {
                continue;
            }
            first = first < 0 ? i : first;
            if (deviates.test(i)) {
                figures.add(figure.apply(i));
            }
        }
        if (figures.isEmpty() && first >= 0) {
            figures.add(figure.apply(first));
        }
        return figures;
    }
}

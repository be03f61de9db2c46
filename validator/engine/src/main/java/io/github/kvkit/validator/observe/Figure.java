package io.github.kvkit.validator.observe;

import java.util.List;

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
}

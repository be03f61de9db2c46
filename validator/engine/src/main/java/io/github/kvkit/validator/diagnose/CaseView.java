package io.github.kvkit.validator.diagnose;

import io.github.kvkit.validator.observe.Figure;
import io.github.kvkit.validator.observe.Sign;

import java.util.List;

/**
 * What diagnose saw in one case: whether it failed, its signs and its figures (the latter only when a page is
 * written).
 */
public record CaseView(String name, boolean failed, List<Sign> signs, List<Figure> figures) {

    public CaseView {
        signs = List.copyOf(signs);
        figures = List.copyOf(figures);
    }
}

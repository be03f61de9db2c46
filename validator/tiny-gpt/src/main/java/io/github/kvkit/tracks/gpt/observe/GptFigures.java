package io.github.kvkit.tracks.gpt.observe;

import io.github.kvkit.harness.Tensor;
import io.github.kvkit.tracks.gpt.judge.GptRun;
import io.github.kvkit.tracks.gpt.plan.Role;
import io.github.kvkit.validator.observe.ErrorProfile;
import io.github.kvkit.validator.observe.Figure;

import java.util.ArrayList;
import java.util.List;

/**
 * The pictures of a tiny-gpt run for the HTML page of {@code kvkit diagnose}. The model returns no attention
 * weights, so for the uncached logits and the cached ones, when they deviate from the reference's, the error per
 * position: a mask that leaks shows as every position wrong but the last, a cache bug as positions right up to the
 * first chunk after it.
 */
final class GptFigures {

    private GptFigures() {
    }

    static List<Figure> of(GptRun r) {
        List<Figure> figures = new ArrayList<>();
        for (Role role : new Role[] {Role.LOGITS, Role.CACHED}) {
            for (int i : r.callsFor(role)) {
                Tensor got = r.array(i, "logits");
                Tensor want = r.expected(i, "logits");
                if (want == null || want.shape().length != 3) {
                    continue;
                }
                ErrorProfile profile = ErrorProfile.along("logits error per position", "position", got, want, r.tol(), 1);
                boolean deviates = false;
                for (int p = 0; p < profile.error().length; p++) {
                    deviates |= !(profile.error()[p] <= profile.limit()[p]);
                }
                if (deviates) {
                    figures.add(new Figure(role.label(), List.of(), List.of(profile)));
                }
            }
        }
        return figures;
    }
}

package io.github.kvkit.tracks.llama.observe;

import io.github.kvkit.harness.Tensor;
import io.github.kvkit.tracks.llama.harness.LlamaResult;
import io.github.kvkit.tracks.llama.judge.LlamaRun;
import io.github.kvkit.tracks.llama.judge.Positions;
import io.github.kvkit.tracks.llama.plan.LlamaRole;
import io.github.kvkit.validator.cases.Tolerance;
import io.github.kvkit.validator.judge.Comparison;
import io.github.kvkit.validator.observe.ErrorProfile;
import io.github.kvkit.validator.observe.Figure;

import java.util.ArrayList;
import java.util.List;

/**
 * The pictures of a llama-block run for the HTML page of {@code kvkit diagnose}: the block returns no attention
 * weights, so for each forward step whose output or cache writes deviate from the reference (or that returned
 * nothing usable), the error per position of its output and of the keys and values it wrote. Where the error
 * starts tells a position-dependent bug (RoPE, the cache) from one that is wrong everywhere. A failing case without
 * a deviating step gets its first step, so the page still shows what the candidate computed.
 */
final class LlamaFigures {

    private LlamaFigures() {
    }

    static List<Figure> of(LlamaRun run) {
        return Figure.ofSteps(run.calls(), run::isStep, i -> deviates(run, i), i -> figure(run, i));
    }

    /** Whether step call {@code call} returned nothing usable, or an output or cache writes beyond the tolerance. */
    static boolean deviates(LlamaRun run, int call) {
        LlamaResult got = run.result(call);
        if (got == null) {
            return true;
        }
        LlamaRole role = run.role(call);
        Tolerance tol = run.tol();
        if (!Comparison.of(got.output(), run.expected(call).output(), tol).passed()) {
            return true;
        }
        Tensor[] after = {got.cacheKey(), got.cacheValue()};
        Tensor[] want = {run.expected(call).newKeys(), run.expected(call).newValues()};
        for (int p = 0; p < 2; p++) {
            Tensor written = after[p] == null ? null : Positions.of(after[p], role.pos(), role.tokens());
            if (written == null || !Comparison.of(written, want[p], tol).passed()) {
                return true;
            }
        }
        return false;
    }

    private static Figure figure(LlamaRun run, int call) {
        LlamaResult got = run.result(call);
        LlamaRole role = run.role(call);
        Tolerance tol = run.tol();
        List<ErrorProfile> errors = new ArrayList<>();
        errors.add(profile("output error per position", got == null ? null : got.output(), run.expected(call).output(),
                tol, role.pos(), 1));
        errors.add(profile("error of the keys written, per position", written(got == null ? null : got.cacheKey(), role),
                run.expected(call).newKeys(), tol, role.pos(), 2));
        errors.add(profile("error of the values written, per position", written(got == null ? null : got.cacheValue(),
                role), run.expected(call).newValues(), tol, role.pos(), 2));
        return new Figure(run.step(call), List.of(), errors);
    }

    private static Tensor written(Tensor cache, LlamaRole role) {
        return cache == null ? null : Positions.of(cache, role.pos(), role.tokens());
    }

    /** The error along {@code axis} of a step's output or cache writes, whose positions start at {@code pos}. */
    static ErrorProfile profile(String title, Tensor got, Tensor want, Tolerance tol, int pos, int axis) {
        return ErrorProfile.along(title + " (from position " + pos + ")", "position - " + pos, got, want, tol, axis);
    }
}

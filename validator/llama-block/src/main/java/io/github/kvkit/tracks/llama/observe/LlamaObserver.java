package io.github.kvkit.tracks.llama.observe;

import io.github.kvkit.tracks.llama.judge.Expected;
import io.github.kvkit.tracks.llama.judge.LlamaRun;
import io.github.kvkit.tracks.llama.plan.LlamaPlan;
import io.github.kvkit.validator.observe.Figure;
import io.github.kvkit.validator.observe.Observer;
import io.github.kvkit.validator.observe.Sign;
import io.github.kvkit.validator.plan.CasePlan;
import io.github.kvkit.validator.run.RunRecord;

import java.util.List;

/** What {@code kvkit diagnose} sees in a llama-block run: {@link LlamaSigns} and {@link LlamaFigures}. */
public final class LlamaObserver implements Observer {

    @Override
    public List<Sign> signs(CasePlan plan, RunRecord run, Object expected) {
        return LlamaSigns.of(runOf(plan, run, expected));
    }

    @Override
    public List<Figure> figures(CasePlan plan, RunRecord run, Object expected) {
        return LlamaFigures.of(runOf(plan, run, expected));
    }

    @SuppressWarnings("unchecked")
    private static LlamaRun runOf(CasePlan plan, RunRecord run, Object expected) {
        return new LlamaRun((LlamaPlan) plan, run, (List<Expected>) expected);
    }
}

package io.github.kvkit.tracks.gpt.observe;

import io.github.kvkit.harness.CallOutcome;
import io.github.kvkit.tracks.gpt.judge.GptRun;
import io.github.kvkit.tracks.gpt.plan.GptPlan;
import io.github.kvkit.validator.observe.Figure;
import io.github.kvkit.validator.observe.Observer;
import io.github.kvkit.validator.observe.Sign;
import io.github.kvkit.validator.plan.CasePlan;
import io.github.kvkit.validator.run.RunRecord;

import java.util.List;

/** What {@code kvkit diagnose} sees in a tiny-gpt run: {@link GptSigns} and {@link GptFigures}. */
public final class GptObserver implements Observer {

    @Override
    public List<Sign> signs(CasePlan plan, RunRecord run, Object expected) {
        return GptSigns.of(runOf(plan, run, expected));
    }

    @Override
    public List<Figure> figures(CasePlan plan, RunRecord run, Object expected) {
        return GptFigures.of(runOf(plan, run, expected));
    }

    @SuppressWarnings("unchecked")
    private static GptRun runOf(CasePlan plan, RunRecord run, Object expected) {
        return new GptRun((GptPlan) plan, run, (List<CallOutcome>) expected);
    }
}

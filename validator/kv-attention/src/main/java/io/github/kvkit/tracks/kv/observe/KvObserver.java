package io.github.kvkit.tracks.kv.observe;

import io.github.kvkit.tracks.kv.harness.KvResult;
import io.github.kvkit.tracks.kv.judge.KvRun;
import io.github.kvkit.tracks.kv.plan.KvPlan;
import io.github.kvkit.validator.observe.Figure;
import io.github.kvkit.validator.observe.Observer;
import io.github.kvkit.validator.observe.Sign;
import io.github.kvkit.validator.plan.CasePlan;
import io.github.kvkit.validator.run.RunRecord;

import java.util.List;

/** What {@code kvkit diagnose} sees in a kv-attention run: {@link KvSigns} and {@link KvFigures}. */
public final class KvObserver implements Observer {

    @Override
    public List<Sign> signs(CasePlan plan, RunRecord run, Object expected) {
        return KvSigns.of(runOf(plan, run, expected));
    }

    @Override
    public List<Figure> figures(CasePlan plan, RunRecord run, Object expected) {
        return KvFigures.of(runOf(plan, run, expected));
    }

    @SuppressWarnings("unchecked")
    private static KvRun runOf(CasePlan plan, RunRecord run, Object expected) {
        return new KvRun((KvPlan) plan, run, (List<KvResult>) expected);
    }
}

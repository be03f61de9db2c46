package io.github.kvkit.validator.observe;

import io.github.kvkit.validator.plan.CasePlan;
import io.github.kvkit.validator.run.RunRecord;

import java.util.List;

/**
 * A track's eyes for {@code kvkit diagnose}: what it sees in a run of a plan beyond the checks' verdicts. The
 * engine adds a sign for each failed check itself; a track adds the properties only it can name.
 *
 * <p>Both methods get the plan, the run and the expected results the track itself made, unchanged, as
 * {@link io.github.kvkit.validator.track.Track#judge} does. They must be deterministic: the same run gives the
 * same signs, so that a bug's fingerprint, computed once, matches a candidate's run later.
 */
public interface Observer {

    /** What the run shows, in the order a student should read it (the first deviation first). */
    List<Sign> signs(CasePlan plan, RunRecord run, Object expected);

    /** Pictures of the run for the HTML page, one per call worth drawing; none by default. */
    default List<Figure> figures(CasePlan plan, RunRecord run, Object expected) {
        return List.of();
    }
}

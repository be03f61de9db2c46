package io.github.kvkit.validator.diagnose;

import io.github.kvkit.validator.Validation;
import io.github.kvkit.validator.judge.Judge;
import io.github.kvkit.validator.observe.Figure;
import io.github.kvkit.validator.observe.Observer;
import io.github.kvkit.validator.observe.Sign;
import io.github.kvkit.validator.plan.CasePlan;
import io.github.kvkit.validator.result.CaseResult;
import io.github.kvkit.validator.result.CheckResult;
import io.github.kvkit.validator.result.Status;
import io.github.kvkit.validator.run.RunRecord;
import io.github.kvkit.validator.track.Track;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Collects what a validation shows, case by case: a sign per failed check and per case that stopped (timeout, crash),
 * one for a case whose checks earned nothing for want of evidence,
 * then the track's own signs ({@link Observer}), and its figures when asked for.
 */
public final class SignCollector implements Validation.CaseWatcher {

    private final boolean figures;
    private final List<CaseView> cases = new ArrayList<>();

    /** @param figures whether to keep the track's figures too (for the HTML page) */
    public SignCollector(boolean figures) {
        this.figures = figures;
    }

    @Override
    public void judged(Track track, CasePlan plan, RunRecord run, Object expected, CaseResult result) {
        List<Sign> signs = new ArrayList<>();
        String name = result.name();
        if (result.status() != Status.PASSED && result.status() != Status.FAILED) {
            signs.add(Sign.of("stopped:" + result.status().name().toLowerCase(java.util.Locale.ROOT), name,
                    "case " + name + " stopped: " + result.reason()));
        }
        List<String> uncredited = new ArrayList<>();
        for (CheckResult c : result.checks()) {
            if (Judge.failedForWantOfEvidence(c)) {
                uncredited.add(c.name());
            } else if (!c.passed()) {
                signs.add(Sign.of("check:" + c.name(), name, "check " + c.name() + " fails on case " + name + ": "
                        + c.message()));
            }
        }
        // one sign for the case, not one per check: such a failure says the case computed nothing, not that the check
        // found something, and as several signs it would outweigh what a bug really shows
        if (!uncredited.isEmpty()) {
            signs.add(Sign.of("uncredited", name, "case " + name + " showed no result computed, so "
                    + String.join(", ", uncredited) + " earned nothing"));
        }
        Optional<Observer> observer = track.observer();
        List<Figure> drawn = List.of();
        if (observer.isPresent()) {
            signs.addAll(observer.get().signs(plan, run, expected));
            if (figures && !result.passed()) {
                drawn = observer.get().figures(plan, run, expected);
            }
        }
        cases.add(new CaseView(name, !result.passed(), signs, drawn));
    }

    /** What each case showed, in the order they were judged. */
    public List<CaseView> cases() {
        return List.copyOf(cases);
    }

    /** Every sign of every case, in order. */
    public List<Sign> signs() {
        return cases.stream().flatMap(c -> c.signs().stream()).toList();
    }
}

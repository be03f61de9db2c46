package io.github.kvkit.validator.judge;

import io.github.kvkit.harness.CallOutcome;
import io.github.kvkit.validator.cases.TestCase;
import io.github.kvkit.validator.plan.CasePlan;
import io.github.kvkit.validator.result.CaseResult;
import io.github.kvkit.validator.result.CheckResult;
import io.github.kvkit.validator.result.Status;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a track's check verdicts on one run into a scored {@link CaseResult}, the same way for every track:
 * only the checks that apply and that the case asks for are scored, with their weights ({@link Scoring}); a
 * check that needs evidence earns nothing in a case where no call showed any; the case's status and reason come
 * from the first call that did not return, or from what stopped the run.
 */
public final class Judge {

    /** How the message of a check failed for want of evidence begins: it says nothing of the check itself. */
    public static final String NOT_CREDITED = "not credited: ";

    private Judge() {
    }

    /** Whether {@code c} failed only because its case showed no evidence of the candidate computing anything. */
    public static boolean failedForWantOfEvidence(CheckResult c) {
        return !c.passed() && c.message().startsWith(NOT_CREDITED);
    }

    /**
     * @param checks     the track's checks, in report order
     * @param noEvidence null when some call of the case showed that the candidate computed something; otherwise
     *                   why not, as reports word it ("no forward step of this case returned a result")
     */
    public static <R extends CaseRun> CaseResult judge(R run, List<? extends Check<? super R>> checks, String noEvidence) {
        CasePlan plan = run.plan();
        TestCase tc = plan.testCase();
        List<Check<? super R>> scored = new ArrayList<>();
        List<Verdict> verdicts = new ArrayList<>();
        for (Check<? super R> check : checks) {
            Verdict v = check.judge(run);
            if (v != null && (tc.checks() == null || tc.checks().contains(check.id()))) {
                scored.add(check);
                verdicts.add(v);
            }
        }
        List<CheckResult> results = new ArrayList<>();
        for (int i = 0; i < scored.size(); i++) {
            Check<? super R> check = scored.get(i);
            Verdict v = verdicts.get(i);
            double weight = check.weight(scored.size() - 1);
            if (v.credit() > 0 && noEvidence != null && check.needsEvidence(run)) {
                v = Verdict.fail(NOT_CREDITED + noEvidence + "; this check earns marks only next to real results, "
                        + "since it holds for code that computes nothing");
            }
            results.add(CheckResult.of(check.id(), weight, v.credit(), v.message()));
        }
        Status status = null;
        String reason = "";
        if (run.run().stopped() != null) {
            status = run.run().stopped();
            reason = run.run().reason();
        } else {
            for (int i = 0; i < plan.calls().size() && status == null; i++) {
                if (plan.calls().get(i).mustReject()) {
                    continue;
                }
                CallOutcome outcome = run.outcome(i);
                if (outcome instanceof CallOutcome.Threw t) {
                    status = StatusOf.exception(t.type());
                    reason = plan.label(i) + ": threw " + threwText(t);
                } else if (outcome instanceof CallOutcome.Unusable u) {
                    status = Status.ERROR;
                    reason = plan.label(i) + ": " + u.why();
                } else if (outcome instanceof CallOutcome.NotRun n) {
                    status = Status.ERROR;
                    reason = plan.label(i) + ": not run: " + n.why();
                }
            }
        }
        if (status == null) {
            status = results.stream().allMatch(CheckResult::passed) ? Status.PASSED : Status.FAILED;
        }
        return new CaseResult(tc.name(), tc.category(), tc.visibility(), Scoring.score(tc.points(), results),
                tc.points(), status, reason, results, run.run().millis());
    }

    /** How a failure names what a call threw: {@code "IllegalStateException: msg at Foo.java:12 (Foo.forward)"}. */
    public static String threwText(CallOutcome.Threw t) {
        String simple = t.type().substring(t.type().lastIndexOf('.') + 1);
        return simple + (t.message().isEmpty() ? "" : ": " + t.message()) + (t.where().isEmpty() ? "" : " at " + t.where());
    }

    /** How a check names a call that did not return a result: "threw ...", "was not run: ...". */
    public static String describe(CallOutcome outcome) {
        if (outcome instanceof CallOutcome.Threw t) {
            return "threw " + threwText(t);
        }
        if (outcome instanceof CallOutcome.Unusable u) {
            return "returned nothing usable: " + u.why();
        }
        if (outcome instanceof CallOutcome.NotRun n) {
            return "was not run: " + n.why();
        }
        return "returned no forward result";
    }
}

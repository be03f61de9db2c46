package io.github.kvkit.validator.judge;

import io.github.kvkit.runner.Call;
import io.github.kvkit.runner.CallExecutor;
import io.github.kvkit.runner.CallOutcome;
import io.github.kvkit.runner.Tensor;
import io.github.kvkit.validator.cases.TestCase;
import io.github.kvkit.validator.cases.Tolerance;
import io.github.kvkit.validator.plan.CallRole;
import io.github.kvkit.validator.plan.CasePlan;
import io.github.kvkit.validator.result.CaseResult;
import io.github.kvkit.validator.result.CheckResult;
import io.github.kvkit.validator.result.Status;
import io.github.kvkit.validator.run.RunRecord;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the raw outcomes of a run into a scored {@link CaseResult}. Each check is judged over every call
 * it applies to and reported once, with the first failure's message; {@link Scoring} turns the checks into
 * the case's score. Marks follow evidence: {@code reference} earns the fraction of checked steps that match
 * the reference, and the other checks earn theirs only in a case where some forward step showed that
 * attention was computed ({@link Evidence}), since each of them holds for code that computes nothing.
 */
public final class Judge {

    private Judge() {
    }

    public static CaseResult judge(CasePlan plan, RunRecord run, List<CallOutcome.Returned> expected) {
        return new Session(plan, run, expected).verdict();
    }

    private static final class Session {
        private final CasePlan plan;
        private final TestCase tc;
        private final RunRecord run;
        private final List<CallOutcome.Returned> expected;
        private final Tolerance tol;
        private final Map<CheckName, String> failures = new EnumMap<>(CheckName.class);
        private final Map<CheckName, Boolean> applies = new EnumMap<>(CheckName.class);
        private final Map<Integer, Integer> keyLengths = new HashMap<>();
        private Status status;
        private String reason = "";
        private double worstReferenceError = 0;
        /** Fully compared step instances, those that matched the reference, and a mismatch since the last one. */
        private int referenceSteps;
        private int referenceMatches;
        private boolean mismatchSinceFull;
        /** Whether the case has forward steps, whether one of them showed evidence, and why the first did not. */
        private boolean hasSteps;
        private boolean evidence;
        private String noEvidence;

        Session(CasePlan plan, RunRecord run, List<CallOutcome.Returned> expected) {
            this.plan = plan;
            this.tc = plan.testCase();
            this.run = run;
            this.expected = expected;
            this.tol = tc.tolerance();
        }

        CaseResult verdict() {
            long weightsDigest = CallExecutor.digest(plan.weights());
            for (int i = 0; i < plan.calls().size(); i++) {
                Call call = plan.calls().get(i);
                CallRole role = plan.roles().get(i);
                CallOutcome outcome = run.outcomes().get(i);
                switch (role.kind()) {
                    case CONSTRUCT, LOAD_WEIGHTS -> setup(role, outcome);
                    case STEP -> step((Call.Forward) call, role, outcome, weightsDigest);
                    case EQUIVALENCE -> equivalence(role, outcome);
                    case PERTURBED -> perturbed(role, outcome);
                    case REJECT -> reject(role, outcome);
                    default -> throw new IllegalStateException(role.kind().toString());
                }
                if (outcome instanceof CallOutcome.Returned r) {
                    laterResults(i, r);
                }
            }
            if (run.stopped() != null) {
                status = run.stopped();
                reason = run.reason();
            }
            List<CheckName> scored = new ArrayList<>();
            for (CheckName name : CheckName.values()) {
                if (applies.getOrDefault(name, false) && (tc.checks() == null || tc.checks().contains(name.id()))) {
                    scored.add(name);
                }
            }
            List<CheckResult> checks = new ArrayList<>();
            for (CheckName name : scored) {
                checks.add(result(name, Scoring.weight(name, scored)));
            }
            boolean allPassed = checks.stream().allMatch(CheckResult::passed);
            if (status == null) {
                status = allPassed ? Status.PASSED : Status.FAILED;
            }
            return new CaseResult(tc.name(), tc.category(), tc.visibility(), Scoring.score(tc.points(), checks),
                    tc.points(), status, reason, checks, run.millis());
        }

        private CheckResult result(CheckName name, double weight) {
            String failure = failures.get(name);
            if (name == CheckName.REFERENCE) {
                if (failure == null) {
                    return CheckResult.of(name.id(), weight, 1, "max abs error " + Format.number(worstReferenceError));
                }
                int steps = Math.max(1, referenceSteps);
                int matches = Math.min(referenceMatches, steps - 1);
                return CheckResult.of(name.id(), weight, (double) matches / steps,
                        matches + " of " + steps + " checked steps match the reference; " + failure);
            }
            if (failure != null) {
                return CheckResult.of(name.id(), weight, 0, failure);
            }
            boolean gated = name != CheckName.REJECTS_BAD_INPUT || hasSteps;
            if (gated && !evidence) {
                return CheckResult.of(name.id(), weight, 0, "not credited: " + (noEvidence == null
                        ? "no forward step of this case returned a result"
                        : "no forward step of this case showed that attention was computed (step " + noEvidence + ")")
                        + "; this check earns marks only next to real results, since it holds for code that computes nothing");
            }
            return CheckResult.of(name.id(), weight, 1, "");
        }

        private void setup(CallRole role, CallOutcome outcome) {
            if (!(outcome instanceof CallOutcome.Completed)) {
                error(outcome, role.stepName());
            }
        }

        private void step(Call.Forward call, CallRole role, CallOutcome outcome, long weightsDigest) {
            boolean causal = call.causal();
            for (CheckName c : List.of(CheckName.SHAPE, CheckName.FINITE, CheckName.SOFTMAX_SUM, CheckName.REFERENCE,
                    CheckName.INPUTS_UNCHANGED)) {
                applies.put(c, true);
            }
            if (causal) {
                applies.put(CheckName.CAUSAL_MASK, true);
            }
            long batch = call.query().size(0);
            long queryLen = call.query().size(1);
            long keyLen = call.key().size(1);
            long lk = keyLen + (call.cacheFromCall() >= 0 ? keyLengths.getOrDefault(call.cacheFromCall(), 0) : 0);
            keyLengths.put(call.index(), (int) lk);
            String step = "step " + role.stepName();
            hasSteps = true;
            if (!(outcome instanceof CallOutcome.Returned r)) {
                countReference(call, false);
                String why = step + " " + describe(outcome);
                for (CheckName c : List.of(CheckName.SHAPE, CheckName.FINITE, CheckName.SOFTMAX_SUM, CheckName.REFERENCE,
                        CheckName.INPUTS_UNCHANGED)) {
                    fail(c, why);
                }
                if (causal) {
                    fail(CheckName.CAUSAL_MASK, why);
                }
                error(outcome, role.stepName());
                return;
            }
            long d = tc.dModel();
            long h = tc.numHeads();
            // shape
            List<String> wrong = new ArrayList<>();
            expectShape(wrong, "output", r.output().shape(), batch, queryLen, d);
            expectShape(wrong, "cache.key", r.cacheKeyShape(), batch, lk, d);
            expectShape(wrong, "cache.value", r.cacheValueShape(), batch, lk, d);
            expectShape(wrong, "attentionWeights", r.attentionWeights().shape(), batch, h, queryLen, lk);
            if (!r.output().dtype().equals(call.query().dataType().name())) {
                wrong.add("output is " + r.output().dtype() + ", expected the query's type " + call.query().dataType());
            }
            if (!wrong.isEmpty()) {
                fail(CheckName.SHAPE, step + ": " + String.join("; ", wrong));
            }
            // finite
            // in this order every run: Map.of would iterate in an order that changes from one JVM to the next
            for (Map.Entry<String, Tensor> e : List.of(Map.entry("output", r.output()),
                    Map.entry("attentionWeights", r.attentionWeights()), Map.entry("cache.key", r.cacheKey()),
                    Map.entry("cache.value", r.cacheValue()))) {
                int bad = firstNonFinite(e.getValue());
                if (bad >= 0) {
                    fail(CheckName.FINITE, step + ": " + e.getKey() + " at " + Arrays.toString(e.getValue().index(bad))
                            + " is " + e.getValue().values()[bad] + ", expected a finite number");
                    break;
                }
            }
            boolean weightsShaped = Arrays.equals(r.attentionWeights().shape(), new long[] {batch, h, queryLen, lk});
            // softmax rows
            if (!weightsShaped) {
                fail(CheckName.SOFTMAX_SUM, step + ": cannot check rows, attentionWeights has shape "
                        + r.attentionWeights().shapeString() + ", expected " + Arrays.toString(new long[] {batch, h, queryLen, lk}));
            } else {
                softmaxRows(step, r.attentionWeights(), lk);
            }
            // causal mask, white-box: future keys weigh exactly 0
            if (causal) {
                if (!weightsShaped) {
                    fail(CheckName.CAUSAL_MASK, step + ": cannot check the mask, attentionWeights has shape "
                            + r.attentionWeights().shapeString());
                } else {
                    futureWeights(step, r.attentionWeights(), queryLen, lk);
                }
            }
            // reference
            CallOutcome.Returned want = expected.get(role.reference());
            boolean matched = compare(CheckName.REFERENCE, step, "output", r.output(), want.output());
            matched &= compare(CheckName.REFERENCE, step, "cache.key" + (r.cacheTailOnly() ? " (new rows)" : ""),
                    r.cacheKey(), want.cacheKey());
            matched &= compare(CheckName.REFERENCE, step, "cache.value" + (r.cacheTailOnly() ? " (new rows)" : ""),
                    r.cacheValue(), want.cacheValue());
            matched &= compare(CheckName.REFERENCE, step, "attentionWeights", r.attentionWeights(),
                    want.attentionWeights());
            countReference(call, matched);
            // evidence that attention was computed, for the checks that hold without it
            String missing = Evidence.missing(r.output(), r.attentionWeights(), want.output(), want.attentionWeights(),
                    causal, tol);
            if (missing == null) {
                evidence = true;
            } else if (noEvidence == null) {
                noEvidence = role.stepName() + ": " + missing;
            }
            // inputs unchanged
            String[] names = {"query", "key", "value", "cache.key", "cache.value"};
            for (int k = 0; k < 5; k++) {
                if (role.inputDigests()[k] != 0 && r.inputDigests()[k] != role.inputDigests()[k]) {
                    fail(CheckName.INPUTS_UNCHANGED, step + ": the " + names[k] + " array passed in was modified by forward");
                }
            }
            if (call.cacheFromCall() >= 0 && r.inputDigests()[3] != 0
                    && run.outcomes().get(call.cacheFromCall()) instanceof CallOutcome.Returned before
                    && before.cacheDigest() != r.inputDigests()[3] * 31 + r.inputDigests()[4]) {
                fail(CheckName.INPUTS_UNCHANGED, step + ": the cache passed in (returned by step "
                        + plan.roles().get(call.cacheFromCall()).stepName() + ") changed after it was returned; "
                        + "expected returned caches to stay as they were (the caller may reuse them)");
            }
            if (r.weightsDigest() != 0 && r.weightsDigest() != weightsDigest) {
                fail(CheckName.INPUTS_UNCHANGED, step + ": the weights given to loadWeights were modified");
            }
        }

        private void equivalence(CallRole role, CallOutcome outcome) {
            applies.put(CheckName.CACHE_EQUIVALENCE, true);
            String step = "step " + role.stepName();
            CallOutcome cached = run.outcomes().get(role.stepCall());
            if (!(outcome instanceof CallOutcome.Returned full)) {
                fail(CheckName.CACHE_EQUIVALENCE, step + ": the same query on the whole history without a cache "
                        + describe(outcome));
                error(outcome, role.stepName() + " (uncached)");
                return;
            }
            if (!(cached instanceof CallOutcome.Returned c)) {
                fail(CheckName.CACHE_EQUIVALENCE, step + " " + describe(cached));
                return;
            }
            equivalent(step, "output", c.output(), full.output());
            equivalent(step, "cache.key", c.cacheKey(), full.cacheKey());
            equivalent(step, "cache.value", c.cacheValue(), full.cacheValue());
        }

        private void perturbed(CallRole role, CallOutcome outcome) {
            applies.put(CheckName.CAUSAL_MASK, true);
            String step = "step " + role.stepName();
            CallOutcome original = run.outcomes().get(role.stepCall());
            if (!(outcome instanceof CallOutcome.Returned changed)) {
                fail(CheckName.CAUSAL_MASK, step + " with future tokens changed " + describe(outcome));
                error(outcome, role.stepName() + " (future tokens changed)");
                return;
            }
            if (!(original instanceof CallOutcome.Returned o)) {
                return;
            }
            Tensor before = firstRows(o.output(), role.comparedRows());
            Tensor after = firstRows(changed.output(), role.comparedRows());
            if (before == null || after == null) {
                return;     // the shape check reports it
            }
            Comparison cmp = Comparison.of(after, before, tol);
            if (!cmp.passed()) {
                fail(CheckName.CAUSAL_MASK, step + ": changing tokens " + role.comparedRows()
                        + ".. (the future of rows 0.." + (role.comparedRows() - 1) + ") changed earlier output: "
                        + cmp.describe("output", tol));
            }
        }

        private void reject(CallRole role, CallOutcome outcome) {
            applies.put(CheckName.REJECTS_BAD_INPUT, true);
            String step = "step " + role.stepName() + " (" + role.why() + ")";
            if (outcome instanceof CallOutcome.Threw t && t.illegalArgument()) {
                if (t.message().isBlank()) {
                    fail(CheckName.REJECTS_BAD_INPUT, step + ": threw IllegalArgumentException without a message; "
                            + "expected one naming the argument, its value and what was expected");
                }
                return;
            }
            if (outcome instanceof CallOutcome.NotRun n) {
                fail(CheckName.REJECTS_BAD_INPUT, step + ": not run: " + n.why());
                return;
            }
            fail(CheckName.REJECTS_BAD_INPUT, step + ": expected IllegalArgumentException, but it "
                    + (outcome instanceof CallOutcome.Threw t ? "threw " + threwText(t) : "returned normally"));
        }

        private void softmaxRows(String step, Tensor w, long lk) {
            double[] v = w.values();
            for (int row = 0; row * lk < v.length; row++) {
                double sum = 0;
                for (int j = 0; j < lk; j++) {
                    double x = v[(int) (row * lk + j)];
                    if (x < 0) {
                        fail(CheckName.SOFTMAX_SUM, step + ": attentionWeights at "
                                + Arrays.toString(w.index(row * lk + j)) + " is " + Format.number(x)
                                + ", expected >= 0");
                        return;
                    }
                    sum += x;
                }
                if (!(Math.abs(sum - 1) <= tol.sumAtol())) {
                    long[] at = w.index(row * lk);
                    fail(CheckName.SOFTMAX_SUM, step + ": attention row " + Arrays.toString(Arrays.copyOf(at, 3))
                            + " sums to " + Format.number(sum) + " (1 " + (sum >= 1 ? "+ " : "- ") + Format.number(Math.abs(sum - 1))
                            + "), expected 1 ± " + Format.number(tol.sumAtol()));
                    return;
                }
            }
        }

        private void futureWeights(String step, Tensor w, long queryLen, long lk) {
            long offset = lk - queryLen;
            double[] v = w.values();
            for (int row = 0; row * lk < v.length; row++) {
                long i = row % queryLen;
                for (long j = i + offset + 1; j < lk; j++) {
                    double x = v[(int) (row * lk + j)];
                    if (x != 0) {
                        fail(CheckName.CAUSAL_MASK, step + ": attentionWeights at " + Arrays.toString(w.index(row * lk + j))
                                + " is " + Format.number(x) + ", expected exactly 0 (query " + i
                                + " may only see keys 0.." + (i + offset) + ")");
                        return;
                    }
                }
            }
        }

        /** Whether {@code got} matches; records the failure if not. */
        private boolean compare(CheckName check, String step, String what, Tensor got, Tensor want) {
            Comparison cmp = Comparison.of(got, want, tol);
            if (check == CheckName.REFERENCE && cmp.shapeProblem().isEmpty()) {
                worstReferenceError = Math.max(worstReferenceError, cmp.maxAbs());
            }
            if (!cmp.passed()) {
                fail(check, step + ": " + cmp.describe(what, tol));
            }
            return cmp.passed();
        }

        /**
         * Counts a step instance for the reference's credit. Only fully compared instances count; a mismatch
         * in an instance compared in part (a repeated step's new cache rows) counts against the next full one,
         * which the last instance of a repeated step always is.
         */
        private void countReference(Call.Forward call, boolean matched) {
            if (!call.fullCapture()) {
                mismatchSinceFull |= !matched;
                return;
            }
            referenceSteps++;
            if (matched && !mismatchSinceFull) {
                referenceMatches++;
            }
            mismatchSinceFull = false;
        }

        /** Results returned by earlier calls must be as they were: the caller may keep them. */
        private void laterResults(int index, CallOutcome.Returned r) {
            long[] later = r.laterDigests();
            for (int k = 0; k + 2 < later.length; k += 3) {
                int earlier = (int) later[k];
                if (earlier < 0 || earlier >= index || !(run.outcomes().get(earlier) instanceof CallOutcome.Returned e)) {
                    continue;
                }
                String[] parts = {"output", "attentionWeights"};
                for (int p = 0; p < 2; p++) {
                    if (later[k + 1 + p] != e.resultDigests()[p]) {
                        fail(CheckName.INPUTS_UNCHANGED, "step " + describeCall(earlier) + ": the " + parts[p]
                                + " it returned changed when step " + describeCall(index) + " ran; expected every "
                                + "returned array to stay as it was (the caller may keep it, so it must not be a "
                                + "view into a buffer that later calls overwrite)");
                    }
                }
            }
        }

        private String describeCall(int index) {
            CallRole role = plan.roles().get(index);
            return role.stepName() + switch (role.kind()) {
                case EQUIVALENCE -> " (uncached)";
                case PERTURBED -> " (future tokens changed)";
                default -> "";
            };
        }

        /** Cached against uncached: both are the candidate's, so neither side is called "expected". */
        private void equivalent(String step, String what, Tensor cached, Tensor uncached) {
            Comparison cmp = Comparison.of(cached, uncached, tol);
            if (!cmp.passed()) {
                fail(CheckName.CACHE_EQUIVALENCE, step + ": the cached call and one uncached call over the whole "
                        + "history disagree: " + cmp.describe(what, tol, "with the cache", "without it"));
            }
        }

        private static Tensor firstRows(Tensor t, long rows) {
            if (t.shape().length != 3 || t.shape()[1] < rows) {
                return null;
            }
            long b = t.shape()[0];
            long len = t.shape()[1];
            long d = t.shape()[2];
            double[] out = new double[(int) (b * rows * d)];
            for (int i = 0; i < b; i++) {
                System.arraycopy(t.values(), (int) (i * len * d), out, (int) (i * rows * d), (int) (rows * d));
            }
            return new Tensor(new long[] {b, rows, d}, t.dtype(), out);
        }

        private static void expectShape(List<String> wrong, String what, long[] got, long... want) {
            if (!Arrays.equals(got, want)) {
                wrong.add(what + " has shape " + Arrays.toString(got) + ", expected " + Arrays.toString(want));
            }
        }

        private static int firstNonFinite(Tensor t) {
            double[] v = t.values();
            for (int i = 0; i < v.length; i++) {
                if (!Double.isFinite(v[i])) {
                    return i;
                }
            }
            return -1;
        }

        private void fail(CheckName check, String message) {
            failures.putIfAbsent(check, message);
        }

        /** Records the first call that did not return as the case's status and reason. */
        private void error(CallOutcome outcome, String where) {
            if (status != null) {
                return;
            }
            if (outcome instanceof CallOutcome.Threw t) {
                status = StatusOf.exception(t.type());
                reason = where + ": threw " + threwText(t);
            } else if (outcome instanceof CallOutcome.Unusable u) {
                status = Status.ERROR;
                reason = where + ": " + u.why();
            } else if (outcome instanceof CallOutcome.NotRun n && run.stopped() == null) {
                status = Status.ERROR;
                reason = where + ": not run: " + n.why();
            }
        }

        private static String describe(CallOutcome outcome) {
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

        private static String threwText(CallOutcome.Threw t) {
            String simple = t.type().substring(t.type().lastIndexOf('.') + 1);
            return simple + (t.message().isEmpty() ? "" : ": " + t.message()) + (t.where().isEmpty() ? "" : " at " + t.where());
        }
    }
}

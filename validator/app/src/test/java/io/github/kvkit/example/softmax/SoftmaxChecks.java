package io.github.kvkit.example.softmax;

import io.github.kvkit.harness.Tensor;
import io.github.kvkit.validator.judge.Check;
import io.github.kvkit.validator.judge.Comparison;
import io.github.kvkit.validator.judge.Verdict;

/** The example track's checks, one small class each. */
final class SoftmaxChecks {

    private SoftmaxChecks() {
    }

    /** {@code finite}: no NaN or infinity in any output. */
    static final class Finite implements Check<SoftmaxRun> {
        @Override
        public String id() {
            return "finite";
        }

        @Override
        public Verdict judge(SoftmaxRun r) {
            for (int i = 1; i <= r.inputs(); i++) {
                Tensor y = r.output(i);
                if (y == null) {
                    return Verdict.fail("input " + i + ": no output");
                }
                for (double v : y.values()) {
                    if (!Double.isFinite(v)) {
                        return Verdict.fail("input " + i + ": output holds " + v + ", expected finite numbers");
                    }
                }
            }
            return Verdict.pass("");
        }
    }

    /** {@code sums_to_one}: every row of every output sums to 1 within the case's {@code sumAtol}. */
    static final class RowsSumToOne implements Check<SoftmaxRun> {
        @Override
        public String id() {
            return "sums_to_one";
        }

        @Override
        public Verdict judge(SoftmaxRun r) {
            for (int i = 1; i <= r.inputs(); i++) {
                Tensor y = r.output(i);
                if (y == null || y.shape().length != 2) {
                    return Verdict.fail("input " + i + ": no rank-2 output");
                }
                long cols = y.shape()[1];
                for (int row = 0; row < y.shape()[0]; row++) {
                    double sum = 0;
                    for (int c = 0; c < cols; c++) {
                        sum += y.values()[(int) (row * cols + c)];
                    }
                    if (!(Math.abs(sum - 1) <= r.plan().testCase().tolerance().sumAtol())) {
                        return Verdict.fail("input " + i + ": row " + row + " sums to " + sum + ", expected 1");
                    }
                }
            }
            return Verdict.pass("");
        }
    }

    /** {@code reference}: every output matches the reference; earns the fraction that do, and needs no evidence. */
    static final class MatchesReference implements Check<SoftmaxRun> {
        @Override
        public String id() {
            return "reference";
        }

        @Override
        public boolean needsEvidence(SoftmaxRun run) {
            return false;
        }

        @Override
        public Verdict judge(SoftmaxRun r) {
            int matched = 0;
            String first = "";
            for (int i = 1; i <= r.inputs(); i++) {
                Tensor y = r.output(i);
                Comparison cmp = y == null ? null : Comparison.of(y, r.expected().get(i - 1), r.plan().testCase().tolerance());
                if (cmp != null && cmp.passed()) {
                    matched++;
                } else if (first.isEmpty()) {
                    first = "input " + i + ": " + (cmp == null ? "no output" : cmp.describe("output", r.plan().testCase().tolerance()));
                }
            }
            return matched == r.inputs() ? Verdict.pass("") : new Verdict((double) matched / r.inputs(),
                    matched + " of " + r.inputs() + " outputs match the reference; " + first);
        }
    }
}

package io.github.kvkit.validator.report;

import io.github.kvkit.validator.result.CaseResult;
import io.github.kvkit.validator.result.CheckResult;
import io.github.kvkit.validator.result.Outcome;
import io.github.kvkit.validator.result.Sandboxing;
import io.github.kvkit.validator.result.Status;
import io.github.kvkit.validator.result.ValidationReport;
import io.github.kvkit.validator.result.Visibility;

import java.util.List;

/** Sample reports the format tests write. Text that only a hidden case carries contains {@link #HIDDEN}. */
final class SampleReports {

    /** Marks every message and reason that belongs to a hidden case. */
    static final String HIDDEN = "HIDDEN_DETAIL";

    /** A message with markup characters, quotes, a line break and non-ASCII text (including a surrogate pair). */
    static final String SPECIAL_MESSAGE = "expected <a & b> \"quoted\" 'single'\nsecond line: naïve 日本 😀 ü";

    static final String SPECIAL_CASE = "quotes \"&\" <angle>";

    static final String COMPILE_MESSAGE = "MyAttention.java:3: error: ';' expected\n    int x = 1\n             ^\n1 error";

    private SampleReports() {
    }

    /**
     * Ran: prefill_small passed (10/10), decode_step failed (7.5/10), long_context timed out (0/10),
     * hidden edge_masking failed (2.5/5), hidden edge_oom ran out of memory (0/5, no checks). 20 / 40 in 12 345 ms.
     */
    static ValidationReport mixed() {
        return new ValidationReport("solution/MyAttention.java", "io.github.kvkit.attention.MyAttention", Outcome.RAN, "",
                List.of(
                        new CaseResult("prefill_small", "visible", Visibility.VISIBLE, 10, 10, Status.PASSED, "",
                                List.of(CheckResult.pass("output_shape", "shape [1, 4, 8]"),
                                        CheckResult.pass("softmax_sum", "max |sum - 1| = 2.0e-7")), 120),
                        new CaseResult("decode_step", "core", Visibility.VISIBLE, 7.5, 10, Status.FAILED, "",
                                List.of(CheckResult.pass("output_shape", ""),
                                        CheckResult.pass("softmax_sum", ""),
                                        CheckResult.fail("cache_length", "expected 5, got 4"),
                                        CheckResult.pass("output_values", "max abs error 1.2e-6")), 340),
                        new CaseResult("long_context", "stress", Visibility.VISIBLE, 0, 10, Status.TIMEOUT,
                                "stopped after 10 s",
                                List.of(CheckResult.fail("output_values", "not evaluated")), 10_000),
                        new CaseResult("edge_masking", "edge", Visibility.HIDDEN, 2.5, 5, Status.FAILED, "",
                                List.of(CheckResult.pass("output_shape", HIDDEN + " shape ok"),
                                        CheckResult.fail("masking", HIDDEN + " expected -inf at [0, 3]")), 80),
                        new CaseResult("edge_oom", "edge", Visibility.HIDDEN, 0, 5, Status.OUT_OF_MEMORY,
                                HIDDEN + " heap exhausted at 512 MB", List.of(), 900)),
                12_345, new Sandboxing("auto", "bubblewrap"));
    }

    /** Did not compile: three cases (one hidden) not run, 0 / 25. */
    static ValidationReport compileError() {
        String why = "not run: the candidate does not compile";
        return new ValidationReport("solution/MyAttention.java", "", Outcome.COMPILE_ERROR, COMPILE_MESSAGE,
                List.of(
                        new CaseResult("prefill_small", "visible", Visibility.VISIBLE, 0, 10, Status.NOT_RUN, why, List.of(), 0),
                        new CaseResult("decode_step", "core", Visibility.VISIBLE, 0, 10, Status.NOT_RUN, why, List.of(), 0),
                        new CaseResult("edge_masking", "edge", Visibility.HIDDEN, 0, 5, Status.NOT_RUN, why, List.of(), 0)),
                1_500, new Sandboxing("on", "setpriv"));
    }

    static final String SETUP_MESSAGE = "test-cases/core.json: line 4: unknown check 'sofmax_sum'";

    /** The validator could not start: no case listed, 0 / 0. */
    static ValidationReport setupError() {
        return new ValidationReport("solution/MyAttention.java", "", Outcome.SETUP_ERROR, SETUP_MESSAGE, List.of(), 20,
                new Sandboxing("on", ""));
    }

    /**
     * Ran, one visible failed case named {@link #SPECIAL_CASE} whose check {@code weird} fails with
     * {@link #SPECIAL_MESSAGE} and whose check {@code escape} fails with a message holding an ANSI escape and a
     * bell; 1 / 3.
     */
    static ValidationReport specialCharacters() {
        return new ValidationReport("solution/Ünïcode <&>.java", "a.b.Ünïcode", Outcome.RAN, "",
                List.of(new CaseResult(SPECIAL_CASE, "core & more", Visibility.VISIBLE, 1, 3, Status.FAILED, "",
                        List.of(CheckResult.fail("weird", SPECIAL_MESSAGE),
                                CheckResult.fail("escape", "candidate said \u001B[31mred\u0007"),
                                CheckResult.pass("fine", "")), 5)),
                7, new Sandboxing("off", "none"));
    }
}

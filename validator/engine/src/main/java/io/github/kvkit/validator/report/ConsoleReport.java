package io.github.kvkit.validator.report;

import io.github.kvkit.validator.result.CaseResult;
import io.github.kvkit.validator.result.CheckResult;
import io.github.kvkit.validator.result.Outcome;
import io.github.kvkit.validator.result.Status;
import io.github.kvkit.validator.result.ValidationReport;
import io.github.kvkit.validator.result.Visibility;

import java.io.PrintWriter;

/**
 * The human-readable report students see in their terminal.
 *
 * <pre>
 * Candidate: solution/MyAttention.java (io.github.kvkit.attention.MyAttention)
 *
 * PASS prefill_small  (visible, 10/10)
 *   ✓ output_shape
 *   ✓ softmax_sum
 * FAIL decode_step  (core, 6.25/10)
 *   ✓ output_shape
 *   ✗ cache_length: expected 5, got 4
 * TIMEOUT long_context  (stress, 0/10)
 *   reason: stopped after 10 s
 * FAIL edge_1  (edge, 2.5/5, hidden)
 *   ✓ output_shape
 *   ✗ masking
 *
 * Score: 18.75 / 35 (54%)
 * Cases: 1 passed, 2 failed, 1 timeout
 * Time: 12.4 s
 * </pre>
 *
 * <p>When the cases did not run (a compile, contract or setup error), the header is followed by the outcome, the
 * report's message (the compiler's diagnostics, say) and the summary.
 *
 * <p>Hidden cases show their line and each check's name and verdict, but neither check messages nor the reason,
 * unless {@code verbose}. Verbose output also shows passed checks' messages and each case's time. Colours (ANSI:
 * green pass, red failure, yellow other statuses) appear only when {@code color} is set; the marks {@code ✓} and
 * {@code ✗} are always written, so the {@link PrintWriter} should encode UTF-8. Control characters in messages
 * (a candidate's exception text, say) are written as {@code \}{@code uXXXX} so they cannot drive the terminal.
 */
public final class ConsoleReport {

    private static final String GREEN = "\u001B[32m";
    private static final String RED = "\u001B[31m";
    private static final String YELLOW = "\u001B[33m";
    private static final String BOLD = "\u001B[1m";
    private static final String RESET = "\u001B[0m";

    private final boolean color;
    private final boolean verbose;

    /**
     * @param color   write ANSI colour codes
     * @param verbose show hidden cases' messages and reasons, passed checks' messages, and case times
     */
    public ConsoleReport(boolean color, boolean verbose) {
        this.color = color;
        this.verbose = verbose;
    }

    /**
     * A sensible default for {@code color}: true when there is a terminal, {@code NO_COLOR} is not set and
     * {@code TERM} is not {@code dumb}.
     */
    public static boolean colorByDefault() {
        String term = System.getenv("TERM");
        return System.console() != null && System.getenv("NO_COLOR") == null && !"dumb".equals(term);
    }

    /** Writes the report to {@code out} and flushes it; {@code out} stays open. */
    public void write(ValidationReport r, PrintWriter out) {
        String cls = r.candidateClass().isEmpty() ? "" : " (" + r.candidateClass() + ")";
        out.println(paint(BOLD, "Candidate: " + Text.printable(Text.orEmpty(r.candidateFile())) + cls));
        out.println();
        if (r.outcome() != Outcome.RAN) {
            out.println(paint(RED, r.outcome().name().replace('_', ' ') + ": " + Text.whyNotRun(r.outcome())));
            for (String line : Text.lines(Text.printable(r.message().stripTrailing()))) {
                out.println(line);
            }
        } else {
            for (CaseResult c : r.tests()) {
                writeCase(c, out);
            }
        }
        out.println();
        out.println(paint(BOLD, Text.scoreLine(r.score(), r.maxScore())));
        out.println("Cases: " + Text.counts(r.tests()));
        out.println("Time: " + Text.num(r.millis() / 1000.0) + " s");
        out.flush();
    }

    private void writeCase(CaseResult c, PrintWriter out) {
        boolean details = verbose || c.visibility() != Visibility.HIDDEN;
        StringBuilder line = new StringBuilder()
                .append(paint(tagColor(c.status()), Text.tag(c.status()))).append(' ')
                .append(Text.printable(Text.orEmpty(c.name())))
                .append("  (").append(Text.printable(Text.orEmpty(c.category()))).append(", ")
                .append(Text.num(c.score())).append('/').append(Text.num(c.maxScore()));
        if (c.visibility() == Visibility.HIDDEN) {
            line.append(", hidden");
        }
        if (verbose) {
            line.append(", ").append(c.millis()).append(" ms");
        }
        out.println(line.append(')'));
        if (details && !Text.isVerdict(c.status()) && !c.reason().isBlank()) {
            out.println("  reason: " + Text.indentContinuation(Text.printable(c.reason().strip()), "    "));
        }
        for (CheckResult k : c.checks()) {
            String message = Text.orEmpty(k.message()).strip();
            boolean showMessage = details && !message.isEmpty() && (!k.passed() || verbose);
            String mark = k.passed() ? paint(GREEN, "✓") : paint(RED, "✗");
            String text = "  " + mark + " " + Text.printable(Text.orEmpty(k.name()));
            if (showMessage) {
                text += ": " + Text.indentContinuation(Text.printable(message), "      ");
            }
            out.println(text);
        }
    }

    private static String tagColor(Status status) {
        return switch (status) {
            case PASSED -> GREEN;
            case FAILED -> RED;
            default -> YELLOW;
        };
    }

    private String paint(String code, String text) {
        return color ? code + text + RESET : text;
    }
}

package io.github.kvkit.validator.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kvkit.validator.result.CaseResult;
import io.github.kvkit.validator.result.CheckResult;
import io.github.kvkit.validator.result.Outcome;
import io.github.kvkit.validator.result.Status;
import io.github.kvkit.validator.result.ValidationReport;
import io.github.kvkit.validator.result.Visibility;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * A Gradescope autograder {@code results.json}
 * (<a href="https://gradescope-autograders.readthedocs.io/en/latest/specs/">specification</a>).
 *
 * <p>Everything in an {@code output} field is shown to students, so it follows the same rule as the console:
 * visible cases show each check with its message; hidden cases show check names and pass/fail only, no messages and
 * no reason, and get {@code "visibility": "after_published"} so Gradescope shows them once grades are published.
 * When the cases did not run (a compile, contract or setup error), the reason and the report's message (the
 * compiler's diagnostics, say) go into the top-level {@code output}; the cases that did not run are still listed,
 * with score 0, so the student sees the total.
 *
 * <p>A test's {@code status} is {@code passed} only when the case status is {@link Status#PASSED}. Outputs are
 * plain text ({@code output_format} and {@code test_output_format} are {@code text}); {@code execution_time} is
 * whole seconds, rounded up.
 */
public final class GradescopeReport implements ReportFormat {

    /** The results.json as a JSON tree. */
    public ObjectNode toTree(ValidationReport r) {
        ObjectNode root = Json.object();
        root.put("score", Text.round(r.score(), 4));
        root.put("execution_time", (r.millis() + 999) / 1000);
        root.put("output", summary(r));
        root.put("output_format", "text");
        root.put("test_output_format", "text");
        root.put("stdout_visibility", "visible");
        ArrayNode tests = root.putArray("tests");
        for (CaseResult c : r.tests()) {
            ObjectNode t = tests.addObject();
            t.put("name", Text.orEmpty(c.name()));
            t.put("score", Text.round(c.score(), 4));
            t.put("max_score", Text.round(c.maxScore(), 4));
            t.put("status", c.status() == Status.PASSED ? "passed" : "failed");
            t.put("visibility", c.visibility() == Visibility.HIDDEN ? "after_published" : "visible");
            t.put("output", caseOutput(c));
        }
        return root;
    }

    @Override
    public void write(ValidationReport r, Writer out) throws IOException {
        Json.write(toTree(r), out);
    }

    private static String summary(ValidationReport r) {
        List<String> lines = new ArrayList<>();
        String cls = r.candidateClass().isEmpty() ? "" : " (" + r.candidateClass() + ")";
        lines.add("Candidate: " + Text.orEmpty(r.candidateFile()) + cls);
        if (r.outcome() != Outcome.RAN) {
            lines.add("");
            lines.add(Text.outcomeName(r.outcome()) + ": " + Text.whyNotRun(r.outcome()));
            if (!r.message().isEmpty()) {
                lines.add(Text.printable(r.message().stripTrailing()));
            }
            lines.add("");
        }
        lines.add(Text.scoreLine(r.score(), r.maxScore()));
        lines.add("Cases: " + Text.counts(r.tests()));
        lines.add(Text.sandboxLine(r.sandboxing()));
        return String.join("\n", lines);
    }

    private static String caseOutput(CaseResult c) {
        boolean hidden = c.visibility() == Visibility.HIDDEN;
        List<String> lines = new ArrayList<>();
        if (hidden) {
            lines.add("Hidden test: details are shown for visible tests only.");
        }
        if (!Text.isVerdict(c.status())) {
            String reason = hidden || c.reason().isBlank() ? "" : ": " + Text.printable(c.reason().strip());
            lines.add(Text.tag(c.status()) + reason);
        }
        for (CheckResult k : c.checks()) {
            String name = Text.orEmpty(k.name());
            String message = Text.orEmpty(k.message()).strip();
            if (k.passed()) {
                lines.add("✓ " + name);
            } else if (hidden || message.isEmpty()) {
                lines.add("✗ " + name);
            } else {
                lines.add("✗ " + name + ": " + Text.indentContinuation(Text.printable(message), "    "));
            }
        }
        return String.join("\n", lines);
    }
}

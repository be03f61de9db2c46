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
 * The result of one GitHub Classroom autograding runner: what the {@code autograding-grading-reporter} action
 * (github.com/classroom-resources/autograding-grading-reporter, v1) decodes from a runner step's {@code result}
 * output, base64-encoded, and reports to GitHub Classroom. It sends Classroom the sum of the tests' {@code score}
 * out of the runner's {@code max_score}, so a case earns its fractional score here, as in every other report.
 *
 * <pre>{"version": 1, "status": "pass|fail|error", "max_score": 10,
 *  "tests": [{"name", "status": "pass|fail", "score", "message", "test_code", "filename", "line_no", "duration"}]}</pre>
 *
 * <p>The runner's status is {@code pass} when every case passed, {@code error} when the cases did not run (a
 * compile, contract or setup error), else {@code fail}; a test's is {@code pass} only for a passed case. A test's
 * {@code message} lists the failed checks with their messages and, for statuses other than passed and failed,
 * {@code STATUS: reason}; a hidden case shows names only, as in the Gradescope report. Scores have two decimals:
 * Classroom shows the total as it is sent.
 */
public final class ClassroomReport implements ReportFormat {

    /** The runner result as a JSON tree. */
    public ObjectNode toTree(ValidationReport r) {
        ObjectNode root = Json.object();
        root.put("version", 1);
        root.put("status", r.outcome() != Outcome.RAN ? "error" : r.allPassed() ? "pass" : "fail");
        root.put("max_score", Text.round(r.maxScore(), 2));
        ArrayNode tests = root.putArray("tests");
        for (CaseResult c : r.tests()) {
            ObjectNode t = tests.addObject();
            t.put("name", Text.orEmpty(c.name()));
            t.put("status", c.status() == Status.PASSED ? "pass" : "fail");
            t.put("score", Text.round(c.score(), 2));
            t.put("message", message(r, c));
            t.put("test_code", "");
            t.put("filename", "");
            t.put("line_no", 0);
            t.put("duration", c.millis());
        }
        return root;
    }

    @Override
    public void write(ValidationReport r, Writer out) throws IOException {
        Json.write(toTree(r), out);
    }

    private static String message(ValidationReport r, CaseResult c) {
        boolean hidden = c.visibility() == Visibility.HIDDEN;
        List<String> lines = new ArrayList<>();
        if (r.outcome() != Outcome.RAN) {
            lines.add(Text.outcomeName(r.outcome()) + ": " + Text.whyNotRun(r.outcome()));
        } else if (!Text.isVerdict(c.status())) {
            String reason = hidden || c.reason().isBlank() ? "" : ": " + Text.printable(c.reason().strip());
            lines.add(Text.tag(c.status()) + reason);
        }
        for (CheckResult k : c.checks()) {
            if (k.passed()) {
                continue;
            }
            String message = Text.orEmpty(k.message()).strip();
            lines.add(hidden || message.isEmpty() ? "✗ " + k.name()
                    : "✗ " + k.name() + ": " + Text.indentContinuation(Text.printable(message), "    "));
        }
        return String.join("\n", lines);
    }
}

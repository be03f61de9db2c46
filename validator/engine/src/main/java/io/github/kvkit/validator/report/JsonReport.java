package io.github.kvkit.validator.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kvkit.validator.result.CaseResult;
import io.github.kvkit.validator.result.CheckResult;
import io.github.kvkit.validator.result.ValidationReport;

import java.io.IOException;
import java.io.Writer;

/**
 * The full report as JSON, for graders and scripts. Nothing is withheld: hidden cases carry their messages and
 * reasons too. The schema is described in {@code docs/reports.md} and, as JSON Schema, in
 * {@code docs/report.schema.json}; {@link #SCHEMA_VERSION} changes whenever a field changes meaning or goes away.
 *
 * <p>Scores are rounded to 4 decimals; enum values are written with their {@code id()} (lower case).
 */
public final class JsonReport implements ReportFormat {

    /** The value of the {@code schema_version} field. */
    public static final int SCHEMA_VERSION = 1;

    /** The report as a JSON tree, fields in the documented order. */
    public ObjectNode toTree(ValidationReport r) {
        ObjectNode root = Json.object();
        root.put("schema_version", SCHEMA_VERSION);
        ObjectNode candidate = root.putObject("candidate");
        candidate.put("file", Text.orEmpty(r.candidateFile()));
        candidate.put("class", r.candidateClass());
        root.put("outcome", r.outcome().id());
        root.put("message", r.message());
        root.put("score", Text.round(r.score(), 4));
        root.put("max_score", Text.round(r.maxScore(), 4));
        root.put("passed", r.allPassed());
        root.put("time_ms", r.millis());
        ObjectNode sandbox = root.putObject("sandbox");
        sandbox.put("mode", r.sandboxing().mode());
        sandbox.put("mechanism", r.sandboxing().mechanism());
        ArrayNode tests = root.putArray("tests");
        for (CaseResult c : r.tests()) {
            ObjectNode t = tests.addObject();
            t.put("name", Text.orEmpty(c.name()));
            t.put("category", Text.orEmpty(c.category()));
            t.put("visibility", c.visibility().id());
            t.put("score", Text.round(c.score(), 4));
            t.put("max_score", Text.round(c.maxScore(), 4));
            t.put("status", c.status().id());
            t.put("reason", c.reason());
            t.put("time_ms", c.millis());
            ArrayNode checks = t.putArray("checks");
            for (CheckResult k : c.checks()) {
                ObjectNode check = checks.addObject();
                check.put("name", Text.orEmpty(k.name()));
                check.put("passed", k.passed());
                check.put("weight", Text.round(k.weight(), 4));
                check.put("credit", Text.round(k.credit(), 4));
                check.put("message", Text.orEmpty(k.message()));
            }
        }
        return root;
    }

    @Override
    public void write(ValidationReport r, Writer out) throws IOException {
        Json.write(toTree(r), out);
    }
}

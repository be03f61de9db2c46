package io.github.kvkit.validator.cli;

import io.github.kvkit.validator.report.Reports;
import io.github.kvkit.validator.result.ValidationReport;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The report files a validation was asked for ({@code --json}, {@code --junit}, {@code --gradescope},
 * {@code --classroom}); each is {@code null} when not asked for. They are written whatever the outcome, so a
 * grader's CI has a row per student.
 */
record ReportFiles(Path json, Path junit, Path gradescope, Path classroom) {

    /** Writes every report asked for; says on {@code err} which could not be written, and then returns false. */
    boolean write(ValidationReport report, PrintWriter err) {
        Map<String, Path> wanted = new LinkedHashMap<>();
        wanted.put("json", json);
        wanted.put("junit", junit);
        wanted.put("gradescope", gradescope);
        wanted.put("classroom", classroom);
        boolean ok = true;
        for (Map.Entry<String, Path> e : wanted.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            try {
                Reports.writeFile(Reports.format(e.getKey()), report, e.getValue());
            } catch (IOException ex) {
                err.println("error: cannot write the " + e.getKey() + " report to " + e.getValue() + ": " + ex);
                ok = false;
            }
        }
        err.flush();
        return ok;
    }
}

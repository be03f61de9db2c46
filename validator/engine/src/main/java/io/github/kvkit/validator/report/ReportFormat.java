package io.github.kvkit.validator.report;

import io.github.kvkit.validator.result.ValidationReport;

import java.io.IOException;
import java.io.Writer;

/**
 * A machine-readable report format: writes a whole {@link ValidationReport} to a character stream.
 *
 * <p>Implementations only read the report; they never change scores or verdicts. They write UTF-16 text to the
 * {@link Writer}, flush it, and leave it open; whoever opened the writer closes it, and should encode as UTF-8
 * (the XML declaration says so). {@link Reports#writeFile} does all of that for a file.
 */
@FunctionalInterface
public interface ReportFormat {

    /**
     * Writes {@code report} to {@code out}, then flushes {@code out} without closing it.
     *
     * @throws IOException when writing fails
     */
    void write(ValidationReport report, Writer out) throws IOException;
}

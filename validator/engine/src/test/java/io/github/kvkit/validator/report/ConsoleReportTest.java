package io.github.kvkit.validator.report;

import io.github.kvkit.validator.result.ValidationReport;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static io.github.kvkit.validator.report.SampleReports.HIDDEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsoleReportTest {

    private static String render(ValidationReport r, boolean color, boolean verbose) {
        StringWriter s = new StringWriter();
        new ConsoleReport(color, verbose).write(r, new PrintWriter(s));
        return s.toString();
    }

    private static List<String> lines(String text) {
        return List.of(text.split("\\R"));
    }

    @Test
    void headerNamesCandidateFileAndClass() {
        String out = render(SampleReports.mixed(), false, false);

        assertEquals("Candidate: solution/MyAttention.java (io.github.kvkit.attention.MyAttention)", lines(out).get(0));
    }

    @Test
    void eachCaseHasATagLineWithCategoryAndScore() {
        List<String> out = lines(render(SampleReports.mixed(), false, false));

        assertTrue(out.contains("PASS prefill_small  (visible, 10/10)"), out::toString);
        assertTrue(out.contains("FAIL decode_step  (core, 7.5/10)"), out::toString);
        assertTrue(out.contains("TIMEOUT long_context  (stress, 0/10)"), out::toString);
        assertTrue(out.contains("OUT_OF_MEMORY edge_oom  (edge, 0/5, hidden)"), out::toString);
    }

    @Test
    void visibleChecksShowMarksAndFailureMessages() {
        List<String> out = lines(render(SampleReports.mixed(), false, false));

        assertTrue(out.contains("  ✓ output_shape"), out::toString);
        assertTrue(out.contains("  ✗ cache_length: expected 5, got 4"), out::toString);
    }

    @Test
    void visibleCaseWithoutVerdictShowsItsReason() {
        List<String> out = lines(render(SampleReports.mixed(), false, false));

        assertTrue(out.contains("  reason: stopped after 10 s"), out::toString);
    }

    @Test
    void hiddenCaseShowsCheckVerdictsButNoMessagesOrReason() {
        String out = render(SampleReports.mixed(), false, false);

        assertFalse(out.contains(HIDDEN), out);
        assertTrue(lines(out).contains("  ✗ masking"), out);
        assertTrue(lines(out).contains("FAIL edge_masking  (edge, 2.5/5, hidden)"), out);
    }

    @Test
    void verboseShowsHiddenMessagesReasonsAndCaseTimes() {
        String out = render(SampleReports.mixed(), false, true);

        assertTrue(out.contains("  ✗ masking: " + HIDDEN + " expected -inf at [0, 3]"), out);
        assertTrue(out.contains("  reason: " + HIDDEN + " heap exhausted at 512 MB"), out);
        assertTrue(out.contains("FAIL decode_step  (core, 7.5/10, 340 ms)"), out);
    }

    @Test
    void passedCheckMessagesAppearOnlyWhenVerbose() {
        String quiet = render(SampleReports.mixed(), false, false);
        String verbose = render(SampleReports.mixed(), false, true);

        assertFalse(quiet.contains("max abs error 1.2e-6"), quiet);
        assertTrue(verbose.contains("  ✓ output_values: max abs error 1.2e-6"), verbose);
    }

    @Test
    void noAnsiCodesWithoutColor() {
        String out = render(SampleReports.mixed(), false, true);

        assertFalse(out.contains("\u001B"), out);
    }

    @Test
    void ansiCodesWithColor() {
        String out = render(SampleReports.mixed(), true, false);

        assertTrue(out.contains("\u001B[32mPASS\u001B[0m prefill_small"), out);
        assertTrue(out.contains("\u001B[31m✗\u001B[0m cache_length"), out);
        assertTrue(out.contains("\u001B[33mTIMEOUT\u001B[0m long_context"), out);
    }

    @Test
    void summaryGivesScorePercentCountsByStatusAndTime() {
        List<String> out = lines(render(SampleReports.mixed(), false, false));

        assertEquals(List.of("Score: 20 / 40 (50%)", "Cases: 1 passed, 2 failed, 1 timeout, 1 out of memory",
                "Time: 12.35 s"), out.subList(out.size() - 3, out.size()));
    }

    @Test
    void compileErrorPrintsDiagnosticsThenSummaryAndNoCaseLines() {
        String out = render(SampleReports.compileError(), false, false);

        assertTrue(out.contains("COMPILE ERROR"), out);
        assertTrue(out.contains(SampleReports.COMPILE_MESSAGE), out);
        assertFalse(out.contains("prefill_small"), out);
        assertTrue(out.contains("Score: 0 / 25 (0%)"), out);
        assertTrue(out.contains("Cases: 3 not run"), out);
        assertTrue(out.indexOf(SampleReports.COMPILE_MESSAGE) < out.indexOf("Score:"), out);
    }

    @Test
    void setupErrorSaysGradingCouldNotStartAndGivesTheMessage() {
        List<String> out = lines(render(SampleReports.setupError(), false, false));

        assertTrue(out.contains("SETUP ERROR: the validator could not start grading."), out::toString);
        assertTrue(out.contains(SampleReports.SETUP_MESSAGE), out::toString);
        assertTrue(out.contains("Score: 0 / 0"), out::toString);
    }

    @Test
    void controlCharactersInMessagesAreEscapedNotEmitted() {
        String out = render(SampleReports.specialCharacters(), false, false);

        assertFalse(out.contains("\u001B") || out.contains("\u0007"), out);
        assertTrue(out.contains("candidate said \\u001b[31mred\\u0007"), out);
    }

    @Test
    void multiLineMessagesAreIndentedUnderTheirCheck() {
        List<String> out = lines(render(SampleReports.specialCharacters(), false, false));

        int at = out.indexOf("  ✗ weird: expected <a & b> \"quoted\" 'single'");
        assertTrue(at >= 0, out::toString);
        assertEquals("      second line: naïve 日本 😀 ü", out.get(at + 1));
    }
}

package io.github.kvkit.validator.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kvkit.validator.result.ValidationReport;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static io.github.kvkit.validator.report.SampleReports.HIDDEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GradescopeReportTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static String render(ValidationReport r) {
        return Reports.render(new GradescopeReport(), r);
    }

    private static JsonNode json(ValidationReport r) throws IOException {
        return MAPPER.readTree(render(r));
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }

    @Test
    void totalsAndPerTestScoresMatchTheReport() throws IOException {
        JsonNode j = json(SampleReports.mixed());

        assertEquals(20.0, j.get("score").asDouble());
        assertEquals(13, j.get("execution_time").asInt());
        assertEquals("visible", j.get("stdout_visibility").asText());
        assertEquals(5, j.get("tests").size());
        assertEquals(List.of("10.0", "10.0", "10.0", "5.0", "5.0"), texts(j.get("tests"), "max_score"));
        assertEquals(List.of("10.0", "7.5", "0.0", "2.5", "0.0"), texts(j.get("tests"), "score"));
    }

    @Test
    void statusIsPassedOnlyForPassedCases() throws IOException {
        JsonNode tests = json(SampleReports.mixed()).get("tests");

        assertEquals(List.of("passed", "failed", "failed", "failed", "failed"), texts(tests, "status"));
    }

    @Test
    void hiddenCasesShowAfterPublishingAndWithoutMessages() throws IOException {
        String raw = render(SampleReports.mixed());
        JsonNode tests = MAPPER.readTree(raw).get("tests");

        assertEquals(List.of("visible", "visible", "visible", "after_published", "after_published"),
                texts(tests, "visibility"));
        assertFalse(raw.contains(HIDDEN), raw);
        assertTrue(tests.get(3).get("output").asText().contains("✗ masking"));
        assertTrue(tests.get(4).get("output").asText().contains("OUT_OF_MEMORY"));
    }

    @Test
    void visibleCasesShowCheckMessagesAndReasons() throws IOException {
        JsonNode tests = json(SampleReports.mixed()).get("tests");

        assertEquals("✓ output_shape\n✓ softmax_sum\n✗ cache_length: expected 5, got 4\n✓ output_values",
                tests.get(1).get("output").asText());
        assertEquals("TIMEOUT: stopped after 10 s\n✗ output_values: not evaluated",
                tests.get(2).get("output").asText());
    }

    @Test
    void summaryOutputHasScoreAndCounts() throws IOException {
        String output = json(SampleReports.mixed()).get("output").asText();

        assertTrue(output.contains("Score: 20 / 40 (50%)"), output);
        assertTrue(output.contains("Cases: 1 passed, 2 failed, 1 timeout, 1 out of memory"), output);
        assertTrue(output.endsWith("\nSandbox: bubblewrap (--sandbox auto)"), output);
    }

    @Test
    void compileErrorGoesToTopLevelOutputAndCasesScoreZero() throws IOException {
        JsonNode j = json(SampleReports.compileError());

        assertTrue(j.get("output").asText().contains(SampleReports.COMPILE_MESSAGE));
        assertEquals(0.0, j.get("score").asDouble());
        assertEquals(List.of("0.0", "0.0", "0.0"), texts(j.get("tests"), "score"));
        assertEquals(List.of("failed", "failed", "failed"), texts(j.get("tests"), "status"));
    }

    @Test
    void setupErrorExplainsItselfInTheOutput() throws IOException {
        JsonNode j = json(SampleReports.setupError());

        assertTrue(j.get("output").asText().contains("Setup error: the validator could not start grading.\n"
                + SampleReports.SETUP_MESSAGE), j.toString());
        assertEquals(0, j.get("tests").size());
    }

    @Test
    void specialCharactersRoundTrip() throws IOException {
        JsonNode test = json(SampleReports.specialCharacters()).at("/tests/0");

        assertEquals(SampleReports.SPECIAL_CASE, test.get("name").asText());
        assertTrue(test.get("output").asText().contains("✗ weird: expected <a & b> \"quoted\" 'single'\n"
                + "    second line: naïve 日本 😀 ü"), test.toString());
    }
}

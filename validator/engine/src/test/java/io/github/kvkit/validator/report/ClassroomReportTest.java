package io.github.kvkit.validator.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kvkit.validator.result.ValidationReport;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static io.github.kvkit.validator.report.SampleReports.HIDDEN;
import static org.assertj.core.api.Assertions.assertThat;

/** The runner result GitHub Classroom's autograding reporter reads: its points are the sum of the tests' scores. */
class ClassroomReportTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static String render(ValidationReport r) {
        return Reports.render(new ClassroomReport(), r);
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
    void eachCaseIsATestWorthItsFractionalScore() throws IOException {
        JsonNode j = json(SampleReports.mixed());

        assertThat(j.get("version").asInt()).isEqualTo(1);
        assertThat(j.get("max_score").asDouble()).isEqualTo(40);
        assertThat(texts(j.get("tests"), "name"))
                .containsExactly("prefill_small", "decode_step", "long_context", "edge_masking", "edge_oom");
        assertThat(texts(j.get("tests"), "score")).containsExactly("10.0", "7.5", "0.0", "2.5", "0.0");
        assertThat(texts(j.get("tests"), "duration")).containsExactly("120", "340", "10000", "80", "900");
    }

    @Test
    void onlyAPassedCaseIsAPassAndTheRunnerFailsUnlessAllPassed() throws IOException {
        JsonNode j = json(SampleReports.mixed());

        assertThat(j.get("status").asText()).isEqualTo("fail");
        assertThat(texts(j.get("tests"), "status")).containsExactly("pass", "fail", "fail", "fail", "fail");
    }

    @Test
    void aFailedCaseSaysWhichChecksFailedAndWhyItStopped() throws IOException {
        JsonNode tests = json(SampleReports.mixed()).get("tests");

        assertThat(tests.get(0).get("message").asText()).isEmpty();
        assertThat(tests.get(1).get("message").asText()).isEqualTo("✗ cache_length: expected 5, got 4");
        assertThat(tests.get(2).get("message").asText())
                .isEqualTo("TIMEOUT: stopped after 10 s\n✗ output_values: not evaluated");
    }

    @Test
    void hiddenCasesShowCheckNamesOnly() throws IOException {
        JsonNode tests = json(SampleReports.mixed()).get("tests");

        assertThat(render(SampleReports.mixed())).doesNotContain(HIDDEN);
        assertThat(tests.get(3).get("message").asText()).isEqualTo("✗ masking");
        assertThat(tests.get(4).get("message").asText()).isEqualTo("OUT_OF_MEMORY");
    }

    @Test
    void casesThatDidNotRunAreAnErrorWorthNothing() throws IOException {
        JsonNode j = json(SampleReports.compileError());

        assertThat(j.get("status").asText()).isEqualTo("error");
        assertThat(j.get("max_score").asDouble()).isEqualTo(25);
        assertThat(texts(j.get("tests"), "score")).containsOnly("0.0");
        assertThat(texts(j.get("tests"), "message")).containsOnly("Compile error: the candidate does not compile.");
    }

    @Test
    void everyCasePassedIsAPass() throws IOException {
        ValidationReport passed = new ValidationReport("A.java", "A", SampleReports.mixed().outcome(), "",
                SampleReports.mixed().tests().subList(0, 1), 10, SampleReports.mixed().sandboxing());

        assertThat(json(passed).get("status").asText()).isEqualTo("pass");
    }
}

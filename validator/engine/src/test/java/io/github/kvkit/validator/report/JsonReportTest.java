package io.github.kvkit.validator.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.github.kvkit.validator.result.Outcome;
import io.github.kvkit.validator.result.Status;
import io.github.kvkit.validator.result.ValidationReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static io.github.kvkit.validator.report.SampleReports.HIDDEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonReportTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path SCHEMA = Path.of("docs/report.schema.json");
    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = Files.newInputStream(SCHEMA)) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    private static JsonNode json(ValidationReport r) throws IOException {
        return MAPPER.readTree(Reports.render(new JsonReport(), r));
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }

    static Stream<ValidationReport> samples() {
        return Stream.of(SampleReports.mixed(), SampleReports.compileError(), SampleReports.specialCharacters(),
                SampleReports.setupError());
    }

    @Test
    void topLevelFieldsMatchTheReport() throws IOException {
        JsonNode j = json(SampleReports.mixed());

        assertEquals(1, j.get("schema_version").asInt());
        assertEquals("solution/MyAttention.java", j.at("/candidate/file").asText());
        assertEquals("io.github.kvkit.attention.MyAttention", j.at("/candidate/class").asText());
        assertEquals("ran", j.get("outcome").asText());
        assertEquals(20.0, j.get("score").asDouble());
        assertEquals(40.0, j.get("max_score").asDouble());
        assertFalse(j.get("passed").asBoolean());
        assertEquals(12_345, j.get("time_ms").asLong());
        assertEquals("auto", j.at("/sandbox/mode").asText());
        assertEquals("bubblewrap", j.at("/sandbox/mechanism").asText());
        assertEquals(5, j.get("tests").size());
    }

    @Test
    void testsCarryStatusAndVisibilityIdsAndScores() throws IOException {
        JsonNode tests = json(SampleReports.mixed()).get("tests");

        assertEquals(List.of("passed", "failed", "timeout", "failed", "out_of_memory"), texts(tests, "status"));
        assertEquals(List.of("visible", "visible", "visible", "hidden", "hidden"), texts(tests, "visibility"));
        assertEquals(7.5, tests.get(1).get("score").asDouble());
        assertEquals("stopped after 10 s", tests.get(2).get("reason").asText());
        assertEquals(List.of("output_shape", "softmax_sum", "cache_length", "output_values"),
                texts(tests.get(1).get("checks"), "name"));
        assertFalse(tests.get(1).at("/checks/2/passed").asBoolean());
        assertEquals("expected 5, got 4", tests.get(1).at("/checks/2/message").asText());
    }

    @Test
    void hiddenCasesKeepTheirFullMessagesAndReasons() throws IOException {
        JsonNode tests = json(SampleReports.mixed()).get("tests");

        assertEquals(HIDDEN + " expected -inf at [0, 3]", tests.get(3).at("/checks/1/message").asText());
        assertEquals(HIDDEN + " heap exhausted at 512 MB", tests.get(4).get("reason").asText());
    }

    @Test
    void compileErrorCarriesOutcomeMessageAndNotRunTests() throws IOException {
        JsonNode j = json(SampleReports.compileError());

        assertEquals("compile_error", j.get("outcome").asText());
        assertEquals(SampleReports.COMPILE_MESSAGE, j.get("message").asText());
        assertEquals("", j.at("/candidate/class").asText());
        assertEquals(List.of("not_run", "not_run", "not_run"), texts(j.get("tests"), "status"));
        assertEquals(25.0, j.get("max_score").asDouble());
    }

    @Test
    void specialCharactersRoundTrip() throws IOException {
        JsonNode j = json(SampleReports.specialCharacters());

        assertEquals("solution/Ünïcode <&>.java", j.at("/candidate/file").asText());
        assertEquals(SampleReports.SPECIAL_CASE, j.at("/tests/0/name").asText());
        assertEquals(SampleReports.SPECIAL_MESSAGE, j.at("/tests/0/checks/0/message").asText());
        assertEquals("candidate said \u001B[31mred\u0007", j.at("/tests/0/checks/1/message").asText());
    }

    @ParameterizedTest
    @MethodSource("samples")
    void reportValidatesAgainstTheSchema(ValidationReport r) throws IOException {
        Set<ValidationMessage> errors = schema.validate(json(r));

        assertTrue(errors.isEmpty(), errors::toString);
    }

    @Test
    void schemaRejectsAReportWithAnUnknownStatusOrExtraField() throws IOException {
        ObjectNode bad = (ObjectNode) json(SampleReports.mixed());
        ((ObjectNode) bad.at("/tests/0")).put("status", "bogus");
        bad.put("extra", 1);

        Set<ValidationMessage> errors = schema.validate(bad);

        assertEquals(2, errors.size(), errors::toString);
    }

    @Test
    void schemaEnumsListEveryStatusAndOutcome() throws IOException {
        JsonNode s = MAPPER.readTree(SCHEMA.toFile());

        assertEquals(Arrays.stream(Status.values()).map(Status::id).toList(),
                texts2(s.at("/$defs/test/properties/status/enum")));
        assertEquals(Arrays.stream(Outcome.values()).map(Outcome::id).toList(),
                texts2(s.at("/properties/outcome/enum")));
    }

    private static List<String> texts2(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void writerIsFlushedButLeftOpen() throws IOException {
        boolean[] closed = {false};
        StringWriter sink = new StringWriter();
        FilterWriter out = new FilterWriter(sink) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        new JsonReport().write(SampleReports.mixed(), out);

        assertFalse(closed[0]);
        assertTrue(sink.toString().endsWith("}\n"));
    }
}

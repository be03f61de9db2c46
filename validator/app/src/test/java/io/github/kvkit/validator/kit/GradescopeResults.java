package io.github.kvkit.validator.kit;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A results.json checked against Gradescope's published format ({@code kit/gradescope-results.schema.json}), and
 * its total against its tests: Gradescope shows the top-level {@code score}, which must be what the tests add up to.
 */
final class GradescopeResults {

    private static final JsonSchema SCHEMA = load();

    private GradescopeResults() {
    }

    static void assertValid(JsonNode results) {
        Set<ValidationMessage> problems = SCHEMA.validate(results);
        assertThat(problems).as(results.toPrettyString()).isEmpty();
        if (!results.path("tests").isEmpty()) {
            double sum = 0;
            for (JsonNode test : results.get("tests")) {
                sum += test.get("score").asDouble();
            }
            // Each score is rounded to 4 decimals on its own, the total too.
            assertThat(results.get("score").asDouble()).isCloseTo(sum, within(1e-3));
        }
    }

    private static JsonSchema load() {
        try (InputStream in = GradescopeResults.class.getResourceAsStream("/kit/gradescope-results.schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.github.kvkit.validator.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kvkit.harness.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The pieces of a case file as every track writes them when it freezes a case ({@code kvkit materialize}): the fields
 * every case has, arrays as {@code {"shape": [...], "values": [...]}}, weight shapes, and the file itself. What is
 * inside {@code config}, {@code steps} and {@code expected} is the track's.
 */
public final class CaseWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CaseWriter() {
    }

    /**
     * A new case with {@code tc}'s fields in the schema's order: name, description, track, category, points,
     * visibility, dtype, seed, then the {@code config} the track fills in, the tolerance and the checks asked for.
     */
    public static ObjectNode envelope(TestCase tc, Consumer<ObjectNode> config) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schemaVersion", 1);
        root.put("name", tc.name());
        root.put("description", tc.description().isEmpty() ? "Materialised by kvkit." : tc.description());
        root.put("track", tc.track());
        root.put("category", tc.category());
        root.put("points", tc.points());
        root.put("visibility", tc.visibility().id());
        root.put("dtype", tc.dtype().id());
        root.put("seed", tc.seed());
        config.accept(root.putObject("config"));
        ObjectNode tol = root.putObject("tolerance");
        tol.put("atol", tc.tolerance().atol());
        tol.put("rtol", tc.tolerance().rtol());
        tol.put("sumAtol", tc.tolerance().sumAtol());
        if (tc.checks() != null) {
            ArrayNode checks = root.putArray("checks");
            tc.checks().forEach(checks::add);
        }
        return root;
    }

    /** {@code t} as a case file writes an array, or JSON null for none. */
    public static JsonNode tensor(Tensor t) {
        if (t == null) {
            return JSON.nullNode();
        }
        ObjectNode node = JSON.createObjectNode();
        ArrayNode shape = node.putArray("shape");
        for (long d : t.shape()) {
            shape.add(d);
        }
        ArrayNode values = node.putArray("values");
        for (double v : t.values()) {
            values.add(v);
        }
        return node;
    }

    /** Writes {@code shapes} (a weight's name to its shape) as the object {@code field} of {@code node}; null as null. */
    public static void putShapes(ObjectNode node, String field, Map<String, long[]> shapes) {
        if (shapes == null) {
            node.putNull(field);
            return;
        }
        ObjectNode object = node.putObject(field);
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            ArrayNode shape = object.putArray(e.getKey());
            for (long d : e.getValue()) {
                shape.add(d);
            }
        }
    }

    /** Writes the case to {@code target}, pretty-printed, making its folder first. */
    public static void write(ObjectNode root, Path target) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        JSON.writerWithDefaultPrettyPrinter().writeValue(target.toFile(), root);
    }
}

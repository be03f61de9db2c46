package io.github.kvkit.validator.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code gradebook.json}: the whole gradebook, with what {@code grades.csv} leaves out (the file graded, the
 * message, which checks failed, the fingerprints the next run compares), so that a run grades only what changed and
 * {@code --merge} needs nothing but the shards' output folders. Scores are kept exactly as computed.
 */
public final class GradebookJson {

    /** The file's name in an output folder. */
    public static final String FILE = "gradebook.json";

    static final int SCHEMA_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Indented as the JSON report is: {@code "name": value}, two spaces, {@code \n}. */
    private static final ObjectWriter WRITER;

    static {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("")
                        .withArrayEmptySeparator(""));
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        WRITER = JSON.writer(printer);
    }

    private GradebookJson() {
    }

    /** Writes {@code book} to {@code folder/gradebook.json}, atomically. */
    public static void write(Gradebook book, Path folder) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema_version", SCHEMA_VERSION);
        root.put("rules", book.rules());
        ArrayNode cases = root.putArray("cases");
        for (Gradebook.CaseColumn c : book.cases()) {
            cases.addObject().put("name", c.name()).put("points", c.points());
        }
        ArrayNode grades = root.putArray("grades");
        for (Grade g : book.grades()) {
            ObjectNode row = grades.addObject();
            row.put("student", g.student());
            row.put("file", g.file());
            row.put("status", g.status().id());
            row.put("score", g.score());
            row.put("max_score", g.maxScore());
            row.put("message", g.message());
            row.put("fingerprint", g.fingerprint());
            ObjectNode scores = row.putObject("cases");
            g.caseScores().forEach(scores::put);
            g.failedCases().forEach(row.putArray("failed_cases")::add);
            g.failedChecks().forEach(row.putArray("failed_checks")::add);
        }
        AtomicFiles.write(folder.resolve(FILE), WRITER.writeValueAsString(root) + "\n");
    }

    /**
     * The gradebook in {@code folder}, or empty when it has none.
     *
     * @throws BatchException when there is one that cannot be read (not JSON, another schema, a field missing)
     */
    public static Optional<Gradebook> read(Path folder) throws BatchException {
        Path file = folder.resolve(FILE);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new BatchException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        try {
            JsonNode root = JSON.readTree(text);
            if (root == null || root.path("schema_version").asInt() != SCHEMA_VERSION) {
                throw new BatchException(file + ": not a kvkit gradebook of schema_version " + SCHEMA_VERSION);
            }
            List<Gradebook.CaseColumn> cases = new ArrayList<>();
            for (JsonNode c : required(root, "cases", file)) {
                cases.add(new Gradebook.CaseColumn(text(c, "name", file), required(c, "points", file).asDouble()));
            }
            List<Grade> grades = new ArrayList<>();
            for (JsonNode g : required(root, "grades", file)) {
                grades.add(grade(g, file));
            }
            return Optional.of(new Gradebook(text(root, "rules", file), cases, grades));
        } catch (JsonProcessingException e) {
            throw new BatchException(file + ": not JSON (" + e.getOriginalMessage() + ")", e);
        }
    }

    private static Grade grade(JsonNode g, Path file) throws BatchException {
        String statusId = text(g, "status", file);
        GradeStatus status = GradeStatus.byId(statusId)
                .orElseThrow(() -> new BatchException(file + ": unknown status " + statusId));
        Map<String, Double> scores = new LinkedHashMap<>();
        required(g, "cases", file).fields().forEachRemaining(e -> scores.put(e.getKey(), e.getValue().asDouble()));
        String student = text(g, "student", file);
        if (!StudentNames.valid(student)) {
            throw new BatchException(file + ": \"" + student + "\" is not a student's name (one folder name)");
        }
        return new Grade(student, text(g, "file", file), status, required(g, "score", file).asDouble(),
                required(g, "max_score", file).asDouble(), text(g, "message", file), text(g, "fingerprint", file),
                scores, strings(required(g, "failed_cases", file)), strings(required(g, "failed_checks", file)));
    }

    private static JsonNode required(JsonNode node, String field, Path file) throws BatchException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new BatchException(file + ": a gradebook entry has no \"" + field + "\"");
        }
        return value;
    }

    private static String text(JsonNode node, String field, Path file) throws BatchException {
        return required(node, field, file).asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}

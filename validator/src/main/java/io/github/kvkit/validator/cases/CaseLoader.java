package io.github.kvkit.validator.cases;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.github.kvkit.validator.result.Visibility;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads test-case files: JSON syntax first (with line and column), then the JSON Schema
 * ({@code test-cases/kv-attention/schema.json}), then the rules a schema cannot say (sizes that fit together, cache
 * lengths that stay within capacity, memory bounds). Every problem is one {@link CaseFileException}.
 */
public final class CaseLoader {

    /** The largest array a case may make the candidate or the reference build, in elements. */
    public static final long MAX_ARRAY_ELEMENTS = 16L << 20;
    /** The largest number of forward step instances (repeats expanded) in one case. */
    public static final int MAX_STEP_INSTANCES = 10_000;

    private static final String SCHEMA_RESOURCE = "/io/github/kvkit/validator/cases/schema.json";

    private final ObjectMapper mapper = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final JsonSchema schema;

    public CaseLoader() {
        try (InputStream in = CaseLoader.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("schema resource missing: " + SCHEMA_RESOURCE);
            }
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Loads every {@code *.json} case (but {@code schema.json}) in the given directories and files, each
     * directory's files in name order. Case names must be unique across all of them. Every {@code *.json} in a
     * directory must be a regular file or a symbolic link to one: any other entry (a directory, a FIFO, a device,
     * a dangling link) is refused by name, not skipped.
     */
    public List<TestCase> loadAll(List<Path> locations) throws CaseFileException {
        List<TestCase> cases = new ArrayList<>();
        Map<String, Path> seen = new HashMap<>();
        for (Path location : locations) {
            for (Path file : caseFiles(location)) {
                TestCase c = load(file);
                Path earlier = seen.putIfAbsent(c.name(), file);
                if (earlier != null) {
                    throw new CaseFileException(file, "name", "\"" + c.name() + "\" is already used by " + earlier
                            + "; expected case names to be unique");
                }
                cases.add(c);
            }
        }
        return cases;
    }

    private static List<Path> caseFiles(Path location) throws CaseFileException {
        if (!Files.isDirectory(location)) {        // a directory, or a link to one, is listed; anything else is one case
            if (!Files.exists(location, LinkOption.NOFOLLOW_LINKS)) {
                throw new CaseFileException(location, "", "no such file or directory; expected a directory of test "
                        + "cases or a test-case file");
            }
            requireRegularFile(location);
            return List.of(location);
        }
        try (Stream<Path> files = Files.list(location)) {
            List<Path> found = files
                    .filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().equals("schema.json"))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
            if (found.isEmpty()) {
                throw new CaseFileException(location, "", "no *.json test cases in this directory");
            }
            // every *.json is a case: one that is not a file is refused by name, never skipped in silence
            for (Path p : found) {
                requireRegularFile(p);
            }
            return found;
        } catch (IOException e) {
            throw new CaseFileException(location, "", "cannot list directory: " + e.getMessage());
        }
    }

    /**
     * Refuses {@code file} unless it is a regular file or a symbolic link to one. Only the file's type is looked
     * at (no file is opened), so a FIFO or a device named {@code *.json} cannot block or flood the validator.
     */
    static void requireRegularFile(Path file) throws CaseFileException {
        String expected = "; expected a test case in a regular file (or a symbolic link to one)";
        BasicFileAttributes own;
        try {
            own = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new CaseFileException(file, "", "no such file" + expected);
        } catch (IOException e) {
            throw new CaseFileException(file, "", "cannot read its file type: " + e + expected);
        }
        if (own.isRegularFile()) {
            return;
        }
        if (!own.isSymbolicLink()) {
            throw new CaseFileException(file, "", kind(file, own) + ", not a regular file" + expected);
        }
        String link = "a symbolic link to " + linkTarget(file);
        BasicFileAttributes target;
        try {
            target = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new CaseFileException(file, "", link + ", which does not exist" + expected);
        } catch (IOException e) {
            throw new CaseFileException(file, "", link + " that cannot be followed (" + e.getMessage() + ")" + expected);
        }
        if (!target.isRegularFile()) {
            throw new CaseFileException(file, "", link + ", " + kind(file, target) + expected);
        }
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "an unreadable target";
        }
    }

    /** "a directory", "a FIFO (named pipe)", "a character device"... from the type bits, without opening it. */
    private static String kind(Path file, BasicFileAttributes attributes) {
        if (attributes.isDirectory()) {
            return "a directory";
        }
        if (attributes.isSymbolicLink()) {
            return "a symbolic link";
        }
        try {
            int mode = (Integer) Files.getAttribute(file, "unix:mode");    // stat(2) st_mode, on Unix-like systems
            switch (mode & 0170000) {
                case 0010000: return "a FIFO (named pipe)";
                case 0020000: return "a character device";
                case 0060000: return "a block device";
                case 0140000: return "a socket";
                default: break;
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            // no "unix" attribute view here: say what BasicFileAttributes can
        }
        return "a device, FIFO or socket";
    }

    /** Reads, validates and checks one case file. */
    public TestCase load(Path file) throws CaseFileException {
        requireRegularFile(file);
        JsonNode root;
        try {
            root = mapper.readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new CaseFileException(file, where, "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new CaseFileException(file, "", "cannot read: " + e);
        }
        if (root == null || root.isMissingNode()) {
            throw new CaseFileException(file, "", "empty file; expected a JSON object");
        }
        Set<ValidationMessage> errors = schema.validate(root);
        if (!errors.isEmpty()) {
            ValidationMessage first = errors.stream()
                    .min(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString())
                            .thenComparing(ValidationMessage::getMessage))
                    .orElseThrow();
            String path = first.getInstanceLocation().toString();
            String message = first.getMessage();
            // networknt prefixes the message with the path; keep one copy of it.
            if (message.startsWith(path + ": ")) {
                message = message.substring(path.length() + 2);
            }
            throw new CaseFileException(file, path, message + " (schema " + first.getType() + ")");
        }
        return new Parser(file, root).parse();
    }

    /** Maps a schema-valid tree to the model and checks what the schema cannot. */
    private static final class Parser {
        private final Path file;
        private final JsonNode root;
        private int dModel;

        Parser(Path file, JsonNode root) {
            this.file = file;
            this.root = root;
        }

        TestCase parse() throws CaseFileException {
            JsonNode config = root.get("config");
            dModel = config.get("dModel").asInt();
            int numHeads = config.get("numHeads").asInt();
            int maxCacheLen = config.get("maxCacheLen").asInt();
            if (dModel % numHeads != 0) {
                throw new CaseFileException(file, "$.config", "dModel " + dModel + " is not divisible by numHeads "
                        + numHeads + "; expected a valid configuration (use a reject step to test refusal)");
            }
            Dtype dtype = Dtype.of(root.get("dtype").asText());
            Tolerance defaults = Tolerance.defaultsFor(dtype);
            JsonNode tol = root.path("tolerance");
            Tolerance tolerance = new Tolerance(tol.path("atol").asDouble(defaults.atol()),
                    tol.path("rtol").asDouble(defaults.rtol()), tol.path("sumAtol").asDouble(defaults.sumAtol()));

            Map<String, ArraySpec> weights = null;
            if (root.has("weights")) {
                weights = new LinkedHashMap<>();
                for (String w : List.of("wq", "bq", "wk", "bk", "wv", "bv", "wo", "bo")) {
                    long[] shape = w.startsWith("w") ? new long[] {dModel, dModel} : new long[] {dModel};
                    weights.put(w, array(root.get("weights").get(w), "$.weights." + w, shape));
                }
            }
            List<Step> steps = steps(maxCacheLen);
            Set<String> checks = null;
            if (root.has("checks")) {
                checks = new LinkedHashSet<>();
                root.get("checks").forEach(n -> { });
                for (JsonNode n : root.get("checks")) {
                    checks.add(n.asText());
                }
            }
            List<TestCase.ExpectedStep> expected = root.has("expected") ? expected(steps) : null;
            return new TestCase(file, root.get("name").asText(), root.path("description").asText(""),
                    root.path("track").asText("kv-attention"), root.get("category").asText(),
                    root.get("points").asDouble(), Visibility.valueOf(root.get("visibility").asText().toUpperCase()),
                    dtype, dModel, numHeads, maxCacheLen, root.path("seed").asLong(0),
                    root.path("weightScale").asDouble(1.0), weights, tolerance, steps, checks, expected);
        }

        private List<Step> steps(int maxCacheLen) throws CaseFileException {
            List<Step> steps = new ArrayList<>();
            Set<String> names = new HashSet<>();
            Map<String, Integer> cacheLenAfter = new HashMap<>();    // step name -> Lk it returns
            int carried = 0;                                         // Lk of the latest forward step
            int instances = 0;
            JsonNode list = root.get("steps");
            for (int i = 0; i < list.size(); i++) {
                JsonNode s = list.get(i);
                String at = "$.steps[" + i + "]";
                String op = s.get("op").asText();
                String name = s.path("name").asText(op + (i + 1));
                if (!names.add(name)) {
                    throw new CaseFileException(file, at + ".name", "\"" + name + "\" is used twice; expected unique step names");
                }
                if (op.equals("forward")) {
                    Step.Forward f = forward(s, at, name);
                    int cached = cachedLength(f.cache(), carried, cacheLenAfter, at);
                    for (int r = 0; r < f.repeat(); r++) {
                        int lk = cached + f.keyLen();
                        if (lk > maxCacheLen) {
                            throw new CaseFileException(file, at, "repeat " + (r + 1) + " holds " + lk
                                    + " keys, more than maxCacheLen " + maxCacheLen
                                    + "; expected forward steps to fit (test overflow with a reject step)");
                        }
                        if (f.causal() && f.queryLen() > lk) {
                            throw new CaseFileException(file, at, "causal with queryLen " + f.queryLen() + " > "
                                    + lk + " keys; expected queryLen <= keys (test refusal with a reject step)");
                        }
                        checkSize(at, (long) f.batch() * lk * dModel, "cache [batch, Lk, dModel]");
                        checkSize(at, (long) f.batch() * root.get("config").get("numHeads").asInt()
                                * f.queryLen() * lk, "attention weights [batch, heads, queryLen, Lk]");
                        cached = lk;
                    }
                    instances += f.repeat();
                    carried = cached;
                    cacheLenAfter.put(name, cached);
                    steps.add(f);
                } else {
                    steps.add(reject(s, at, name, carried, cacheLenAfter));
                }
            }
            if (instances > MAX_STEP_INSTANCES) {
                throw new CaseFileException(file, "$.steps", instances + " forward step instances; expected at most "
                        + MAX_STEP_INSTANCES);
            }
            return steps;
        }

        private int cachedLength(CacheSpec cache, int carried, Map<String, Integer> after, String at)
                throws CaseFileException {
            if (cache instanceof CacheSpec.Carry) {
                return carried;
            }
            if (cache instanceof CacheSpec.FromStep from) {
                Integer len = after.get(from.stepName());
                if (len == null) {
                    throw new CaseFileException(file, at + ".cache", "\"step:" + from.stepName()
                            + "\" names no earlier forward step; expected the name of one");
                }
                return len;
            }
            if (cache instanceof CacheSpec.Explicit explicit) {
                return explicit.key() == null ? 0 : (int) explicit.key().shape()[1];
            }
            return 0;
        }

        private Step.Forward forward(JsonNode s, String at, String name) throws CaseFileException {
            int batch = s.get("batch").asInt();
            int queryLen = s.get("queryLen").asInt();
            boolean self = s.path("attention").asText("self").equals("self");
            int keyLen = s.path("keyLen").asInt(queryLen);
            if (self && keyLen != queryLen) {
                throw new CaseFileException(file, at + ".keyLen", keyLen + " differs from queryLen " + queryLen
                        + "; expected equal lengths for self-attention (or \"attention\": \"cross\")");
            }
            CacheSpec cache = cache(s.get("cache"), at + ".cache", batch);
            if (cache instanceof CacheSpec.Explicit) {
                throw new CaseFileException(file, at + ".cache", "explicit cache arrays in a forward step; "
                        + "expected carry, none, empty or step:NAME (explicit caches are for reject steps)");
            }
            long[] qShape = {batch, queryLen, dModel};
            long[] kShape = {batch, keyLen, dModel};
            int repeat = s.path("repeat").asInt(1);
            boolean inline = s.has("query") || s.has("key") || s.has("value");
            if (inline && repeat != 1) {
                throw new CaseFileException(file, at + ".repeat", "inline arrays with repeat " + repeat
                        + "; expected repeat 1 when arrays are given inline");
            }
            ArraySpec query = s.has("query") ? array(s.get("query"), at + ".query", qShape) : null;
            ArraySpec key = s.has("key") ? array(s.get("key"), at + ".key", kShape) : null;
            ArraySpec value = s.has("value") ? array(s.get("value"), at + ".value", kShape) : null;
            if (self && (key != null || value != null)) {
                throw new CaseFileException(file, at, "inline key or value in self-attention; expected only "
                        + "\"query\" (it is passed as key and value too)");
            }
            return new Step.Forward(name, batch, queryLen, keyLen, self, s.path("causal").asBoolean(true), cache,
                    repeat, s.path("inputScale").asDouble(1.0), s.path("layout").asText("c"), query, key, value);
        }

        private Step reject(JsonNode s, String at, String name, int carried, Map<String, Integer> after)
                throws CaseFileException {
            String why = s.get("why").asText();
            switch (s.get("call").asText()) {
                case "constructor": {
                    JsonNode cfg = root.get("config");
                    return new Step.RejectConstructor(name, why, s.path("dModel").asInt(cfg.get("dModel").asInt()),
                            s.path("numHeads").asInt(cfg.get("numHeads").asInt()),
                            s.path("maxCacheLen").asInt(cfg.get("maxCacheLen").asInt()));
                }
                case "loadWeights": {
                    if (!s.has("weights")) {
                        throw new CaseFileException(file, at + ".weights", "missing; expected null or wrong shapes");
                    }
                    if (s.get("weights").isNull()) {
                        return new Step.RejectWeights(name, why, null);
                    }
                    Map<String, long[]> shapes = new LinkedHashMap<>();
                    var fields = s.get("weights").fields();
                    while (fields.hasNext()) {
                        var e = fields.next();
                        shapes.put(e.getKey(), shape(e.getValue(), at + ".weights." + e.getKey()));
                    }
                    return new Step.RejectWeights(name, why, shapes);
                }
                default: {
                    for (String field : List.of("query", "key", "value")) {
                        if (!s.has(field)) {
                            throw new CaseFileException(file, at + "." + field, "missing; expected a shape, "
                                    + "an inline array or null");
                        }
                    }
                    CacheSpec cache = s.has("cache") ? cache(s.get("cache"), at + ".cache", -1) : new CacheSpec.Carry();
                    if (cache instanceof CacheSpec.FromStep) {
                        cachedLength(cache, carried, after, at);
                    }
                    return new Step.RejectForward(name, why, arrayOrShape(s.get("query"), at + ".query"),
                            arrayOrShape(s.get("key"), at + ".key"), arrayOrShape(s.get("value"), at + ".value"),
                            cache, s.path("causal").asBoolean(true));
                }
            }
        }

        private CacheSpec cache(JsonNode node, String at, int batch) throws CaseFileException {
            if (node == null || node.isMissingNode()) {
                return new CacheSpec.Carry();
            }
            if (node.isTextual()) {
                String text = node.asText();
                if (text.equals("carry")) {
                    return new CacheSpec.Carry();
                }
                if (text.equals("none")) {
                    return new CacheSpec.None();
                }
                if (text.equals("empty")) {
                    return new CacheSpec.Empty();
                }
                return new CacheSpec.FromStep(text.substring("step:".length()));
            }
            return new CacheSpec.Explicit(arrayOrShape(node.get("key"), at + ".key"),
                    arrayOrShape(node.get("value"), at + ".value"));
        }

        private ArraySpec arrayOrShape(JsonNode node, String at) throws CaseFileException {
            if (node == null || node.isNull()) {
                return null;
            }
            if (node.isArray()) {
                long[] shape = shape(node, at);
                checkSize(at, new ArraySpec(shape, null).length(), "array");
                return ArraySpec.generated(shape);
            }
            return array(node, at, null);
        }

        private long[] shape(JsonNode node, String at) throws CaseFileException {
            long[] shape = new long[node.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = node.get(i).asLong();
            }
            return shape;
        }

        private ArraySpec array(JsonNode node, String at, long[] expectedShape) throws CaseFileException {
            long[] shape = shape(node.get("shape"), at + ".shape");
            if (expectedShape != null && !java.util.Arrays.equals(shape, expectedShape)) {
                throw new CaseFileException(file, at + ".shape", java.util.Arrays.toString(shape)
                        + "; expected " + java.util.Arrays.toString(expectedShape));
            }
            long n = new ArraySpec(shape, null).length();
            checkSize(at, n, "array");
            JsonNode values = node.get("values");
            if (values.size() != n) {
                throw new CaseFileException(file, at + ".values", values.size() + " values; expected " + n
                        + " for shape " + java.util.Arrays.toString(shape));
            }
            double[] data = new double[(int) n];
            for (int i = 0; i < data.length; i++) {
                data[i] = values.get(i).asDouble();
            }
            return new ArraySpec(shape, data);
        }

        private List<TestCase.ExpectedStep> expected(List<Step> steps) throws CaseFileException {
            List<TestCase.ExpectedStep> out = new ArrayList<>();
            JsonNode list = root.get("expected");
            for (int i = 0; i < list.size(); i++) {
                JsonNode e = list.get(i);
                String at = "$.expected[" + i + "]";
                out.add(new TestCase.ExpectedStep(e.get("step").asText(), array(e.get("output"), at + ".output", null),
                        array(e.get("cacheKey"), at + ".cacheKey", null), array(e.get("cacheValue"), at + ".cacheValue", null),
                        array(e.get("attentionWeights"), at + ".attentionWeights", null)));
            }
            int instances = steps.stream().mapToInt(s -> s instanceof Step.Forward f ? f.repeat() : 0).sum();
            if (out.size() != instances) {
                throw new CaseFileException(file, "$.expected", out.size() + " entries; expected one per forward step "
                        + "instance, " + instances);
            }
            return out;
        }

        private void checkSize(String at, long elements, String what) throws CaseFileException {
            if (elements > MAX_ARRAY_ELEMENTS) {
                throw new CaseFileException(file, at, what + " of " + elements + " elements; expected at most "
                        + MAX_ARRAY_ELEMENTS + " so a run cannot exhaust memory");
            }
        }
    }
}

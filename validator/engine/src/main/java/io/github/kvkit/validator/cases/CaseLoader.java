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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Reads test-case files: JSON syntax first (with line and column), then the JSON Schema of the case's track
 * (for kv-attention {@code test-cases/kv-attention/schema.json}), then the envelope every track shares, then the
 * track's body ({@link CaseFormat#parseBody}) with the rules a schema cannot say. Every problem is one
 * {@link CaseFileException}.
 *
 * <p>A case names its track in {@code "track"}; one that does not belongs to the run's track.
 */
public final class CaseLoader {

    private final ObjectMapper mapper = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final List<? extends CaseFormat> formats;
    private final CaseFormat track;
    private final boolean oneTrack;
    private final Map<String, JsonSchema> schemas = new HashMap<>();

    /**
     * @param formats the tracks a case may name
     * @param track   the run's track: every case must be of it
     */
    public CaseLoader(List<? extends CaseFormat> formats, CaseFormat track) {
        this(formats, track, true);
    }

    private CaseLoader(List<? extends CaseFormat> formats, CaseFormat track, boolean oneTrack) {
        this.formats = List.copyOf(formats);
        this.track = track;
        this.oneTrack = oneTrack;
    }

    /**
     * A loader for cases of any of {@code formats}, each of the track it names, {@code fallback} for one that names
     * none: for commands that read a case with no candidate to say which track it is for ({@code kvkit materialize}).
     */
    public static CaseLoader anyTrack(List<? extends CaseFormat> formats, CaseFormat fallback) {
        return new CaseLoader(formats, fallback, false);
    }

    private JsonSchema schema(CaseFormat t) {
        return schemas.computeIfAbsent(t.id(), id -> {
            try (InputStream in = t.getClass().getResourceAsStream(t.schemaResource())) {
                if (in == null) {
                    throw new IllegalStateException("schema resource of track " + id + " missing: " + t.schemaResource());
                }
                return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
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

    /** How long reading one case file may block: only a file swapped for a FIFO or a device after its check does. */
    static final Duration READ_LIMIT = Duration.ofSeconds(10);

    /**
     * The file's bytes, read on a thread of its own so that nothing blocks the validator: the type check before
     * ({@link #requireRegularFile}) cannot stop a regular file being swapped for a FIFO before it is opened, and
     * opening a FIFO blocks until a writer comes. A read still blocked after {@code limit} is abandoned.
     */
    static byte[] readWithin(Path file, Duration limit) throws IOException, CaseFileException {
        FutureTask<byte[]> read = new FutureTask<>(() -> Files.readAllBytes(file));
        Thread reader = new Thread(read, "kvkit-case-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            return read.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new CaseFileException(file, "", "could not be read within " + (limit.toMillis() % 1000 == 0
                    ? limit.toSeconds() + " s" : limit.toMillis() + " ms") + " (not a regular "
                    + "file any more?); expected a test case in a regular file (or a symbolic link to one)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + file, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    /** Reads, validates and checks one case file. */
    public TestCase load(Path file) throws CaseFileException {
        requireRegularFile(file);
        JsonNode root;
        try {
            root = mapper.readTree(readWithin(file, READ_LIMIT));
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
        CaseFormat caseTrack = track;
        JsonNode named = root.isObject() ? root.get("track") : null;
        if (named != null && named.isTextual()) {
            caseTrack = formats.stream().filter(f -> f.id().equals(named.asText())).findFirst()
                    .orElseThrow(() -> new CaseFileException(file, "$.track", "\"" + named.asText()
                            + "\" is not a track of this validator; expected one of: "
                            + String.join(", ", formats.stream().map(CaseFormat::id).toList())));
            if (oneTrack && !caseTrack.id().equals(track.id())) {
                throw new CaseFileException(file, "$.track", "\"" + caseTrack.id() + "\" in a run of track "
                        + track.id() + "; expected cases of the candidate's track only");
            }
        }
        Set<ValidationMessage> errors = schema(caseTrack).validate(root);
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
        return envelope(file, root, caseTrack);
    }

    /** The fields every track's cases share; the rest is the track's body. */
    private static TestCase envelope(Path file, JsonNode root, CaseFormat track) throws CaseFileException {
        Dtype dtype = Dtype.of(root.get("dtype").asText());
        Tolerance defaults = track.defaultTolerance(dtype);
        JsonNode tol = root.path("tolerance");
        Tolerance tolerance = new Tolerance(tol.path("atol").asDouble(defaults.atol()),
                tol.path("rtol").asDouble(defaults.rtol()), tol.path("sumAtol").asDouble(defaults.sumAtol()));
        Set<String> checks = null;
        if (root.has("checks")) {
            checks = new LinkedHashSet<>();
            for (JsonNode n : root.get("checks")) {
                checks.add(n.asText());
            }
        }
        CaseBody body = track.parseBody(root, dtype, new CaseReader(file));
        return new TestCase(file, root.get("name").asText(), root.path("description").asText(""), track.id(),
                root.get("category").asText(), root.get("points").asDouble(),
                Visibility.valueOf(root.get("visibility").asText().toUpperCase(java.util.Locale.ROOT)), dtype,
                root.path("seed").asLong(0), tolerance, checks, body);
    }
}

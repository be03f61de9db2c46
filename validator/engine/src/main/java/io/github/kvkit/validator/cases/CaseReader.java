package io.github.kvkit.validator.cases;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * What a track's body parser needs to read a case file: arrays and shapes from schema-valid JSON, bounds that
 * keep a run within memory, and errors worded with the file's name and the field's path.
 */
public final class CaseReader {

    /** The largest array a case may make the candidate or the reference build, in elements. */
    public static final long MAX_ARRAY_ELEMENTS = 16L << 20;

    private final Path file;

    public CaseReader(Path file) {
        this.file = file;
    }


    /** A problem at {@code at} (a JSON path such as {@code $.steps[2].cache}). */
    public CaseFileException error(String at, String message) {
        return new CaseFileException(file, at, message);
    }

    public long[] shape(JsonNode node) {
        long[] shape = new long[node.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = node.get(i).asLong();
        }
        return shape;
    }

    /** An inline array {@code {"shape": [...], "values": [...]}}, of {@code expectedShape} unless that is null. */
    public ArraySpec array(JsonNode node, String at, long[] expectedShape) throws CaseFileException {
        long[] shape = shape(node.get("shape"));
        if (expectedShape != null && !Arrays.equals(shape, expectedShape)) {
            throw error(at + ".shape", Arrays.toString(shape) + "; expected " + Arrays.toString(expectedShape));
        }
        long n = new ArraySpec(shape, null).length();
        checkSize(at, n, "array");
        JsonNode values = node.get("values");
        if (values.size() != n) {
            throw error(at + ".values", values.size() + " values; expected " + n + " for shape " + Arrays.toString(shape));
        }
        double[] data = new double[(int) n];
        for (int i = 0; i < data.length; i++) {
            data[i] = values.get(i).asDouble();
        }
        return new ArraySpec(shape, data);
    }

    /** A shape to generate ({@code [2, 3, 8]}), an inline array, or null for JSON null. */
    public ArraySpec arrayOrShape(JsonNode node, String at) throws CaseFileException {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isArray()) {
            long[] shape = shape(node);
            checkSize(at, new ArraySpec(shape, null).length(), "array");
            return ArraySpec.generated(shape);
        }
        return array(node, at, null);
    }

    /** Refuses an array of more than {@link #MAX_ARRAY_ELEMENTS}. */
    public void checkSize(String at, long elements, String what) throws CaseFileException {
        if (elements > MAX_ARRAY_ELEMENTS) {
            throw error(at, what + " of " + elements + " elements; expected at most " + MAX_ARRAY_ELEMENTS
                    + " so a run cannot exhaust memory");
        }
    }
}

package io.github.kvkit.validator.cases;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the case loader needs of a track: its id, the schema of its case files, the default tolerance, and how
 * to read the body of a case (everything but the envelope every track shares).
 */
public interface CaseFormat {

    /** The id in case files, folders and {@code --track}, e.g. {@code kv-attention}. */
    String id();

    /** The class-path resource of the JSON Schema that a whole case file of this track must satisfy. */
    String schemaResource();

    /** The default tolerance of a case in {@code dtype} that sets none. */
    Tolerance defaultTolerance(Dtype dtype);

    /**
     * Reads the track's part of a schema-valid case file, checking what the schema cannot say.
     *
     * @param dtype  the case's data type, from the envelope
     * @param reader reads arrays and shapes and words errors with the file's name
     */
    CaseBody parseBody(JsonNode root, Dtype dtype, CaseReader reader) throws CaseFileException;
}

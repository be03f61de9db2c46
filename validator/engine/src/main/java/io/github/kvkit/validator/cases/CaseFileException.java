package io.github.kvkit.validator.cases;

import java.nio.file.Path;

/** A test-case file that cannot be used: it names the file, the field and what was expected. */
public class CaseFileException extends Exception {

    public CaseFileException(Path file, String field, String problem) {
        super(file + (field == null || field.isEmpty() ? "" : ": " + field) + ": " + problem);
    }
}

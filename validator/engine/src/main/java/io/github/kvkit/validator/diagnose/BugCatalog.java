package io.github.kvkit.validator.diagnose;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The part of an instructor's catalog ({@code docs/instructor/TRACK/bugs.json}) that diagnose reads: each seeded bug,
 * with the exact text that introduces it into the reference, where it lives and why the fix is right. Decoys and
 * the rest of the file are for the answer key and its tests.
 *
 * @param solution  the reference, relative to the project's folder
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BugCatalog(String solution, List<Bug> bugs) {

    /** Where instructors keep the catalog of {@code trackId}, relative to the project's folder. */
    public static Path defaultFile(String trackId) {
        return Path.of("docs", "instructor", trackId, "bugs.json");
    }

    /**
     * A seeded bug: replacing {@code fixed} (once in the reference) by {@code buggy} introduces it.
     *
     * @param method the method it is in, as the catalog writes it ({@code "forward(INDArray, ...)"})
     * @param hint   where in that method, in words
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Bug(String id, String slug, String title, Location location, String fixed, String buggy, String why) {

        public String method() {
            return location == null ? "" : location.method();
        }

        public String hint() {
            return location == null ? "" : location.hint();
        }
    }

    /** The method, the line in the challenge and a hint in words. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Location(String method, int line, String hint) {
    }

    /** Thrown when a catalog cannot be read or says too little; its message names the file and what is wrong. */
    public static final class BadCatalog extends Exception {
        public BadCatalog(String message) {
            super(message);
        }
    }

    /** The catalog in {@code file}. */
    public static BugCatalog load(Path file) throws BadCatalog {
        BugCatalog catalog;
        try {
            catalog = new ObjectMapper().readValue(Files.readString(file), BugCatalog.class);
        } catch (NoSuchFileException e) {
            throw new BadCatalog("cannot read the bug catalog " + file + ": no such file; expected a track's bugs.json "
                    + "(docs/instructor/TRACK/bugs.json in the instructors' repository)");
        } catch (JsonProcessingException e) {
            throw new BadCatalog("the bug catalog " + file + " is not valid: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadCatalog("cannot read the bug catalog " + file + ": " + e.getMessage());
        }
        if (catalog.solution() == null || catalog.bugs() == null || catalog.bugs().isEmpty()) {
            throw new BadCatalog("the bug catalog " + file + " has no \"solution\" or no \"bugs\"; expected both");
        }
        for (Bug b : catalog.bugs()) {
            if (b.id() == null || b.fixed() == null || b.buggy() == null) {
                throw new BadCatalog("the bug catalog " + file + ": a bug lacks \"id\", \"fixed\" or \"buggy\" (" + b.id()
                        + "); expected all three");
            }
        }
        return catalog;
    }

    /** The reference with {@code bugs} (ids) applied, each replacing its {@code fixed} text once. */
    public String apply(String reference, List<Bug> bugs) {
        String text = reference;
        for (Bug b : bugs) {
            int at = text.indexOf(b.fixed());
            if (at < 0 || text.indexOf(b.fixed(), at + 1) >= 0) {
                throw new IllegalStateException("bug " + b.id() + ": its fixed text is not exactly once in " + solution);
            }
            text = text.substring(0, at) + b.buggy() + text.substring(at + b.fixed().length());
        }
        return text;
    }
}

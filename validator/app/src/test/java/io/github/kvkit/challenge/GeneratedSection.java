package io.github.kvkit.challenge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The part of a hand-written Markdown file that a test generates, between two marker lines. The test
 * compares the committed text with a fresh rendering; with {@code -Dkvkit.updateDocs=true} it rewrites the
 * section instead, leaving everything outside the markers alone.
 */
final class GeneratedSection {

    /** Setting this system property to {@code true} rewrites generated sections instead of checking them. */
    static final String UPDATE_PROPERTY = "kvkit.updateDocs";

    static final String BEGIN = "<!-- BEGIN GENERATED (%s): edit bugs.json in this folder, then run the tests with -D"
            + UPDATE_PROPERTY + "=true -->";
    static final String END = "<!-- END GENERATED (%s) -->";

    private GeneratedSection() {
    }

    /** The committed text between the markers named {@code name} in {@code file}. */
    static String committed(Path file, String name) {
        String text = Catalog.read(file);
        int begin = text.indexOf(begin(name));
        int end = text.indexOf(end(name));
        if (begin < 0 || end < begin) {
            throw new IllegalStateException(file + " has no section between " + begin(name) + " and " + end(name));
        }
        return text.substring(begin + begin(name).length(), end).strip();
    }

    /**
     * Rewrites the section when {@value #UPDATE_PROPERTY} is set; returns whether it did.
     */
    static boolean updateIfAsked(Path file, String name, String fresh) {
        if (!Boolean.getBoolean(UPDATE_PROPERTY)) {
            return false;
        }
        String text = Catalog.read(file);
        int begin = text.indexOf(begin(name));
        int end = text.indexOf(end(name));
        if (begin < 0 || end < begin) {
            throw new IllegalStateException(file + " has no section between " + begin(name) + " and " + end(name));
        }
        String updated = text.substring(0, begin + begin(name).length()) + "\n\n" + fresh.strip() + "\n\n"
                + text.substring(end);
        try {
            Files.writeString(file, updated, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }

    static String begin(String name) {
        return String.format(BEGIN, name);
    }

    static String end(String name) {
        return String.format(END, name);
    }
}

package io.github.kvkit.challenge;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An instructor's catalog, {@code docs/instructor/TRACK/bugs.json}: every seeded bug and every decoy of the track's
 * challenge, with the exact text that tells them apart. Its structure is documented at the top of
 * {@code docs/instructor/kv-attention/answer-key.md}.
 *
 * @param solution  the reference, relative to the project directory
 * @param challenge the bug-seeded class students get
 */
record Catalog(int schemaVersion, String solution, String challenge, List<Bug> bugs, List<Decoy> decoys) {

    /**
     * A seeded bug: replacing {@code fixed} (exactly once in the solution) by {@code buggy} (exactly once in
     * the challenge) introduces it.
     */
    record Bug(String id, String slug, String title, String category, String difficulty, boolean nd4jSpecific,
               Location location, String fixed, String buggy, String why, String symptom, List<String> caughtBy) {
    }

    /**
     * Code that looks wrong but is right. {@code snippet} is in both files; {@code comment}, when present,
     * is the comment the challenge has instead of the solution's; {@code temptingFix} replaces the snippet
     * and loses points.
     */
    record Decoy(String id, String slug, String title, String kind, Location location, String snippet,
                 CommentEdit comment, String whyRight, String temptingFix, List<String> caughtBy) {
    }

    /** Where to look: the method, the 1-based line of the snippet in the challenge, and a hint in words. */
    record Location(String method, int line, String hint) {
    }

    /** The solution's text and the (misleading) text the challenge has in its place. */
    record CommentEdit(String solution, String challenge) {
    }

    /** The catalog of {@code track}. */
    static Catalog load(ChallengeTrack track) {
        return load(track.catalog());
    }

    /** The catalog in {@code file} ({@code docs/instructor/TRACK/bugs.json}). */
    static Catalog load(Path file) {
        try {
            return new ObjectMapper().readValue(file.toFile(), Catalog.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    String solutionText() {
        return read(Path.of(solution));
    }

    String challengeText() {
        return read(Path.of(challenge));
    }

    Bug bug(String id) {
        return bugs.stream().filter(b -> b.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no bug " + id));
    }

    Decoy decoy(String id) {
        return decoys.stream().filter(d -> d.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no decoy " + id));
    }

    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);$", Pattern.MULTILINE);

    /** The package the solution declares, e.g. {@code io.github.kvkit.attention}. */
    String solutionPackage() {
        Matcher m = PACKAGE.matcher(solutionText());
        if (!m.find()) {
            throw new IllegalStateException(solution + " declares no package");
        }
        return m.group(1);
    }

    /**
     * The line that stands in the challenge where the solution declares its package: a student's file has none,
     * so it compiles from any folder and an IDE finds no package that does not match its folder.
     */
    String challengeFirstLine() {
        return "// No package: the file compiles as it is, from this folder (the reference is " + solutionPackage() + ").";
    }

    /** The challenge rebuilt from the solution: its package line swapped, every bug applied, every decoy comment swapped. */
    String challengeFromSolution() {
        String text = replaceOnce(solutionText(), "package " + solutionPackage() + ";", challengeFirstLine(), "package");
        for (Bug b : bugs) {
            text = replaceOnce(text, b.fixed(), b.buggy(), b.id());
        }
        for (Decoy d : decoys) {
            if (d.comment() != null) {
                text = replaceOnce(text, d.comment().solution(), d.comment().challenge(), d.id());
            }
        }
        return text;
    }

    /** {@code text} with its single occurrence of {@code from} replaced by {@code to}. */
    static String replaceOnce(String text, String from, String to, String what) {
        int count = occurrences(text, from);
        if (count != 1) {
            throw new IllegalStateException(what + ": expected exactly one occurrence of <" + from + ">, found " + count);
        }
        int at = text.indexOf(from);
        return text.substring(0, at) + to + text.substring(at + from.length());
    }

    static int occurrences(String text, String snippet) {
        if (snippet.isEmpty()) {
            return 0;
        }
        int count = 0;
        for (int at = text.indexOf(snippet); at >= 0; at = text.indexOf(snippet, at + 1)) {
            count++;
        }
        return count;
    }

    /** The 1-based line on which the first occurrence of {@code snippet} starts, or -1. */
    static int lineOf(String text, String snippet) {
        int at = text.indexOf(snippet);
        return at < 0 ? -1 : (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}

package io.github.kvkit.challenge;

import io.github.kvkit.validator.ShippedCases;
import io.github.kvkit.validator.Validation;
import io.github.kvkit.validator.cases.TestCase;
import io.github.kvkit.validator.result.CaseResult;
import io.github.kvkit.validator.result.CheckResult;
import io.github.kvkit.validator.result.ValidationReport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Every variant of the reference a track's catalog describes, graded once by the validator: the reference itself,
 * the reference with one bug, the reference with one decoy's tempting fix, and the shipped challenge.
 *
 * <p>Grading all of them costs tens of seconds, so each track's matrix is computed once per JVM ({@link #get}) and
 * shared by every test that needs it. The stress cases are left out unless {@code -Dkvkit.matrix.stress=true}:
 * they take minutes per variant, and no bug or decoy is caught by them alone.
 */
final class BugMatrix {

    /** Setting this system property to {@code true} grades the stress cases too. */
    static final String STRESS_PROPERTY = "kvkit.matrix.stress";

    /**
     * What a variant is: the reference, one bug, one decoy's tempting fix, the challenge, or a trivial
     * candidate that validates its input and computes nothing (every other variant must score above those).
     */
    enum Kind { REFERENCE, BUG, DECOY_FIX, CHALLENGE, TRIVIAL }

    /** One source text to grade, as the public class {@code className}. */
    record Variant(String id, Kind kind, String label, String source, String className) {
    }

    /** A variant and the validator's report on it, in terms of its track's checks. */
    record Row(Variant variant, ValidationReport report, List<String> checks) {

        /** Names of the checks that failed on at least one case, in report order. */
        Set<String> failedChecks() {
            Set<String> failed = new LinkedHashSet<>();
            for (String check : checks) {
                for (CaseResult c : report.tests()) {
                    if (c.checks().stream().anyMatch(r -> r.name().equals(check) && !r.passed())) {
                        failed.add(check);
                    }
                }
            }
            return failed;
        }

        /** Points lost per case name (0 when the case earned full marks). */
        Map<String, Double> pointsLost() {
            Map<String, Double> lost = new LinkedHashMap<>();
            for (CaseResult c : report.tests()) {
                lost.put(c.name(), c.maxScore() - c.score());
            }
            return lost;
        }

        double fraction() {
            return report.maxScore() == 0 ? 0 : report.score() / report.maxScore();
        }
    }

    private static final Map<ChallengeTrack, BugMatrix> COMPUTED = new ConcurrentHashMap<>();

    private final ChallengeTrack track;
    private final List<TestCase> cases;
    private final boolean stress;
    private final Map<String, Row> rows;

    private BugMatrix(ChallengeTrack track, List<TestCase> cases, boolean stress, Map<String, Row> rows) {
        this.track = track;
        this.cases = cases;
        this.stress = stress;
        this.rows = rows;
    }

    /** The matrix of {@code track} in this JVM, computed on first use. */
    static BugMatrix get(ChallengeTrack track) {
        return COMPUTED.computeIfAbsent(track, BugMatrix::compute);
    }

    /** Row ids in order: {@code reference}, the bug ids, the decoy ids, {@code challenge}, the trivial candidates. */
    List<String> ids() {
        return List.copyOf(rows.keySet());
    }

    Row row(String id) {
        Row row = rows.get(id);
        if (row == null) {
            throw new IllegalArgumentException("no variant " + id);
        }
        return row;
    }

    /** The best score of a trivial candidate: what computing nothing earns. */
    double bestTrivialScore() {
        return rows.values().stream().filter(r -> r.variant().kind() == Kind.TRIVIAL)
                .mapToDouble(r -> r.report().score()).max().orElseThrow();
    }

    List<TestCase> cases() {
        return cases;
    }

    boolean withStress() {
        return stress;
    }

    /** The shipped cases {@code track}'s matrix grades: visible and hidden, without the stress ones unless asked for. */
    static List<TestCase> cases(ChallengeTrack track, boolean stress) {
        try {
            return track.cases().load(stress);
        } catch (Exception e) {
            throw new IllegalStateException("the shipped test cases do not load: " + e.getMessage(), e);
        }
    }

    static List<Variant> variants(ChallengeTrack track, Catalog catalog) {
        String solution = catalog.solutionText();
        String name = track.className();
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant("reference", Kind.REFERENCE, "the reference, decoys included", solution, name));
        for (Catalog.Bug b : catalog.bugs()) {
            variants.add(new Variant(b.id(), Kind.BUG, b.slug(), Catalog.replaceOnce(solution, b.fixed(), b.buggy(), b.id()),
                    name));
        }
        for (Catalog.Decoy d : catalog.decoys()) {
            variants.add(new Variant(d.id(), Kind.DECOY_FIX, d.slug() + " (tempting fix)",
                    Catalog.replaceOnce(solution, d.snippet(), d.temptingFix(), d.id()), name));
        }
        variants.add(new Variant("challenge", Kind.CHALLENGE, "the shipped challenge", catalog.challengeText(), name));
        for (String trivial : track.trivial()) {
            try {
                variants.add(new Variant(trivial, Kind.TRIVIAL, "computes nothing (trivial candidate)",
                        track.trivialSources().source(trivial), trivial));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return variants;
    }

    private static BugMatrix compute(ChallengeTrack track) {
        boolean stress = track.hasStress() && Boolean.getBoolean(STRESS_PROPERTY);
        List<TestCase> cases = cases(track, stress);
        Map<String, Row> rows = new LinkedHashMap<>();
        try {
            Path root = Files.createTempDirectory("kvkit-bug-matrix");
            for (Variant v : variants(track, Catalog.load(track))) {
                rows.put(v.id(), new Row(v, grade(root, v, cases), track.checks()));
            }
            deleteTree(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BugMatrix matrix = new BugMatrix(track, cases, stress, rows);
        System.out.println(matrix.table());
        return matrix;
    }

    /** Grades one source text, written as {@code className}.java in a fresh directory. */
    static ValidationReport grade(Path root, Variant v, List<TestCase> cases) throws IOException {
        Path dir = Files.createDirectories(root.resolve(v.id()));
        Path file = dir.resolve(v.className() + ".java");
        Files.writeString(file, v.source(), StandardCharsets.UTF_8);
        return Validation.inProcess(ShippedCases.ORACLE).validate(file, cases, c -> { });
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    // ------------------------------------------------------------------ rendering

    /** The matrix as Markdown: checks failed per variant, then points lost per variant and case. */
    String table() {
        StringBuilder out = new StringBuilder();
        out.append("Graded on ").append(cases.size()).append(" cases")
                .append(!track.hasStress() ? "" : stress ? " (stress cases included)" : " (stress cases left out)")
                .append(", ").append(format(maxScore()))
                .append(" points in all. `✗`: the check failed on at least one case.\n\n");
        out.append("| variant | what |");
        track.checks().forEach(c -> out.append(' ').append(c).append(" |"));
        out.append(" score |\n|---|---|");
        track.checks().forEach(c -> out.append(":-:|"));
        out.append("--:|\n");
        for (Row row : rows.values()) {
            Set<String> failed = row.failedChecks();
            out.append("| ").append(row.variant().id()).append(" | ").append(row.variant().label()).append(" |");
            track.checks().forEach(c -> out.append(failed.contains(c) ? " ✗ |" : " · |"));
            out.append(' ').append(format(row.report().score())).append(" |\n");
        }
        out.append("\nPoints lost per case (`·`: full marks):\n\n| variant |");
        List<String> names = cases.stream().map(TestCase::name).toList();
        names.forEach(n -> out.append(' ').append(n).append(" |"));
        out.append("\n|---|");
        names.forEach(n -> out.append("--:|"));
        out.append('\n');
        for (Row row : rows.values()) {
            out.append("| ").append(row.variant().id()).append(" |");
            Map<String, Double> lost = row.pointsLost();
            for (String n : names) {
                double l = lost.getOrDefault(n, 0.0);
                out.append(' ').append(l < 1e-9 ? "·" : "−" + format(l)).append(" |");
            }
            out.append('\n');
        }
        return out.toString();
    }

    double maxScore() {
        return cases.stream().mapToDouble(TestCase::points).sum();
    }

    static String format(double points) {
        String s = String.format(Locale.ROOT, "%.2f", points);
        return s.endsWith(".00") ? s.substring(0, s.length() - 3) : s;
    }

    /** One line per failed check of a report, for assertion messages. */
    static String failures(ValidationReport report) {
        return report.tests().stream().flatMap(c -> c.checks().stream().filter(r -> !r.passed())
                        .map((CheckResult r) -> c.name() + " " + r.name() + ": " + r.message()))
                .collect(Collectors.joining("\n"));
    }
}

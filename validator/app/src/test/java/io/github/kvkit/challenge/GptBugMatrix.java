package io.github.kvkit.challenge;

import io.github.kvkit.tracks.gpt.judge.GptJudge;
import io.github.kvkit.validator.ShippedCases;
import io.github.kvkit.validator.Validation;
import io.github.kvkit.validator.cases.CaseLoader;
import io.github.kvkit.validator.cases.TestCase;
import io.github.kvkit.validator.result.CaseResult;
import io.github.kvkit.validator.result.ValidationReport;
import io.github.kvkit.validator.track.Tracks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tiny-gpt catalog's variants graded once per JVM on every shipped tiny-gpt case: the reference, the
 * reference with one bug, with one decoy's tempting fix, the challenge, the reference written differently (it
 * must earn full marks), one that never trains (nothing for training) and one that computes nothing (every other
 * variant must score above it).
 */
final class GptBugMatrix {

    static final Path CATALOG = Path.of("docs/instructor/tiny-gpt/bugs.json");
    static final String CHALLENGE_FIRST_LINE =
            "// No package: the file compiles as it is, from this folder (the reference is io.github.kvkit.tinygpt).";
    static final List<String> CHECKS = GptJudge.CHECKS.stream().map(c -> c.id()).toList();

    /** The reference computed in another order or form: scale on the query, GELU as a sigmoid, the loss in double. */
    static final String[][] WRITTEN_DIFFERENTLY = {
            {"INDArray scores = Nd4j.matmul(q, keys, false, true, false).muli(scale)",
                    "INDArray scores = Nd4j.matmul(q.mul(scale), keys, false, true, false)"},
            {"return x.mul(Transforms.tanh(inner, true).addi(1)).muli(0.5);",
                    "return x.mul(Transforms.sigmoid(inner.muli(2), true));"},
            {"INDArray shifted = logits.subColumnVector(logits.max(true, 1));",
                    "INDArray shifted = logits.castTo(DataType.DOUBLE).subColumnVector(logits.castTo(DataType.DOUBLE).mean(true, 1));"}};

    /** The reference whose logits are zeros: it validates its input and computes nothing. */
    static final String[][] COMPUTES_NOTHING = {
            {"return nf.out.mmul(p(\"lm_head.weight\"));", "return Nd4j.zeros(dtype, (long) b * t, vocab);"}};

    /** The reference whose trainStep returns the loss and never steps: a forward pass, no training. */
    static final String[][] NEVER_TRAINS = {{"        adamw(g.byName());\n", ""}};

    enum Kind { REFERENCE, BUG, DECOY_FIX, CHALLENGE, CORRECT, UNTRAINED, TRIVIAL }

    record Row(String id, Kind kind, String label, ValidationReport report) {

        Set<String> failedChecks() {
            Set<String> failed = new LinkedHashSet<>();
            for (String check : CHECKS) {
                for (CaseResult c : report.tests()) {
                    if (c.checks().stream().anyMatch(r -> r.name().equals(check) && !r.passed())) {
                        failed.add(check);
                    }
                }
            }
            return failed;
        }

        double fraction() {
            return report.score() / report.maxScore();
        }
    }

    private static final class Holder {
        static final GptBugMatrix INSTANCE = compute();
    }

    final Catalog catalog;
    final List<TestCase> cases;
    final Map<String, Row> rows;

    private GptBugMatrix(Catalog catalog, List<TestCase> cases, Map<String, Row> rows) {
        this.catalog = catalog;
        this.cases = cases;
        this.rows = rows;
    }

    static GptBugMatrix get() {
        return Holder.INSTANCE;
    }

    Row row(String id) {
        return rows.get(id);
    }

    double bestTrivialScore() {
        return rows.values().stream().filter(r -> r.kind() == Kind.TRIVIAL).mapToDouble(r -> r.report().score())
                .max().orElseThrow();
    }

    static List<TestCase> cases() {
        try {
            var tracks = Tracks.installed();
            return new CaseLoader(tracks.all(), tracks.byId("tiny-gpt").orElseThrow()).loadAll(
                    List.of(Path.of("test-cases/tiny-gpt/visible"), Path.of("test-cases/tiny-gpt/hidden")));
        } catch (Exception e) {
            throw new IllegalStateException("the tiny-gpt cases do not load: " + e.getMessage(), e);
        }
    }

    /** The challenge rebuilt from the solution: package line swapped, every bug applied, every decoy comment swapped. */
    static String challengeFromSolution(Catalog catalog) {
        String text = Catalog.replaceOnce(catalog.solutionText(), "package io.github.kvkit.tinygpt;", CHALLENGE_FIRST_LINE,
                "package");
        for (Catalog.Bug b : catalog.bugs()) {
            text = Catalog.replaceOnce(text, b.fixed(), b.buggy(), b.id());
        }
        for (Catalog.Decoy d : catalog.decoys()) {
            text = Catalog.replaceOnce(text, d.comment().solution(), d.comment().challenge(), d.id());
        }
        return text;
    }

    static String edited(String text, String[][] edits, String what) {
        for (String[] e : edits) {
            text = Catalog.replaceOnce(text, e[0], e[1], what);
        }
        return text;
    }

    /**
     * Grades with ND4J on one thread: the machines that run the suite are shared, and OpenMP threads that wait for
     * busy cores made the matrix several times slower. Restored afterwards.
     */
    private static GptBugMatrix compute() {
        var env = org.nd4j.linalg.factory.Nd4j.getEnvironment();
        int threads = env.maxThreads();
        int master = env.maxMasterThreads();
        env.setMaxThreads(1);
        env.setMaxMasterThreads(1);
        try {
            return computeOnOneThread();
        } finally {
            env.setMaxThreads(threads);
            env.setMaxMasterThreads(master);
        }
    }

    private static GptBugMatrix computeOnOneThread() {
        Catalog catalog = Catalog.load(CATALOG);
        List<TestCase> cases = cases();
        String solution = catalog.solutionText();
        Map<String, Row> rows = new LinkedHashMap<>();
        try {
            Path root = Files.createTempDirectory("kvkit-gpt-matrix");
            List<Object[]> variants = new ArrayList<>();
            variants.add(new Object[] {"reference", Kind.REFERENCE, "the reference, decoys included", solution});
            for (Catalog.Bug b : catalog.bugs()) {
                variants.add(new Object[] {b.id(), Kind.BUG, b.slug(), Catalog.replaceOnce(solution, b.fixed(), b.buggy(), b.id())});
            }
            for (Catalog.Decoy d : catalog.decoys()) {
                variants.add(new Object[] {d.id(), Kind.DECOY_FIX, d.slug() + " (tempting fix)",
                        Catalog.replaceOnce(solution, d.snippet(), d.temptingFix(), d.id())});
            }
            variants.add(new Object[] {"challenge", Kind.CHALLENGE, "the shipped challenge", catalog.challengeText()});
            variants.add(new Object[] {"written-differently", Kind.CORRECT, "correct, computed in another order",
                    edited(solution, WRITTEN_DIFFERENTLY, "written-differently")});
            variants.add(new Object[] {"never-trains", Kind.UNTRAINED, "a right forward pass, trainStep never steps",
                    edited(solution, NEVER_TRAINS, "never-trains")});
            variants.add(new Object[] {"computes-nothing", Kind.TRIVIAL, "zero logits (trivial candidate)",
                    edited(solution, COMPUTES_NOTHING, "computes-nothing")});
            for (Object[] v : variants) {
                Path dir = Files.createDirectories(root.resolve((String) v[0]));
                Path file = dir.resolve("TinyGpt.java");
                Files.writeString(file, (String) v[3], StandardCharsets.UTF_8);
                ValidationReport report = Validation.inProcess(ShippedCases.ORACLE).validate(file, cases, c -> { });
                rows.put((String) v[0], new Row((String) v[0], (Kind) v[1], (String) v[2], report));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        GptBugMatrix matrix = new GptBugMatrix(catalog, cases, rows);
        System.out.println(matrix.table());
        return matrix;
    }

    /** The matrix as Markdown: the checks each variant fails, and its score. */
    String table() {
        double max = cases.stream().mapToDouble(TestCase::points).sum();
        StringBuilder out = new StringBuilder("Graded on the " + cases.size() + " shipped cases, " + BugMatrix.format(max)
                + " points in all. `✗`: the check failed on at least one case.\n\n| variant | what |");
        CHECKS.forEach(c -> out.append(' ').append(c).append(" |"));
        out.append(" score |\n|---|---|");
        CHECKS.forEach(c -> out.append(":-:|"));
        out.append("--:|\n");
        for (Row row : rows.values()) {
            Set<String> failed = row.failedChecks();
            out.append("| ").append(row.id()).append(" | ").append(row.label()).append(" |");
            CHECKS.forEach(c -> out.append(failed.contains(c) ? " ✗ |" : " · |"));
            out.append(' ').append(BugMatrix.format(row.report().score())).append(" |\n");
        }
        return out.toString();
    }
}

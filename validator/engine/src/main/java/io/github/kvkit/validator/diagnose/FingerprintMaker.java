package io.github.kvkit.validator.diagnose;

import io.github.kvkit.validator.Validation;
import io.github.kvkit.validator.cases.TestCase;
import io.github.kvkit.validator.judge.ReferenceOracle;
import io.github.kvkit.validator.observe.Sign;
import io.github.kvkit.validator.result.Outcome;
import io.github.kvkit.validator.result.ValidationReport;
import io.github.kvkit.validator.track.Track;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Takes each catalogued bug's fingerprint: the reference with that bug alone, graded on the cases, and the keys of
 * the signs it shows. The variants are graded by the validation given: in a child JVM from the command line, whose
 * output (ND4J's complaints about a bug's shapes) is kept from the console, or inside this JVM where speed matters
 * more ({@code DiagnoseAccuracy} grades hundreds of variants).
 */
public final class FingerprintMaker {

    private final Track track;
    private final List<TestCase> cases;
    private final Validation validation;

    public FingerprintMaker(Track track, List<TestCase> cases, Validation validation) {
        this.track = track;
        this.cases = List.copyOf(cases);
        this.validation = validation;
    }

    /** A maker that grades the variants inside this JVM. */
    public static FingerprintMaker inProcess(Track track, List<TestCase> cases, ReferenceOracle oracle) {
        return new FingerprintMaker(track, cases, Validation.inProcess(oracle));
    }

    /**
     * The pack of {@code catalog} over the cases, every hint level included.
     *
     * @param reference the reference's source text
     * @param progress  told the id of each bug, and of each pair, as its fingerprint is taken
     */
    public DiagnosePack make(BugCatalog catalog, String reference, Consumer<String> progress) throws IOException {
        Set<String> baseline = keys(observe(reference));
        List<DiagnosePack.PackedBug> packed = new ArrayList<>();
        for (BugCatalog.Bug b : catalog.bugs()) {
            progress.accept(b.id());
            Set<String> keys = keys(observe(catalog.apply(reference, List.of(b))));
            keys.removeAll(baseline);       // what the reference itself shows is no bug's doing
            packed.add(new DiagnosePack.PackedBug(b.id(), b.method(), b.hint(), b.buggy(), b.fixed(), b.title(), b.why(),
                    List.copyOf(keys)));
        }
        List<DiagnosePack.PairPrint> pairs = new ArrayList<>();
        List<BugCatalog.Bug> bugs = catalog.bugs();
        for (int i = 0; i < bugs.size(); i++) {
            for (int j = i + 1; j < bugs.size(); j++) {
                progress.accept(bugs.get(i).id() + "+" + bugs.get(j).id());
                Set<String> keys = keys(observe(catalog.apply(reference, List.of(bugs.get(i), bugs.get(j)))));
                keys.removeAll(baseline);
                pairs.add(new DiagnosePack.PairPrint(bugs.get(i).id(), bugs.get(j).id(), List.copyOf(keys)));
            }
        }
        return new DiagnosePack(DiagnosePack.FORMAT, track.id(), cases.stream().map(TestCase::name).toList(),
                Hint.MAX_LEVEL, 0, packed, pairs);
    }

    /** The signs {@code source} (a variant of the reference) shows on the cases. */
    public List<Sign> observe(String source) throws IOException {
        Path folder = Files.createTempDirectory("kvkit-fingerprint");
        try {
            Path file = folder.resolve(className(source) + ".java");
            Files.writeString(file, source, StandardCharsets.UTF_8);
            SignCollector seen = new SignCollector(false);
            ValidationReport report = validation.watched(seen).validate(file, track, cases, c -> { });
            if (report.outcome() != Outcome.RAN) {
                return List.of(new Sign("outcome:" + report.outcome().id(), "the code " + report.outcome().id()
                        .replace('_', ' ') + ": " + firstLine(report.message())));
            }
            return seen.signs();
        } finally {
            try (var files = Files.walk(folder)) {
                for (Path p : files.sorted((x, y) -> y.getNameCount() - x.getNameCount()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static Set<String> keys(List<Sign> signs) {
        Set<String> keys = new LinkedHashSet<>();
        signs.forEach(s -> keys.add(s.key()));
        return keys;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The public top-level class a source declares, which its file must be named after. */
    static String className(String source) {
        var m = java.util.regex.Pattern.compile("public\\s+(?:final\\s+|abstract\\s+)*class\\s+(\\w+)").matcher(source);
        if (!m.find()) {
            throw new IllegalArgumentException("the reference declares no public class");
        }
        return m.group(1);
    }
}

package io.github.kvkit.validator.diagnose;

import io.github.kvkit.validator.result.ValidationReport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Puts a diagnosis together: what a graded run showed, explained by a pack's fingerprints, with hints. */
public final class Diagnoses {

    private Diagnoses() {
    }

    /**
     * The diagnosis of a candidate.
     *
     * @param report what grading it gave
     * @param seen   what each case showed
     * @param source the candidate's source text (hints point into it)
     * @param level  the hint level given
     */
    public static Diagnosis of(String trackId, ValidationReport report, List<CaseView> seen, DiagnosePack pack,
                               String source, int level) {
        Map<String, DiagnosePack.PackedBug> byId = pack.bugs().stream()
                .collect(Collectors.toMap(DiagnosePack.PackedBug::id, Function.identity()));
        List<NamedBug> named = new ArrayList<>();
        List<io.github.kvkit.validator.observe.Sign> signs = seen.stream().flatMap(c -> c.signs().stream()).toList();
        Explainer.Explanation explanation = Explainer.of(pack).explain(signs, fixedInText(pack, source));
        Map<String, Long> sharedBy = pack.bugs().stream().flatMap(b -> b.fingerprint().stream())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        for (Explainer.Named n : explanation.bugs()) {
            DiagnosePack.PackedBug bug = byId.get(n.id());
            // the signs that point at this bug rather than at any of several come first in its symptom
            List<io.github.kvkit.validator.observe.Sign> telling = n.explains().stream()
                    .sorted(java.util.Comparator.comparingLong(x -> sharedBy.getOrDefault(x.key(), 0L))).toList();
            named.add(new NamedBug(n.id(), level >= Hint.MAX_LEVEL && bug.title() != null ? bug.title() : "",
                    n.confidence(), n.explains(), Hints.of(bug, telling, source, level)));
        }
        return new Diagnosis(trackId, report.candidateFile(), report.score(), report.maxScore(), named, explanation.unexplained(),
                seen, List.of());
    }

    /**
     * The bugs the file's text shows fixed: their catalogued fix is in it and their bug is not. The text is a second
     * opinion where the file is the challenge with some fixes in, since one bug's signs can look like another's; a
     * file written differently has neither text, and is diagnosed from its behaviour alone. Needs the fixes' text
     * (a pack of level 3).
     */
    static java.util.Set<String> fixedInText(DiagnosePack pack, String source) {
        java.util.Set<String> fixed = new java.util.HashSet<>();
        for (DiagnosePack.PackedBug b : pack.bugs()) {
            if (b.fixed() != null && SourceLines.find(source, b.fixed()) > 0 && SourceLines.find(source, b.buggy()) < 0) {
                fixed.add(b.id());
            }
        }
        return fixed;
    }

    /** The same diagnosis with the fixes tried on it. */
    public static Diagnosis withFixes(Diagnosis d, List<FixTrial> fixes) {
        return new Diagnosis(d.track(), d.source(), d.score(), d.maxScore(), d.bugs(), d.unexplained(), d.cases(), fixes);
    }
}

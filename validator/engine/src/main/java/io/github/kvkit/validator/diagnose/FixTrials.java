package io.github.kvkit.validator.diagnose;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Tries each named bug's catalogued fix on a copy of the candidate ({@code --try-fixes}) and grades the copy: a fix
 * is suggested only when it raises the score. A fix can be tried only where the candidate still has the bug's text
 * (found as {@link SourceLines} finds it) and the pack holds the fix (level 3).
 */
public final class FixTrials {

    /** Grades a source text as the candidate's file, and returns its score. */
    public interface Grader {
        double score(String source) throws IOException;
    }

    /** A fix that could be tried: the bug, the line it replaces and the source with the fix in. */
    public record Edit(String bugId, int line, String fixed) {
    }

    private FixTrials() {
    }

    /** The fixes of {@code named} that can be applied to {@code source}, in the order the bugs are named. */
    public static List<Edit> edits(DiagnosePack pack, List<NamedBug> named, String source) {
        Map<String, DiagnosePack.PackedBug> byId = pack.bugs().stream()
                .collect(Collectors.toMap(DiagnosePack.PackedBug::id, Function.identity()));
        List<Edit> edits = new ArrayList<>();
        for (NamedBug n : named) {
            DiagnosePack.PackedBug bug = byId.get(n.id());
            if (bug == null || bug.fixed() == null || bug.buggy() == null) {
                continue;
            }
            String fixed = SourceLines.replace(source, bug.buggy(), bug.fixed());
            if (fixed != null) {
                edits.add(new Edit(bug.id(), SourceLines.find(source, bug.buggy()), fixed));
            }
        }
        return edits;
    }

    /** Grades each edit; {@code before} is the candidate's own score. */
    public static List<FixTrial> tryAll(List<Edit> edits, double before, Grader grader) throws IOException {
        List<FixTrial> trials = new ArrayList<>();
        for (Edit e : edits) {
            trials.add(new FixTrial(e.bugId(), e.line(), before, grader.score(e.fixed())));
        }
        return trials;
    }
}

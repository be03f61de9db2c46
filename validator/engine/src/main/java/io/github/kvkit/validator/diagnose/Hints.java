package io.github.kvkit.validator.diagnose;

import io.github.kvkit.validator.observe.Sign;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hints about one named bug, up to a level: 1 the symptom (the signs seen that the bug explains, as the validator
 * saw them), 2 where (the method, and the line of the student's own file that still has the bug's text, or else
 * where that method is declared), 3 the fix and why it is right.
 */
public final class Hints {

    /** Symptoms shown at level 1, the first deviation first. */
    static final int SYMPTOMS = 3;

    private Hints() {
    }

    /** The hints of {@code bug} up to {@code level}, given what it explains and the student's source. */
    public static List<Hint> of(DiagnosePack.PackedBug bug, List<Sign> explains, String source, int level) {
        List<Hint> hints = new ArrayList<>();
        hints.add(new Hint(1, symptom(explains)));
        if (level >= 2) {
            hints.add(new Hint(2, where(bug, source)));
        }
        if (level >= 3 && bug.fixed() != null) {
            hints.add(new Hint(3, fix(bug)));
        }
        return hints;
    }

    /** A symptom longer than this is cut (an exception's message can run to several lines). */
    static final int SYMPTOM_CHARS = 240;

    /**
     * Up to {@value #SYMPTOMS} of the signs, of different kinds, the track's own first (they say more than a failed
     * check), each on one line.
     */
    static String symptom(List<Sign> explains) {
        List<Sign> chosen = new ArrayList<>();
        java.util.Set<String> kinds = new java.util.HashSet<>();
        for (boolean own : new boolean[] {true, false}) {
            for (Sign s : explains) {
                boolean engine = s.what().startsWith("check:") || s.what().startsWith("stopped:");
                if (chosen.size() < SYMPTOMS && engine != own && kinds.add(s.what())) {
                    chosen.add(s);
                }
            }
        }
        StringBuilder text = new StringBuilder("What the validator saw: ");
        for (int i = 0; i < chosen.size(); i++) {
            String line = chosen.get(i).text().replaceAll("\\s+", " ");
            text.append(i == 0 ? "" : "; ").append(line.length() > SYMPTOM_CHARS
                    ? line.substring(0, SYMPTOM_CHARS) + "..." : line);
        }
        if (explains.size() > chosen.size()) {
            text.append(" (").append(explains.size() - chosen.size()).append(" more signs)");
        }
        return text.append('.').toString();
    }

    static String where(DiagnosePack.PackedBug bug, String source) {
        String method = methodName(bug.method());
        StringBuilder text = new StringBuilder("Where: ");
        text.append(method.isEmpty() ? "your class" : bug.method().matches(".*\\((constant|field)\\)\\s*")
                ? "the constant " + method : "method " + method);
        if (bug.hint() != null && !bug.hint().isEmpty()) {
            text.append(", ").append(bug.hint());
        }
        int line = SourceLines.find(source, bug.buggy());
        if (line > 0) {
            text.append(": line ").append(line).append(" of your file, `").append(SourceLines.line(source, line).strip())
                    .append('`');
        } else {
            int declared = method.isEmpty() ? -1 : SourceLines.declaration(source, method);
            if (declared > 0) {
                text.append(" (declared at line ").append(declared).append(" of your file)");
            }
        }
        return text.append('.').toString();
    }

    static String fix(DiagnosePack.PackedBug bug) {
        return "Fix (" + bug.title() + "): replace `" + oneLine(bug.buggy()) + "` with `" + oneLine(bug.fixed())
                + "`. Why: " + bug.why();
    }

    private static final Pattern NAME = Pattern.compile("^\\s*([A-Za-z_$][\\w$]*)\\s*\\(");

    /** {@code "forward"} of {@code "forward(INDArray, INDArray)"}; the whole text when it has no parenthesis. */
    static String methodName(String method) {
        if (method == null) {
            return "";
        }
        Matcher m = NAME.matcher(method);
        return m.find() ? m.group(1) : method.strip();
    }

    private static String oneLine(String code) {
        return code.strip().replaceAll("\\s*\\n\\s*", " ");
    }
}

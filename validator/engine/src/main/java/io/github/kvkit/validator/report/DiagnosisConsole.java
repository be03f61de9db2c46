package io.github.kvkit.validator.report;

import io.github.kvkit.validator.diagnose.Diagnosis;
import io.github.kvkit.validator.diagnose.FixTrial;
import io.github.kvkit.validator.diagnose.Hint;
import io.github.kvkit.validator.diagnose.NamedBug;
import io.github.kvkit.validator.observe.Sign;

import java.io.PrintWriter;
import java.util.Locale;

/** A diagnosis as the console shows it: the bugs named with their hints, what no bug explains, the fixes tried. */
public final class DiagnosisConsole {

    /** Unexplained signs listed before "and N more". */
    static final int UNEXPLAINED_SHOWN = 6;

    private DiagnosisConsole() {
    }

    public static void write(Diagnosis d, PrintWriter out) {
        out.println("Diagnosis of " + d.source() + " (" + d.track() + "): " + Text.num(d.score()) + " / "
                + Text.num(d.maxScore()) + " points on " + d.cases().size() + " cases");
        if (d.allPassed()) {
            out.println("Every case passed: nothing to diagnose.");
            out.flush();
            return;
        }
        if (d.bugs().isEmpty()) {
            out.println("No known bug explains what the validator saw.");
        } else {
            out.println("Most likely still in your code (" + d.bugs().size() + "):");
            for (NamedBug b : d.bugs()) {
                out.println("  " + b.id() + "  " + String.format(Locale.ROOT, "confidence %.0f%%", 100 * b.confidence())
                        + (b.title().isEmpty() ? "" : "  " + b.title()));
                for (Hint h : b.hints()) {
                    out.println("      " + h.level() + ". " + h.text());
                }
            }
        }
        if (!d.unexplained().isEmpty()) {
            out.println("Not explained by any known bug" + (d.bugs().isEmpty() ? "" : " named above") + ":");
            for (int i = 0; i < Math.min(UNEXPLAINED_SHOWN, d.unexplained().size()); i++) {
                Sign s = d.unexplained().get(i);
                out.println("  - " + s.text());
            }
            if (d.unexplained().size() > UNEXPLAINED_SHOWN) {
                out.println("  ... and " + (d.unexplained().size() - UNEXPLAINED_SHOWN) + " more (--json lists them all)");
            }
        }
        if (!d.fixes().isEmpty()) {
            out.println("Fixes tried on a copy of your file:");
            for (FixTrial f : d.fixes()) {
                out.println("  " + f.bugId() + " (line " + f.line() + "): " + Text.num(f.before()) + " -> "
                        + Text.num(f.after()) + " points" + (f.helps() ? "  suggested" : "  not suggested: it does not raise the score"));
            }
        }
        out.flush();
    }
}

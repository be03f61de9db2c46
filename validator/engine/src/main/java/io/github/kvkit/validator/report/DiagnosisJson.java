package io.github.kvkit.validator.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kvkit.validator.diagnose.Diagnosis;
import io.github.kvkit.validator.diagnose.FixTrial;
import io.github.kvkit.validator.diagnose.Hint;
import io.github.kvkit.validator.diagnose.NamedBug;
import io.github.kvkit.validator.observe.Sign;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;

/**
 * A diagnosis as JSON ({@code kvkit diagnose --json}), for tools and graders: {@code track}, {@code file}, the score,
 * {@code bugs} (each with the catalog's {@code id}, a {@code confidence} from 0 to 1, its {@code hints} lowest level
 * first and the signs it {@code explains}), the {@code unexplained} signs and the {@code fixes} tried.
 * Documented in {@code docs/reports.md}.
 */
public final class DiagnosisJson {

    private DiagnosisJson() {
    }

    public static String render(Diagnosis d) {
        StringWriter out = new StringWriter();
        try {
            Json.write(tree(d), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Writes the JSON to {@code file}, whole or not at all. */
    public static void write(Diagnosis d, Path file) throws IOException {
        Reports.writeAtomically(file, (Writer w) -> w.write(render(d)));
    }

    /**
     * Writes what a diagnosis that could not be made says: the file, the {@code error} (the same line as on stderr),
     * and no bugs, so that a tool reading the file always finds one.
     */
    public static void writeError(String file, String error, Path to) throws IOException {
        ObjectNode root = Json.object();
        root.put("file", file);
        root.put("error", error);
        root.putArray("bugs");
        root.putArray("unexplained");
        root.putArray("fixes");
        Reports.writeAtomically(to, (Writer w) -> Json.write(root, w));
    }

    static ObjectNode tree(Diagnosis d) {
        ObjectNode root = Json.object();
        root.put("track", d.track());
        root.put("file", d.source());
        root.put("score", d.score());
        root.put("maxScore", d.maxScore());
        ArrayNode bugs = root.putArray("bugs");
        for (NamedBug b : d.bugs()) {
            ObjectNode bug = bugs.addObject();
            bug.put("id", b.id());
            bug.put("confidence", b.confidence());
            if (!b.title().isEmpty()) {
                bug.put("title", b.title());
            }
            ArrayNode hints = bug.putArray("hints");
            for (Hint h : b.hints()) {
                hints.add(h.text());
            }
            signs(bug.putArray("explains"), b.explains());
        }
        signs(root.putArray("unexplained"), d.unexplained());
        ArrayNode fixes = root.putArray("fixes");
        for (FixTrial f : d.fixes()) {
            ObjectNode fix = fixes.addObject();
            fix.put("id", f.bugId());
            fix.put("line", f.line());
            fix.put("scoreBefore", f.before());
            fix.put("scoreAfter", f.after());
            fix.put("suggested", f.helps());
        }
        return root;
    }

    private static void signs(ArrayNode into, java.util.List<Sign> signs) {
        for (Sign s : signs) {
            ObjectNode sign = into.addObject();
            sign.put("key", s.key());
            sign.put("text", s.text());
        }
    }

}

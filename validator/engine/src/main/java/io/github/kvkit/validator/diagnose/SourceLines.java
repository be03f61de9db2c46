package io.github.kvkit.validator.diagnose;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a catalog's code in a student's file, which may be indented, spaced or commented differently from the
 * challenge: the snippet's own {@code //} comments are dropped, and any run of white space or comments in the file
 * matches where the snippet has white space or none.
 */
final class SourceLines {

    private static final String GAP = "(?:\\s|//[^\\n]*)*";

    private SourceLines() {
    }

    /** The 1-based line on which {@code snippet} starts in {@code source}, or -1 when it is not there exactly once. */
    static int find(String source, String snippet) {
        Matcher m = match(source, snippet);
        return m == null ? -1 : lineAt(source, m.start());
    }

    /** The text of 1-based line {@code n}. */
    static String line(String source, int n) {
        return source.split("\n", -1)[n - 1];
    }

    /** The 1-based line where a method {@code name} is declared (a line with a type, the name and a parenthesis), or -1. */
    static int declaration(String source, String name) {
        Pattern declared = Pattern.compile("^\\s*(?:(?:public|protected|private|static|final|synchronized)\\s+)*"
                + "[\\w$<>\\[\\], .?]+\\s+" + Pattern.quote(name) + "\\s*\\(");
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (declared.matcher(lines[i]).find()) {
                return i + 1;
            }
        }
        return -1;
    }

    /** {@code source} with {@code from} (found as {@link #find} does) replaced by {@code to}; null when not there once. */
    static String replace(String source, String from, String to) {
        Matcher m = match(source, from);
        return m == null ? null : source.substring(0, m.start()) + withoutComments(to).strip() + source.substring(m.end());
    }

    /** The one match of {@code snippet} in {@code source}, or null when there is none or more than one. */
    private static Matcher match(String source, String snippet) {
        if (snippet == null || snippet.isBlank()) {
            return null;
        }
        Matcher m = pattern(snippet).matcher(source);
        if (!m.find()) {
            return null;
        }
        Matcher again = pattern(snippet).matcher(source);
        return again.find(m.start() + 1) ? null : m;     // twice: cannot tell which
    }

    private static Pattern pattern(String snippet) {
        String code = withoutComments(snippet).strip();
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (Character.isWhitespace(c)) {
                while (i + 1 < code.length() && Character.isWhitespace(code.charAt(i + 1))) {
                    i++;
                }
                regex.append(GAP);
            } else {
                if (i > 0 && !Character.isWhitespace(code.charAt(i - 1)) && !Character.isLetterOrDigit(c)) {
                    regex.append("[ \\t]*");            // "f(a,b)" in the file for "f(a, b)" in the snippet
                }
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    /** The text with each line's trailing {@code //} comment dropped (when the line has no string literal before it). */
    static String withoutComments(String text) {
        StringBuilder out = new StringBuilder();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int comment = line.indexOf("//");
            if (comment >= 0 && !line.substring(0, comment).contains("\"")) {
                line = line.substring(0, comment).stripTrailing();
            }
            out.append(line).append(i == lines.length - 1 ? "" : "\n");
        }
        return out.toString();
    }

    private static int lineAt(String source, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (source.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}

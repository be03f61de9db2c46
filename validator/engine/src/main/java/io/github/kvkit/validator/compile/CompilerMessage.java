package io.github.kvkit.validator.compile;

import javax.tools.Diagnostic;
import java.util.Locale;

/**
 * One javac diagnostic, detached from javac.
 *
 * @param kind       error, warning, note, ...
 * @param path       the source file as the user gave it
 * @param line       1-based line, or 0 when the diagnostic has no position
 * @param column     1-based column in characters (a tab counts as one), or 0 when unknown
 * @param message    javac's message; may span several lines ({@code symbol:}, {@code location:})
 * @param sourceLine the text of {@code line} without its line terminator, or {@code null}
 */
public record CompilerMessage(Diagnostic.Kind kind, String path, long line, long column, String message,
                              String sourceLine) {

    /** Whether this is an error. */
    public boolean isError() {
        return kind == Diagnostic.Kind.ERROR;
    }

    /**
     * As javac prints it, with the column added: {@code path:line:col: error: message}, then the source
     * line and a caret under the column, then the rest of a multi-line message.
     */
    public String format() {
        String[] lines = message.split("\\R", -1);
        StringBuilder sb = new StringBuilder(path);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        sb.append(": ").append(label()).append(": ").append(lines[0]);
        if (sourceLine != null && line > 0) {
            sb.append('\n').append(sourceLine);
            if (column > 0) {
                sb.append('\n');
                // copy tabs so that the caret lines up in a terminal, as javac does
                for (int i = 0; i < column - 1 && i < sourceLine.length(); i++) {
                    sb.append(sourceLine.charAt(i) == '\t' ? '\t' : ' ');
                }
                for (long i = sourceLine.length(); i < column - 1; i++) {
                    sb.append(' ');
                }
                sb.append('^');
            }
        }
        for (int i = 1; i < lines.length; i++) {
            sb.append('\n').append(lines[i]);
        }
        return sb.toString();
    }

    private String label() {
        return switch (kind) {
            case ERROR -> "error";
            case WARNING, MANDATORY_WARNING -> "warning";
            default -> kind.name().toLowerCase(Locale.ROOT);
        };
    }
}

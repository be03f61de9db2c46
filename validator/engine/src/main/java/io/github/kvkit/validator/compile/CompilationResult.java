package io.github.kvkit.validator.compile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What compiling one candidate file produced.
 *
 * @param success     javac accepted the file (no errors, no timeout)
 * @param classes     binary name ({@code a.b.Outer$Inner}) to class-file bytes, in the order javac wrote them;
 *                    empty on failure
 * @param diagnostics every diagnostic javac reported (errors, warnings, notes), in order; on a timeout, one
 *                    error saying so
 * @param timedOut    compilation was abandoned because it took longer than the timeout
 */
public record CompilationResult(boolean success, Map<String, byte[]> classes, List<CompilerMessage> diagnostics,
                                boolean timedOut) {

    public CompilationResult {
        classes = Collections.unmodifiableMap(new LinkedHashMap<>(classes));
        diagnostics = List.copyOf(diagnostics);
    }

    /** The errors only. */
    public List<CompilerMessage> errors() {
        return diagnostics.stream().filter(CompilerMessage::isError).toList();
    }

    /**
     * Every error as javac would print it, {@code path:line:col: error: message}, the source line and a caret
     * under the column; errors are separated by a newline. Empty when there are none.
     */
    public String formattedErrors() {
        return errors().stream().map(CompilerMessage::format).collect(Collectors.joining("\n"));
    }
}

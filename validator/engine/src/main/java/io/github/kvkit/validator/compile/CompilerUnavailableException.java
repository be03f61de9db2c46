package io.github.kvkit.validator.compile;

/**
 * This Java runtime has no compiler ({@code javax.tools.ToolProvider.getSystemJavaCompiler()} is
 * {@code null}): kvkit was started with a JRE rather than a JDK. The message says so in one line.
 */
public final class CompilerUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CompilerUnavailableException(String javaHome) {
        super("kvkit needs a JDK 17+ (javac), but this Java runtime has no compiler: " + javaHome);
    }
}

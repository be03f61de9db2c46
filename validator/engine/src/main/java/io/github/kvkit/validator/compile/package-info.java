/**
 * Compiling a student's single Java file in memory.
 *
 * <p>{@link io.github.kvkit.validator.compile.InMemoryCompiler} runs the JDK's javac on the file against the
 * {@link io.github.kvkit.validator.compile.CandidateClasspath candidate class path} (ND4J, the contract and the
 * seeded data; never the reference or the validator) and returns a
 * {@link io.github.kvkit.validator.compile.CompilationResult}: class bytes by binary name, or errors formatted
 * like javac's ({@code path:line:col: error: message}, source line, caret). The next step is
 * {@code io.github.kvkit.validator.load.CandidateLoader}.
 */
package io.github.kvkit.validator.compile;

package io.github.kvkit.validator.load;

import io.github.kvkit.tracks.kv.harness.KvHarness;
import io.github.kvkit.validator.compile.CandidateClasspath;
import io.github.kvkit.validator.compile.CompilationResult;
import io.github.kvkit.validator.compile.InMemoryCompiler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The sample candidate files under {@code src/test/resources/candidates/}, compiled and loaded. */
public final class Candidates {

    private Candidates() {
    }

    /** The sample file, e.g. {@code "valid/LoopAttention.java"}. */
    public static Path file(String relative) {
        URL url = Candidates.class.getResource("/candidates/" + relative);
        if (url == null) {
            throw new IllegalArgumentException("no sample candidate " + relative);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static CompilationResult compile(Path file) {
        try {
            return new InMemoryCompiler().compile(file, CandidateClasspath.current());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compiles a sample that must compile. */
    public static CompilationResult compile(String relative) {
        CompilationResult result = compile(file(relative));
        if (!result.success()) {
            throw new AssertionError(relative + " should compile:\n" + result.formattedErrors());
        }
        return result;
    }

    /** Compiles and loads a sample that must compile. */
    public static LoadedCandidate load(String relative) throws ContractViolation {
        return new CandidateLoader(new KvHarness()).load(compile(relative), file(relative));
    }
}

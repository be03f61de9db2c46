package io.github.kvkit.validator.compile;

import io.github.kvkit.validator.load.Candidates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InMemoryCompilerTest {

    @TempDir
    Path tmp;

    private static CompilationResult compile(Path file) throws IOException {
        return new InMemoryCompiler().compile(file, CandidateClasspath.current());
    }

    @Test
    void validCandidateCompilesToClassBytesInMemory() throws IOException {
        CompilationResult result = compile(Candidates.file("valid/LoopAttention.java"));

        assertTrue(result.success(), result.formattedErrors());
        assertEquals("", result.formattedErrors());
        assertEquals(java.util.Set.of("LoopAttention"), result.classes().keySet());
        byte[] bytes = result.classes().get("LoopAttention");
        assertEquals(0xCAFEBABE, java.nio.ByteBuffer.wrap(bytes).getInt());
    }

    @Test
    void nestedClassesAndRecordsYieldOneEntryEachUnderTheirBinaryNames() throws IOException {
        CompilationResult result = compile(Candidates.file("valid/PackagedAttention.java"));

        assertTrue(result.success(), result.formattedErrors());
        assertTrue(result.classes().keySet().containsAll(java.util.List.of("edu.example.student.PackagedAttention",
                "edu.example.student.PackagedAttention$Projection", "edu.example.student.PackagedAttention$Dims",
                "edu.example.student.PackagedAttention$NDArrayIndexRange")), result.classes().keySet().toString());
    }

    @Test
    void fileNameNeedNotMatchThePublicClassName() throws IOException {
        CompilationResult result = compile(Candidates.file("hostile/ShadowsReference.java"));

        assertTrue(result.success(), result.formattedErrors());
        assertEquals(java.util.Set.of("io.github.kvkit.attention.KVCachedMultiHeadAttention"), result.classes().keySet());
    }

    @Test
    void compileErrorIsFormattedLikeJavacWithPathLineColumnSourceLineAndCaret() throws IOException {
        Path broken = Candidates.file("compile-error/Broken.java");

        CompilationResult result = compile(broken);

        assertFalse(result.success());
        assertTrue(result.classes().isEmpty());
        assertEquals(broken + ":12:14: error: incompatible types: String cannot be converted to int\n"
                + "\tint width = \"sixteen\";\n"
                + "\t            ^", result.formattedErrors());
    }

    @Test
    void multiLineMessagesPutTheDetailsAfterTheCaret() throws IOException {
        Path file = write("Candidate.java", "public class Candidate {\n    Missing m;\n}\n");

        String errors = compile(file).formattedErrors();

        assertTrue(errors.startsWith(file + ":2:5: error: cannot find symbol\n    Missing m;\n    ^\n"), errors);
        assertTrue(errors.contains("symbol:   class Missing"), errors);
    }

    @Test
    void secondPublicClassIsJavacsUsualError() throws IOException {
        Path file = write("Two.java", "public class First {}\npublic class Second {}\n");

        CompilationResult result = compile(file);

        assertFalse(result.success());
        assertTrue(result.formattedErrors().contains(":2:8: error: class Second is public, should be declared in a"
                + " file named Second.java"), result.formattedErrors());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"io.github.kvkit.attention.KVCachedMultiHeadAttention",
            "io.github.kvkit.validator.load.CandidateLoader", "picocli.CommandLine",
            "com.fasterxml.jackson.databind.ObjectMapper", "org.junit.jupiter.api.Test"})
    void referenceValidatorAndValidatorLibrariesAreNotOnTheCompileClasspath(String hidden) throws IOException {
        Path file = write("Peek.java", "public class Peek { Object o = " + hidden + ".class; }\n");

        CompilationResult result = compile(file);

        assertFalse(result.success(), hidden + " should not be visible");
    }

    @Test
    void contractSeededDataAndNd4jAreOnTheCompileClasspath() throws IOException {
        Path file = write("Uses.java", "public class Uses { Object[] o = {io.github.kvkit.api.CachedAttention.class,"
                + " io.github.kvkit.data.SeededArrays.class, org.nd4j.linalg.factory.Nd4j.class}; }\n");

        CompilationResult result = compile(file);

        assertTrue(result.success(), result.formattedErrors());
    }

    @Test
    void sourceThatIsNotUtf8IsAnErrorAtTheBadByte() throws IOException {
        Path file = tmp.resolve("Latin.java");
        Files.write(file, "public class Latin {\n  // caf\u00e9\n}\n".getBytes(StandardCharsets.ISO_8859_1));

        CompilationResult result = compile(file);

        assertFalse(result.success());
        assertTrue(result.formattedErrors().startsWith(file + ":2:9: error: unmappable character (0xE9) for"
                + " encoding UTF-8"), result.formattedErrors());
    }

    @Test
    void leadingByteOrderMarkIsIgnored() throws IOException {
        Path file = write("Bom.java", "\uFEFFpublic class Bom {}\n");

        assertTrue(compile(file).success());
    }

    @Test
    void missingFileRaisesNoSuchFileException() {
        assertThrows(NoSuchFileException.class, () -> compile(tmp.resolve("Nope.java")));
    }

    @Test
    void compilationBeyondTheTimeoutIsAFailureSayingSo() throws IOException {
        Path file = Candidates.file("valid/LoopAttention.java");

        CompilationResult result = new InMemoryCompiler().compile(file, CandidateClasspath.current(),
                Duration.ofMillis(1));

        assertFalse(result.success());
        assertTrue(result.timedOut());
        assertEquals(file + ": error: compilation did not finish within 1 ms and was abandoned",
                result.formattedErrors());
    }

    @Test
    void runtimeWithoutCompilerRaisesCompilerUnavailableExceptionNamingJavaHome() {
        InMemoryCompiler noJavac = new InMemoryCompiler(() -> null);

        CompilerUnavailableException e = assertThrows(CompilerUnavailableException.class,
                () -> noJavac.compile(Candidates.file("valid/LoopAttention.java"), CandidateClasspath.current()));
        assertEquals("kvkit needs a JDK 17+ (javac), but this Java runtime has no compiler: "
                + System.getProperty("java.home"), e.getMessage());
    }

    @Test
    void publicClassScanIgnoresCommentsLiteralsAndNestedTypes() {
        assertEquals("Real", InMemoryCompiler.publicTopLevelName(
                "// public class Comment {}\n/* public class Block {} */\n"
                        + "class Helper { public static class Nested {} String s = \"public class Str {}\"; }\n"
                        + "@SuppressWarnings(\"x\") final public class Real implements Runnable { public void run() {} }"));
        assertEquals("Rec", InMemoryCompiler.publicTopLevelName("package a.b;\npublic record Rec(int x) {}"));
        assertEquals("Sealed", InMemoryCompiler.publicTopLevelName("public sealed abstract class Sealed permits X {}"));
        assertNull(InMemoryCompiler.publicTopLevelName("class OnlyPackagePrivate {}"));
    }

    @Test
    void qualifiedNamesInMessagesAreShortenedUnlessAmbiguousAsJavacPrintsThem() {
        assertEquals("incompatible types: java.util.List<String> cannot be converted to java.awt.List",
                InMemoryCompiler.simplifyNames("incompatible types: java.util.List<java.lang.String> cannot be"
                        + " converted to java.awt.List"));
        assertEquals("package io.github.kvkit.attention does not exist",
                InMemoryCompiler.simplifyNames("package io.github.kvkit.attention does not exist"));
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text, StandardCharsets.UTF_8);
    }
}

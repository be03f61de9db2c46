package io.github.kvkit.validator.load;

import io.github.kvkit.api.AttentionResult;
import io.github.kvkit.api.AttentionWeights;
import io.github.kvkit.api.CachedAttention;
import io.github.kvkit.attention.KVCachedMultiHeadAttention;
import io.github.kvkit.data.SeededArrays;
import io.github.kvkit.tracks.kv.harness.KvHarness;
import io.github.kvkit.validator.compile.CompilationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.io.IOException;
import java.lang.reflect.UndeclaredThrowableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CandidateLoaderTest {

    private static final String REFERENCE = "io.github.kvkit.attention.KVCachedMultiHeadAttention";

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"valid/LoopAttention.java, LoopAttention",
            "valid/PackagedAttention.java, edu.example.student.PackagedAttention"})
    void validCandidateLoadsConstructsAndForwardReturnsBatchQueryModelShape(String file, String className)
            throws Exception {
        LoadedCandidate loaded = Candidates.load(file);
        loaded.probe();

        CachedAttention attention = (CachedAttention) loaded.newInstance(16, 4, 32);
        INDArray x = SeededArrays.uniform(3, "x", DataType.FLOAT, 1.0, 2, 3, 16);
        AttentionResult result = attention.forward(x, x, x, null, true);

        assertEquals(className, loaded.className());
        assertArrayEquals(new long[] {2, 3, 16}, result.output().shape());
        assertEquals(DataType.FLOAT, result.output().dataType());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"valid/LoopAttention.java", "valid/PackagedAttention.java"})
    void validCandidateMatchesTheReferenceOnSeededPrefillAndDecode(String file) throws Exception {
        CachedAttention candidate = (CachedAttention) Candidates.load(file).newInstance(16, 4, 12);
        for (long seed : new long[] {11, 42}) {
            KVCachedMultiHeadAttention reference = new KVCachedMultiHeadAttention(16, 4, 12);
            AttentionWeights weights = SeededArrays.attentionWeights(seed, 16, DataType.DOUBLE);
            reference.loadWeights(weights);
            candidate.loadWeights(weights);

            INDArray prompt = SeededArrays.uniform(seed, "prompt", DataType.DOUBLE, 1.0, 2, 5, 16);
            AttentionResult expected = reference.forward(prompt, prompt, prompt, null, true);
            AttentionResult actual = candidate.forward(prompt, prompt, prompt, null, true);
            assertClose(expected, actual);

            for (int step = 0; step < 2; step++) {
                INDArray token = SeededArrays.uniform(seed, "token" + step, DataType.DOUBLE, 1.0, 2, 1, 16);
                AttentionResult e = reference.forward(token, token, token, expected.cache(), true);
                AttentionResult a = candidate.forward(token, token, token, actual.cache(), true);
                assertClose(e, a);
                expected = e;
                actual = a;
            }

            INDArray query = SeededArrays.uniform(seed, "query", DataType.DOUBLE, 1.0, 2, 3, 16);
            INDArray memory = SeededArrays.uniform(seed, "memory", DataType.DOUBLE, 1.0, 2, 4, 16);
            assertClose(reference.forward(query, memory, memory, null, false),
                    candidate.forward(query, memory, memory, null, false));
        }
    }

    @Test
    void loopAttentionRefusesTheContractsBadInputsWithIllegalArgumentException() throws Exception {
        LoadedCandidate loaded = Candidates.load("valid/LoopAttention.java");
        CachedAttention attention = (CachedAttention) loaded.newInstance(8, 2, 4);
        INDArray x = SeededArrays.uniform(1, "x", DataType.FLOAT, 1.0, 1, 3, 8);
        INDArray wide = SeededArrays.uniform(1, "w", DataType.FLOAT, 1.0, 1, 3, 9);
        INDArray longer = SeededArrays.uniform(1, "l", DataType.FLOAT, 1.0, 1, 5, 8);
        INDArray two = SeededArrays.uniform(1, "t", DataType.FLOAT, 1.0, 1, 2, 8);

        assertThrows(IllegalArgumentException.class, () -> loaded.newInstance(10, 4, 4));
        assertThrows(IllegalArgumentException.class, () -> loaded.newInstance(8, 0, 4));
        assertThrows(IllegalArgumentException.class, () -> attention.loadWeights(null));
        assertThrows(IllegalArgumentException.class, () -> attention.forward(null, x, x, null, false));
        assertThrows(IllegalArgumentException.class, () -> attention.forward(wide, x, x, null, false));
        assertThrows(IllegalArgumentException.class, () -> attention.forward(x, longer, longer, null, false));
        assertThrows(IllegalArgumentException.class, () -> attention.forward(x, two, two, null, true));
        AttentionResult first = attention.forward(x, x, x, null, false);
        assertThrows(IllegalArgumentException.class, () -> attention.forward(two, two, two, first.cache(), false));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "contract/NoPublicClass.java,       NO_PUBLIC_CLASS,      class NoPublicClass implements io.github.kvkit.api.CachedAttention but is not public",
            "contract/NotCachedAttention.java,  NOT_CACHED_ATTENTION, class NotCachedAttention does not implement io.github.kvkit.api.CachedAttention (expected: public class NotCachedAttention implements CachedAttention)",
            "contract/NestedImplementation.java, NOT_CACHED_ATTENTION, the nested class NestedImplementation.Impl does",
            "contract/AbstractClass.java,       ABSTRACT,             class AbstractClass is abstract",
            "contract/AttentionInterface.java,  NOT_A_CLASS,          AttentionInterface is an interface",
            "contract/NoSizeConstructor.java,   NO_CONSTRUCTOR,       'has no public constructor NoSizeConstructor(int dModel, int numHeads, int maxCacheLen) (found: public NoSizeConstructor(int, int), private NoSizeConstructor(int, int, int))'"})
    void contractSampleIsRefusedWithItsKindAndAMessageNamingFileAndClass(String file, ContractViolation.Kind kind,
                                                                          String fragment) {
        ContractViolation v = assertThrows(ContractViolation.class, () -> Candidates.load(file));

        assertEquals(kind, v.kind(), v.getMessage());
        assertTrue(v.getMessage().startsWith(Candidates.file(file) + ": "), v.getMessage());
        assertTrue(v.getMessage().contains(fragment), v.getMessage());
    }

    @Test
    void throwingConstructorIsCaughtByTheProbeWithExceptionMessageAndLine() throws Exception {
        LoadedCandidate loaded = Candidates.load("contract/ConstructorThrows.java");

        ContractViolation v = assertThrows(ContractViolation.class, loaded::probe);

        assertEquals(ContractViolation.Kind.CONSTRUCTOR_THROWS, v.kind());
        assertTrue(v.getMessage().contains("new ConstructorThrows(16, 4, 32) threw java.lang.IllegalStateException:"
                + " not implemented yet (at ConstructorThrows.java:11)"), v.getMessage());
        assertInstanceOf(IllegalStateException.class, v.getCause());
    }

    @Test
    void newInstanceRethrowsTheCandidatesOwnException() throws Exception {
        LoadedCandidate loaded = Candidates.load("contract/ConstructorThrows.java");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loaded.newInstance(16, 4, 32));
        assertEquals("not implemented yet", e.getMessage());
    }

    @Test
    void checkedConstructorExceptionIsWrappedByNewInstanceButThrownAsIsByConstruct() throws Exception {
        Path file = Files.writeString(tmp.resolve("Checked.java"), """
                public class Checked implements io.github.kvkit.api.CachedAttention {
                    public Checked(int dModel, int numHeads, int maxCacheLen) throws Exception {
                        throw new java.io.IOException("weights file missing");
                    }
                    public void loadWeights(io.github.kvkit.api.AttentionWeights w) {}
                    public io.github.kvkit.api.AttentionResult forward(org.nd4j.linalg.api.ndarray.INDArray q,
                            org.nd4j.linalg.api.ndarray.INDArray k, org.nd4j.linalg.api.ndarray.INDArray v,
                            io.github.kvkit.api.KVCache c, boolean causal) { return null; }
                }
                """);
        LoadedCandidate loaded = new CandidateLoader(new KvHarness()).load(Candidates.compile(file), file);

        UndeclaredThrowableException wrapped = assertThrows(UndeclaredThrowableException.class,
                () -> loaded.newInstance(16, 4, 32));
        assertInstanceOf(IOException.class, wrapped.getCause());
        IOException own = assertThrows(IOException.class, () -> loaded.construct(16, 4, 32));
        assertEquals("weights file missing", own.getMessage());
    }

    @Test
    void throwingStaticInitializerIsCaughtByTheProbe() throws Exception {
        LoadedCandidate loaded = Candidates.load("contract/StaticInitFails.java");

        ContractViolation v = assertThrows(ContractViolation.class, loaded::probe);

        assertEquals(ContractViolation.Kind.STATIC_INIT_FAILED, v.kind());
        assertTrue(v.getMessage().contains("the static initializer of class StaticInitFails threw"
                + " java.lang.NumberFormatException: For input string: \"four\" (at StaticInitFails.java:10)"),
                v.getMessage());
    }

    @Test
    void constructorThatNeverReturnsTimesOut() throws Exception {
        Path file = Files.writeString(tmp.resolve("Sleeper.java"), """
                public class Sleeper implements io.github.kvkit.api.CachedAttention {
                    public Sleeper(int dModel, int numHeads, int maxCacheLen) throws InterruptedException {
                        Thread.sleep(Long.MAX_VALUE);
                    }
                    public void loadWeights(io.github.kvkit.api.AttentionWeights w) {}
                    public io.github.kvkit.api.AttentionResult forward(org.nd4j.linalg.api.ndarray.INDArray q,
                            org.nd4j.linalg.api.ndarray.INDArray k, org.nd4j.linalg.api.ndarray.INDArray v,
                            io.github.kvkit.api.KVCache c, boolean causal) { return null; }
                }
                """);
        LoadedCandidate loaded = new CandidateLoader(new KvHarness()).load(Candidates.compile(file), file);

        ContractViolation v = assertThrows(ContractViolation.class, () -> loaded.probe(Duration.ofMillis(300)));

        assertEquals(ContractViolation.Kind.CONSTRUCTOR_TIMEOUT, v.kind());
        assertTrue(v.getMessage().contains("new Sleeper(16, 4, 32) did not return within 300 ms"), v.getMessage());
    }

    @Test
    void candidateCannotSeeTheReferenceOrTheValidator() throws Exception {
        LoadedCandidate loaded = Candidates.load("hostile/FindsReference.java");

        assertDoesNotThrow(() -> loaded.probe());
        ClassLoader candidateLoader = loaded.classLoader();
        assertThrows(ClassNotFoundException.class, () -> Class.forName(REFERENCE, false, candidateLoader));
        assertNull(candidateLoader.getResource(REFERENCE.replace('.', '/') + ".class"));
    }

    @Test
    void candidateNamedLikeTheReferenceLoadsItsOwnClass() throws Exception {
        LoadedCandidate loaded = Candidates.load("hostile/ShadowsReference.java");

        assertEquals(REFERENCE, loaded.className());
        assertNotSame(KVCachedMultiHeadAttention.class, loaded.type());
        assertInstanceOf(CandidateClassLoader.class, loaded.type().getClassLoader());
        assertEquals("candidate", loaded.type().getField("ORIGIN").get(null));
        CachedAttention instance = (CachedAttention) loaded.newInstance(16, 4, 32);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> instance.forward(null, null, null, null, false));
        assertEquals("shadow", e.getMessage());
    }

    @Test
    void everyLoadUsesAFreshClassLoader() throws Exception {
        CompilationResult compiled = Candidates.compile("valid/LoopAttention.java");
        Path file = Candidates.file("valid/LoopAttention.java");

        LoadedCandidate first = new CandidateLoader(new KvHarness()).load(compiled, file);
        LoadedCandidate second = new CandidateLoader(new KvHarness()).load(compiled, file);

        assertNotSame(first.type(), second.type());
        assertNotSame(first.classLoader(), second.classLoader());
    }

    @Test
    void candidateClassFilesAreReadableAsResourcesOfTheirLoader() throws Exception {
        LoadedCandidate loaded = Candidates.load("valid/PackagedAttention.java");

        try (var in = loaded.classLoader().getResourceAsStream("edu/example/student/PackagedAttention$Dims.class")) {
            assertEquals(0xCA, in.read());
        }
    }

    @Test
    void failedCompilationCannotBeLoaded() throws IOException {
        CompilationResult broken = Candidates.compile(Candidates.file("compile-error/Broken.java"));

        assertThrows(IllegalArgumentException.class,
                () -> new CandidateLoader(new KvHarness()).load(broken, Candidates.file("compile-error/Broken.java")));
    }

    private static void assertClose(AttentionResult expected, AttentionResult actual) {
        assertClose("output", expected.output(), actual.output());
        assertClose("cache.key", expected.cache().key(), actual.cache().key());
        assertClose("cache.value", expected.cache().value(), actual.cache().value());
        assertClose("attentionWeights", expected.attentionWeights(), actual.attentionWeights());
    }

    private static void assertClose(String what, INDArray expected, INDArray actual) {
        assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        double diff = Transforms.abs(expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)))
                .maxNumber().doubleValue();
        assertTrue(diff <= 1e-9, what + " differs by " + diff);
    }
}

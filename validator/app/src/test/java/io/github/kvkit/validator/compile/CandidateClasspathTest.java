package io.github.kvkit.validator.compile;

import io.github.kvkit.api.CachedAttention;
import io.github.kvkit.attention.KVCachedMultiHeadAttention;
import io.github.kvkit.harness.child.ChildMain;
import io.github.kvkit.validator.load.CandidateLoader;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CandidateClasspathTest {

    private final CandidateClasspath cp = CandidateClasspath.current();

    @Test
    void isComputedOncePerJvm() {
        assertSame(cp, CandidateClasspath.current());
    }

    @Test
    void theContractsComeFirstAndKvAttentionsIsItsOwnModuleWithApiAndDataButNotTheReference() throws Exception {
        Path kvContract = Path.of(CachedAttention.class.getProtectionDomain().getCodeSource().getLocation().toURI());

        assertEquals(cp.contractEntries(), cp.entries().subList(0, cp.contractEntries().size()));
        assertTrue(cp.contractEntries().contains(kvContract), "the kv-attention-api module itself: " + cp.contractEntries());
        assertTrue(contains(kvContract, "io/github/kvkit/api/CachedAttention.class"));
        assertTrue(contains(kvContract, "io/github/kvkit/api/AttentionWeights.class"));
        assertTrue(contains(kvContract, "io/github/kvkit/data/SeededArrays.class"));
        for (Path entry : cp.contractEntries()) {
            assertFalse(contains(entry, "io/github/kvkit/attention/"), entry.toString());
            assertFalse(contains(entry, "io/github/kvkit/validator/"), entry.toString());
        }
    }

    @Test
    void noOtherEntryHoldsValidatorReferenceOrTestClasses() throws Exception {
        Path validator = Path.of(CandidateLoader.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path tests = Path.of(CandidateClasspathTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());

        for (Path entry : cp.libraryEntries()) {
            assertFalse(entry.equals(validator) || entry.equals(tests), entry.toString());
            assertFalse(holdsKvkit(entry), entry + " holds io/github/kvkit classes");
        }
        assertEquals(cp.entries().subList(cp.contractEntries().size(), cp.entries().size()), cp.libraryEntries());
    }

    @Test
    void theChildAddsTheHarnessModulesButNeitherTheEngineNorTheReference() throws Exception {
        Path validator = Path.of(CandidateLoader.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path reference = Path.of(KVCachedMultiHeadAttention.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path harness = Path.of(ChildMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());

        assertEquals(cp.entries(), cp.childEntries().subList(0, cp.entries().size()));
        assertTrue(cp.harnessEntries().contains(harness), cp.harnessEntries().toString());
        assertFalse(cp.childEntries().contains(validator));
        assertFalse(cp.childEntries().contains(reference));
        for (Path entry : cp.harnessEntries()) {
            assertFalse(contains(entry, "io/github/kvkit/attention/"), entry.toString());
            assertFalse(contains(entry, "io/github/kvkit/validator/"), entry.toString());
        }
    }

    @Test
    void keepsNd4jAndItsShadedJacksonButDropsValidatorOnlyLibraries() {
        String names = cp.entries().stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(" "));

        assertTrue(names.contains("nd4j-api-"), names);
        assertTrue(names.contains("nd4j-native-"), names);
        assertTrue(names.contains("slf4j-api-"), names);
        assertTrue(names.contains("jackson-1.0.0"), "ND4J's shaded jackson must stay: " + names);
        for (String dropped : new String[] {"picocli", "json-schema-validator", "jackson-databind", "jackson-core-",
                "junit", "opentest4j", "surefire"}) {
            assertFalse(names.contains(dropped), dropped + " should be dropped: " + names);
        }
    }

    @Test
    void pathStringJoinsTheEntriesWithThePathSeparator() {
        assertEquals(cp.entries().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)),
                cp.asPathString());
    }

    @Test
    void exportPackagesCopiesOnlyTheGivenPackagesClassFiles() {
        Path dir = CandidateClasspath.exportPackages(CandidateLoader.class);

        assertTrue(Files.isRegularFile(dir.resolve("io/github/kvkit/validator/load/CandidateLoader.class")));
        assertFalse(Files.exists(dir.resolve("io/github/kvkit/validator/compile")));
        assertFalse(Files.exists(dir.resolve("io/github/kvkit/attention")));
    }

    private static boolean contains(Path entry, String name) throws IOException {
        if (Files.isDirectory(entry)) {
            return Files.exists(entry.resolve(name));
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            return jar.stream().anyMatch(e -> e.getName().startsWith(name));
        }
    }

    private static boolean holdsKvkit(Path entry) throws IOException {
        if (Files.isDirectory(entry)) {
            return Files.exists(entry.resolve("io/github/kvkit"));
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            return jar.stream().anyMatch(e -> e.getName().startsWith("io/github/kvkit/"));
        }
    }
}

package io.github.kvkit.validator.load;

import io.github.kvkit.api.CachedAttention;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IsolatingClassLoaderTest {

    private final IsolatingClassLoader loader = new IsolatingClassLoader(getClass().getClassLoader());

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"io.github.kvkit.attention.KVCachedMultiHeadAttention",
            "io.github.kvkit.validator.load.CandidateLoader", "io.github.kvkit.Anything", "picocli.CommandLine",
            "com.fasterxml.jackson.databind.ObjectMapper", "org.junit.jupiter.api.Test"})
    void hidesReferenceValidatorAndValidatorOnlyLibraries(String name) {
        assertTrue(IsolatingClassLoader.isHiddenClass(name));
        assertThrows(ClassNotFoundException.class, () -> Class.forName(name, false, loader));
        assertNull(loader.getResource(name.replace('.', '/') + ".class"));
    }

    @Test
    void sharesTheContractDataAndNd4jWithTheValidator() throws Exception {
        assertSame(CachedAttention.class, Class.forName("io.github.kvkit.api.CachedAttention", false, loader));
        assertFalse(IsolatingClassLoader.isHiddenClass("io.github.kvkit.data.SeededArrays"));
        assertFalse(IsolatingClassLoader.isHiddenClass("org.nd4j.linalg.factory.Nd4j"));
        assertFalse(IsolatingClassLoader.isHiddenClass("org.nd4j.shade.jackson.databind.ObjectMapper"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/io/github/kvkit/attention/KVCachedMultiHeadAttention.class",
            "io/github/kvkit/api/../attention/KVCachedMultiHeadAttention.class",
            "IO/GitHub/KVKit/Attention/KVCachedMultiHeadAttention.class", "io/github/kvkit/attention/",
            "io\\github\\kvkit\\attention\\KVCachedMultiHeadAttention.class"})
    void hiddenResourcesCannotBeReachedThroughOtherSpellings(String name) throws Exception {
        assertTrue(IsolatingClassLoader.isHiddenResource(name));
        assertNull(loader.getResource(name));
        assertFalse(loader.getResources(name).hasMoreElements());
    }
}
